package org.faasgrip.docs;

// tag::testing-pushpin[]
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.faasgrip.config.GripConfig;
import org.faasgrip.lambda.FaasGrip;
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
    FaasGrip.install(FaasGrip.with(GripConfig.of(List.of(GripConfig.parseGripUrl(gripUrl)), "")));
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
    a.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    b.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
  }

  /** Collects the text messages a socket receives. */
  static final class Inbox implements WebSocket.Listener {
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

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
