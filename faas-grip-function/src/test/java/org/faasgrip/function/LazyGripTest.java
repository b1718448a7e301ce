package org.faasgrip.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.faasgrip.GripException;
import org.faasgrip.config.GripConfigException;
import org.faasgrip.grip.GripResponse;
import org.junit.jupiter.api.Test;

class LazyGripTest {
  private static final Map<String, String> MALFORMED = Map.of(
      "GRIP_URL", "http://127.0.0.1:5561?iss=pushpin&key=base64:s3cr3t-not-base64!");

  private final AtomicInteger made = new AtomicInteger();

  /** Counts how often the configuration is read. */
  private Supplier<Grip> counting(Map<String, String> env) {
    return () -> {
      made.incrementAndGet();
      return Grip.fromEnvironment(env);
    };
  }

  @Test
  void makesTheInstanceOnTheFirstGetOnlyAndKeepsIt() {
    LazyGrip lazy = LazyGrip.of(counting(Map.of("GRIP_PREFIX", "p-")));
    assertThat(made).hasValue(0);
    assertThat(lazy.peek()).isNull();
    assertThat(lazy).hasToString("LazyGrip{factory, not read yet}");

    Grip first = lazy.get();
    assertThat(lazy.get()).isSameAs(first).isSameAs(lazy.peek());
    assertThat(first.config().prefix()).isEqualTo("p-");
    assertThat(made).hasValue(1);
    assertThat(lazy.toString()).startsWith("LazyGrip{Grip{");
  }

  @Test
  void keepsAConfigurationErrorAndThrowsTheSameOneWithoutReadingAgain() {
    LazyGrip lazy = LazyGrip.of(counting(MALFORMED));

    GripConfigException first = org.junit.jupiter.api.Assertions.assertThrows(GripConfigException.class, lazy::get);
    GripConfigException second = org.junit.jupiter.api.Assertions.assertThrows(GripConfigException.class, lazy::get);
    assertThat(second).isSameAs(first);
    assertThat(first.variable()).startsWith("GRIP_URL");
    assertThat(made).hasValue(1);
    assertThat(lazy.peek()).isNull();
    assertThat(lazy.toString()).startsWith("LazyGrip{malformed GRIP_URL").doesNotContain("s3cr3t");
  }

  @Test
  void eachAnswerToAConfigurationErrorIs500WithOneLineThatNamesTheVariable() {
    List<String> logged = new ArrayList<>();
    Logger jul = Logger.getLogger("org.faasgrip.function");
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(record.getLevel() + " " + record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    jul.addHandler(capture);
    try {
      LazyGrip lazy = LazyGrip.of(counting(MALFORMED));
      for (int i = 0; i < 2; i++) {
        GripException e = org.junit.jupiter.api.Assertions.assertThrows(GripException.class, lazy::get);
        GripResponse r = lazy.errorResponse(e);
        assertThat(r.status()).isEqualTo(500);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("Internal Server Error\n");
      }
      assertThat(logged).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("SEVERE 500 GripConfigException")
          .contains("(change GRIP_URL").doesNotContain("s3cr3t"));
    } finally {
      jul.removeHandler(capture);
    }
  }

  @Test
  void answersThroughTheInstancesLoggerOnceItIsMade() {
    List<String> logged = new ArrayList<>();
    LazyGrip lazy = LazyGrip.of(() -> Grip.builder().logger((level, line) -> logged.add(level + " " + line)).build());
    lazy.get();

    assertThat(lazy.errorResponse(new BadRequestException("no method")).status()).isEqualTo(400);
    assertThat(logged).containsExactly("WARNING 400 BadRequestException: no method");
  }

  @Test
  void anyOtherFailureOfTheFactoryIsPassedOnAndTriedAgain() {
    AtomicInteger calls = new AtomicInteger();
    LazyGrip lazy = LazyGrip.of(() -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("the secret store was not reachable");
      }
      return Grip.builder().build();
    });

    assertThatThrownBy(lazy::get).isInstanceOf(IllegalStateException.class);
    assertThat(lazy.get()).isNotNull();
    assertThat(calls).hasValue(2);

    LazyGrip nothing = LazyGrip.of(() -> null);
    assertThatThrownBy(nothing::get).isExactlyInstanceOf(GripException.class)
        .hasMessageContaining("returned null");
  }

  @Test
  void racingFirstCallsMakeOneInstance() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LazyGrip lazy = LazyGrip.of(() -> {
      made.incrementAndGet();
      inside.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Grip.builder().build();
    });
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Grip>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(lazy::get));
      }
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      release.countDown();
      Grip first = results.get(0).get(10, TimeUnit.SECONDS);
      for (Future<Grip> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
      }
      assertThat(made).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aGivenInstanceIsReturnedAsItIsAndTheEnvironmentHolderReadsNothingBeforeItsFirstGet() {
    Grip grip = Grip.builder().build();
    assertThat(LazyGrip.of(grip).get()).isSameAs(grip);
    assertThat(LazyGrip.of(grip).peek()).isSameAs(grip);
    assertThat(LazyGrip.fromEnvironment()).hasToString("LazyGrip{environment, not read yet}");
    assertThatThrownBy(() -> LazyGrip.of((Grip) null)).isInstanceOf(GripException.class).hasMessageContaining("grip");
    assertThatThrownBy(() -> LazyGrip.of((Supplier<Grip>) null)).isInstanceOf(GripException.class)
        .hasMessageContaining("factory");
  }
}
