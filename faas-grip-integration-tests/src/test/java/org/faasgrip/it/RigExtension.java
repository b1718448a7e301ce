package org.faasgrip.it;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.faasgrip.config.GripConfig;
import org.faasgrip.it.Payload.Example;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.function.Grip;
import org.faasgrip.testkit.Pushpin;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives each end-to-end test the shared {@link Rig} and wires the example handlers, which run in this JVM, to
 * it: before each test it installs a {@link FaasGrip} instance configured from Pushpin's {@code GRIP_URL} (its
 * control URI, and its signing key, which also verifies {@code Grip-Sig}), with signatures required and a
 * channel prefix of the test's own, since the environment cannot be set per test. After a failed test it prints
 * the tail of Pushpin's logs.
 */
final class RigExtension implements BeforeEachCallback, AfterEachCallback, TestWatcher {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final AtomicInteger TESTS = new AtomicInteger();

  private Rig rig;
  private String prefix;

  @Override
  public void beforeEach(ExtensionContext context) {
    rig = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Rig.class, k -> new Rig(), Rig.class);
    prefix = "t" + TESTS.incrementAndGet() + "-";
    FaasGrip.install(Grip.builder()
        .config(GripConfig.of(List.of(GripConfig.parseGripUrl(rig.pushpin().gripUrl())), prefix))
        .requireSignature(true)
        .build());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    FaasGrip.install(null);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (rig != null) {
      System.err.println("---- Pushpin logs after failed test " + context.getDisplayName() + " ----\n"
          + rig.pushpin().logs(60) + "---- end of Pushpin logs ----");
    }
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    // nothing ran
  }

  Pushpin pushpin() {
    return rig.pushpin();
  }

  /** The WebSocket URI of an example through Pushpin (by way of the {@link UpgradeRelay}). */
  URI ws(Payload payload, Example example) {
    return rig.wsUri(payload.path(example));
  }

  /** The HTTP URI of an example through Pushpin, with an optional query ({@code null} for none). */
  URI http(Payload payload, Example example, String query) {
    return rig.pushpin().httpUri(payload.path(example) + (query == null ? "" : "?" + query));
  }

  /** The example's gateway itself, bypassing Pushpin. */
  URI direct(Payload payload, Example example) {
    return rig.gateway(payload, example);
  }

  /** Waits until Pushpin has {@code n} subscribers of the test's own {@code channel}. */
  void awaitSubscribers(String channel, int n) {
    rig.pushpin().awaitSubscribers(prefix + channel, n, TIMEOUT);
  }

  /** Pushpin's signing key, to sign requests sent to a gateway directly. */
  String sigKey() {
    return rig.pushpin().sigKey();
  }
}
