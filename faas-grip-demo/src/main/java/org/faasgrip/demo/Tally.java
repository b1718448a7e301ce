package org.faasgrip.demo;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the load clients received in one phase of a load run: every (receiver, sender, sequence number) exactly
 * once, and each sender's messages in order, checked as they arrive; latencies from send to arrival in a
 * log-linear histogram (within 3 %).
 *
 * <p>Each receiver's arrivals come one at a time (a WebSocket listener, a line subscriber), so its own bit set
 * and high-water marks need no lock; the totals are shared.
 */
final class Tally {
  private static final int SUB_BUCKETS = 32;
  private static final int BUCKETS = 2 * SUB_BUCKETS + 40 * SUB_BUCKETS;

  final char phase;
  final int senders;
  final int messages;
  final long expected;
  private final long[][] seen;
  private final int[][] highest;
  final LongAdder delivered = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  final LongAdder outOfOrder = new LongAdder();
  final LongAdder stray = new LongAdder();
  final AtomicLong lastArrival = new AtomicLong();
  final AtomicLong maxMicros = new AtomicLong();
  private final AtomicLongArray histogram = new AtomicLongArray(BUCKETS);
  private final Echo echo;

  /** Told when a sender's own message has reached it (receiver {@code i} below {@code senders} is sender {@code i}). */
  interface Echo {
    /**
     * A sender has received its own message.
     *
     * @param sender the sender's index
     * @param seq the message's number
     */
    void echoed(int sender, int seq);
  }

  /**
   * A tally for one phase.
   *
   * @param phase the letter the phase's messages carry, so that a late arrival from another phase is not counted
   * @param receivers how many clients receive
   * @param senders how many senders there are
   * @param messages how many messages each sender sends
   * @param echo told when a sender receives its own message, or null
   */
  Tally(char phase, int receivers, int senders, int messages, Echo echo) {
    this.phase = phase;
    this.echo = echo;
    this.senders = senders;
    this.messages = messages;
    this.expected = (long) receivers * senders * messages;
    this.seen = new long[receivers][(senders * messages + 63) / 64];
    this.highest = new int[receivers][senders];
    for (int[] h : highest) {
      java.util.Arrays.fill(h, -1);
    }
  }

  /**
   * The text a sender sends (and the function publishes, after its {@code anonymous: } prefix).
   *
   * @param phase the phase's letter
   * @param sender the sender's index
   * @param seq the message's number, from 0
   * @param sentNanos {@link System#nanoTime()} when sent
   * @return the message text
   */
  static String message(char phase, int sender, int seq, long sentNanos) {
    return "L" + phase + ' ' + sender + ' ' + seq + ' ' + sentNanos;
  }

  /**
   * Counts one arrival at a receiver: {@code text} is the message as published, from its {@code L} on.
   *
   * @param receiver the receiver's index
   * @param text the text, starting at the message's {@code L}
   * @param arrivedNanos {@link System#nanoTime()} at arrival
   */
  void arrived(int receiver, CharSequence text, long arrivedNanos) {
    // "L<phase> <sender> <seq> <nanos>"
    if (text.length() < 8 || text.charAt(0) != 'L' || text.charAt(1) != phase || text.charAt(2) != ' ') {
      stray.increment();
      return;
    }
    int i = 3;
    long[] fields = new long[3];
    for (int f = 0; f < 3; f++) {
      long v = 0;
      boolean negative = false;
      if (i < text.length() && text.charAt(i) == '-') {
        negative = true;
        i++;
      }
      int start = i;
      while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        v = v * 10 + (text.charAt(i) - '0');
        i++;
      }
      if (i == start) {
        stray.increment();
        return;
      }
      fields[f] = negative ? -v : v;
      i++;
    }
    int sender = (int) fields[0];
    int seq = (int) fields[1];
    if (sender < 0 || sender >= senders || seq < 0 || seq >= messages) {
      stray.increment();
      return;
    }
    int bit = sender * messages + seq;
    long[] bits = seen[receiver];
    long mask = 1L << (bit & 63);
    if ((bits[bit >>> 6] & mask) != 0) {
      duplicates.increment();
      return;
    }
    bits[bit >>> 6] |= mask;
    delivered.increment();
    int[] high = highest[receiver];
    if (seq < high[sender]) {
      outOfOrder.increment();
    } else {
      high[sender] = seq;
    }
    long micros = Math.max(0, (arrivedNanos - fields[2]) / 1000);
    histogram.incrementAndGet(bucket(micros));
    maxMicros.accumulateAndGet(micros, Math::max);
    lastArrival.accumulateAndGet(arrivedNanos, (a, b) -> a == 0 || b - a > 0 ? b : a);
    if (echo != null && receiver == sender) {
      echo.echoed(sender, seq);
    }
  }

  /** The latency at a quantile, in milliseconds (the middle of its bucket, at most the largest seen). */
  double quantileMillis(double q) {
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      total += histogram.get(i);
    }
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * total);
    long sum = 0;
    for (int i = 0; i < BUCKETS; i++) {
      sum += histogram.get(i);
      if (sum >= rank) {
        return Math.min(middle(i), maxMicros.get()) / 1000.0;
      }
    }
    return maxMicros.get() / 1000.0;
  }

  /** Values below 2 x SUB_BUCKETS exactly; above, SUB_BUCKETS buckets per power of two. */
  private static int bucket(long v) {
    if (v < 2 * SUB_BUCKETS) {
      return (int) v;
    }
    int exp = 63 - Long.numberOfLeadingZeros(v); // >= 6
    int shift = exp - 5;
    int index = 2 * SUB_BUCKETS + (exp - 6) * SUB_BUCKETS + (int) (v >>> shift) - SUB_BUCKETS;
    return Math.min(index, BUCKETS - 1);
  }

  private static double middle(int index) {
    if (index < 2 * SUB_BUCKETS) {
      return index;
    }
    int exp = (index - 2 * SUB_BUCKETS) / SUB_BUCKETS + 6;
    int shift = exp - 5;
    long mantissa = (index - 2 * SUB_BUCKETS) % SUB_BUCKETS + SUB_BUCKETS;
    return (mantissa << shift) + ((1L << shift) / 2.0);
  }
}
