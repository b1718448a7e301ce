package org.faasgrip.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
 * Reading a Lambda event: {@code LambdaEvent.parse} (the library's own JSON cursor, the request built), next to
 * the floor of reading it with jackson-core's streaming parser, which the library used before: every token of
 * the event, and nothing built of them. The measurement behind that choice in docs/decisions.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class EventReadBenchmark {
  private static final JsonFactory JSON = new JsonFactory();

  /** The event, one of the reference's three. */
  @Param({"lambda-open", "lambda-messages", "lambda-close"})
  public String event;

  /** Its payload shape. */
  @Param({"V1", "V2", "ALB"})
  public EventShapes.Shape shape;

  private byte[] json;

  /** For JMH. */
  public EventReadBenchmark() {}

  /** Reads the workload. */
  @Setup
  public void setUp() {
    json = Workloads.read(shape.fileName(event));
  }

  /**
   * Reads the event into a request, as a stream handler does.
   *
   * @return the event
   */
  @Benchmark
  public LambdaEvent lambdaEvent() {
    return LambdaEvent.parse(json);
  }

  /**
   * Walks every token of the event with jackson-core and builds nothing.
   *
   * @return the number of tokens
   * @throws IOException never: the input is in memory
   */
  @Benchmark
  public int jacksonTokens() throws IOException {
    int tokens = 0;
    try (JsonParser p = JSON.createParser(json)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        tokens++;
      }
    }
    return tokens;
  }
}
