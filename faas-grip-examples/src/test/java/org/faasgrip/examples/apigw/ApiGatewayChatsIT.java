package org.faasgrip.examples.apigw;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import org.faasgrip.apigw.GripConnections;
import org.faasgrip.apigw.WebSocketApi;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.localgateway.PayloadVersion;
import org.faasgrip.localrun.LocalRun;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two API-Gateway-style chats behind real Pushpin and the local gateway (HTTP API events), with real
 * WebSocket clients: AWS's tutorial on {@code /tutorial}, the demo's plain-text chat on {@code /chat}.
 */
class ApiGatewayChatsIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static LocalRun run;
  private static Pushpin pushpin;

  /** One function serving both APIs by path, as one HTTP API could route two paths to two functions. */
  static final class Function implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final WebSocketApi tutorial;
    private final WebSocketApi chat;

    Function(WebSocketApi tutorial, WebSocketApi chat) {
      this.tutorial = tutorial;
      this.chat = chat;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
      return (event.getRawPath().equals("/tutorial") ? tutorial : chat).handle(event, context);
    }
  }

  @BeforeAll
  static void start() {
    // The run makes the signing key, starts the gateway with the handler on its Grip, then Pushpin, then publishing.
    run = LocalRun.builder().port(0).origin(grip -> {
      GripConnections connections = GripConnections.of(grip);
      return LocalRun.gatewayOrigin(LocalGateway.builder()
          .handler(new Function(SendMessageChat.api(connections), PlainTextChat.api(connections)))
          .payload(PayloadVersion.V2).port(0), grip);
    }).start();
    pushpin = run.pushpin();
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  /**
   * Java 17's client may make condure pass an empty message after OPEN (see TestWebSocket): the tutorial answers
   * it as any message without an action, and the plain-text chat says it to the room. Tests that are about other
   * messages ignore those answers.
   */
  private static TestWebSocket connect(String path, java.util.function.Predicate<String> ignored) {
    return TestWebSocket.builder(pushpin.wsUri(path)).ignoreTexts(ignored).connect();
  }

  @Test
  void theTutorialsDefaultRouteDescribesTheCaller() {
    try (TestWebSocket carol = TestWebSocket.connect(pushpin.wsUri("/tutorial"))) {
      carol.send("hello?");
      assertThat(carol.awaitText(WAIT)).startsWith("Use the sendmessage route to send a message. Your info:"
          + "{\"ConnectedAt\":\"").contains("\"SourceIp\":\"127.0.0.1\"");
    }
  }

  @Test
  void theTutorialsSendMessageReachesEveryConnection() {
    // Once the handshake is done, $connect has stored the connection and the proxy has subscribed it.
    try (TestWebSocket alice = connect("/tutorial", t -> t.startsWith("Use the sendmessage route"));
        TestWebSocket bob = connect("/tutorial", t -> t.startsWith("Use the sendmessage route"))) {
      alice.send("{\"action\":\"sendmessage\",\"message\":\"hi\"}");
      assertThat(alice.awaitText(WAIT)).isEqualTo("hi");
      assertThat(bob.awaitText(WAIT)).isEqualTo("hi");
    }
  }

  @Test
  void thePlainTextChatSetsNicknamesAndBroadcasts() {
    try (TestWebSocket alice = connect("/chat", t -> t.endsWith(": "));
        TestWebSocket bob = connect("/chat", t -> t.endsWith(": "))) {
      alice.send("/nick alice");
      bob.send("/nick bob");
      assertThat(alice.awaitText(WAIT)).isEqualTo("nickname set to [alice]");
      assertThat(bob.awaitText(WAIT)).isEqualTo("nickname set to [bob]");

      alice.send("hello bob");
      assertThat(bob.awaitText(WAIT)).isEqualTo("alice: hello bob");
      assertThat(alice.awaitText(WAIT)).isEqualTo("alice: hello bob");
    }
  }
}
