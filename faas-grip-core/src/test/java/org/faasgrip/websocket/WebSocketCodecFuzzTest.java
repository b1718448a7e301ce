package org.faasgrip.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Coverage-guided fuzzing of the WebSocket-over-HTTP decoder, with the encoder as its inverse: any body either
 * decodes or is refused with a {@link WebSocketProtocolException} at an offset inside it; what decodes encodes to
 * a body that decodes to the same events, and encodes again to the same bytes. The committed inputs under
 * {@code src/test/resources/org/faasgrip/websocket/WebSocketCodecFuzzTestInputs/} replay in every test run.
 */
class WebSocketCodecFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void decodeEncodeDecode(byte[] body) {
    List<WebSocketEvent> events;
    try {
      events = WebSocketEventDecoder.decode(body);
    } catch (WebSocketProtocolException e) {
      assertThat(e.offset()).isBetween(0, body.length);
      assertThat(e.getMessage()).startsWith("malformed WebSocket-over-HTTP body at byte " + e.offset() + ": ");
      assertRefusedAtTheSameOffsetInsideALargerArray(body, e.offset());
      return;
    }
    for (WebSocketEvent e : events) {
      // Every accessor answers for every event that decodes.
      assertThat(e.content()).hasSize(e.contentLength());
      assertThat(e.contentBuffer().remaining()).isEqualTo(e.contentLength());
      assertThat(e.text()).isNotNull();
      assertThat(e.closeReason()).isNotNull();
      assertThat(e.closeCode().isPresent()).isEqualTo(e.type() == WebSocketEvent.Type.CLOSE && e.contentLength() >= 2);
      assertThat(e.toString()).isNotNull();
    }
    byte[] encoded = WebSocketEventEncoder.encode(events);
    List<WebSocketEvent> again = WebSocketEventDecoder.decode(encoded);
    assertThat(again).isEqualTo(events);
    assertThat(WebSocketEventEncoder.encode(again)).isEqualTo(encoded);
    assertThat(encoded.length).isLessThanOrEqualTo(body.length);

    byte[] padded = new byte[body.length + 6];
    System.arraycopy(body, 0, padded, 3, body.length);
    assertThat(WebSocketEventDecoder.decode(padded, 3, body.length)).isEqualTo(events);
  }

  private static void assertRefusedAtTheSameOffsetInsideALargerArray(byte[] body, int offset) {
    byte[] padded = new byte[body.length + 6];
    System.arraycopy(body, 0, padded, 3, body.length);
    try {
      WebSocketEventDecoder.decode(padded, 3, body.length);
    } catch (WebSocketProtocolException e) {
      assertThat(e.offset()).isEqualTo(offset);
      return;
    }
    throw new AssertionError("refused alone, but decoded inside a larger array");
  }
}
