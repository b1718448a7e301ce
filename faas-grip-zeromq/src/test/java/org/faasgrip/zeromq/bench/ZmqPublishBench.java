package org.faasgrip.zeromq.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.faasgrip.config.GripConfig;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.publisher.GripPublisher;
import org.faasgrip.testkit.OriginServer;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinOptions;
import org.faasgrip.zeromq.ZmqPublisher;

/**
 * Items per second delivered to a streaming client through one real Pushpin on loopback, published over
 * ZeroMQ ({@link ZmqPublisher}) and over HTTP ({@link GripPublisher}, single items and batches), in one run.
 *
 * <p>Over ZeroMQ, items for a channel nobody holds never leave the publisher (the XPUB socket filters them), so
 * unlike the HTTP-only {@code PublishThroughputBench} this counts what reaches a client: one streaming client
 * holds the channel, and each item's content carries one marker byte it counts, a different one per measurement. Each measurement publishes as
 * fast as it can for the given time, then waits until nothing more arrives; delivered items/s is what arrived
 * over the time from the first publish to the last arrival. ZeroMQ is fire-and-forget: what Pushpin cannot take
 * in is dropped, so it also reports how many were sent. Pushpin's {@code message_rate} limit is lifted.
 *
 * <p>Run with {@code scripts/bench-publish --zeromq [--seconds S] [--rounds R]}.
 */
public final class ZmqPublishBench {
  private static final String CHANNEL = "bench";
  /** Items counted by marker byte: each measurement has its own, so a late item of one is not counted in the next. */
  private static final AtomicLongArray received = new AtomicLongArray(256);
  private static final long[] lastArrival = new long[256];
  private static char nextMarker = 'G';
  private static Pushpin pushpin;

  private ZmqPublishBench() {}

