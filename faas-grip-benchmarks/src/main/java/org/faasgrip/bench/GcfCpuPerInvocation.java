package org.faasgrip.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time per warm invocation of {@link GcfBenchmark#chatFunction()} and {@link HandlerBenchmark#streamHandler()}
 * (payload 1.0) on each shared event, read from the thread's own CPU clock: on a shared machine, other processes'
 * load moves wall-clock throughput a great deal and this figure barely. Seven rounds of {@code n} invocations of
 * each, alternating; the first two warm up, the best of the other five is printed.
 *
 * <pre>
 * java -XX:+UseSerialGC -cp faas-grip-benchmarks/target/benchmarks.jar org.faasgrip.bench.GcfCpuPerInvocation 200000
 * </pre>
 *
 * (on {@code FAASGRIP_WORKLOADS=DIR}, as {@code scripts/bench jmh} writes them, or {@code -Dfaasgrip.workloads}).
 */
public final class GcfCpuPerInvocation {
  private GcfCpuPerInvocation() {}

  /**
   * Measures and prints one line per event.
   *
   * @param args the number of invocations per round, e.g. {@code 200000}
   * @throws IOException if an event cannot be read
   */
  public static void main(String[] args) throws IOException {
    run(Integer.parseInt(args[0]), System.out);
  }

  static void run(int n, PrintStream out) throws IOException {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (String event : Workloads.LAMBDA_EVENTS) {
      GcfBenchmark gcf = new GcfBenchmark();
      gcf.event = event;
      gcf.setUp();
      HandlerBenchmark lambda = new HandlerBenchmark();
      lambda.event = event;
      lambda.shape = EventShapes.Shape.V1;
      lambda.setUp();
      long sink = 0;
      double bestGcf = Double.MAX_VALUE;
      double bestLambda = Double.MAX_VALUE;
      for (int round = 0; round < 7; round++) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
          sink += gcf.chatFunction();
        }
        long t1 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
          sink += lambda.streamHandler().length;
        }
        long t2 = mx.getCurrentThreadCpuTime();
        if (round >= 2) {
          bestGcf = Math.min(bestGcf, (t1 - t0) / (double) n);
          bestLambda = Math.min(bestLambda, (t2 - t1) / (double) n);
        }
      }
      out.printf("%-16s gcf %6.0f ns CPU/invocation   lambda stream handler %6.0f ns   gcf/lambda %.2f%s%n",
          event, bestGcf, bestLambda, bestGcf / bestLambda, sink == 42 ? " " : "");
    }
  }
}
