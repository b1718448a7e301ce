package org.faasgrip.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.faasgrip.config.GripConfig;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinOptions;
import org.faasgrip.testkit.TestWebSocket;
import org.faasgrip.testkit.azure.LoopbackFunctionHost;
import org.faasgrip.websocket.WebSocketContext;
import org.faasgrip.websocket.WebSocketMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter over real HTTP: functions on {@link AzureGrip} served by the testkit's {@link LoopbackFunctionHost}
 * (a stand-in for the Azure Functions host, which cannot run here), behind a real Pushpin that signs what it
 * forwards, reached by a real WebSocket client; and the failure answers as a client that bypasses Pushpin sees them.
 */
class AzurePushpinIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static LoopbackFunctionHost host;
  private static Pushpin pushpin;

  @BeforeAll
  static void start() {
    String key = "azure-it-" + Long.toHexString(new java.security.SecureRandom().nextLong());
    AzureGrip azure = AzureGrip.builder().grip(Grip.builder()
            .config(GripConfig.of(List.of(GripConfig.parseGripUrl(
                "http://127.0.0.1:1?verify-iss=pushpin&verify-key=" + key)), ""))
            .requireSignature(true)
            .build())
        .maxBodyBytes(4096)
        .build();
    host = LoopbackFunctionHost.start()
        .function("echo", (request, context) -> azure.serve(request, context, r -> echo(azure.grip().webSocket(r))))
        .function("misconfigured", (request, context) -> azure.serve(request, context, r -> {
          Grip.fromEnvironment(Map.of("GRIP_URL", "not a url?key=s3cret"));
          return GripResponse.builder().build();
        }));
    pushpin = Pushpin.start(PushpinOptions.builder().origin(host.port()).sigKey(key).logLevel(3).build());
  }

  @AfterAll
  static void stop() {
    try {
      if (pushpin != null) {
        pushpin.close();
      }
    } finally {
      if (host != null) {
        host.close();
      }
    }
  }

  /** Accepts the connection and sends every message back as it came: text as text, binary as binary. */
  private static GripResponse echo(WebSocketContext ws) {
    if (ws.isOpening()) {
      ws.accept();
    }
    while (ws.canRecv()) {
      WebSocketMessage m = ws.recvMessage();
      if (m.isBinary()) {
        ws.sendBinary(m.bytes());
      } else if (m.isText()) {
        ws.send(m.text());
      } else {
        ws.close();
      }
    }
    return ws.toGripResponse();
  }

  private static HttpResponse<String> direct(String path, byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + path))
            .header("Content-Type", "application/websocket-events").header("Connection-Id", "x")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void textAndEveryByteValueOfABinaryMessageComeBackThroughPushpin() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    try (TestWebSocket ws = TestWebSocket.builder(pushpin.wsUri("/api/echo")).client(http).connect()) {
      ws.sendBinary(all);
      ws.send("héllo");
      // Java 17's client may make Pushpin pass an empty text message after the handshake: skip it.
      TestWebSocket.Message first = ws.awaitMessage(WAIT);
      if (first.type() == TestWebSocket.Message.Type.TEXT && first.text().isEmpty()) {
        first = ws.awaitMessage(WAIT);
      }
      assertThat(first.type()).isEqualTo(TestWebSocket.Message.Type.BINARY);
      assertThat(first.bytes()).isEqualTo(all);
      assertThat(ws.awaitText(WAIT)).isEqualTo("héllo");
    }
  }

  @Test
  void aBodyOverTheFunctionsLimitGets413() throws Exception {
    HttpResponse<String> r = direct("/api/echo", new byte[4097]);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("larger than the limit of 4096 bytes");
    assertThat(host.log()).anySatisfy(l -> assertThat(l).startsWith("WARNING 413 BodyTooLargeException"));
  }

  @Test
  void anUnsignedRequestGets403() throws Exception {
    HttpResponse<String> r = direct("/api/echo", "OPEN\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void aConfigurationErrorGets500AndALogLineWithoutTheKey() throws Exception {
    HttpResponse<String> r = direct("/api/misconfigured", new byte[0]);

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).isEqualTo("Internal Server Error\n");
    assertThat(host.log()).anySatisfy(l -> assertThat(l).startsWith("SEVERE 500 GripConfigException")
        .contains("GRIP_URL").doesNotContain("s3cret"));
  }
}
