package org.faasgrip.it;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.faasgrip.config.GripConfig;
import org.faasgrip.config.GripProxy;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.localgateway.PayloadVersion;
import org.faasgrip.publisher.GripPublisher;
import org.faasgrip.publisher.RetryPolicy;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinOptions;

/**
 * What a fault test runs on, started piece by piece as the test asks: {@link FaultRoom} in the local gateway (or in
 * a {@link FunctionHost}), Pushpins that sign with one random key, the function's publisher, the relays and the
 * {@link Room}. {@link #close()} closes what was started, the last first, each even when one before it fails, so
 * that a test failing half-way through its set-up leaves nothing running.
 */
final class FaultRig implements AutoCloseable {
  /** Something to undo when the rig closes. */
  @FunctionalInterface
  interface Closer {
    /**
     * Undoes it.
     *
     * @throws Exception if it could not
     */
    void close() throws Exception;
  }

  private final String key = newKey();
  private final Deque<Closer> started = new ArrayDeque<>();

  /** A rig with nothing started yet. */
  FaultRig() {}

  /** The key Pushpin signs with and the function verifies with (and publishes with). */
  String key() {
    return key;
  }

  /** Starts {@link FaultRoom} in the local gateway in this JVM, on a free port; the test installs the function. */
  LocalGateway gateway() {
    return closeLater(LocalGateway.builder().handler(new FaultRoom()).payload(PayloadVersion.V1).port(0).build()
        .start());
  }

  /** Starts a Pushpin signing with the key that routes every request to the origin on {@code originPort}. */
  Pushpin pushpin(int originPort) {
    return closeLater(Pushpin.start(PushpinOptions.builder().origin(originPort).sigKey(key).build()));
  }

  /** Starts a Pushpin signing with the key, with no route: for a test that only publishes. */
  Pushpin pushpin() {
    return closeLater(Pushpin.start(PushpinOptions.builder().sigKey(key).build()));
  }

  /** Starts an {@link UpgradeRelay} in front of {@code pushpin}'s client port, for the WebSocket clients. */
  UpgradeRelay relay(Pushpin pushpin) throws IOException {
    return closeLater(new UpgradeRelay(pushpin.httpUri().getPort()));
  }

  /** Starts a {@link RefusingRelay} in front of {@code pushpin}'s publish port. */
  RefusingRelay refusingRelay(Pushpin pushpin) throws IOException {
    return closeLater(new RefusingRelay(pushpin.controlUri().getPort()));
  }

  /**
   * A {@link FunctionHost} on {@code port} publishing to {@code controlUri} with the key, every call taking
   * {@code delay} first; not started yet, but killed when the rig closes.
   */
  FunctionHost host(int port, URI controlUri, Duration delay) {
    return closeLater(new FunctionHost(port, gripUrl(controlUri, key), delay));
  }

  /** A publisher to each of {@code controlUris} (each with the key), retrying as {@code retry} says. */
  GripPublisher publisher(RetryPolicy retry, URI... controlUris) {
    return publisher(retry, config(controlUris));
  }

  private GripPublisher publisher(RetryPolicy retry, GripConfig config) {
    return closeLater(GripPublisher.builder().config(config).retry(retry).build());
  }

  /**
   * Installs the function's configuration with the publish hook ({@link FaultRoom#grip}) until the rig closes: it
   * verifies with the key and publishes to each of {@code controlUris} through a publisher of its own that retries
   * as {@code retry} says, telling {@code failures} of each publish that failed.
   */
  void function(RetryPolicy retry, Consumer<Throwable> failures, URI... controlUris) {
    GripConfig config = config(controlUris);
    FaasGrip.install(FaultRoom.grip(config, publisher(retry, config), failures));
    onClose(() -> FaasGrip.install(null));
  }

  /** A room of clients whose every wait is bounded by {@code timeout}. */
  Room room(Duration timeout) {
    return closeLater(new Room(timeout));
  }

  /** Runs {@code closer} when the rig closes, before what was started before this call is closed. */
  void onClose(Closer closer) {
    started.push(closer);
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    onClose(resource::close);
    return resource;
  }

  private GripConfig config(URI... controlUris) {
    List<GripProxy> proxies = new ArrayList<>();
    for (URI uri : controlUris) {
      proxies.add(GripConfig.parseGripUrl(gripUrl(uri, key)));
    }
    return GripConfig.of(proxies, "");
  }

  /** Closes everything started, the last first; throws the first failure, with the later ones suppressed. */
  @Override
  public void close() throws Exception {
    Exception failed = null;
    for (Closer c = started.poll(); c != null; c = started.poll()) {
      try {
        c.close();
      } catch (Exception e) {
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** A random key for Pushpin to sign with and the function to verify with (HS256 wants 32 bytes or more). */
  private static String newKey() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /** The {@code GRIP_URL} of a Pushpin whose key is {@code key}, to publish and to verify with. */
  private static String gripUrl(URI controlUri, String key) {
    return controlUri + "?iss=" + PushpinOptions.DEFAULT_SIG_ISS + "&key=" + key
        + "&verify-iss=" + PushpinOptions.DEFAULT_SIG_ISS + "&verify-key=" + key;
  }
}
