package org.faasgrip.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.faasgrip.examples.Chat;
import org.faasgrip.it.Payload.Example;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JavaScript faas-grip chat example end to end, for each payload: real {@code java.net.http.WebSocket} clients connect to a real
 * Pushpin, which turns their activity into WebSocket-over-HTTP requests to the local gateway, which runs the
 * example's entry point for that payload: the typed {@code RequestHandler}, and the {@code RequestStreamHandler}.
 */
class ChatIT {
  private static final Duration TIMEOUT = RigExtension.TIMEOUT;
  /** How long to wait for a message that must not come. */
  private static final Duration QUIET = Duration.ofMillis(500);

  @RegisterExtension
  final RigExtension rig = new RigExtension();

  private final HttpClient http = HttpClient.newHttpClient();
  private TestWebSocket alice;
  private TestWebSocket bob;
  private TestWebSocket carol;

  @AfterEach
  void closeClients() {
    for (TestWebSocket c : new TestWebSocket[] {alice, bob, carol}) {
      if (c != null) {
        c.close();
      }
    }
  }

  /** Each payload, with the chat's typed entry point and with the stream handler. */
  static Stream<Arguments> chats() {
    return Arrays.stream(Payload.values()).flatMap(p -> Stream.of(
        Arguments.of(p, Example.CHAT), Arguments.of(p, Example.CHAT_STREAM_HANDLER)));
  }

  private void connectThree(Payload payload, Example chat) throws Exception {
    URI uri = rig.ws(payload, chat);
    alice = TestWebSocket.builder(uri).client(http).timeout(TIMEOUT).connect();
    bob = TestWebSocket.builder(uri).client(http).timeout(TIMEOUT).connect();
    carol = TestWebSocket.builder(uri).client(http).timeout(TIMEOUT).connect();
    // Accepted (the handshake completed) and subscribed: only then does a publish reach all three.
    rig.awaitSubscribers(Chat.CHANNEL, 3);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("chats")
  void messageFromOneReachesAll(Payload payload, Example chat) throws Exception {
    connectThree(payload, chat);

    bob.send("hello, room");

    for (TestWebSocket c : List.of(alice, bob, carol)) {
      assertThat(c.awaitText(TIMEOUT)).isEqualTo("anonymous: hello, room");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("chats")
  void nicknameIsSetAndSurvivesAcrossMessages(Payload payload, Example chat) throws Exception {
    connectThree(payload, chat);

    alice.send("/nick alice");
    assertThat(alice.awaitText(TIMEOUT)).isEqualTo("nickname set to [alice]");
    // The confirmation goes to the sender only.
    assertThat(bob.pollMessage(QUIET)).isNull();

    // Each message is a new invocation: the nickname comes back as connection meta through Pushpin.
    alice.send("first");
    alice.send("second");
    carol.send("from carol");
    for (TestWebSocket c : List.of(alice, bob, carol)) {
      assertThat(c.awaitMessages(3, TIMEOUT)).extracting(TestWebSocket.Message::text)
          .containsExactlyInAnyOrder("alice: first", "alice: second", "anonymous: from carol");
    }
    // Each client has its own meta: a second nickname does not change the first.
    bob.send("/nick bob");
    assertThat(bob.awaitText(TIMEOUT)).isEqualTo("nickname set to [bob]");
    alice.send("still me");
    assertThat(carol.awaitText(TIMEOUT)).isEqualTo("alice: still me");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("chats")
  void pingGetsItsPong(Payload payload, Example chat) throws Exception {
    connectThree(payload, chat);
    byte[] data = ("ping from " + payload).getBytes(StandardCharsets.UTF_8);

    // Pushpin passes the PING to the function; the context answers with a PONG echoing the payload.
    carol.ping(data);

    assertThat(carol.awaitPong(TIMEOUT)).isEqualTo(data);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("chats")
  void closeIsAnsweredWithClose(Payload payload, Example chat) throws Exception {
    connectThree(payload, chat);

    bob.sendClose(1000, "bye");

    // Pushpin passes the close to the function, whose ws.close() answers it; Pushpin then completes the
    // handshake with the client's code. Without that answer the client sees 1006 (connection dropped).
    assertThat(bob.awaitClose(TIMEOUT).code()).isEqualTo(1000);
    // The others stay connected and keep chatting.
    alice.send("after bob left");
    assertThat(carol.awaitText(TIMEOUT)).isEqualTo("anonymous: after bob left");
  }
}
