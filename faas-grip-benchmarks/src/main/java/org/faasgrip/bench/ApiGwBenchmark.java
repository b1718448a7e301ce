package org.faasgrip.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.faasgrip.apigw.GripConnections;
import org.faasgrip.apigw.WebSocketApi;
import org.faasgrip.examples.apigw.PlainTextChat;
import org.faasgrip.function.Grip;
import org.faasgrip.lambda.LambdaEvent;
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
 * The API Gateway WebSocket adapter's full invocation: the event JSON read ({@link LambdaEvent}), the request
 * turned into {@code APIGatewayV2WebSocketEvent}s by {@link WebSocketApi} for {@link PlainTextChat} (the same chat
 * as the JavaScript faas-grip library's, written for API Gateway), the answer written as response JSON; beside the Lambda stream handler's
 * ({@link ChatInvoker}) on the same three events, in the same run, publishing counted on both sides.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ApiGwBenchmark {
  /** The event: {@code lambda-open}, {@code lambda-messages} (nine messages) or {@code lambda-close}. */
  @Param({"lambda-open", "lambda-messages", "lambda-close"})
  public String event;

  private WebSocketApi api;
  private ChatInvoker lambda;
  private byte[] json;

  /** Made by JMH, once per fork; the state is built in the {@code @Setup} method. */
  public ApiGwBenchmark() {}

  /** Reads the event and makes both handlers; each must answer 200. */
  @Setup
  public void setUp() {
    json = Workloads.read(event + ".json");
    api = PlainTextChat.api(GripConnections.of(Grip.builder().publishWith(new PublishCounter()).build()));
    lambda = new ChatInvoker();
    for (byte[] answer : new byte[][] {apigw(), lambda.invoke(json)}) {
      if (!new String(answer, StandardCharsets.UTF_8).startsWith("{\"statusCode\":200")) {
        throw new IllegalStateException("a handler did not answer 200 to " + event);
      }
    }
  }

  /**
   * One invocation of the chat written for API Gateway, through {@link WebSocketApi}.
   *
   * @return the response JSON
   */
  @Benchmark
  public byte[] apigw() {
    LambdaEvent e = LambdaEvent.parse(json);
    return e.respond(api.handle(e.request(), null)).toByteArray();
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
