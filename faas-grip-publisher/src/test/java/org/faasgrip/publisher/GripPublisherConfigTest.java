package org.faasgrip.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.faasgrip.config.GripConfig;
import org.faasgrip.config.GripProxy;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The publisher built from the core's configuration ({@code GRIP_URL}, {@code GRIP_PROXIES}, {@code GRIP_PREFIX})
 * against {@link FakeProxy} loopback servers standing in for Pushpin (the *IT tests use a real one).
 */
class GripPublisherConfigTest {
  private FakeProxy a;
  private FakeProxy b;

  @BeforeEach
  void start() throws Exception {
    a = new FakeProxy();
    b = new FakeProxy();
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
  }

  private static String controlUri(FakeProxy p) {
    return "http://127.0.0.1:" + p.publishUri().getPort();
  }

  @Test
  void gripUrlWithIssAndKeyAndPrefix() throws Exception {
    byte[] key = "a-32-byte-secret-for-hs256-sign!".getBytes(StandardCharsets.US_ASCII);
    String url = controlUri(a) + "?iss=realm1&key=base64:" + Base64.getEncoder().encodeToString(key);
    GripConfig config = GripConfig.fromEnvironment(Map.of("GRIP_URL", url, "GRIP_PREFIX", "app-"));

    try (GripPublisher publisher = GripPublisher.builder().config(config).build()) {
      publisher.publish("room", WebSocketMessageFormat.text("hi"));
      assertThat(publisher.toString()).contains(a.publishUri().toString()).doesNotContain("key=", "base64");
    }

    FakeProxy.Recorded r = a.requests.get(0);
    assertThat(r.path).isEqualTo("/publish/");
    assertThat(r.bodyText()).contains("\"channel\":\"app-room\"");
    SignedJWT jwt = SignedJWT.parse(r.header("Authorization").substring("Bearer ".length()));
    assertThat(jwt.verify(new MACVerifier(key))).isTrue();
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("realm1");
  }

  @Test
  void gripProxiesPublishesToEach() {
    String json = "[{\"control_uri\": \"" + controlUri(a) + "\"}, {\"control_uri\": \"" + controlUri(b)
        + "\", \"key\": \"api-token\"}]";
    GripConfig config = GripConfig.fromEnvironment(Map.of("GRIP_PROXIES", json));

    try (GripPublisher publisher = GripPublisher.builder().config(config).build()) {
      publisher.publish("room", WebSocketMessageFormat.text("hi"));
    }

    assertThat(a.requests).hasSize(1);
    assertThat(b.requests).hasSize(1);
    assertThat(a.requests.get(0).header("Authorization")).isNull();
    assertThat(b.requests.get(0).header("Authorization")).isEqualTo("Bearer api-token");
  }

  @Test
  void explicitProxyWithUserAndPasswordAndAnExplicitPrefix() {
    GripProxy proxy = GripProxy.builder(URI.create("http://user:pw@127.0.0.1:" + a.publishUri().getPort())).build();

    try (GripPublisher publisher = GripPublisher.builder().proxy(proxy).prefix("x.")
        .config(GripConfig.of(java.util.List.of(), "ignored-")).build()) {
      publisher.publish("room", WebSocketMessageFormat.text("hi"));
    }

    FakeProxy.Recorded r = a.requests.get(0);
    assertThat(r.header("Authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("user:pw".getBytes(StandardCharsets.UTF_8)));
    assertThat(r.bodyText()).contains("\"channel\":\"x.room\"");
  }

  @Test
  void noProxyConfiguredIsAClearError() {
    assertThatThrownBy(() -> GripPublisher.builder().config(GripConfig.fromEnvironment(Map.of())).build())
        .isInstanceOf(PublishException.class).hasMessageContaining("GRIP_URL").hasMessageContaining("GRIP_PROXIES");
    assertThatThrownBy(() -> GripPublisher.builder().config(null)).isInstanceOf(PublishException.class);
    assertThatThrownBy(() -> GripPublisher.builder().proxy(null)).isInstanceOf(PublishException.class);
  }
}
