package org.faasgrip.websocket;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.faasgrip.GripException;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.grip.KeepAliveMode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WebSocketContextTest {

  /** A request as Pushpin sends it: POST, the event media type, a connection id and the grip extension. */
  static GripRequest.Builder pushpinRequest(String body) {
    return GripRequest.builder()
        .method("POST")
        .path("/chat")
        .addHeader("Accept", "application/websocket-events")
        .addHeader("Connection-Id", "a9e1c2d4")
        .addHeader("Content-Type", "application/websocket-events")
        .addHeader("Sec-WebSocket-Extensions", "grip")
        .body(body.getBytes(ISO_8859_1));
  }

  static WebSocketContext context(String body) {
    return WebSocketContext.from(pushpinRequest(body).build());
  }

  static String body(GripResponse r) {
    return new String(r.body(), ISO_8859_1);
  }

  static List<Map.Entry<String, String>> headers(String... nameValues) {
    Map.Entry<String, String>[] entries = newEntries(nameValues.length / 2);
    for (int i = 0; i < nameValues.length; i += 2) {
      entries[i / 2] = Map.entry(nameValues[i], nameValues[i + 1]);
    }
    return List.of(entries);
  }

  @SuppressWarnings("unchecked")
  private static Map.Entry<String, String>[] newEntries(int n) {
    return (Map.Entry<String, String>[]) new Map.Entry<?, ?>[n];
  }

  @Nested
  class WhichRequests {
    @Test
    void aGetIsNotWebSocketOverHttp() {
      GripRequest get = pushpinRequest("OPEN\r\n").method("GET").build();
      assertThatThrownBy(() -> WebSocketContext.from(get))
          .isInstanceOf(NotWebSocketRequestException.class).isInstanceOf(GripException.class)
          .hasMessage("Not a WebSocket-over-HTTP request: method is GET, not POST");
    }

    @Test
    void anotherContentTypeIsNotWebSocketOverHttp() {
      GripRequest json = GripRequest.builder().addHeader("Content-Type", "application/json").build();
      assertThatThrownBy(() -> WebSocketContext.from(json)).isInstanceOf(NotWebSocketRequestException.class)
          .hasMessage("Not a WebSocket-over-HTTP request: Content-Type is 'application/json', not "
              + "application/websocket-events");
    }

    @Test
    void aMissingContentTypeIsNotWebSocketOverHttp() {
      assertThatThrownBy(() -> WebSocketContext.from(GripRequest.builder().build()))
          .isInstanceOf(NotWebSocketRequestException.class).hasMessageContaining("no Content-Type");
    }

    @Test
    void theMediaTypeComparesWithoutCaseAndIgnoresParameters() {
      GripRequest r = GripRequest.builder().method("post")
          .addHeader("content-type", " Application/WebSocket-Events ; charset=utf-8").body("OPEN\r\n".getBytes(UTF_8))
          .build();
      assertThat(WebSocketContext.from(r).isOpening()).isTrue();
    }

    @Test
    void aMalformedBodyFailsWithItsOffset() {
      assertThatThrownBy(() -> context("TEXT zz\r\nhi\r\n"))
          .isInstanceOf(WebSocketProtocolException.class)
          .hasMessage("malformed WebSocket-over-HTTP body at byte 5: length 'zz' is not hexadecimal");
    }

    @Test
    void anEmptyBodyHasNothingToReceive() {
      WebSocketContext ws = context("");
      assertThat(ws.isOpening()).isFalse();
      assertThat(ws.canRecv()).isFalse();
      assertThat(body(ws.toGripResponse())).isEmpty();
    }

    @Test
    void readsTheConnectionId() {
      assertThat(context("OPEN\r\n").connectionId()).isEqualTo("a9e1c2d4");
      GripRequest noId = GripRequest.builder().addHeader("Content-Type", "application/websocket-events").build();
      assertThat(WebSocketContext.from(noId).connectionId()).isNull();
    }
  }

  @Nested
  class Opening {
    @Test
    void acceptAnswersOpenWithOpenAndTheGripExtensionByteForByte() {
      WebSocketContext ws = context("OPEN\r\n");
      assertThat(ws.isOpening()).isTrue();
      ws.accept();
      GripResponse r = ws.toGripResponse();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.headers()).containsExactlyElementsOf(headers(
          "Content-Type", "application/websocket-events",
          "Sec-WebSocket-Extensions", "grip"));
      assertThat(r.body()).isEqualTo("OPEN\r\n".getBytes(ISO_8859_1));
    }

    @Test
    void theSeedsOpeningAcceptsAndSubscribes() {
      WebSocketContext ws = context("OPEN\r\n");
      ws.accept();
      ws.subscribe("room");
      assertThat(body(ws.toGripResponse()))
          .isEqualTo("OPEN\r\nTEXT 27\r\nc:{\"type\":\"subscribe\",\"channel\":\"room\"}\r\n");
    }

    @Test
    void withoutAcceptTheResponseHasNoOpenAndNoExtension() {
      WebSocketContext ws = context("OPEN\r\n");
      GripResponse r = ws.toGripResponse();
      assertThat(r.headers()).containsExactlyElementsOf(headers("Content-Type", "application/websocket-events"));
      assertThat(r.body()).isEmpty();
    }

    @Test
    void acceptOnALaterRequestIsRefusedBecausePushpinWouldDropTheConnection() {
      WebSocketContext ws = context("TEXT 2\r\nhi\r\n");
      assertThat(ws.isOpening()).isFalse();
      assertThatThrownBy(ws::accept).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("opening request");
    }

    @Test
    void aLaterResponseCarriesNoExtensionHeader() {
      WebSocketContext ws = context("TEXT 2\r\nhi\r\n");
      ws.send("ok");
      assertThat(ws.toGripResponse().header("Sec-WebSocket-Extensions")).isNull();
    }

    @Test
    void aNonDefaultMessagePrefixIsUsedAndEchoed() {
      GripRequest r = pushpinRequest("OPEN\r\n").build();
      GripRequest custom = GripRequest.builder().method("POST")
          .addHeader("Content-Type", "application/websocket-events")
          .addHeader("Sec-WebSocket-Extensions", "permessage-deflate; x=\"a,b\", grip; message-prefix=\"p\\\"x:\"")
          .body(r.body()).build();
      WebSocketContext ws = WebSocketContext.from(custom);
      assertThat(ws.messagePrefix()).isEqualTo("p\"x:");
      ws.accept();
      ws.send("hi");
      GripResponse resp = ws.toGripResponse();
      assertThat(resp.header("Sec-WebSocket-Extensions")).isEqualTo("grip; message-prefix=\"p\\\"x:\"");
      assertThat(body(resp)).isEqualTo("OPEN\r\nTEXT 6\r\np\"x:hi\r\n");
    }

    @Test
    void anEmptyMessagePrefixSendsMessagesAsTheyAre() {
      GripRequest r = GripRequest.builder().addHeader("Content-Type", "application/websocket-events")
          .addHeader("Sec-WebSocket-Extensions", "grip;message-prefix=\"\"").body("OPEN\r\n".getBytes(UTF_8)).build();
      WebSocketContext ws = WebSocketContext.from(r);
      ws.accept();
      ws.send("hi");
      GripResponse resp = ws.toGripResponse();
      assertThat(resp.header("Sec-WebSocket-Extensions")).isEqualTo("grip; message-prefix=\"\"");
      assertThat(body(resp)).isEqualTo("OPEN\r\nTEXT 2\r\nhi\r\n");
    }
  }

  @Nested
  class ExtensionHeader {
    @Test
    void findsGripAmongOtherExtensionsAndHeaderValues() {
      assertThat(IncomingEvents.gripMessagePrefix(List.of("permessage-deflate; client_max_window_bits", "grip")))
          .isEqualTo("m:");
      assertThat(IncomingEvents.gripMessagePrefix(List.of("x-foo, GRIP ; message-prefix=mm"))).isEqualTo("mm");
      assertThat(IncomingEvents.gripMessagePrefix(List.of("grip; other=1; message-prefix=\"a;b,c\""))).isEqualTo("a;b,c");
    }

    @Test
    void theRequestsHeadersAreReadWhateverTheirCaseOrderOrRepetition() {
      GripRequest r = GripRequest.builder()
          .addHeader("meta-nick", "bob")
          .addHeader("SEC-WEBSOCKET-EXTENSIONS", "permessage-deflate")
          .addHeader("connection-id", "c1")
          .addHeader("Connection-ID", "c2")
          .addHeader("content-type", " Application/WebSocket-Events ; charset=x")
          .addHeader("Content-Type", "text/plain")
          .addHeader("sec-websocket-extensions", "grip; message-prefix=\"x:\"")
          .body("OPEN\r\n".getBytes(UTF_8)).build();
      WebSocketContext ws = WebSocketContext.from(r);
      assertThat(ws.connectionId()).isEqualTo("c1");
      assertThat(ws.messagePrefix()).isEqualTo("x:");
      assertThat(ws.meta()).containsOnly(Map.entry("nick", "bob"));

      GripRequest plain = GripRequest.builder().addHeader("Content-Type", "text/plain")
          .addHeader("content-type", "application/websocket-events").body("OPEN\r\n".getBytes(UTF_8)).build();
      assertThatThrownBy(() -> WebSocketContext.from(plain)).isInstanceOf(NotWebSocketRequestException.class)
          .hasMessage("Not a WebSocket-over-HTTP request: Content-Type is 'text/plain', not "
              + "application/websocket-events");
    }

    @Test
    void anExtensionNamedLikeGripIsNotGrip() {
      assertThat(IncomingEvents.gripMessagePrefix(List.of("gripper", "x; grip=1"))).isNull();
      assertThat(IncomingEvents.gripMessagePrefix(List.of())).isNull();
    }

    @Test
    void toleratesAnUnterminatedQuoteAndAParameterWithoutValue() {
      assertThat(IncomingEvents.gripMessagePrefix(List.of("grip; message-prefix=\"x:"))).isEqualTo("x:");
      assertThat(IncomingEvents.gripMessagePrefix(List.of("grip; message-prefix"))).isEqualTo("m:");
    }

    @Test
    void aPrefixWithALineBreakCannotReachTheResponseHeaders() {
      assertThatThrownBy(() -> IncomingEvents.gripMessagePrefix(List.of("grip; message-prefix=\"a\r\nX: y\"")))
          .isInstanceOf(NotWebSocketRequestException.class).hasMessageContaining("control character");
    }
  }

  @Nested
  class GripMode {
    @Test
    void messagesCarryThePrefix() {
      WebSocketContext ws = context("TEXT 2\r\nhi\r\n");
      assertThat(ws.isGrip()).isTrue();
      ws.send("h\u00e9");
      ws.sendBinary(new byte[] {0, 1});
      assertThat(ws.toGripResponse().body())
          .isEqualTo("TEXT 5\r\nm:h\u00c3\u00a9\r\nBINARY 4\r\nm:\u0000\u0001\r\n".getBytes(ISO_8859_1));
    }

    @Test
    void withoutTheExtensionMessagesGoAsTheyAreAndControlMessagesAreRefused() {
      GripRequest r = GripRequest.builder().addHeader("Content-Type", "application/websocket-events")
          .body("OPEN\r\n".getBytes(UTF_8)).build();
      WebSocketContext ws = WebSocketContext.from(r);
      assertThat(ws.isGrip()).isFalse();
      assertThat(ws.messagePrefix()).isNull();
      ws.accept();
      ws.send("hi");
      assertThatThrownBy(() -> ws.subscribe("room")).isInstanceOf(NotGripModeException.class)
          .hasMessageStartingWith("subscribe() needs GRIP mode, but the OPEN came without"
              + " Sec-WebSocket-Extensions: grip")
          .hasMessageContaining("check isGrip()");
      GripResponse resp = ws.toGripResponse();
      assertThat(resp.header("Sec-WebSocket-Extensions")).isNull();
      assertThat(body(resp)).isEqualTo("OPEN\r\nTEXT 2\r\nhi\r\n");
    }

    @Test
    void subscribeAppliesTheChannelPrefixAndFilters() {
      WebSocketContext ws = WebSocketContext.from(pushpinRequest("OPEN\r\n").build(), "app-");
      ws.accept();
      ws.subscribe("room", "skip-self");
      ws.unsubscribe("lobby");
      assertThat(body(ws.toGripResponse())).isEqualTo("OPEN\r\n"
          + "TEXT 43\r\nc:{\"type\":\"subscribe\",\"channel\":\"app-room\",\"filters\":[\"skip-self\"]}\r\n"
          + "TEXT 2e\r\nc:{\"type\":\"unsubscribe\",\"channel\":\"app-lobby\"}\r\n");
    }

    @Test
    void controlMessagesEscapeJson() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      ws.subscribe("a\"b\\c", "d\ne\u0001");
      String control = body(ws.toGripResponse()).split("\r\n")[1];
      assertThat(control).isEqualTo(
          "c:{\"type\":\"subscribe\",\"channel\":\"a\\\"b\\\\c\",\"filters\":[\"d\\ne\\u0001\"]}");
    }

    @Test
    void charactersHttpHeadersCannotCarryAreRefusedInSubscribedChannels() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      for (String bad : new String[] {"a\r\nb", "a\r", "a\n", "a\u0000", "\u0001", "a\u007f"}) {
        assertThatThrownBy(() -> ws.subscribe(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("channel '").hasMessageContaining("has control character U+00");
        assertThatThrownBy(() -> ws.unsubscribe(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
      }
      assertThatThrownBy(() -> ws.subscribe("room\n")).hasMessage("channel 'room\\u000a' has control character U+000A at index 4");
      assertThat(ws.toGripResponse().body()).isEmpty();
      ws.subscribe("tab\tand space");
      assertThat(body(ws.toGripResponse())).contains("\"channel\":\"tab\\tand space\"");
    }

    @Test
    void charactersHttpHeadersCannotCarryInAForgedRequestsMetaNameNeverReachAResponseHeader() {
      // A request that did not come through the proxy may carry any header name, and meta() trusts the request's:
      // removing the entry would write its name back into a Set-Meta- header.
      WebSocketContext ws = WebSocketContext.from(pushpinRequest("TEXT 1\r\nx\r\n")
          .addHeader("Meta-a\r\nX-Injected", "1").build());
      ws.meta().clear();
      assertThatThrownBy(ws::toGripResponse).isInstanceOf(org.faasgrip.grip.InvalidHeaderException.class)
          .hasMessageContaining("Set-Meta-a\\u000d\\u000ax-injected");
    }

    @Test
    void detachKeepAliveAndSetMetaWriteTheirControlMessages() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      ws.detach();
      ws.keepAlive("{}", 30);
      ws.keepAlive(WebSocketEvent.Type.PING, new byte[] {1, 2, 3}, 25, KeepAliveMode.INTERVAL);
      ws.setMeta("user", "alice");
      String[] lines = body(ws.toGripResponse()).split("\r\n");
      assertThat(lines[1]).isEqualTo("c:{\"type\":\"detach\"}");
      assertThat(lines[3]).isEqualTo("c:{\"type\":\"keep-alive\",\"content\":\"{}\",\"timeout\":30}");
      assertThat(lines[5]).isEqualTo(
          "c:{\"type\":\"keep-alive\",\"content-bin\":\"AQID\",\"timeout\":25,\"mode\":\"interval\",\"message-type\":\"ping\"}");
      assertThat(lines[7]).isEqualTo("c:{\"type\":\"set-meta\",\"name\":\"user\",\"value\":\"alice\"}");
      assertThat(ws.meta()).doesNotContainKey("user");
    }

    @Test
    void sendControlPrefixesAJsonObjectAndRefusesAnythingElse() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      ws.sendControl("{\"type\":\"session\",\"id\":\"s1\"}");
      assertThat(body(ws.toGripResponse())).isEqualTo("TEXT 1e\r\nc:{\"type\":\"session\",\"id\":\"s1\"}\r\n");
      assertThatThrownBy(() -> ws.sendControl("[1]")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("JSON object");
    }

    @Test
    void argumentsOfControlHelpersAreChecked() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      assertThatThrownBy(() -> ws.subscribe("")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ws.keepAlive("x", 0)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("keep-alive timeout must be 1 to 2147483 seconds (Pushpin counts milliseconds in a 32-bit "
              + "integer), was 0");
      assertThatThrownBy(() -> ws.keepAlive("x", 2_147_484)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ws.keepAlive(WebSocketEvent.Type.PING, new byte[126], 5, KeepAliveMode.IDLE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a keep-alive PING or PONG carries at most 125 bytes (RFC 6455: it is a control frame), not 126");
      assertThatThrownBy(() -> ws.keepAlive(WebSocketEvent.Type.CLOSE, new byte[0], 5,
          KeepAliveMode.IDLE)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ws.setMeta("bad name", "x")).isInstanceOf(InvalidMetaException.class);
      assertThatThrownBy(() -> ws.setMeta("n", "a\r\nb")).isInstanceOf(InvalidMetaException.class);
      assertThat(ws.toGripResponse().body()).isEmpty();
    }
  }

  @Nested
  class Receiving {
    @Test
    void theSeedsLoopReadsTextAndAnswersEveryPingWithItsPayload() {
      WebSocketContext ws = context("PING 3\r\nabc\r\nTEXT 5\r\nhello\r\nPONG\r\nPING 1\r\nz\r\nPING\r\n");
      List<String> got = new java.util.ArrayList<>();
      while (ws.canRecv()) {
        got.add(ws.recv());
        ws.send("echo");
      }
      assertThat(got).containsExactly("hello");
      // The first PING is answered where recv() passed it; the two after the last message at the end.
      assertThat(body(ws.toGripResponse()))
          .isEqualTo("PONG 3\r\nabc\r\nTEXT 6\r\nm:echo\r\nPONG 1\r\nz\r\nPONG\r\n");
    }

    @Test
    void pingsAreAnsweredEvenWhenTheHandlerReadsNothing() {
      WebSocketContext ws = context("PING 2\r\np1\r\nTEXT 1\r\nx\r\nPING 2\r\np2\r\n");
      assertThat(body(ws.toGripResponse())).isEqualTo("PONG 2\r\np1\r\nPONG 2\r\np2\r\n");
    }

    @Test
    void recvMessageKeepsTextAndBinaryApart() {
      WebSocketContext ws = context("TEXT 2\r\nhi\r\nBINARY 2\r\n\u0000\u00ff\r\n");
      WebSocketMessage text = ws.recvMessage();
      assertThat(text.type()).isEqualTo(WebSocketMessage.Type.TEXT);
      assertThat(text.isText()).isTrue();
      assertThat(text.text()).isEqualTo("hi");
      WebSocketMessage binary = ws.recvMessage();
      assertThat(binary.isBinary()).isTrue();
      assertThat(binary.bytes()).containsExactly(0, 0xff);
      assertThat(binary.buffer().remaining()).isEqualTo(2);
      assertThatThrownBy(binary::text).isInstanceOf(IllegalStateException.class);
      assertThat(ws.canRecv()).isFalse();
    }

    @Test
    void recvGivesBinaryAsUtf8Text() {
      WebSocketContext ws = context("BINARY 2\r\nok\r\n");
      assertThat(ws.recv()).isEqualTo("ok");
    }

    @Test
    void aCloseEndsTheLoopWithNullAndKeepsCodeAndReason() {
      WebSocketContext ws = context("TEXT 2\r\nhi\r\nCLOSE 5\r\n\u0003\u00e9bye\r\n");
      assertThat(ws.isClosed()).isTrue();
      assertThat(ws.closeCode()).hasValue(1001);
      assertThat(ws.closeReason()).isEqualTo("bye");
      assertThat(ws.recv()).isEqualTo("hi");
      assertThat(ws.recv()).isNull();
      assertThat(ws.isDisconnected()).isFalse();
      ws.close();
      assertThat(body(ws.toGripResponse())).isEqualTo("CLOSE\r\n");
    }

    @Test
    void recvMessageShowsACloseWithoutParsing() {
      WebSocketContext ws = context("CLOSE 2\r\n\u0003\u00e8\r\n");
      WebSocketMessage m = ws.recvMessage();
      assertThat(m.isClose()).isTrue();
      assertThat(m.closeCode()).hasValue(1000);
      assertThat(m.closeReason()).isEmpty();
      assertThat(m.bytes()).isEmpty();
    }

    @Test
    void aCloseWithoutCodeHasNoCode() {
      WebSocketContext ws = context("CLOSE\r\n");
      assertThat(ws.isClosed()).isTrue();
      assertThat(ws.closeCode()).isEmpty();
      assertThat(ws.recvMessage().closeCode()).isEmpty();
    }

    @Test
    void aDisconnectIsAValueNotAnException() {
      WebSocketContext ws = context("DISCONNECT\r\n");
      assertThat(ws.isDisconnected()).isTrue();
      assertThat(ws.isClosed()).isFalse();
      assertThat(ws.closeCode()).isEmpty();
      assertThat(ws.canRecv()).isTrue();
      WebSocketMessage m = ws.recvMessage();
      assertThat(m.isDisconnect()).isTrue();
      assertThat(m.type()).isEqualTo(WebSocketMessage.Type.DISCONNECT);
      WebSocketContext again = context("DISCONNECT\r\n");
      assertThat(again.recv()).isNull();
    }

    @Test
    void recvWithNothingLeftSaysSo() {
      WebSocketContext ws = context("PING\r\n");
      assertThat(ws.canRecv()).isFalse();
      assertThatThrownBy(ws::recv).isInstanceOf(NoSuchElementException.class).hasMessageContaining("canRecv()");
    }

    @Test
    void eventsGivesTheWholeBody() {
      WebSocketContext ws = context("PING\r\nTEXT 1\r\nx\r\n");
      assertThat(ws.events()).containsExactly(WebSocketEvent.ping(new byte[0]), WebSocketEvent.text("x"));
      assertThatThrownBy(() -> ws.events().remove(0)).isInstanceOf(UnsupportedOperationException.class);
      assertThat(ws.recv()).isEqualTo("x");
      assertThat(ws.events()).hasSize(2);
    }
  }

  @Nested
  class Closing {
    @Test
    void closeWithoutCodeSendsNoCodeNeverZero() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      ws.close();
      assertThat(ws.toGripResponse().body()).isEqualTo("CLOSE\r\n".getBytes(ISO_8859_1));
    }

    @Test
    void closeWithCodeAndReasonGoesLastAfterSendsAndPongs() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\nPING 1\r\n!\r\n");
      ws.recv();
      ws.send("bye");
      ws.close(4000, "done");
      assertThat(body(ws.toGripResponse()))
          .isEqualTo("TEXT 5\r\nm:bye\r\nPONG 1\r\n!\r\nCLOSE 6\r\n\u000f\u00a0done\r\n");
    }

    @Test
    void closeWithCode() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      ws.close(1000);
      assertThat(body(ws.toGripResponse())).isEqualTo("CLOSE 2\r\n\u0003\u00e8\r\n");
    }

    @Test
    void closeArgumentsAreChecked() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      assertThatThrownBy(() -> ws.close(70000)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("close code 70000 may not be sent (RFC 6455 allows 1000-1003, 1007-1014 and 3000-4999)");
      // 0 is what an earlier library sent for "no code"; 1005 and 1006 only report, 1015 too.
      for (int reserved : new int[] {0, 999, 1004, 1005, 1006, 1015, 2999, 5000}) {
        assertThatThrownBy(() -> ws.close(reserved)).as("code %d", reserved)
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("close code " + reserved);
        assertThatThrownBy(() -> ws.close(reserved, "bye")).as("code %d with a reason", reserved)
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThatThrownBy(() -> ws.close(1000, "r".repeat(124))).isInstanceOf(IllegalArgumentException.class);
      assertThat(ws.toGripResponse().body()).isEmpty();
    }

    @Test
    void disconnectDropsTheClient() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      ws.send("last");
      ws.disconnect();
      assertThat(body(ws.toGripResponse())).isEqualTo("TEXT 6\r\nm:last\r\nDISCONNECT\r\n");
    }

    @Test
    void nothingIsSentAfterTheEnd() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      ws.close();
      assertThatThrownBy(() -> ws.send("late")).isInstanceOf(IllegalStateException.class)
          .hasMessage("send() after close(): nothing can follow the end of the connection");
      assertThatThrownBy(() -> ws.subscribe("room")).isInstanceOf(IllegalStateException.class);
      ws.disconnect();
      assertThatThrownBy(() -> ws.sendBinary(new byte[1])).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("after disconnect()");
    }

    @Test
    void theResponseCanBeBuiltTwice() {
      WebSocketContext ws = context("OPEN\r\n");
      ws.accept();
      ws.meta().put("a", "1");
      GripResponse first = ws.toGripResponse();
      GripResponse second = ws.toGripResponse();
      assertThat(second.body()).isEqualTo(first.body());
      assertThat(second.headers()).isEqualTo(first.headers());
    }
  }

  @Nested
  class KeepAliveInterval {
    @Test
    void theOpeningResponseCarriesTheIntervalAfterTheExtension() {
      WebSocketContext ws = context("OPEN\r\n");
      ws.accept();
      ws.keepAliveInterval(20);
      GripResponse r = ws.toGripResponse();
      assertThat(r.headers()).containsExactlyElementsOf(headers(
          "Content-Type", "application/websocket-events",
          "Sec-WebSocket-Extensions", "grip",
          "Keep-Alive-Interval", "20"));
      assertThat(r.body()).isEqualTo("OPEN\r\n".getBytes(ISO_8859_1));
    }

    @Test
    void noIntervalNoHeaderAndTheLastCallWins() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      assertThat(ws.toGripResponse().header("Keep-Alive-Interval")).isNull();
      ws.keepAliveInterval(25);
      ws.keepAliveInterval(3600);
      assertThat(ws.toGripResponse().headers()).filteredOn(h -> h.getKey().equals("Keep-Alive-Interval"))
          .containsExactly(Map.entry("Keep-Alive-Interval", "3600"));
    }

    @Test
    void itIsAHeaderNotAControlMessageSoItNeedsNoGripModeAndMayFollowAClose() {
      GripRequest plain = GripRequest.builder().addHeader("Content-Type", "application/websocket-events")
          .body("TEXT 1\r\nx\r\n".getBytes(UTF_8)).build();
      WebSocketContext ws = WebSocketContext.from(plain);
      ws.close();
      ws.keepAliveInterval(45);
      GripResponse r = ws.toGripResponse();
      assertThat(r.header("Keep-Alive-Interval")).isEqualTo("45");
      assertThat(body(r)).isEqualTo("CLOSE\r\n");
    }

    @Test
    void intervalsUnderTheMinimumOrBeyondPushpinsTimerAreRefusedAndChangeNothing() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      ws.keepAliveInterval(30);
      assertThatThrownBy(() -> ws.keepAliveInterval(19)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Keep-Alive-Interval 19 may not be sent (WebSocket-over-HTTP allows 0 for off, or at least 20 "
              + "seconds; Pushpin at most 2147483)");
      // A negative value would turn Pushpin's keep-alive off as 0 does, but looks like a mistake; above 2147483 s
      // the milliseconds overflow Pushpin's int.
      for (int bad : new int[] {-1, 1, Integer.MIN_VALUE, 2_147_484, Integer.MAX_VALUE}) {
        assertThatThrownBy(() -> ws.keepAliveInterval(bad)).as("%d seconds", bad)
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Keep-Alive-Interval " + bad + " ");
      }
      assertThat(ws.toGripResponse().header("Keep-Alive-Interval")).isEqualTo("30");
      ws.keepAliveInterval(2_147_483);
      assertThat(ws.toGripResponse().header("Keep-Alive-Interval")).isEqualTo("2147483");
    }

    @Test
    void zeroTurnsTheIntervalOffWithAHeaderOfZero() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      ws.keepAliveInterval(0);
      assertThat(ws.toGripResponse().header("Keep-Alive-Interval")).isEqualTo("0");
    }

    @Test
    void theProxysIdleCallHasNoEventsAndIsAnsweredWithAnEmptyBody() {
      // What Pushpin sends when the interval passes: the usual headers and an empty body.
      WebSocketContext ws = context("");
      assertThat(ws.events()).isEmpty();
      assertThat(ws.canRecv()).isFalse();
      assertThat(ws.isOpening()).isFalse();
      assertThat(ws.isClosed()).isFalse();
      assertThat(ws.isDisconnected()).isFalse();
      assertThat(ws.connectionId()).isEqualTo("a9e1c2d4");
      GripResponse r = ws.toGripResponse();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.headers()).containsExactlyElementsOf(headers("Content-Type", "application/websocket-events"));
      assertThat(r.body()).isEmpty();
    }
  }

  @Nested
  class FramesAndDelayedMessages {
    @Test
    void pingAndPongAreEventsWithoutTheMessagePrefixInCallOrder() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      ws.send("a");
      ws.ping("abc".getBytes(UTF_8));
      ws.pong(new byte[0]);
      assertThat(body(ws.toGripResponse())).isEqualTo("TEXT 3\r\nm:a\r\nPING 3\r\nabc\r\nPONG\r\n");
    }

    @Test
    void aPingOrPongLongerThanAControlFrameOrAfterTheEndIsRefused() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      ws.ping(new byte[125]);
      assertThatThrownBy(() -> ws.ping(new byte[126])).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a PING carries at most 125 bytes (RFC 6455: it is a control frame), not 126");
      assertThatThrownBy(() -> ws.pong(new byte[200])).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("a PONG carries at most 125 bytes");
      assertThatThrownBy(() -> ws.ping(null)).isInstanceOf(GripException.class);
      ws.close();
      assertThatThrownBy(() -> ws.pong(new byte[1])).isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("pong() after close()");
    }

    @Test
    void sendDelayedFlushDelayedAndSessionWriteTheirControlMessages() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      ws.sendDelayed("later", 5);
      ws.sendDelayed(WebSocketEvent.Type.BINARY, new byte[] {1, 2, 3}, 2);
      ws.flushDelayed();
      ws.session("s-1");
      String[] lines = body(ws.toGripResponse()).split("\r\n");
      assertThat(lines[1]).isEqualTo(
          "c:{\"type\":\"send-delayed\",\"content-bin\":\"bGF0ZXI=\",\"timeout\":5,\"message-type\":\"text\"}");
      assertThat(lines[3]).isEqualTo(
          "c:{\"type\":\"send-delayed\",\"content-bin\":\"AQID\",\"timeout\":2,\"message-type\":\"binary\"}");
      assertThat(lines[5]).isEqualTo("c:{\"type\":\"flush-delayed\"}");
      assertThat(lines[7]).isEqualTo("c:{\"type\":\"session\",\"id\":\"s-1\"}");
    }

    @Test
    void delayedMessagesAreCheckedAndNeedGripMode() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      assertThatThrownBy(() -> ws.sendDelayed("x", 0)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("delay must be 1 to 2147483 seconds");
      assertThatThrownBy(() -> ws.sendDelayed(WebSocketEvent.Type.CLOSE, new byte[0], 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a delayed message is a TEXT, BINARY, PING or PONG message, not CLOSE");
      assertThatThrownBy(() -> ws.sendDelayed(WebSocketEvent.Type.PONG, new byte[126], 1))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("a delayed message PING or PONG");
      assertThatThrownBy(() -> ws.session(null)).isInstanceOf(GripException.class);
      assertThat(ws.toGripResponse().body()).isEmpty();
      WebSocketContext plain = WebSocketContext.from(GripRequest.builder()
          .addHeader("Content-Type", "application/websocket-events").body("TEXT 1\r\nx\r\n".getBytes(UTF_8)).build());
      assertThatThrownBy(() -> plain.sendDelayed("x", 1)).isInstanceOf(NotGripModeException.class)
          .hasMessageStartingWith("sendDelayed() needs GRIP mode, but the request came without");
      assertThatThrownBy(plain::flushDelayed).isInstanceOf(NotGripModeException.class);
      assertThatThrownBy(() -> plain.session("s")).isInstanceOf(NotGripModeException.class);
      assertThatThrownBy(() -> plain.setUser("alice")).isInstanceOf(NotGripModeException.class);
      assertThatThrownBy(plain::detach).isInstanceOf(NotGripModeException.class);
      assertThatThrownBy(() -> plain.unsubscribe("room")).isInstanceOf(NotGripModeException.class);
      assertThatThrownBy(() -> plain.setMeta("k", "v")).isInstanceOf(NotGripModeException.class);
      assertThatThrownBy(() -> plain.keepAlive("x", 20)).isInstanceOf(NotGripModeException.class);
      assertThatThrownBy(() -> plain.sendControl("{}")).isInstanceOf(NotGripModeException.class);
    }
  }

  @Nested
  class ContentBytes {
    @Test
    void contentBytesCountsEveryEventsContentTheCloseLast() {
      WebSocketContext ws = context("TEXT 5\r\nhello\r\nPING 2\r\nab\r\nBINARY 3\r\nxyz\r\nCLOSE 2\r\n\u0003\u00e8\r\n");
      assertThat(ws.contentBytes()).isEqualTo(12);
      assertThat(context("OPEN\r\n").contentBytes()).isZero();
      assertThat(context("").contentBytes()).isZero();
    }

    @Test
    void contentBytesAcceptedIsAHeaderWithinWhatTheRequestOffers() {
      WebSocketContext ws = context("TEXT 5\r\nhello\r\nTEXT 3\r\nabc\r\n");
      assertThat(ws.toGripResponse().header("Content-Bytes-Accepted")).isNull();
      ws.contentBytesAccepted(5);
      assertThat(ws.toGripResponse().header("Content-Bytes-Accepted")).isEqualTo("5");
      ws.contentBytesAccepted(8);
      ws.contentBytesAccepted(0);
      assertThat(ws.toGripResponse().headers()).filteredOn(h -> h.getKey().equals("Content-Bytes-Accepted"))
          .containsExactly(Map.entry("Content-Bytes-Accepted", "0"));
      assertThatThrownBy(() -> ws.contentBytesAccepted(9)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Content-Bytes-Accepted 9 may not be sent: the request carries 8 content bytes, and the proxy "
              + "fails the connection when more are accepted than were offered");
      assertThatThrownBy(() -> ws.contentBytesAccepted(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contentBytesReplayedIsReadAndMustCountBytesTheRequestHas() {
      assertThat(context("TEXT 5\r\nhello\r\n").contentBytesReplayed()).isZero();
      WebSocketContext ws = WebSocketContext.from(pushpinRequest("TEXT 5\r\nhello\r\nTEXT 1\r\n!\r\n")
          .addHeader("Content-Bytes-Replayed", "5").build());
      assertThat(ws.contentBytesReplayed()).isEqualTo(5);
      assertThat(WebSocketContext.from(pushpinRequest("TEXT 5\r\nhello\r\n")
          .addHeader("content-bytes-replayed", " 5 ").build()).contentBytesReplayed()).isEqualTo(5);
      for (String bad : new String[] {"6", "-1", "x", "", "1e3", "99999999999", "5\u0000"}) {
        assertThatThrownBy(() -> WebSocketContext.from(pushpinRequest("TEXT 5\r\nhello\r\n")
            .addHeader("Content-Bytes-Replayed", bad).build())).as(bad)
            .isInstanceOf(NotWebSocketRequestException.class)
            .hasMessageStartingWith("Content-Bytes-Replayed '").hasMessageEndingWith("(0 to 5)");
      }
    }
  }

  @Nested
  class Users {
    @Test
    void setUserWritesSetMetaForTheFiltersSetMetaUserForTheFunctionAndSubscribesTheUsersChannel() {
      WebSocketContext ws = context("OPEN\r\n");
      ws.accept();
      assertThat(ws.user()).isNull();
      ws.setUser("alice");
      ws.setUser("alice");   // nothing more
      assertThat(ws.user()).isEqualTo("alice");
      GripResponse r = ws.toGripResponse();
      assertThat(r.header("Set-Meta-user")).isEqualTo("alice");
      String[] lines = body(r).split("\r\n");
      assertThat(lines).hasSize(5);
      assertThat(lines[2]).isEqualTo("c:{\"type\":\"set-meta\",\"name\":\"user\",\"value\":\"alice\"}");
      assertThat(lines[4]).isEqualTo("c:{\"type\":\"subscribe\",\"channel\":\"user:alice\"}");
    }

    @Test
    void subscribeAsSetsTheUserOnceAndSubscribesWithSkipSelfAndSkipUsers() {
      WebSocketContext ws = WebSocketContext.from(pushpinRequest("OPEN\r\n").build(), "staging-");
      ws.accept();
      ws.subscribeAs("bob", "room");
      ws.subscribeAs("bob", "lobby");
      String[] lines = body(ws.toGripResponse()).split("\r\n");
      assertThat(lines).hasSize(9);
      assertThat(lines[2]).contains("\"type\":\"set-meta\"");
      assertThat(lines[4]).isEqualTo("c:{\"type\":\"subscribe\",\"channel\":\"staging-user:bob\"}");
      assertThat(lines[6]).isEqualTo(
          "c:{\"type\":\"subscribe\",\"channel\":\"staging-room\",\"filters\":[\"skip-self\",\"skip-users\"]}");
      assertThat(lines[8]).isEqualTo(
          "c:{\"type\":\"subscribe\",\"channel\":\"staging-lobby\",\"filters\":[\"skip-self\",\"skip-users\"]}");
    }

    @Test
    void theUserOfAnEarlierResponseComesBackAsMeta() {
      WebSocketContext ws = WebSocketContext.from(pushpinRequest("TEXT 1\r\nx\r\n").addHeader("Meta-User", "carol")
          .build());
      assertThat(ws.user()).isEqualTo("carol");
      assertThat(ws.toGripResponse().header("Set-Meta-user")).isNull();
    }

    @Test
    void aUserTheFiltersCouldNotCompareExactlyIsRefused() {
      WebSocketContext ws = context("TEXT 1\r\nx\r\n");
      assertThatThrownBy(() -> ws.setUser("a,b")).isInstanceOf(InvalidMetaException.class)
          .hasMessage("user 'a,b' has a comma at index 1: skip_users lists users separated by commas");
      assertThatThrownBy(() -> ws.setUser("")).isInstanceOf(InvalidMetaException.class).hasMessage("user '' is empty");
      assertThatThrownBy(() -> ws.setUser(" a")).isInstanceOf(InvalidMetaException.class)
          .hasMessageContaining("white space");
      assertThatThrownBy(() -> ws.setUser("a\r\nX: y")).isInstanceOf(InvalidMetaException.class)
          .hasMessage("user 'a\\u000d\\u000aX: y' has control character U+000D at index 1");
      assertThatThrownBy(() -> ws.subscribeAs("a,b", "room")).isInstanceOf(InvalidMetaException.class);
      assertThatThrownBy(() -> ws.setUser(null)).isInstanceOf(GripException.class);
      assertThat(ws.toGripResponse().body()).isEmpty();
      assertThat(ws.user()).isNull();
    }
  }

  @Nested
  class Meta {
    private WebSocketContext withMeta(String... nameValues) {
      GripRequest.Builder b = pushpinRequest("TEXT 1\r\nx\r\n");
      for (int i = 0; i < nameValues.length; i += 2) {
        b.addHeader(nameValues[i], nameValues[i + 1]);
      }
      return WebSocketContext.from(b.build());
    }

    @Test
    void metaHeadersArriveWithLowerCaseNames() {
      WebSocketContext ws = withMeta("Meta-Nick", "bob", "meta-Room", "lobby");
      assertThat(ws.meta()).containsOnly(Map.entry("nick", "bob"), Map.entry("room", "lobby"));
      assertThat(ws.meta().keySet()).containsExactly("nick", "room");
      assertThat(ws.meta().get("Nick")).isEqualTo("bob");
    }

    @Test
    void aMetaHeaderRepeatedInAnotherCaseKeepsItsFirstValueAndIsNotSentBack() {
      WebSocketContext ws = withMeta("meta-room", "lobby", "Meta-Nick", "bob", "META-NICK", "eve", "Meta-", "x");
      assertThat(ws.meta()).containsOnly(Map.entry("nick", "bob"), Map.entry("room", "lobby"));
      assertThat(ws.toGripResponse().headers()).extracting(Map.Entry::getKey).containsExactly("Content-Type");
      ws.meta().remove("ROOM");
      assertThat(ws.toGripResponse().header("Set-Meta-room")).isEmpty();
    }

    @Test
    void unchangedMetaSendsNoHeaders() {
      WebSocketContext ws = withMeta("Meta-Nick", "bob");
      ws.meta().put("nick", "bob");
      assertThat(ws.toGripResponse().headers()).hasSize(1);
    }

    @Test
    void changesBecomeSetMetaHeadersAndRemovalsAreSentEmpty() {
      WebSocketContext ws = withMeta("Meta-Nick", "bob", "Meta-Room", "lobby", "Meta-Keep", "k");
      ws.meta().put("nick", "alice");
      ws.meta().remove("room");
      ws.meta().put("lang", "fr");
      assertThat(ws.toGripResponse().headers()).containsExactlyElementsOf(headers(
          "Content-Type", "application/websocket-events",
          "Set-Meta-lang", "fr",
          "Set-Meta-nick", "alice",
          "Set-Meta-room", ""));
    }

    @Test
    void theSeedsNickCommandSetsMetaAndReplies() {
      GripRequest r = pushpinRequest("TEXT b\r\n/nick alice\r\nPING\r\n").addHeader("Meta-Nick", "bob").build();
      WebSocketContext ws = WebSocketContext.from(r);
      while (ws.canRecv()) {
        String message = ws.recv();
        if (message.startsWith("/nick ")) {
          ws.meta().put("nick", message.substring(6));
          ws.send("nickname set to [" + message.substring(6) + "]");
        }
      }
      GripResponse resp = ws.toGripResponse();
      assertThat(resp.headers()).containsExactlyElementsOf(headers(
          "Content-Type", "application/websocket-events", "Set-Meta-nick", "alice"));
      assertThat(body(resp)).isEqualTo("TEXT 19\r\nm:nickname set to [alice]\r\nPONG\r\n");
    }

    @Test
    void headerInjectionThroughNamesIsRefused() {
      WebSocketContext ws = withMeta();
      for (String bad : new String[] {"", "a b", "a:b", "x\r\nEvil", "caf\u00e9", "a/b"}) {
        assertThatThrownBy(() -> ws.meta().put(bad, "v")).as(bad).isInstanceOf(InvalidMetaException.class)
            .isInstanceOf(GripException.class).hasMessageContaining("is not an HTTP token");
      }
      assertThat(ws.meta()).isEmpty();
    }

    @Test
    void headerInjectionThroughValuesIsRefusedOnEveryWritePath() {
      WebSocketContext ws = withMeta("Meta-Nick", "bob");
      Map<String, String> meta = ws.meta();
      String evil = "x\r\nGrip-Hold: stream";
      assertThatThrownBy(() -> meta.put("nick", evil)).isInstanceOf(InvalidMetaException.class)
          .hasMessage("meta value of 'nick' has control character U+000D at index 1: CR, LF and other control "
              + "characters could inject headers");
      assertThatThrownBy(() -> meta.put("nick", "a\u0000")).isInstanceOf(InvalidMetaException.class);
      Map<String, String> more = new HashMap<>();
      more.put("other", "\n");
      assertThatThrownBy(() -> meta.putAll(more)).isInstanceOf(InvalidMetaException.class);
      assertThatThrownBy(() -> meta.merge("nick", "\r", (a, b) -> a + b)).isInstanceOf(InvalidMetaException.class);
      assertThatThrownBy(() -> meta.replaceAll((k, v) -> v + "\n")).isInstanceOf(InvalidMetaException.class);
      assertThatThrownBy(() -> meta.entrySet().iterator().next().setValue("\r"))
          .isInstanceOf(InvalidMetaException.class);
      assertThatThrownBy(() -> meta.put("nick", null)).isInstanceOf(InvalidMetaException.class)
          .hasMessageContaining("null");
      assertThatThrownBy(() -> meta.put(null, "x")).isInstanceOf(InvalidMetaException.class);
      assertThat(meta).containsOnly(Map.entry("nick", "bob"));
      assertThat(ws.toGripResponse().headers()).hasSize(1);
    }

    @Test
    void tabsAndNonAsciiValuesAreAllowed() {
      WebSocketContext ws = withMeta();
      ws.meta().put("nick", "Jos\u00e9\tM");
      assertThat(ws.toGripResponse().header("Set-Meta-nick")).isEqualTo("Jos\u00e9\tM");
    }

    @Test
    void getOrDefaultFindsNamesWithoutCase() {
      WebSocketContext ws = withMeta("Meta-Nick", "bob");
      Map<String, String> meta = ws.meta();
      assertThat(meta.getOrDefault("NICK", "anonymous")).isEqualTo("bob");
      assertThat(meta.getOrDefault("room", "lobby")).isEqualTo("lobby");
      assertThat(meta.getOrDefault(42, "x")).isEqualTo("x");
      meta.remove("nick");
      assertThat(meta.getOrDefault("nick", "anonymous")).isEqualTo("anonymous");
    }

    @Test
    void metaArrivingOutOfOrderIsKeptAndSentBackInNameOrder() {
      WebSocketContext ws = withMeta("Meta-Zed", "z", "Meta-alpha", "a", "META-Mid", "m", "Meta-Beta", "b",
          "meta-ALPHA", "again");
      assertThat(ws.meta().keySet()).containsExactly("alpha", "beta", "mid", "zed");
      assertThat(ws.meta().get("ALPHA")).isEqualTo("a");
      assertThat(ws.toGripResponse().headers()).hasSize(1);
      ws.meta().clear();
      ws.meta().put("Beta", "b");
      ws.meta().put("Mid", "M");
      assertThat(ws.toGripResponse().headers()).containsExactlyElementsOf(headers(
          "Content-Type", "application/websocket-events",
          "Set-Meta-Mid", "M",
          "Set-Meta-alpha", "",
          "Set-Meta-zed", ""));
    }

    @Test
    void entriesCanBeChangedThroughTheMapViews() {
      WebSocketContext ws = withMeta("Meta-A", "1", "Meta-B", "2");
      ws.meta().entrySet().iterator().next().setValue("one");
      ws.meta().keySet().remove("b");
      assertThat(ws.toGripResponse().headers()).containsExactlyElementsOf(headers(
          "Content-Type", "application/websocket-events", "Set-Meta-a", "one", "Set-Meta-b", ""));
    }
  }

  @Test
  void messagesCompareByTypeAndContentAndPrintShortly() {
    WebSocketContext ws = context("TEXT 2\r\nhi\r\nTEXT 2\r\nhi\r\nBINARY 2\r\nhi\r\nCLOSE\r\n");
    WebSocketMessage a = ws.recvMessage();
    WebSocketMessage b = ws.recvMessage();
    WebSocketMessage bin = ws.recvMessage();
    WebSocketMessage close = ws.recvMessage();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(bin).hasToString("TEXT 2 bytes \"hi\"");
    assertThat(close.isClose()).isTrue();
    assertThat(close.buffer().remaining()).isZero();
    assertThat(close.buffer().isReadOnly()).isTrue();
  }

  @Test
  void toStringIsShort() {
    WebSocketContext ws = context("OPEN\r\n");
    assertThat(ws.toString()).isEqualTo("WebSocketContext[connection a9e1c2d4, opening, 1 events in, 0 read, 0 sent]");
  }

  @Test
  void adaptersCanSubclassToAddTheirOwnResponse() {
    class PlatformContext extends WebSocketContext {
      PlatformContext(GripRequest request) {
        super(request, "p-");
      }

      String toResponse() {
        return "platform:" + new String(toGripResponse().body(), UTF_8);
      }
    }
    PlatformContext ws = new PlatformContext(pushpinRequest("OPEN\r\n").build());
    ws.accept();
    assertThat(ws.toResponse()).isEqualTo("platform:OPEN\r\n");
  }
}
