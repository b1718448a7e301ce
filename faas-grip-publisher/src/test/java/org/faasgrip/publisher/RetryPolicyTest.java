package org.faasgrip.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private final RetryPolicy policy = RetryPolicy.builder().maxAttempts(6).baseBackoff(Duration.ofMillis(100))
      .maxBackoff(Duration.ofMillis(1000)).timeBudget(Duration.ofSeconds(60)).maxRetryAfter(Duration.ofSeconds(3))
      .build();

  @Test
  void fullJitterStaysUnderAnExponentialCeiling() {
    long[] ceilings = {100, 200, 400, 800, 1000};
    for (int attempts = 1; attempts <= 5; attempts++) {
      long ceiling = ceilings[attempts - 1] * MS;
      long max = 0;
      long min = Long.MAX_VALUE;
      for (int i = 0; i < 2000; i++) {
        long d = policy.nextDelayNanos(attempts, 0, -1);
        assertThat(d).isBetween(0L, ceiling);
        max = Math.max(max, d);
        min = Math.min(min, d);
      }
      // Spread over the whole range, not a fixed delay.
      assertThat(max).isGreaterThan(ceiling * 9 / 10);
      assertThat(min).isLessThan(ceiling / 10);
    }
  }

  @Test
  void noAttemptBeyondMaxAttemptsOrTheBudget() {
    assertThat(policy.nextDelayNanos(6, 0, -1)).isEqualTo(-1);
    assertThat(policy.nextDelayNanos(1, Duration.ofSeconds(60).toNanos(), -1)).isEqualTo(-1);
    assertThat(RetryPolicy.none().nextDelayNanos(1, 0, -1)).isEqualTo(-1);
  }

  @Test
  void retryAfterRaisesTheWaitUpToItsBound() {
    assertThat(policy.nextDelayNanos(1, 0, 2000 * MS)).isEqualTo(2000 * MS);
    assertThat(policy.nextDelayNanos(1, 0, 3_600_000 * MS)).isEqualTo(3000 * MS);
    // A wait that would end after the budget is not started.
    assertThat(policy.nextDelayNanos(1, Duration.ofSeconds(58).toNanos(), 3000 * MS)).isEqualTo(-1);
  }

  @Test
  void badValuesAreRejectedWithTheLibrarysException() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).isInstanceOf(PublishException.class)
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> RetryPolicy.builder().baseBackoff(Duration.ofMillis(-1)))
        .isInstanceOf(PublishException.class).hasMessageContaining("baseBackoff");
    assertThatThrownBy(() -> RetryPolicy.builder().timeBudget(null)).isInstanceOf(PublishException.class);
    // The budget bounds the first attempt too: a zero budget would fail every publish.
    assertThatThrownBy(() -> RetryPolicy.builder().timeBudget(Duration.ZERO)).isInstanceOf(PublishException.class)
        .hasMessageContaining("timeBudget must be positive");
  }

  @Test
  void defaultsAreBounded() {
    RetryPolicy d = RetryPolicy.defaults();
    assertThat(d.maxAttempts()).isEqualTo(4);
    assertThat(d.timeBudget()).isEqualTo(Duration.ofSeconds(15));
    assertThat(d.toString()).contains("maxAttempts=4");
  }
}
