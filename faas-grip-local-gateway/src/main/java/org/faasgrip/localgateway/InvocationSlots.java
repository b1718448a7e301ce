package org.faasgrip.localgateway;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The function's concurrency, as Lambda counts it: at most {@code concurrency} invocations run at once. A request
 * that finds every slot taken waits for one, in arrival order, at most {@code queueTimeout} and behind at most
 * {@code maxQueued} others; past either bound it is throttled. Lambda itself throttles at once; the short wait
 * absorbs the bursts a proxy sends (every client of a room answering one message) without refusing them.
 */
final class InvocationSlots {
  private final int concurrency;
  private final int maxQueued;
  private final long queueTimeoutNanos;
  // Fair: requests get slots in the order they began waiting, so none waits past its bound while later ones run.
  private final Semaphore permits;
  private final AtomicInteger queued = new AtomicInteger();

  InvocationSlots(int concurrency, int maxQueued, long queueTimeoutMillis) {
    this.concurrency = concurrency;
    this.maxQueued = maxQueued;
    this.queueTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(queueTimeoutMillis);
    this.permits = new Semaphore(concurrency, true);
  }

  /**
   * Takes a slot, waiting within the queue's bounds.
   *
   * @return true with a slot taken (give it back with {@link #release()}), false when the request is throttled
   * @throws InterruptedException when interrupted while waiting (the gateway is closing)
   */
  boolean acquire() throws InterruptedException {
    // tryAcquire() without a timeout would take a free slot ahead of those already waiting, even when fair.
    if (permits.tryAcquire(0, TimeUnit.NANOSECONDS)) {
      return true;
    }
    if (queued.incrementAndGet() > maxQueued) {
      queued.decrementAndGet();
      return false;
    }
    try {
      return permits.tryAcquire(queueTimeoutNanos, TimeUnit.NANOSECONDS);
    } finally {
      queued.decrementAndGet();
    }
  }

  void release() {
    permits.release();
  }

  /** Invocations running now. */
  int running() {
    return concurrency - permits.availablePermits();
  }

  /** Requests waiting for a slot now. */
  int queued() {
    return queued.get();
  }

  int concurrency() {
    return concurrency;
  }

  int maxQueued() {
    return maxQueued;
  }

  long queueTimeoutMillis() {
    return TimeUnit.NANOSECONDS.toMillis(queueTimeoutNanos);
  }
}
