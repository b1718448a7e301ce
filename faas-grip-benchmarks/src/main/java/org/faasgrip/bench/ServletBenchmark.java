package org.faasgrip.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The servlet adapter's full invocation ({@link ServletInvoker}: servlet request in, {@code GripServlet},
 * the chat's context, servlet response out) beside the Lambda stream handler's ({@link ChatInvoker}: event JSON
 * in, response JSON out) on the same three events, in the same run, publishing counted on both sides.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ServletBenchmark {
  /** The event: {@code lambda-open}, {@code lambda-messages} (nine messages) or {@code lambda-close}. */
  @Param({"lambda-open", "lambda-messages", "lambda-close"})
  public String event;

  private ServletInvoker servlet;
  private ChatInvoker lambda;
  private byte[] json;

  /** Made by JMH, once per fork; the state is built in the {@code @Setup} method. */
  public ServletBenchmark() {}

  /** Reads the event and makes both handlers; each must answer 200. */
  @Setup
  public void setUp() {
    json = Workloads.read(event + ".json");
    servlet = new ServletInvoker(json);
    lambda = new ChatInvoker();
    String answer = new String(servlet.invoke(), StandardCharsets.ISO_8859_1);
    if (!answer.startsWith("200")) {
      throw new IllegalStateException("the servlet did not answer 200 to " + event + ": " + answer);
    }
    if (!new String(lambda.invoke(json), StandardCharsets.UTF_8).startsWith("{\"statusCode\":200")) {
      throw new IllegalStateException("the stream handler did not answer 200 to " + event);
    }
  }

  /**
   * One invocation of the servlet chat.
   *
   * @return what it wrote
   */
  @Benchmark
  public byte[] servlet() {
    return servlet.invoke();
  }

  /**
   * One invocation of the Lambda {@code ChatStreamHandler} on {@code GripStreamHandler}, for comparison.
   *
   * @return the response JSON
   */
  @Benchmark
  public byte[] lambdaStreamHandler() {
    return lambda.invoke(json);
  }
}
