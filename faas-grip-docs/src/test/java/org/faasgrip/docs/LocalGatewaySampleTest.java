package org.faasgrip.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.faasgrip.examples.ChatHandler;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.localgateway.PayloadVersion;
import org.junit.jupiter.api.Test;

/** The sample of docs/local-gateway.md starts a gateway that answers on loopback, and stops it. */
class LocalGatewaySampleTest {

  @Test
  void theGatewayOfTheSampleServesTheHandler() throws Exception {
    URI seen;
    // tag::local-gateway[]
    try (LocalGateway gw = LocalGateway.builder()
        .handler(new ChatHandler())        // or ChatHandler.class, or "com.example.ChatHandler"
        .payload(PayloadVersion.V1)        // V1 (REST API), V2 (HTTP API / Function URL), ALB
        .port(0)                           // 0: any free port; gw.port() tells which
        .build()
        .start()) {
      URI origin = gw.uri();               // http://127.0.0.1:PORT/  -> Pushpin route target
      // end::local-gateway[]
      seen = origin;
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(origin.resolve("/chat"))
          .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).isEqualTo("Not a WebSocket-over-HTTP request\n");
      // tag::local-gateway[]
    }
    // end::local-gateway[]
    assertThat(seen.getHost()).isEqualTo("127.0.0.1");
  }
}
