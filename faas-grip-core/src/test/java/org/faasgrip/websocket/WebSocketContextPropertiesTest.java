package org.faasgrip.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
}
