package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.faasgrip.localrun.LocalRun;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The handler as it runs on AWS, on this machine: a real Pushpin on loopback holds the WebSockets and sends
 * WebSocket-over-HTTP to the local gateway, which invokes {@link ChatHandler} with API Gateway's REST API events;
 * the handler publishes to that Pushpin and checks its Grip-Sig. The clients are real WebSocket clients.
 */
class ChatHandlerIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static LocalRun run;

  @BeforeAll
  static void start() {
    run = LocalRun.builder()
        .handler(new ChatHandler())
        .port(0)                                        // any free port
        .start();
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();                                      // stops Pushpin and the gateway
    }
  }

  @Test
  void aNicknameIsSetAndAMessageReachesEveryone() {
    try (TestWebSocket alice = TestWebSocket.connect(run.wsUri("/chat"));
        TestWebSocket bob = TestWebSocket.connect(run.wsUri("/chat"))) {
      alice.send("/nick alice");
      bob.send("/nick bob");
      // Each answer comes after the response that subscribed the socket: both are in the room now.
      assertThat(alice.awaitText(WAIT)).isEqualTo("nickname set to [alice]");
      assertThat(bob.awaitText(WAIT)).isEqualTo("nickname set to [bob]");

      alice.send("hello");
      assertThat(bob.awaitText(WAIT)).isEqualTo("alice: hello");
      assertThat(alice.awaitText(WAIT)).isEqualTo("alice: hello");
    }
  }

  @Test
  void aNicknameTooLongIsRefused() {
    try (TestWebSocket carol = TestWebSocket.connect(run.wsUri("/chat"))) {
      carol.send("/nick " + "c".repeat(ChatHandler.MAX_NICK_LENGTH + 1));
      assertThat(carol.awaitText(WAIT)).startsWith("a nickname is 1 to " + ChatHandler.MAX_NICK_LENGTH);
    }
  }

  @Test
  void aRequestThatDidNotComeThroughPushpinIsRefused() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(run.gatewayUri().resolve("/chat"))
            .header("Content-Type", "application/websocket-events")
            .POST(HttpRequest.BodyPublishers.ofString("OPEN\r\n"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);          // no Grip-Sig from Pushpin
  }
}
