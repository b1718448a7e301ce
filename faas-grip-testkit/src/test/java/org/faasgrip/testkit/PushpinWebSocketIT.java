package org.faasgrip.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.faasgrip.testkit.TestWebSocket.Close;
import org.faasgrip.testkit.TestWebSocket.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link TestWebSocket} (named so that surefire, which runs {@code Test*} classes, leaves it to failsafe) against a real Pushpin, whose origin speaks WebSocket-over-HTTP written by hand (the
 * testkit knows no library code): it answers commands sent as text messages.
 */
class PushpinWebSocketIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension static PushpinExtension rig = PushpinExtension.withOrigin();

  @BeforeAll
  static void origin() {
    rig.origin().handle("/cmd", PushpinWebSocketIT::answer);
  }

  /**
   * OPEN is accepted; PING is answered with PONG; a client's CLOSE is echoed. Texts: {@code many N} sends N
   * texts {@code m0}...; {@code bin} sends the bytes 00 01 02 ff; {@code close} closes with 4001 "see you"; the
   * empty text a Java 17 client's handshake can bring is ignored; anything else is echoed.
   */
  private static void answer(HttpExchange ex) throws IOException {
    byte[] in = ex.getRequestBody().readAllBytes();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < in.length) {
      int eol = indexOf(in, i);
      String[] head = new String(in, i, eol - i, StandardCharsets.US_ASCII).split(" ");
      int len = head.length > 1 ? Integer.parseInt(head[1], 16) : 0;
      byte[] content = Arrays.copyOfRange(in, eol + 2, eol + 2 + len);
      i = eol + 2 + (head.length > 1 ? len + 2 : 0);
      switch (head[0]) {
        case "OPEN":
          event(out, "OPEN", null);
          break;
        case "PING":
          event(out, "PONG", content);
          break;
        case "CLOSE":
          event(out, "CLOSE", content);
          break;
        case "TEXT":
          String text = new String(content, StandardCharsets.UTF_8);
          if (text.startsWith("many ")) {
            for (int k = 0; k < Integer.parseInt(text.substring(5)); k++) {
              event(out, "TEXT", ("m" + k).getBytes(StandardCharsets.UTF_8));
            }
          } else if (text.equals("bin")) {
            event(out, "BINARY", new byte[] {0, 1, 2, (byte) 0xff});
          } else if (text.equals("close")) {
            byte[] reason = "see you".getBytes(StandardCharsets.UTF_8);
            byte[] close = new byte[2 + reason.length];
            close[0] = (byte) (4001 >> 8);
            close[1] = (byte) 4001;
            System.arraycopy(reason, 0, close, 2, reason.length);
            event(out, "CLOSE", close);
          } else if (!text.isEmpty()) {
            event(out, "TEXT", content);
          }
          break;
        default:
          break; // DISCONNECT: nothing to answer
      }
    }
    OriginServer.reply(ex, 200, Map.of("Content-Type", "application/websocket-events"), out.toByteArray());
  }

  private static int indexOf(byte[] in, int from) {
    for (int i = from; i + 1 < in.length; i++) {
      if (in[i] == '\r' && in[i + 1] == '\n') {
        return i;
      }
    }
    throw new IllegalArgumentException("no CRLF after byte " + from);
  }

  private static void event(ByteArrayOutputStream out, String type, byte[] content) {
    String head = content == null ? type + "\r\n" : type + " " + Integer.toHexString(content.length) + "\r\n";
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    if (content != null) {
      out.writeBytes(content);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
  }

  @Test
  void textsAndBinariesArriveWholeAndInOrder() {
    try (TestWebSocket ws = TestWebSocket.connect(rig.pushpin().wsUri("/cmd"))) {
      ws.send("many 3");
      ws.send("bin");
      ws.send("h\u00e9llo");

      assertThat(ws.awaitMessages(3, WAIT)).extracting(Message::text).containsExactly("m0", "m1", "m2");
      Message binary = ws.awaitMessage(WAIT);
      assertThat(binary.type()).isEqualTo(Message.Type.BINARY);
      assertThat(binary.bytes()).containsExactly(0, 1, 2, 0xff);
      assertThat(binary).hasToString("binary 000102ff");
      assertThat(ws.awaitText(WAIT)).isEqualTo("h\u00e9llo");
      assertThat(ws.pending()).isEmpty();
    }
  }

  @Test
  void awaitTextRefusesABinaryMessageAndSaysWhatCame() {
    try (TestWebSocket ws = TestWebSocket.connect(rig.pushpin().wsUri("/cmd"))) {
      ws.send("bin");
      assertThatThrownBy(() -> ws.awaitText(WAIT))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("Expected a text message")
          .hasMessageContaining("binary 000102ff");
    }
  }

  @Test
  void tooFewMessagesFailWithThoseThatCame() {
    try (TestWebSocket ws = TestWebSocket.connect(rig.pushpin().wsUri("/cmd"))) {
      ws.send("many 1");
      assertThatThrownBy(() -> ws.awaitMessages(2, Duration.ofMillis(500)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("Only 1 of 2 messages")
          .hasMessageContaining("text \"m0\"");
      assertThat(ws.pollMessage(Duration.ofMillis(200))).as("nothing more comes").isNull();
    }
  }

  @Test
  void aPingIsAnsweredWithItsPayload() {
    try (TestWebSocket ws = TestWebSocket.connect(rig.pushpin().wsUri("/cmd"))) {
      ws.ping("are you there".getBytes(StandardCharsets.UTF_8));
      assertThat(ws.awaitPong(WAIT)).isEqualTo("are you there".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void theServersCloseArrivesWithCodeAndReasonAndEndsEveryWait() {
    try (TestWebSocket ws = TestWebSocket.connect(rig.pushpin().wsUri("/cmd"))) {
      ws.send("many 1");
      ws.send("close");

      assertThat(ws.awaitClose(WAIT)).isEqualTo(new Close(4001, "see you"));
      // The message sent before the close is still there; after it, waits end with the close, not a timeout.
      assertThat(ws.awaitText(WAIT)).isEqualTo("m0");
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> ws.awaitMessage(Duration.ofMinutes(5)))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("closed by the server with 4001 \"see you\"");
      }
      assertThat(ws.pollMessage(Duration.ofMinutes(5))).isNull();
      assertThat(ws.pending()).isEmpty();
    }
  }

  @Test
  void theClientsCloseIsAnswered() {
    try (TestWebSocket ws = TestWebSocket.connect(rig.pushpin().wsUri("/cmd"))) {
      ws.sendClose(1000, "bye");
      assertThat(ws.awaitClose(WAIT).code()).isEqualTo(1000);
      assertThatThrownBy(() -> ws.send("too late")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(ws.uri().toString());
    }
  }

  @Test
  void ignoredTextsNeverArrive() {
    try (TestWebSocket ws = TestWebSocket.builder(rig.pushpin().wsUri("/cmd"))
        .ignoreTexts(t -> t.equals("m1"))
        .timeout(WAIT)
        .connect()) {
      ws.send("many 3");
      assertThat(ws.awaitMessages(2, WAIT)).extracting(Message::text).containsExactly("m0", "m2");
    }
  }

  @Test
  void nullArgumentsOfAnOpenSocketAndOfPushpinAreNamed() {
    try (TestWebSocket ws = TestWebSocket.connect(rig.pushpin().wsUri("/cmd"))) {
      for (ThrowingCallable call : List.<ThrowingCallable>of(() -> ws.send(null), () -> ws.awaitText(null),
          () -> ws.awaitMessages(1, null), () -> ws.awaitPong(null), () -> ws.awaitClose(null))) {
        assertThatThrownBy(call).isExactlyInstanceOf(IllegalArgumentException.class).hasMessageEndingWith(
            " must not be null");
      }
      assertThatThrownBy(() -> ws.sendBinary(null)).hasMessage("data must not be null");
      assertThatThrownBy(() -> ws.sendClose(1000, null)).hasMessage("reason must not be null");
      assertThatThrownBy(() -> ws.pollMessage(null)).hasMessage("timeout must not be null");
      // Refused before anything was sent: the socket still works.
      ws.send("still open");
      assertThat(ws.awaitText(WAIT)).isEqualTo("still open");
    }
    assertThatThrownBy(() -> rig.pushpin().awaitSubscribers(null, 1, WAIT)).hasMessage("channel must not be null");
    assertThatThrownBy(() -> rig.pushpin().awaitSubscribers("c", 1, null)).hasMessage("timeout must not be null");
    assertThatThrownBy(() -> rig.pushpin().wsUri(null)).hasMessage("path must not be null");
    assertThatThrownBy(() -> rig.pushpin().openWebSocket(null, "/cmd", new java.net.http.WebSocket.Listener() { }))
        .hasMessage("client must not be null");
  }

  @Test
  void aFailedHandshakeOtherThanTheRefused101IsNotRetried() {
    // The origin has no handler for this path and answers 404; Pushpin then drops the connection.
    assertThatThrownBy(() -> TestWebSocket.connect(rig.pushpin().wsUri("/no-such-path")))
        .isInstanceOf(PushpinException.class)
        .hasMessageContaining("ws://127.0.0.1:" + rig.pushpin().httpUri().getPort() + "/no-such-path")
        .hasMessageContaining("(attempt 1)");
  }
}
