package org.faasgrip.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** What the recording clients ({@link TestWebSocket}, {@link TestStream}) share: a queue that ends with a marker. */
final class Queues {
  private Queues() {}

  /**
   * Takes the next item within the timeout, or null when none came. The end marker is put back when taken, so
   * that every later take sees the end too.
   */
  static <T> T take(BlockingQueue<T> queue, T end, Duration timeout, String what, URI from) {
    try {
      T item = queue.poll(Args.notNull(timeout, "timeout").toNanos(), TimeUnit.NANOSECONDS);
      if (item == end) {
        queue.add(end);
      }
      return item;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + what + " from " + from, e);
    }
  }
}
