package org.faasgrip.websocket;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketEventEncoderTest {

  private static String encode(WebSocketEvent... events) {
    return new String(WebSocketEventEncoder.encode(List.of(events)), ISO_8859_1);
  }

  @Test
  void writesTheVectorsOfProtocolSection3ByteForByte() {
    assertThat(encode(WebSocketEvent.open())).isEqualTo("OPEN\r\n");
    assertThat(encode(WebSocketEvent.text("hi"))).isEqualTo("TEXT 2\r\nhi\r\n");
    assertThat(encode(WebSocketEvent.close(1000))).isEqualTo("CLOSE 2\r\n\u0003\u00e8\r\n");
    assertThat(encode(WebSocketEvent.close())).isEqualTo("CLOSE\r\n");
    assertThat(encode(WebSocketEvent.disconnect())).isEqualTo("DISCONNECT\r\n");
    assertThat(encode(WebSocketEvent.ping(new byte[0]), WebSocketEvent.pong(new byte[] {1, 2})))
        .isEqualTo("PING\r\nPONG 2\r\n\u0001\u0002\r\n");
    assertThat(encode(WebSocketEvent.open(), WebSocketEvent.text("c:{\"type\":\"subscribe\",\"channel\":\"room\"}")))
        .isEqualTo("OPEN\r\nTEXT 27\r\nc:{\"type\":\"subscribe\",\"channel\":\"room\"}\r\n");
  }

  @Test
  void writesLengthsInLowercaseHexWithoutLeadingZeros() {
    for (int len : new int[] {1, 9, 10, 15, 16, 255, 256, 0xabc, 0xfffff, 0x100000}) {
      byte[] content = new byte[len];
      Arrays.fill(content, (byte) 'x');
      String head = new String(Arrays.copyOf(WebSocketEventEncoder.encode(List.of(WebSocketEvent.binary(content))),
          16), ISO_8859_1);
      assertThat(head).as("length %d", len).startsWith("BINARY " + Integer.toHexString(len) + "\r\n");
    }
  }

  @Test
  void emptyContentIsWrittenWithoutALengthAsPushpinDoesForPings() {
    assertThat(encode(WebSocketEvent.text(""), WebSocketEvent.binary(new byte[0]))).isEqualTo("TEXT\r\nBINARY\r\n");
  }

  @Test
  void closeWithAReasonKeepsItsCode() {
    assertThat(encode(WebSocketEvent.close(4001, "bye"))).isEqualTo("CLOSE 5\r\n\u000f\u00a1bye\r\n");
  }

  @Test
  void writesTheViewOfADecodedEventNotItsWholeArray() {
    byte[] body = "TEXT 1\r\na\r\nBINARY 3\r\nxyz\r\n".getBytes(ISO_8859_1);
    List<WebSocketEvent> events = WebSocketEventDecoder.decode(body);
    assertThat(encode(events.get(1))).isEqualTo("BINARY 3\r\nxyz\r\n");
    assertThat(WebSocketEventEncoder.encode(events)).isEqualTo(body);
  }

  @Test
  void encodesNothingAsAnEmptyBody() {
    assertThat(WebSocketEventEncoder.encode(List.of())).isEmpty();
  }

  @Test
  void aNullEventIsNamedByItsIndex() {
    List<WebSocketEvent> events = new ArrayList<>();
    events.add(WebSocketEvent.open());
    events.add(null);
    assertThatThrownBy(() -> WebSocketEventEncoder.encode(events))
        .isExactlyInstanceOf(org.faasgrip.GripException.class).hasMessage("events[1] is null");
  }
}
