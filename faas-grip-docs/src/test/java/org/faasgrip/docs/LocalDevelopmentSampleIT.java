package org.faasgrip.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.faasgrip.config.GripConfig;
import org.faasgrip.examples.ChatHandler;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.localgateway.PayloadVersion;
import org.faasgrip.localrun.LocalRun;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinOptions;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The samples of docs/local-development.md: a handler behind the local gateway behind a real Pushpin, wired by
 * {@link LocalRun} and by hand. Real WebSocket clients chat through the first; a plain GET through Pushpin reaches
 * the handler of the second and gets its 400, which proves the whole route.
 */
class LocalDevelopmentSampleIT {

  @AfterEach
  void forgetTheInstalledConfiguration() {
    FaasGrip.install(null);
  }

  @Test
  void theSampleRoutesPushpinToTheHandler() throws Exception {
    // tag::local-development[]
    try (LocalGateway gateway = LocalGateway.builder()
            .handler(new ChatHandler())             // your RequestHandler or RequestStreamHandler
            .payload(PayloadVersion.V1)             // or V2 (HTTP API, Function URL), ALB
            .port(0)
            .build()
            .start();
        Pushpin pushpin = Pushpin.start(PushpinOptions.builder()
            .origin(gateway.port())                 // route: * 127.0.0.1:<port>,over_http
            .build())) {                            // .httpPort(7999) for a fixed client port
      // The handler publishes to this Pushpin, as it would to GRIP_URL's proxy on Lambda.
      FaasGrip.install(FaasGrip.with(GripConfig.of(List.of(GripConfig.parseGripUrl(pushpin.gripUrl())), "")));
      URI chat = pushpin.wsUri("/chat");            // point WebSocket clients here
      // end::local-development[]
      assertThat(chat.getScheme()).isEqualTo("ws");
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(pushpin.httpUri("/chat")).timeout(Duration.ofSeconds(20)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).isEqualTo("Not a WebSocket-over-HTTP request\n");
      // tag::local-development[]
    }
    // end::local-development[]
  }

  @Test
  void theLocalRunSampleChatsThroughPushpin() {
    // tag::local-run[]
    try (LocalRun run = LocalRun.builder()
        .handler(new ChatHandler())                 // or ChatHandler.class, or "com.example.ChatHandler"
        .port(0)                                    // any free port (default 7999)
        .start()) {                                 // Pushpin, the gateway, FaasGrip wired to that Pushpin
      URI chat = run.wsUri("/chat");                // ws://127.0.0.1:PORT/chat, through Pushpin
      // end::local-run[]
      // The examples' chat broadcasts the empty message a Java 17 client's handshake can cause.
      try (TestWebSocket ada = TestWebSocket.builder(chat).ignoreTexts("anonymous: "::equals).connect();
          TestWebSocket bob = TestWebSocket.builder(chat).ignoreTexts("anonymous: "::equals).connect()) {
        ada.send("/nick ada");
        assertThat(ada.awaitText(Duration.ofSeconds(10))).isEqualTo("nickname set to [ada]");
        bob.send("/nick bob");
        assertThat(bob.awaitText(Duration.ofSeconds(10))).isEqualTo("nickname set to [bob]");
        ada.send("hello");
        assertThat(bob.awaitText(Duration.ofSeconds(10))).isEqualTo("ada: hello");
      }
      // tag::local-run[]
    }
    // end::local-run[]
  }
}
