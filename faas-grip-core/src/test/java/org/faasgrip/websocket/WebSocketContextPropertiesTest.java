package org.faasgrip.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.faasgrip.grip.GripRequest;

/** Properties of the context over random batches of client events. */
class WebSocketContextPropertiesTest {

  @Provide
  Arbitrary<List<WebSocketEvent>> batches() {
    Arbitrary<byte[]> payload = Arbitraries.bytes().array(byte[].class).ofMaxSize(20);
    Arbitrary<WebSocketEvent> event = Arbitraries.oneOf(
        payload.map(WebSocketEvent::ping),
        payload.map(WebSocketEvent::pong),
        Arbitraries.strings().ofMaxLength(10).map(WebSocketEvent::text),
        payload.map(WebSocketEvent::binary));
    Arbitrary<List<WebSocketEvent>> body = event.list().ofMaxSize(25);
    // Sometimes the batch ends with the client's CLOSE or DISCONNECT, as Pushpin sends them: last.
    Arbitrary<List<WebSocketEvent>> ending = Arbitraries.of(
        List.<WebSocketEvent>of(), List.of(WebSocketEvent.close(1000, "bye")), List.of(WebSocketEvent.disconnect()));
    return Combinators.combine(body, ending).as((b, e) -> {
      List<WebSocketEvent> all = new ArrayList<>(b);
      all.addAll(e);
      return all;
    });
  }

  @Property(tries = 300)
  void everyPingIsAnsweredOnceInOrderWithItsPayloadHoweverManyMessagesAreRead(
      @ForAll("batches") List<WebSocketEvent> batch, @ForAll @IntRange(max = 30) int reads) {
    GripRequest request = GripRequest.builder()
        .addHeader("Content-Type", "application/websocket-events")
        .addHeader("Sec-WebSocket-Extensions", "grip")
        .body(WebSocketEventEncoder.encode(batch))
        .build();
    WebSocketContext ws = WebSocketContext.from(request);
    for (int i = 0; i < reads && ws.canRecv(); i++) {
      if (ws.recv() == null) {
        ws.close();
        break;
      }
      ws.send("reply " + i);
    }
    List<WebSocketEvent> out = WebSocketEventDecoder.decode(ws.toGripResponse().body());

    List<byte[]> pings = new ArrayList<>();
    batch.stream().filter(e -> e.type() == WebSocketEvent.Type.PING).forEach(e -> pings.add(e.content()));
    List<byte[]> pongs = new ArrayList<>();
    out.stream().filter(e -> e.type() == WebSocketEvent.Type.PONG).forEach(e -> pongs.add(e.content()));
    assertThat(pongs).containsExactlyElementsOf(pings);

    // Nothing follows the close, and sends keep their prefix.
    if (!out.isEmpty() && out.stream().anyMatch(e -> e.type() == WebSocketEvent.Type.CLOSE)) {
      assertThat(out.get(out.size() - 1).type()).isEqualTo(WebSocketEvent.Type.CLOSE);
    }
    out.stream().filter(e -> e.type() == WebSocketEvent.Type.TEXT)
        .forEach(e -> assertThat(e.text()).startsWith("m:reply "));
  }

  @Provide
  Arbitrary<String> nasty() {
    return Arbitraries.strings().withChars("\r\n\u0000\t\u0001\u007f :;,\"\\\u00e9-").withCharRange('a', 'c')
        .ofMinLength(1).ofMaxLength(6);
  }

  /** Every call of the context that takes text, given the same text: refused, or kept out of the headers. */
  @Property(tries = 500)
  void charactersHttpHeadersCannotCarryNeverReachAWebSocketResponseHeader(@ForAll("nasty") String s) {
    WebSocketContext ws = WebSocketContext.from(GripRequest.builder()
        .method("POST")
        .addHeader("Content-Type", "application/websocket-events")
        .addHeader("Sec-WebSocket-Extensions", "grip")
        .addHeader("Meta-Room", "lobby")
        .body("OPEN\r\n".getBytes(StandardCharsets.ISO_8859_1))
        .build());
    ws.accept();
    List<Runnable> calls = List.of(
        () -> ws.meta().put(s, "v"),
        () -> ws.meta().put("nick", s),
        () -> ws.meta().put("room", s),
        () -> ws.meta().replaceAll((k, v) -> s),
        () -> ws.setMeta(s, "v"),
        () -> ws.setMeta("nick", s),
        () -> ws.subscribe(s, s),
        () -> ws.unsubscribe(s),
        () -> ws.keepAlive(s, 20),
        () -> ws.send(s));
    for (Runnable call : calls) {
      try {
        call.run();
      } catch (InvalidMetaException | IllegalArgumentException e) {
        assertThat(e.getMessage()).doesNotContainPattern("[\\x00-\\x08\\x0a-\\x1f\\x7f]");
      }
    }
    for (Map.Entry<String, String> h : ws.toGripResponse().headers()) {
      assertThat(h.getKey()).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
      assertThat(h.getValue()).doesNotContainPattern("[\\x00-\\x08\\x0a-\\x1f\\x7f]");
    }
  }
}

