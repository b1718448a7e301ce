package org.faasgrip.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.faasgrip.websocket.WebSocketEventDecoder;
import org.faasgrip.websocket.WebSocketEventEncoder;

/**
 * The Java twin of the reference's {@code bench.mjs}: the same modes, the same timing loop and the same JSON
 * line, with {@code "impl": "java"}, so that one script can run both and divide.
 *
 * <pre>
 * Bench codec   FILE [SECONDS]   decode + re-encode a WebSocket-over-HTTP body
 * Bench handler FILE [SECONDS]   the JavaScript faas-grip library's chat handler: event JSON in, response JSON out, publish counted
 * Bench once    FILE             one cold invocation: prints the response JSON (see {@link Once})
 * </pre>
 *
 * <p>The loop is the reference's: a warm-up of a third of the time (at most one second), then batches of 16
 * operations until the time is up; except that the warm-up goes on, up to 10 s, until HotSpot's JIT compilers
 * have been idle for a second ({@code warmup_s} in the line says how long it took). The Java line adds
 * {@code alloc_b_per_op}, the bytes the measuring thread allocated per operation, and {@code cpu_us_per_op},
 * the CPU time the measuring thread spent per operation (steadier than {@code us_per_op} on a machine shared
 * with other work).
 */
public final class Bench {
  // Each result is stored here so that the JIT cannot drop the work that made it.
  static Object sink;
  private static final long JIT_IDLE_NS = 1_000_000_000L;
  private static final long MAX_WARMUP_NS = 10_000_000_000L;

  /** One measured operation. */
  @FunctionalInterface
  interface Op {
    Object run() throws Exception;
  }

  private Bench() {}

  /**
   * Runs one mode on one file and prints its JSON line.
   *
   * @param args {@code MODE FILE [SECONDS]}
   * @throws Exception when the file cannot be read or the operation fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: Bench codec|handler|once FILE [seconds]");
      System.exit(2);
    }
    String mode = args[0];
    Path file = Path.of(args[1]);
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
    byte[] input = Files.readAllBytes(file);
    Op op;
    switch (mode) {
      case "codec":
        if (!Arrays.equals(WebSocketEventEncoder.encode(WebSocketEventDecoder.decode(input)), input)) {
          throw new IllegalStateException("round trip differs");
        }
        op = () -> WebSocketEventEncoder.encode(WebSocketEventDecoder.decode(input));
        break;
      case "handler":
        ChatInvoker invoker = new ChatInvoker();
        op = () -> invoker.invoke(input);
        break;
      case "once":
        Once.main(new String[] {args[1]});
        return;
      default:
        System.err.println("usage: Bench codec|handler|once FILE [seconds]");
        System.exit(2);
        return;
    }
    System.out.println(run(mode, file.getFileName().toString(), seconds, input.length, op));
  }

  /**
   * Times an operation the way {@code bench.mjs} does and returns the JSON line.
   *
   * @param mode the mode, for the line
   * @param fileName the workload's file name, for the line
   * @param seconds how long to measure
   * @param bytesPerOp the input size, for {@code mb_per_s}
   * @param op the operation
   * @return the JSON line
   * @throws Exception when the operation fails
   */
  static String run(String mode, String fileName, double seconds, int bytesPerOp, Op op) throws Exception {
    long budget = (long) (seconds * 1e9);
    long warmup = Math.min(1_000_000_000L, budget / 3);
    long w0 = System.nanoTime();
    for (long t0 = w0; System.nanoTime() - t0 < warmup; ) {
      sink = op.run();
    }
    // The reference's warm-up is enough for V8 but not always for HotSpot, whose optimising compiler works in
    // the background and is slow to finish on a busy machine: go on until the JIT has been idle for a while,
    // so that both sides are measured warm. The line says how long the warm-up took.
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
      long idleSince = System.nanoTime();
      long compiled = jit.getTotalCompilationTime();
      while (System.nanoTime() - idleSince < JIT_IDLE_NS && System.nanoTime() - w0 < MAX_WARMUP_NS) {
        for (int i = 0; i < 16; i++) {
          sink = op.run();
        }
        long now = jit.getTotalCompilationTime();
        if (now != compiled) {
          compiled = now;
          idleSince = System.nanoTime();
        }
      }
    }
    double warmedFor = (System.nanoTime() - w0) / 1e9;
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long alloc0 = threads.getCurrentThreadAllocatedBytes();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long ops = 0;
    long t0 = System.nanoTime();
    long elapsed = 0;
    while (elapsed < budget) {
      for (int i = 0; i < 16; i++) {
        sink = op.run();
      }
      ops += 16;
      elapsed = System.nanoTime() - t0;
    }
    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
    long allocated = threads.getCurrentThreadAllocatedBytes() - alloc0;
    double perSec = ops / (elapsed / 1e9);
    return "{\"impl\":\"java\",\"mode\":\"" + mode + "\",\"file\":\"" + fileName + "\",\"ops_per_s\":"
        + Math.round(perSec) + ",\"us_per_op\":" + decimal(1e6 / perSec, 3) + ",\"mb_per_s\":"
        + decimal(perSec * bytesPerOp / 1e6, 1) + ",\"alloc_b_per_op\":" + Math.round((double) allocated / ops)
        + ",\"cpu_us_per_op\":" + decimal(cpu / 1e3 / ops, 3) + ",\"warmup_s\":" + decimal(warmedFor, 1) + "}";
  }

  // As JavaScript's +x.toFixed(n): rounded, without trailing zeros.
  private static String decimal(double v, int places) {
    BigDecimal d = BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }
}
