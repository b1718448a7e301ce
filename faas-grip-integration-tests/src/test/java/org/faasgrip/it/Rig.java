package org.faasgrip.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import org.faasgrip.it.Payload.Example;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinOptions;

/**
 * One real Pushpin on loopback in front of one local gateway per example and payload, shared by every
 * end-to-end test of the run (started on first use, closed when the run ends). Pushpin routes
 * {@code /PAYLOAD/EXAMPLE} (e.g. {@code /alb/chat}) to the gateway that runs that example's entry point for that
 * payload in this JVM, with WebSockets as WebSocket-over-HTTP.
 *
 * <p>Tests stay apart by channel prefix, not by instance: {@link RigExtension} gives every test a prefix of its
 * own.
 */
final class Rig implements AutoCloseable {
  private final Map<Payload, Map<Example, LocalGateway>> gateways = new EnumMap<>(Payload.class);
  private final Pushpin pushpin;
  private final UpgradeRelay relay;

  Rig() {
    try {
      // At least 32 bytes: HS256 needs a 256-bit key. Random, so no test can pass by knowing it.
      byte[] key = new byte[24];
      new SecureRandom().nextBytes(key);
      PushpinOptions.Builder options = PushpinOptions.builder().sigKey("it-" + HexFormat.of().formatHex(key));
      for (Payload payload : Payload.values()) {
        Map<Example, LocalGateway> byExample = new EnumMap<>(Example.class);
        gateways.put(payload, byExample);
        for (Example example : Example.values()) {
          LocalGateway gateway = LocalGateway.builder()
              .handler(payload.handler(example))
              .payload(payload.version)
              .multiValueHeaders(payload.multiValueHeaders())
              .port(0)
              .build()
              .start();
          byExample.put(example, gateway);
          options.routeLine("*,path_beg=" + payload.path(example) + " 127.0.0.1:" + gateway.port() + ",over_http");
        }
      }
      pushpin = Pushpin.start(options.build());
      try {
        relay = new UpgradeRelay(pushpin.httpUri().getPort());
      } catch (IOException e) {
        pushpin.close();
        throw new UncheckedIOException(e);
      }
    } catch (RuntimeException | Error e) {
      closeGateways();
      throw e;
    }
  }

  Pushpin pushpin() {
    return pushpin;
  }

  /** Where the WebSocket clients connect: Pushpin's client port, through the {@link UpgradeRelay}. */
  URI wsUri(String path) {
    return relay.wsUri(path);
  }

  /** The gateway itself, for requests that must not go through Pushpin (bad signatures, malformed bodies). */
  URI gateway(Payload payload, Example example) {
    return gateways.get(payload).get(example).uri().resolve(payload.path(example));
  }

  @Override
  public void close() throws IOException {
    try {
      relay.close();
    } finally {
      try {
        pushpin.close();
      } finally {
        closeGateways();
      }
    }
  }

  private void closeGateways() {
    for (Map<Example, LocalGateway> byExample : gateways.values()) {
      for (LocalGateway gateway : byExample.values()) {
        gateway.close();
      }
    }
  }
}
