package org.faasgrip.docs;

// tag::testing-pushpin[]
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.faasgrip.config.GripConfig;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.lambda.LambdaGrip;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.localgateway.PayloadVersion;
import org.faasgrip.testkit.PushpinExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's handler behind a real Pushpin and the local gateway, with two real WebSocket clients. */
class ReadmeChatIT {
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
    FaasGrip.install(LambdaGrip.builder()
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
  void aMessageReachesEverySocketOfTheRoom() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Inbox alice = new Inbox();
    Inbox bob = new Inbox();
    WebSocket a = RIG.pushpin().openWebSocket(http, "/chat", alice);
    WebSocket b = RIG.pushpin().openWebSocket(http, "/chat", bob);
    RIG.pushpin().awaitSubscribers("room", 2, Duration.ofSeconds(10));   // publishes before this reach nobody

    a.sendText("hello", true).join();

    assertThat(alice.next()).isEqualTo("hello");
    assertThat(bob.next()).isEqualTo("hello");
    // The handler answers each close with ws.close(), and Pushpin completes the handshake with the client's
    // code; without that answer the client would see 1006 (connection dropped).
    a.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    b.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    assertThat(alice.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
    assertThat(bob.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
  }

  @Test
  void aRequestPastTheProxyIsRefused() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(GATEWAY.uri().resolve("/chat"))
        .header("Content-Type", "application/websocket-events")
        .POST(HttpRequest.BodyPublishers.ofString("OPEN\r\n"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);               // no Grip-Sig: not from Pushpin
  }

  /** Collects the text messages a socket receives. */
  static final class Inbox implements WebSocket.Listener {
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    String next() throws InterruptedException {
      for (;;) {
        String text = texts.poll(10, TimeUnit.SECONDS);
        assertThat(text).as("a message within 10 s").isNotNull();
        // A Java 17 client's handshake can make Pushpin pass an empty message first (see Pushpin.openWebSocket).
        if (!text.isEmpty()) {
          return text;
        }
      }
    }
  }
}
// end::testing-pushpin[]
