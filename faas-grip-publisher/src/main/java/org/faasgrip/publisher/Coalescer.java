package org.faasgrip.publisher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.faasgrip.publish.Item;

/**
 * Gathers the publishes made within a short window into one request. A window opens with the first publish that
 * finds none open and closes after {@code windowNanos}, or at once when {@code maxItems} items wait. Its items go
 * out in submission order as one body, and every caller's future completes with that request's result.
 *
 * <p>At most one request is in flight: a window that closes while another is being sent waits for it. So
 * requests reach each proxy in the order of their items (concurrent requests could overtake one another), and
 * under load the windows fill up instead of adding requests.
 */
final class Coalescer {
  private final long windowNanos;
  private final int maxItems;
  private final Executor timerExecutor;
  private final Hooks hooks;
  private final Object lock = new Object();
  private final ArrayDeque<Batch> ready = new ArrayDeque<>();
  private Batch open;
  private boolean sending;

  /** What the coalescer needs from its publisher. */
  interface Hooks {
    /** Throws if the publisher is closed; called under the coalescer's lock. */
    void checkOpen();

    /** A batch is now in flight (counted until {@link #end()}). */
    void begin();

    /** A batch has been sent and its callers told the result. */
    void end();

    /** Sends a batch; the future completes when every proxy has answered. */
    CompletableFuture<Void> send(List<Item> items);

    /** Around completing the callers' futures, whose dependent actions may close the publisher. */
    void beginCompleting();

    void endCompleting();
  }

  Coalescer(long windowNanos, int maxItems, Executor timerExecutor, Hooks hooks) {
    this.windowNanos = windowNanos;
    this.maxItems = maxItems;
    this.timerExecutor = timerExecutor;
    this.hooks = hooks;
  }

  CompletableFuture<Void> add(List<Item> items) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    Batch next;
    synchronized (lock) {
      hooks.checkOpen();
      if (open != null && open.items.size() + items.size() > maxItems) {
        seal();
      }
      boolean opened = open == null;
      if (opened) {
        open = new Batch();
        hooks.begin();
      }
      open.items.addAll(items);
      open.waiters.add(result);
      Batch b = open;
      if (b.items.size() >= maxItems) {
        seal();
      } else if (opened) {
        schedule(b);
      }
      next = next();
    }
    send(next);
    return result;
  }

  /** Sends what waits without waiting for the window; used by close(). */
  void flush() {
    Batch next;
    synchronized (lock) {
      if (open != null) {
        seal();
      }
      next = next();
    }
    send(next);
  }

  /** Under the lock: the open window is full or over. */
  private void seal() {
    ready.add(open);
    open = null;
  }

  /** Under the lock: the batch to send now, if none is in flight. */
  private Batch next() {
    if (sending || ready.isEmpty()) {
      return null;
    }
    sending = true;
    return ready.poll();
  }

  private void schedule(Batch b) {
    CompletableFuture.delayedExecutor(windowNanos, TimeUnit.NANOSECONDS, timerExecutor).execute(() -> {
      Batch next;
      synchronized (lock) {
        if (open != b) {
          return; // sent already, because it filled up or the publisher closed
        }
        seal();
        next = next();
      }
      send(next);
    });
  }

  private void send(Batch b) {
    if (b == null) {
      return;
    }
    CompletableFuture<Void> sent;
    try {
      sent = hooks.send(b.items);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete(b);
  }

  /** The publishes of one window. */
  private final class Batch implements BiConsumer<Void, Throwable> {
    final List<Item> items = new ArrayList<>();
    final List<CompletableFuture<Void>> waiters = new ArrayList<>();

    @Override
    public void accept(Void unused, Throwable error) {
      Batch next;
      synchronized (lock) {
        sending = false;
        next = next();
      }
      // The next request goes out before the callers' callbacks run, so that slow callbacks do not delay it.
      send(next);
      Throwable e = error;
      while (e instanceof CompletionException && e.getCause() != null) {
        e = e.getCause();
      }
      hooks.beginCompleting();
      try {
        for (CompletableFuture<Void> w : waiters) {
          if (e == null) {
            w.complete(null);
          } else {
            w.completeExceptionally(e);
          }
        }
      } finally {
        hooks.endCompleting();
        hooks.end();
      }
    }
  }
}
