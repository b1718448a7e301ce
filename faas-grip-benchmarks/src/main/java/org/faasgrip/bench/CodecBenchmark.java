package org.faasgrip.bench;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.faasgrip.websocket.WebSocketEvent;
import org.faasgrip.websocket.WebSocketEventDecoder;
import org.faasgrip.websocket.WebSocketEventEncoder;
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
 * The WebSocket-over-HTTP codec on the three shared workloads. {@link #roundTrip()} is what the reference's
 * {@code bench.mjs codec} measures (decode, then encode the events again); the other two split it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CodecBenchmark {
  /** The workload: {@code ws-small}, {@code ws-batch} or {@code ws-large} (see {@link Workloads#CODEC}). */
  @Param({"ws-small", "ws-batch", "ws-large"})
  public String workload;

  /** Made by JMH, once per fork; the state is built in the {@code @Setup} method. */
  public CodecBenchmark() {}

  private byte[] body;
  private List<WebSocketEvent> events;

  /** Reads the workload and checks that the round trip gives back the same bytes, as the reference does. */
  @Setup
  public void setUp() {
    body = Workloads.read(workload + ".bin");
    events = WebSocketEventDecoder.decode(body);
    if (!Arrays.equals(WebSocketEventEncoder.encode(events), body)) {
      throw new IllegalStateException("round trip of " + workload + " differs from its input");
    }
  }

  /**
   * Decodes the body, then encodes the events again.
   *
   * @return the encoded body
   */
  @Benchmark
  public byte[] roundTrip() {
    return WebSocketEventEncoder.encode(WebSocketEventDecoder.decode(body));
  }

  /**
   * Decodes the body.
   *
   * @return the events
   */
  @Benchmark
  public List<WebSocketEvent> decode() {
    return WebSocketEventDecoder.decode(body);
  }

  /**
   * Encodes the workload's events.
   *
   * @return the encoded body
   */
  @Benchmark
  public byte[] encode() {
    return WebSocketEventEncoder.encode(events);
  }
}
