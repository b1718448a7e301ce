package org.faasgrip.publisher;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how often a publish is sent again to a proxy that failed.
 *
 * <p>A publish is retried when the proxy could not be reached or did not answer in time, and when it answered
 * {@code 5xx} or {@code 429 Too Many Requests}; never on another {@code 4xx}, which says the items are wrong.
 * Before attempt {@code n + 1} the publisher waits a random time between zero and
 * {@code min(maxBackoff, baseBackoff * 2^(n-1))} ("full jitter", so that many publishers that failed together do
 * not retry together). A {@code Retry-After} header of a {@code 429} or {@code 503} answer, in seconds or as an
 * HTTP date, raises the wait to what the proxy asked for, but never beyond {@link #maxRetryAfter()}. No attempt
 * starts after {@link #maxAttempts()} attempts, nor when its wait would end after {@link #timeBudget()} from the
 * first attempt, nor with less than 100 ms of the budget left (or the request timeout, when shorter).
 *
 * <p>No attempt runs past the budget either: each one's request timeout is the smaller of the publisher's request
 * timeout and what is left of the budget, so a publish to one proxy ends within the budget (plus a fraction of a
 * second for the watchdog of an answer that stalls mid-body). When it ends on a timeout after an earlier answer,
 * the {@link PublishException} keeps that answer's status and body.
 *
 * <p>Retries send the very same bytes: an item's {@code id} is the same in every attempt, so a proxy that has
 * already published it (Pushpin remembers ids per channel for {@code id_cache_ttl}, 60 s by default) drops the
 * duplicate.
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final long baseBackoffNanos;
  private final long maxBackoffNanos;
  private final long timeBudgetNanos;
  private final long maxRetryAfterNanos;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.baseBackoffNanos = b.baseBackoff.toNanos();
    this.maxBackoffNanos = b.maxBackoff.toNanos();
    this.timeBudgetNanos = b.timeBudget.toNanos();
    this.maxRetryAfterNanos = b.maxRetryAfter.toNanos();
  }

  /**
   * Returns the default policy: 4 attempts, backoff from 100 ms up to 2 s, a time budget of 15 s, and a
   * {@code Retry-After} honoured up to 5 s.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * Returns the policy that sends each publish once and never retries.
   *
   * @return the policy of a single attempt
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * Returns a builder that starts from the {@linkplain #defaults() default} values.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the most requests sent to one proxy for one publish, the first included.
   *
   * @return the maximum number of attempts, at least 1
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Returns the upper bound of the wait before the second attempt; it doubles for each further attempt.
   *
   * @return the base backoff
   */
  public Duration baseBackoff() {
    return Duration.ofNanos(baseBackoffNanos);
  }

  /**
   * Returns the largest upper bound of a wait between attempts.
   *
   * @return the maximum backoff
   */
  public Duration maxBackoff() {
    return Duration.ofNanos(maxBackoffNanos);
  }

  /**
   * Returns the time, from the first attempt, within which a publish to one proxy ends: no retry starts after
   * it, and the attempt in flight is cut off when it runs out.
   *
   * @return the time budget of one publish to one proxy
   */
  public Duration timeBudget() {
    return Duration.ofNanos(timeBudgetNanos);
  }

  /**
   * Returns the longest wait a {@code Retry-After} header is followed for.
   *
   * @return the bound of {@code Retry-After}
   */
  public Duration maxRetryAfter() {
    return Duration.ofNanos(maxRetryAfterNanos);
  }

  long timeBudgetNanos() {
    return timeBudgetNanos;
  }

  /**
   * The wait before the next attempt, or -1 when no further attempt may start.
   *
   * @param attemptsMade attempts made so far, at least 1
   * @param elapsedNanos time since the first attempt started
   * @param retryAfterNanos what the proxy asked for with {@code Retry-After}, or -1
   */
  long nextDelayNanos(int attemptsMade, long elapsedNanos, long retryAfterNanos) {
    if (attemptsMade >= maxAttempts) {
      return -1;
    }
    long ceiling = baseBackoffNanos;
    for (int i = 1; i < attemptsMade && ceiling < maxBackoffNanos; i++) {
      ceiling <<= 1;
    }
    ceiling = Math.min(ceiling, maxBackoffNanos);
    long delay = ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
    if (retryAfterNanos > 0) {
      delay = Math.max(delay, Math.min(retryAfterNanos, maxRetryAfterNanos));
    }
    if (elapsedNanos + delay >= timeBudgetNanos) {
      return -1;
    }
    return delay;
  }

  /**
   * Describes the policy.
   *
   * @return the policy's values
   */
  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts=" + maxAttempts + ", baseBackoff=" + baseBackoff() + ", maxBackoff="
        + maxBackoff() + ", timeBudget=" + timeBudget() + ", maxRetryAfter=" + maxRetryAfter() + '}';
  }

  /** Builds a {@link RetryPolicy}; starts from the default values. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 4;
    private Duration baseBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(2);
    private Duration timeBudget = Duration.ofSeconds(15);
    private Duration maxRetryAfter = Duration.ofSeconds(5);

    private Builder() {}

    /**
     * Sets the most requests sent to one proxy for one publish, the first included.
     *
     * @param maxAttempts at least 1; 1 turns retries off
     * @return this builder
     * @throws PublishException if {@code maxAttempts} is less than 1
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new PublishException("RetryPolicy.maxAttempts must be at least 1, was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the upper bound of the wait before the second attempt; it doubles for each further attempt.
     *
     * @param baseBackoff zero or positive
     * @return this builder
     * @throws PublishException if {@code baseBackoff} is null or negative
     */
    public Builder baseBackoff(Duration baseBackoff) {
      this.baseBackoff = nonNegative("baseBackoff", baseBackoff);
      return this;
    }

    /**
     * Sets the largest upper bound of a wait between attempts.
     *
     * @param maxBackoff zero or positive
     * @return this builder
     * @throws PublishException if {@code maxBackoff} is null or negative
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = nonNegative("maxBackoff", maxBackoff);
      return this;
    }

    /**
     * Sets the time, from the first attempt, within which a publish to one proxy ends: no retry starts after it,
     * and each attempt's request timeout is cut to what is left of it.
     *
     * @param timeBudget positive
     * @return this builder
     * @throws PublishException if {@code timeBudget} is null, zero or negative
     */
    public Builder timeBudget(Duration timeBudget) {
      if (timeBudget != null && timeBudget.isZero()) {
        throw new PublishException("RetryPolicy.timeBudget must be positive, was " + timeBudget
            + ": it bounds the first attempt too; use maxAttempts(1) or RetryPolicy.none() to never retry");
      }
      this.timeBudget = nonNegative("timeBudget", timeBudget);
      return this;
    }

    /**
     * Sets the longest wait a {@code Retry-After} header of a {@code 429} or {@code 503} answer is followed for.
     *
     * @param maxRetryAfter zero (ignore {@code Retry-After}) or positive
     * @return this builder
     * @throws PublishException if {@code maxRetryAfter} is null or negative
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = nonNegative("maxRetryAfter", maxRetryAfter);
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }

    private static Duration nonNegative(String name, Duration d) {
      if (d == null || d.isNegative()) {
        throw new PublishException("RetryPolicy." + name + " must be zero or positive, was " + d);
      }
      try {
        d.toNanos();
      } catch (ArithmeticException e) {
        throw new PublishException("RetryPolicy." + name + " is too long: " + d, e);
      }
      return d;
    }
  }
}