  /**
   * Runs the benchmark and prints a table.
   *
   * @param args {@code --seconds S} per measurement (default 5), {@code --rounds R} (default 3)
   * @throws Exception if Pushpin cannot start or a publish fails
   */
  public static void main(String[] args) throws Exception {
    int seconds = 5;
    int rounds = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (use --seconds S --rounds R)");
      }
    }
    Duration run = Duration.ofSeconds(seconds);
    try (OriginServer origin = OriginServer.start();
        ZmqPublisher zmq = ZmqPublisher.builder().bind("tcp://127.0.0.1:*")) {
      origin.handle("/stream", ex -> OriginServer.reply(ex, 200, Map.of("Content-Type", "text/plain",
          "Grip-Hold", "stream", "Grip-Channel", CHANNEL), "open\n"));
      try (Pushpin started = Pushpin.start(PushpinOptions.builder().origin(origin.port()).logLevel(1)
          .config("handler", "push_in_sub_specs", zmq.endpoint())
          .config("handler", "push_in_sub_connect", "true")
          .config("handler", "message_rate", "10000000")
          .config("handler", "message_hwm", "10000000")
          .build())) {
        pushpin = started;
        Thread reader = startClient(started.httpUri().getPort());
        zmq.awaitSubscribers(CHANNEL, 1, Duration.ofSeconds(10));
        GripPublisher http = GripPublisher.builder()
            .config(GripConfig.fromEnvironment(Map.of("GRIP_URL", started.gripUrl()))).build();
        try {
          System.out.printf(Locale.ROOT, "Pushpin %s, %d s per measurement, %d rounds, one streaming client%n",
              started.controlUri(), seconds, rounds);
          Duration warm = Duration.ofSeconds(2);
          measure(item -> zmqLoop(zmq, item, warm, 0));
          measure(item -> httpLoop(warm, 8, 100, () -> http.publishAsync(batch(item))));
          Result[] best = new Result[5];
          for (int r = 0; r < rounds; r++) {
            best[0] = measure(item -> httpLoop(run, 8, 1, () -> http.publishAsync(item))).best(best[0]);
            best[1] = measure(item -> httpLoop(run, 8, 100, () -> http.publishAsync(batch(item)))).best(best[1]);
            best[2] = measure(item -> zmqLoop(zmq, item, run, 0)).best(best[2]);
            best[3] = measure(item -> zmqLoop(zmq, item, run, 10_000)).best(best[3]);
            best[4] = measure(item -> zmqLoop(zmq, item, run, 20_000)).best(best[4]);
            System.out.printf(Locale.ROOT, "round %d done%n", r + 1);
          }
          System.out.println();
          System.out.println("| what | sent items/s | delivered items/s | delivered | Pushpin CPU per delivered item |");
          System.out.println("|---|---:|---:|---:|---:|");
          row("HTTP, `GripPublisher.publishAsync(item)`, 8 in flight", best[0]);
          row("HTTP, `GripPublisher.publishAsync(list of 100)`, 8 in flight", best[1]);
          row("ZeroMQ, `ZmqPublisher.publish(item)` as fast as it goes", best[2]);
          row("ZeroMQ, `ZmqPublisher.publish(item)` paced at 10,000/s", best[3]);
          row("ZeroMQ, `ZmqPublisher.publish(item)` paced at 20,000/s", best[4]);
        } finally {
          http.close();
          reader.interrupt();
        }
      }
    }
  }

  private static void row(String what, Result r) {
    System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %.1f%% | %.1f µs |%n", what, r.sentPerSecond,
        r.deliveredPerSecond, 100.0 * r.delivered / r.sent, r.pushpinCpuMicrosPerItem);
  }

  /** Publishes the item for the given time; returns how many were sent. */
  private interface Loop {
    long run(Item item) throws Exception;
  }

  private static List<Item> batch(Item item) {
    List<Item> batch = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      batch.add(item);
    }
    return batch;
  }

  /** Publishes in bursts of 100; at most {@code perSecond} items a second, or as fast as it can for 0. */
  private static long zmqLoop(ZmqPublisher zmq, Item item, Duration d, long perSecond) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + d.toNanos();
    long sent = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 100; i++) {
        zmq.publish(item);
      }
      sent += 100;
      if (perSecond > 0) {
        long due = start + sent * 1_000_000_000L / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
    }
    return sent;
  }

  private static long httpLoop(Duration d, int inFlight, int itemsPerCall,
      java.util.function.Supplier<CompletableFuture<Void>> call) throws InterruptedException {
    Semaphore slots = new Semaphore(inFlight);
    AtomicLong done = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long end = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < end && failure.get() == null) {
      slots.acquire();
      call.get().whenComplete((v, e) -> {
        if (e != null) {
          failure.compareAndSet(null, e);
        } else {
          done.incrementAndGet();
        }
        slots.release();
      });
    }
    slots.acquire(inFlight);
    if (failure.get() != null) {
      throw new IllegalStateException("a publish failed during the benchmark", failure.get());
    }
    return done.get() * itemsPerCall;
  }

  private static Result measure(Loop loop) throws Exception {
    // G to Z: no hex digit of the chunk sizes, nor CR or LF. Twenty measurements at most.
    char marker = nextMarker++;
    if (marker > 'Z') {
      throw new IllegalStateException("more measurements than markers: use fewer rounds");
    }
    Item item = Item.of(CHANNEL, HttpStreamFormat.of(marker + "\n"));
    long cpu0 = pushpinCpuNanos();
    long start = System.nanoTime();
    long sent = loop.run(item);
    long sentElapsed = System.nanoTime() - start;
    // Wait until nothing has arrived for two seconds: what is still queued in Pushpin counts too.
    long seen = -1;
    while (received.get(marker) != seen) {
      seen = received.get(marker);
      Thread.sleep(2000);
    }
    long elapsed = Math.max(lastArrival(marker) - start, sentElapsed);
    return new Result(sent * 1e9 / sentElapsed, seen * 1e9 / elapsed, sent, seen,
        (pushpinCpuNanos() - cpu0) / 1e3 / Math.max(1, seen));
  }

  private static synchronized long lastArrival(char marker) {
    return lastArrival[marker];
  }

  private static synchronized void arrived(long[] counts, long now) {
    for (int i = 'G'; i <= 'Z'; i++) {
      if (counts[i] > 0) {
        received.addAndGet(i, counts[i]);
        lastArrival[i] = now;
        counts[i] = 0;
      }
    }
  }

  /** A raw HTTP/1.1 streaming client that counts marker bytes, so that counting costs next to nothing. */
  private static Thread startClient(int port) throws Exception {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    OutputStream out = s.getOutputStream();
    out.write(("GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = s.getInputStream();
    byte[] head = new byte[1];
    StringBuilder seen = new StringBuilder();
    while (!seen.toString().contains("open\n")) {
      if (in.read(head) < 0) {
        throw new IllegalStateException("stream closed before it opened: " + seen);
      }
      seen.append((char) head[0]);
    }
    Thread t = new Thread(() -> {
      byte[] buf = new byte[64 * 1024];
      try (s) {
        long[] counts = new long[256];
        int n;
        while ((n = in.read(buf)) > 0) {
          for (int i = 0; i < n; i++) {
            counts[buf[i] & 0xff]++;
          }
          arrived(counts, System.nanoTime());
          java.util.Arrays.fill(counts, 0);
        }
      } catch (Exception e) {
        // the benchmark is over
      }
    }, "bench-stream-client");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static long pushpinCpuNanos() {
    return pushpin.processes().stream()
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .sum();
  }

  /** Sent and delivered items per second, and Pushpin's CPU time per delivered item. */
  private record Result(double sentPerSecond, double deliveredPerSecond, long sent, long delivered,
      double pushpinCpuMicrosPerItem) {
    Result best(Result other) {
      return other == null || deliveredPerSecond >= other.deliveredPerSecond ? this : other;
    }
  }
}
