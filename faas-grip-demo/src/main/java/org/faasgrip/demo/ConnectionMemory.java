package org.faasgrip.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code scripts/connection-memory}: what idle WebSocket connections cost in memory. Runs the demo ({@link Demo},
 * Pushpin and the local gateway with the chat, in a JVM of its own), opens WebSocket clients to its chat in steps
 * (0, 500 and 1,000 by default), and after each step prints the resident memory (RSS) of Pushpin's processes
 * (condure, pushpin-proxy, pushpin-handler, zurl, and the runner) and of the function's JVM, with that JVM's
 * heap in use after a full collection, then the cost per connection between the first and the last step.
 *
 * <pre>
 * --steps N,N,...   connection counts to measure at, ascending (default 0,500,1000)
 * --settle SECONDS  how long to wait after a step before measuring (default 5)
 * </pre>
 *
 * <p>Linux only: it reads {@code /proc/PID/status}. Every client is accepted and subscribed by the chat, then
 * stays silent; the clients run in this JVM, which is not measured.
 */
public final class ConnectionMemory {
  private static final String PUSHPIN = "pushpin";
  /** The first heap line of {@code jcmd PID GC.heap_info}, e.g. {@code garbage-first heap total 40960K, used 5957K}. */
  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

  private ConnectionMemory() {}

  /**
   * Runs the measurement and prints one line per step, then the cost per connection.
   *
   * @param args the options above
   * @throws Exception when the demo does not start or a client cannot connect
   */
  public static void main(String[] args) throws Exception {
    List<Integer> steps = List.of(0, 500, 1000);
    long settleMillis = 5000;
    for (int i = 0; i < args.length; i++) {
      if ("--steps".equals(args[i]) && i + 1 < args.length) {
        steps = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt)
            .collect(Collectors.toList());
      } else if ("--settle".equals(args[i]) && i + 1 < args.length) {
        settleMillis = Long.parseLong(args[++i]) * 1000;
      } else {
        System.err.println("Usage: scripts/connection-memory [--steps 0,500,1000] [--settle SECONDS]");
        System.exit(2);
      }
    }
    int port = freePort();
    String java = ProcessHandle.current().info().command().orElse("java");
    Process demo = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Demo.class.getName(),
        "--port", Integer.toString(port), "--quiet")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    List<RawWebSocket> clients = new ArrayList<>();
    AtomicInteger ended = new AtomicInteger();
    try {
      awaitPort(port, demo);
      Map<Integer, long[]> rows = new LinkedHashMap<>();
      System.out.println("date " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
          + " CPUs, Java " + Runtime.version());
      System.out.println("connections  pushpin_rss_kb  function_jvm_rss_kb  function_heap_after_gc_kb"
          + "  (pushpin by process)");
      for (int target : steps) {
        while (clients.size() < target) {
          clients.add(RawWebSocket.open(port, "/chat", text -> { }, why -> ended.incrementAndGet()));
        }
        Thread.sleep(settleMillis);
        if (ended.get() > 0) {
          throw new IllegalStateException(ended.get() + " connections ended while idle");
        }
        Map<String, Long> pushpin = pushpinRss(demo);
        long pushpinTotal = pushpin.values().stream().mapToLong(Long::longValue).sum();
        long function = rssKb(demo.pid());
        long heap = heapAfterGcKb(java, demo.pid());
        rows.put(target, new long[] {pushpinTotal, function, heap});
        System.out.printf("%11d  %14d  %19d  %25d  %s%n", target, pushpinTotal, function, heap, pushpin);
      }
      int first = steps.get(0);
      int last = steps.get(steps.size() - 1);
      if (last > first) {
        double n = last - first;
        System.out.printf("per connection (%d to %d): pushpin %.1f KB, function JVM RSS %.1f KB, its heap after a"
            + " full GC %.1f KB%n", first, last, (rows.get(last)[0] - rows.get(first)[0]) / n,
            (rows.get(last)[1] - rows.get(first)[1]) / n, (rows.get(last)[2] - rows.get(first)[2]) / n);
      }
    } finally {
      clients.forEach(RawWebSocket::close);
      demo.destroy(); // SIGTERM: the demo's shutdown hook stops Pushpin
      if (!demo.waitFor(20, TimeUnit.SECONDS)) {
        demo.descendants().forEach(ProcessHandle::destroyForcibly);
        demo.destroyForcibly();
      }
    }
  }

  /** RSS in KB of each of Pushpin's processes under the demo's JVM, by name (summed when a name repeats). */
  private static Map<String, Long> pushpinRss(Process demo) {
    Map<String, Long> out = new LinkedHashMap<>();
    demo.descendants().forEach(p -> {
      String name = processName(p.pid());
      if (name.startsWith(PUSHPIN) || name.equals("condure") || name.equals("zurl")) {
        out.merge(name, rssKb(p.pid()), Long::sum);
      }
    });
    return out;
  }

  /**
   * The function JVM's heap in use after a full collection, in KB, through the JDK's {@code jcmd} ({@code GC.run},
   * then {@code GC.heap_info}); -1 when it cannot tell. RSS keeps what the heap once grew to; this shows what the
   * function still holds.
   */
  private static long heapAfterGcKb(String java, long pid) throws InterruptedException {
    Path jcmd = Path.of(java).resolveSibling("jcmd");
    try {
      run(jcmd, pid, "GC.run");
      for (String line : run(jcmd, pid, "GC.heap_info").split("\n")) {
        Matcher m = HEAP_USED.matcher(line);
        if (m.find()) {
          return Long.parseLong(m.group(1));
        }
      }
    } catch (IOException e) {
      // no jcmd: reported as -1
    }
    return -1;
  }

  private static String run(Path jcmd, long pid, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readNBytes(64 * 1024);
    p.waitFor(30, TimeUnit.SECONDS);
    return new String(out, StandardCharsets.UTF_8);
  }

  private static String processName(long pid) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/comm"), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** The process's resident set (VmRSS) in KB; 0 if it is gone. */
  private static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static void awaitPort(int port, Process demo) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.setSoLinger(true, 0);
        return;
      } catch (IOException e) {
        if (!demo.isAlive() || System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("the demo did not start on port " + port, e);
        }
        Thread.sleep(200);
      }
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
