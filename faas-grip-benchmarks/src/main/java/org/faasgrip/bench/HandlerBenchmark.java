package org.faasgrip.bench;

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
 * The JavaScript faas-grip library's chat handler from event JSON to response JSON, publishing counted (see {@link ChatInvoker}), on
 * the three shared Lambda events in each of the three shapes: API Gateway REST (payload 1.0, the reference's
 * own events), HTTP API / Function URL (payload 2.0) and ALB.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class HandlerBenchmark {
  /** The event: {@code lambda-open}, {@code lambda-messages} or {@code lambda-close}. */
  @Param({"lambda-open", "lambda-messages", "lambda-close"})
  public String event;

  /** The event's shape. */
  @Param({"V1", "V2", "ALB"})
  public EventShapes.Shape shape;

  /** Made by JMH, once per fork; the state is built in the {@code @Setup} method. */
  public HandlerBenchmark() {}

  private ChatInvoker invoker;
  private byte[] json;

  /** Reads the event and makes the handler, with a counting publisher. */
  @Setup
  public void setUp() {
    json = Workloads.read(shape.fileName(event));
    invoker = new ChatInvoker();
    byte[] response = invoker.invoke(json);
    if (!new String(response, java.nio.charset.StandardCharsets.UTF_8).startsWith("{\"statusCode\":200")) {
      throw new IllegalStateException("the handler did not answer 200 to " + shape.fileName(event));
    }
  }

  /**
   * One invocation of {@code ChatStreamHandler}: parse the event, run the handler, write the response.
   *
   * @return the response JSON
   */
  @Benchmark
  public byte[] streamHandler() {
    return invoker.invoke(json);
  }
}
