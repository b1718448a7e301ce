package org.faasgrip.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faasgrip.bench.ResponseCheck.Mode;
import org.junit.jupiter.api.Test;

class ResponseCheckTest {
  // The shared events, and the responses the JavaScript reference gave them (recorded from `node bench.mjs once`).
  private static final byte[] OPEN = resource("lambda-open.json");
  private static final byte[] MESSAGES = resource("lambda-messages.json");
  private static final byte[] CLOSE = resource("lambda-close.json");
  private static final byte[] JS_OPEN = resource("lambda-open.response.json");
  private static final byte[] JS_MESSAGES = resource("lambda-messages.response.json");
  private static final byte[] JS_CLOSE = resource("lambda-close.response.json");

  static byte[] resource(String name) {
    try (InputStream in = ResponseCheckTest.class.getResourceAsStream("/reference/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] response(Map<String, String> headers, String wsBody) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("statusCode", 200L);
    r.put("headers", new LinkedHashMap<>(headers));
    r.put("body", Base64.getEncoder().encodeToString(wsBody.getBytes(StandardCharsets.ISO_8859_1)));
    r.put("isBase64Encoded", true);
    return Json.write(r);
  }

  private static final Map<String, String> MESSAGES_HEADERS =
      Map.of("content-type", "application/websocket-events", "SET-META-NICK", "alice");

  @Test
  void theSameResponseMeansTheSame() {
    assertThat(ResponseCheck.differences(OPEN, JS_OPEN, JS_OPEN, Mode.REFERENCE)).isEmpty();
    assertThat(ResponseCheck.differences(OPEN, JS_OPEN, JS_OPEN, Mode.SAME)).isEmpty();
  }

  @Test
  void headerNamesCompareWithoutCase() {
    byte[] ours = response(Map.of("content-type", "application/websocket-events",
        "sec-websocket-extensions", "grip"),
        "OPEN\r\nTEXT 27\r\nc:{\"channel\":\"room\",\"type\":\"subscribe\"}\r\n");
    assertThat(ResponseCheck.differences(OPEN, JS_OPEN, ours, Mode.SAME)).isEmpty();
  }

  @Test
  void controlMessagesCompareAsJson() {
    byte[] reordered = response(Map.of("Content-Type", "application/websocket-events",
        "Sec-WebSocket-Extensions", "grip"),
        "OPEN\r\nTEXT 27\r\nc:{\"type\":\"subscribe\",\"channel\":\"room\"}\r\n");
    assertThat(ResponseCheck.differences(OPEN, JS_OPEN, reordered, Mode.SAME)).isEmpty();
    byte[] unsubscribe = response(Map.of("Content-Type", "application/websocket-events",
        "Sec-WebSocket-Extensions", "grip"),
        "OPEN\r\nTEXT 29\r\nc:{\"type\":\"unsubscribe\",\"channel\":\"room\"}\r\n");
    assertThat(ResponseCheck.differences(OPEN, JS_OPEN, unsubscribe, Mode.SAME)).hasSize(1);
  }

  @Test
  void aDifferentEventOrHeaderIsADifference() {
    byte[] otherChannel = response(Map.of("Content-Type", "application/websocket-events",
        "Sec-WebSocket-Extensions", "grip"),
        "OPEN\r\nTEXT 28\r\nc:{\"channel\":\"rooms\",\"type\":\"subscribe\"}\r\n");
    assertThat(ResponseCheck.differences(OPEN, JS_OPEN, otherChannel, Mode.REFERENCE))
        .singleElement().asString().startsWith("events");
    byte[] noExtension = response(Map.of("Content-Type", "application/websocket-events"),
        "OPEN\r\nTEXT 27\r\nc:{\"channel\":\"room\",\"type\":\"subscribe\"}\r\n");
    assertThat(ResponseCheck.differences(OPEN, JS_OPEN, noExtension, Mode.REFERENCE))
        .singleElement().asString().startsWith("headers");
  }

  @Test
  void theReferencesMissingPongIsAllowedButOursMustEchoEachPing() {
    String text = "TEXT 19\r\nm:nickname set to [alice]\r\n";
    byte[] ours = response(MESSAGES_HEADERS, text + "PONG\r\n");
    assertThat(ResponseCheck.differences(MESSAGES, JS_MESSAGES, ours, Mode.REFERENCE)).isEmpty();

    byte[] noPong = response(MESSAGES_HEADERS, text);
    assertThat(ResponseCheck.differences(MESSAGES, JS_MESSAGES, noPong, Mode.REFERENCE))
        .singleElement().asString().startsWith("PONGs due [PONG] but sent []");
    byte[] wrongPayload = response(MESSAGES_HEADERS, text + "PONG 1\r\nx\r\n");
    assertThat(ResponseCheck.differences(MESSAGES, JS_MESSAGES, wrongPayload, Mode.REFERENCE)).hasSize(1);
    // Between two of our own responses nothing is excused.
    assertThat(ResponseCheck.differences(MESSAGES, JS_MESSAGES, ours, Mode.SAME)).hasSize(1);
  }

  @Test
  void theReferencesCloseCodeZeroIsAllowedButOursMustEchoTheClients() {
    Map<String, String> headers = Map.of("Content-Type", "application/websocket-events");
    byte[] echo = response(headers, "CLOSE 2\r\n\u0003\u00e8\r\n");
    assertThat(ResponseCheck.differences(CLOSE, JS_CLOSE, echo, Mode.REFERENCE)).isEmpty();
    byte[] bare = response(headers, "CLOSE\r\n");
    assertThat(ResponseCheck.differences(CLOSE, JS_CLOSE, bare, Mode.REFERENCE)).isEmpty();

    byte[] zero = response(headers, "CLOSE 2\r\n\u0000\u0000\r\n");
    assertThat(ResponseCheck.differences(CLOSE, JS_CLOSE, zero, Mode.REFERENCE)).isNotEmpty();
    byte[] other = response(headers, "CLOSE 2\r\n\u0003\u00e9\r\n");
    assertThat(ResponseCheck.differences(CLOSE, JS_CLOSE, other, Mode.REFERENCE)).isNotEmpty();
  }

  @Test
  void aDifferentStatusIsADifference() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("statusCode", 400L);
    r.put("headers", Map.of("Content-Type", "text/plain"));
    r.put("body", "Not a WebSocket-over-HTTP request\n");
    assertThat(ResponseCheck.differences(OPEN, JS_OPEN, Json.write(r), Mode.REFERENCE))
        .first().asString().isEqualTo("status 200 vs 400");
  }

  @Test
  void decodesEventsWithAndWithoutContent() {
    List<ResponseCheck.Event> events = ResponseCheck.events(
        "OPEN\r\nTEXT 5\r\nhello\r\nBINARY A\r\n0123456789\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(events).extracting(ResponseCheck.Event::toString)
        .containsExactly("OPEN", "TEXT \"hello\"", "BINARY \"0123456789\"");
  }

  @Test
  void aMalformedBodyIsRejected() {
    assertThatThrownBy(() -> ResponseCheck.events("TEXT 5\r\nhel".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("byte 13");
    assertThatThrownBy(() -> ResponseCheck.events("OPEN".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without CRLF");
  }
}
