package org.faasgrip.publisher.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.faasgrip.config.GripConfig;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.PublishBody;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.publisher.GripPublisher;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinOptions;

/**
 * Publish throughput to one real Pushpin on loopback, in items per second: {@link GripPublisher} publishing
 * single items and batches, side by side with Pushpin's own ceiling measured in the same run by a plain
 * {@code java.net.http} loop that POSTs a pre-built body (no item building, no JSON, no auth, no retries).
 *
 * <p>Both sides keep the same number of requests in flight. Items go to a channel nobody subscribes to, so the
 * figures are those of the publish path (HTTP, Pushpin's parsing and routing), not of delivery. Pushpin runs
 * with warnings-only logging, since its info log writes a line per item. Rounds alternate ceiling and publisher
 * so that load from other processes hits both alike; the best round of each counts.
 *
 * <p>Run with {@code scripts/bench-publish [--seconds S] [--rounds R] [--concurrency C] [--batch B]}.
 */
public final class PublishThroughputBench {
  private static Pushpin pushpin;

  private PublishThroughputBench() {}

  /**
   * Runs the benchmark and prints a table.
   *
   * @param args {@code --seconds S} per measurement (default 5), {@code --rounds R} (default 3),
   *     {@code --concurrency C} requests in flight (default 8), {@code --batch B} items per batch (default 100)
   * @throws Exception if Pushpin cannot start or a publish fails
   */
  public static void main(String[] args) throws Exception {
    int seconds = 5;
    int rounds = 3;
    int concurrency = 8;
    int batch = 100;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
        case "--batch" -> batch = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (use --seconds S --rounds R --concurrency C --batch B)");
      }
    }
    Duration run = Duration.ofSeconds(seconds);
    try (Pushpin started = Pushpin.start(PushpinOptions.builder().logLevel(1).build())) {
      pushpin = started;
      URI publishUri = URI.create(pushpin.controlUri() + "/publish/");
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      Item one = Item.builder("bench").format(HttpStreamFormat.of("event: tick\ndata: 42\n\n"))
          .format(WebSocketMessageFormat.text("{\"tick\":42}")).build();
      List<Item> many = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        many.add(one);
      }
      byte[] oneBody = PublishBody.toJson(one, "");
      byte[] manyBody = PublishBody.toJson(many, "");

      // As a function would configure it: GRIP_URL with iss and key, so every request carries a JWT.
      GripPublisher publisher = GripPublisher.builder()
          .config(GripConfig.fromEnvironment(java.util.Map.of("GRIP_URL", pushpin.gripUrl())))
          .build();
      GripPublisher coalescing = GripPublisher.builder()
          .config(GripConfig.fromEnvironment(java.util.Map.of("GRIP_URL", pushpin.gripUrl())))
          .coalesce(Duration.ofMillis(2), batch)
          .build();
      try {
        System.out.printf(Locale.ROOT, "Pushpin %s, %d s per measurement, %d rounds, %d in flight, batches of %d%n",
            started.controlUri(), seconds, rounds, concurrency, batch);
        int c = concurrency;
        int b = batch;
        // Warm-up: JIT, connections, Pushpin's own start-up.
        measure(Duration.ofSeconds(2), c, 1, () -> post(client, publishUri, oneBody));
        measure(Duration.ofSeconds(2), c, 1, () -> publisher.publishAsync(one));

        Result[] best = new Result[5];
        for (int r = 0; r < rounds; r++) {
          best[0] = measure(run, c, 1, () -> post(client, publishUri, oneBody)).best(best[0]);
          best[1] = measure(run, c, 1, () -> publisher.publishAsync(one)).best(best[1]);
          best[2] = measure(run, c, b, () -> post(client, publishUri, manyBody)).best(best[2]);
          best[3] = measure(run, c, b, () -> publisher.publishAsync(many)).best(best[3]);
          // Coalescing: single-item publishes from many callers, sent as batches by the publisher.
          best[4] = measure(run, c * b, 1, () -> coalescing.publishAsync(one)).best(best[4]);
          System.out.printf(Locale.ROOT, "round %d done (best so far: ceiling 1 %.0f, publisher 1 %.0f, ceiling %d %.0f,"
              + " publisher %d %.0f, coalescing %.0f items/s)%n", r + 1, best[0].itemsPerSecond(),
              best[1].itemsPerSecond(), b, best[2].itemsPerSecond(), b, best[3].itemsPerSecond(), best[4].itemsPerSecond());
        }
        System.out.println();
        System.out.println("| what | items/s | of ceiling | client CPU per item | Pushpin CPU per item |");
        System.out.println("|---|---:|---:|---:|---:|");
        row("plain HTTP loop, 1 item per request (ceiling)", best[0], best[0]);
        row("`GripPublisher.publishAsync(item)`", best[1], best[0]);
        row("plain HTTP loop, " + b + " items per request (ceiling)", best[2], best[2]);
        row("`GripPublisher.publishAsync(list of " + b + ")`", best[3], best[2]);
        row("`GripPublisher` coalescing `publishAsync(item)`, window 2 ms, max " + b, best[4], best[2]);
      } finally {
        publisher.close();
        coalescing.close();
      }
    }
  }

  private static void row(String what, Result r, Result ceiling) {
    System.out.printf(Locale.ROOT, "| %s | %,.0f | %.0f%% | %.1f µs | %.1f µs |%n", what, r.itemsPerSecond(),
        100 * r.itemsPerSecond() / ceiling.itemsPerSecond(), r.cpuMicrosPerItem(), r.pushpinCpuMicrosPerItem());
  }

  private static CompletableFuture<Void> post(HttpClient client, URI uri, byte[] body) {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenAccept(r -> {
      if (r.statusCode() != 200) {
        throw new IllegalStateException("Pushpin answered " + r.statusCode());
      }
    });
  }

  /**
   * Keeps {@code inFlight} calls of {@code call} running for {@code duration}; returns items per second and
   * CPU time per item.
   */
  private static Result measure(Duration duration, int inFlight, int itemsPerCall,
      Supplier<CompletableFuture<Void>> call) throws Exception {
    long cpu0 = processCpuNanos();
    long pushpinCpu0 = pushpinCpuNanos();
    Semaphore slots = new Semaphore(inFlight);
    AtomicLong done = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
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
    slots.acquire(inFlight); // wait for the last ones, and count them
    long elapsed = System.nanoTime() - start;
    if (failure.get() != null) {
      throw new IllegalStateException("a publish failed during the benchmark", failure.get());
    }
    double items = done.get() * (double) itemsPerCall;
    return new Result(items * 1e9 / elapsed, (processCpuNanos() - cpu0) / 1e3 / items,
        (pushpinCpuNanos() - pushpinCpu0) / 1e3 / items);
  }

  /** CPU time of all of Pushpin's processes (runner, condure, zurl, proxy, handler) so far. */
  private static long pushpinCpuNanos() {
    return pushpin.processes().stream()
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .sum();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Items per second, and CPU time per item of this JVM and of Pushpin (costs independent of other load). */
  private record Result(double itemsPerSecond, double cpuMicrosPerItem, double pushpinCpuMicrosPerItem) {
    Result best(Result other) {
      return other == null || itemsPerSecond >= other.itemsPerSecond ? this : other;
    }
  }
}
