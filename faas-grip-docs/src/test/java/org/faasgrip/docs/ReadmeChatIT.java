package org.faasgrip.docs;

// tag::testing-pushpin[]
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import org.faasgrip.config.GripConfig;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.function.Grip;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.localgateway.PayloadVersion;
import org.faasgrip.testkit.PushpinExtension;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's handler behind a real Pushpin and the local gateway, with two real WebSocket clients. */
class ReadmeChatIT {
  static final Duration WAIT = Duration.ofSeconds(10);

  // API Gateway REST API (payload 1.0) on 127.0.0.1, on a free port, invoking the handler.
  static final LocalGateway GATEWAY = LocalGateway.builder()
      .handler(new ReadmeChat())
      .payload(PayloadVersion.V1)
      .port(0)
      .build()
      .start();

  // Pushpin on loopback, every route to the gateway over WebSocket-over-HTTP; stopped after the class.
  @RegisterExtension
  static final PushpinExtension RIG = PushpinExtension.forOrigin(GATEWAY::port);

  @BeforeAll
  static void publishToThisPushpin() {
    String gripUrl = RIG.pushpin().gripUrl();       // http://127.0.0.1:PORT?iss=pushpin&key=...
    FaasGrip.install(Grip.builder()
        .config(GripConfig.of(List.of(GripConfig.parseGripUrl(gripUrl)), ""))
        .requireSignature(true)                     // as GRIP_VERIFY=required: Pushpin's Grip-Sig is checked
        .build());
  }

  @AfterAll
  static void stop() {
    FaasGrip.install(null);
    GATEWAY.close();
  }

  @Test
  void aMessageReachesEverySocketOfTheRoom() {
    try (TestWebSocket alice = connect(); TestWebSocket bob = connect()) {
      RIG.pushpin().awaitSubscribers("room", 2, WAIT);   // publishes before this reach nobody

      alice.send("hello");

      assertThat(alice.awaitText(WAIT)).isEqualTo("hello");
      assertThat(bob.awaitText(WAIT)).isEqualTo("hello");
      // The handler answers each close with ws.close(), and Pushpin completes the handshake with the client's
      // code; without that answer the client would see 1006 (connection dropped).
      alice.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
      bob.sendClose(WebSocket.NORMAL_CLOSURE, "");
      assertThat(alice.awaitClose(WAIT).code()).isEqualTo(WebSocket.NORMAL_CLOSURE);
      assertThat(bob.awaitClose(WAIT).code()).isEqualTo(WebSocket.NORMAL_CLOSURE);
    }
  }

  @Test
  void aRequestPastTheProxyIsRefused() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(GATEWAY.uri().resolve("/chat"))
        .header("Content-Type", "application/websocket-events")
        .POST(HttpRequest.BodyPublishers.ofString("OPEN\r\n"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);               // no Grip-Sig: not from Pushpin
  }

  /**
   * A real WebSocket client through Pushpin that records what it receives. It drops empty messages: a Java 17
   * client's handshake can make Pushpin pass one to the chat, which sends it on to the room.
   */
  static TestWebSocket connect() {
    return TestWebSocket.builder(RIG.pushpin().wsUri("/chat")).ignoreTexts(String::isEmpty).connect();
  }
}
// end::testing-pushpin[]
