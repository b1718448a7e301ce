package org.faasgrip.websocket;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.faasgrip.websocket.WebSocketEvent.Type;
import org.junit.jupiter.api.Test;

class WebSocketEventTest {

  @Test
  void factoriesGiveTheirTypeAndContent() {
    assertThat(WebSocketEvent.open().type()).isEqualTo(Type.OPEN);
    assertThat(WebSocketEvent.open().contentLength()).isZero();
    assertThat(WebSocketEvent.text("h\u00e9").content()).isEqualTo("h\u00e9".getBytes(UTF_8));
    assertThat(WebSocketEvent.binary(new byte[] {1, 2}).type()).isEqualTo(Type.BINARY);
    assertThat(WebSocketEvent.ping(new byte[] {3}).type()).isEqualTo(Type.PING);
    assertThat(WebSocketEvent.pong(new byte[] {4}).content()).containsExactly(4);
    assertThat(WebSocketEvent.disconnect().type()).isEqualTo(Type.DISCONNECT);
    assertThat(WebSocketEvent.of(Type.PONG, new byte[] {5})).isEqualTo(WebSocketEvent.pong(new byte[] {5}));
  }

  @Test
  void factoriesCopyTheirArraysSoTheEventStaysImmutable() {
    byte[] data = {1, 2, 3};
    WebSocketEvent e = WebSocketEvent.binary(data);
    data[0] = 9;
    assertThat(e.content()).containsExactly(1, 2, 3);
    e.content()[1] = 9;
    assertThat(e.content()).containsExactly(1, 2, 3);
  }

  @Test
  void contentBufferIsAReadOnlyViewOfJustTheContent() {
    WebSocketEvent e = WebSocketEventDecoder.decode("TEXT 3\r\nabc\r\n".getBytes(UTF_8)).get(0);
    ByteBuffer b = e.contentBuffer();
    assertThat(b.isReadOnly()).isTrue();
    assertThat(b.position()).isZero();
    assertThat(b.remaining()).isEqualTo(3);
    assertThat(b.get(0)).isEqualTo((byte) 'a');
    assertThatThrownBy(() -> b.put(0, (byte) 'z')).isInstanceOf(ReadOnlyBufferException.class);
  }

  @Test
  void closeWithoutCodeHasNoContentAndNoCode() {
    WebSocketEvent e = WebSocketEvent.close();
    assertThat(e.contentLength()).isZero();
    assertThat(e.closeCode()).isEmpty();
    assertThat(e.closeReason()).isEmpty();
  }

  @Test
  void closeCodeIsTwoBytesBigEndian() {
    assertThat(WebSocketEvent.close(1000).content()).containsExactly(0x03, 0xe8);
    assertThat(WebSocketEvent.close(65535).closeCode()).hasValue(65535);
    assertThat(WebSocketEvent.close(0).closeCode()).hasValue(0);
  }

  @Test
  void closeWithReasonKeepsCodeAndReason() {
    WebSocketEvent e = WebSocketEvent.close(4000, "b\u00fcy");
    assertThat(e.closeCode()).hasValue(4000);
    assertThat(e.closeReason()).isEqualTo("b\u00fcy");
    assertThat(e.contentLength()).isEqualTo(2 + 4);
  }

  @Test
  void closeCodeOutsideTwoBytesIsRefused() {
    assertThatThrownBy(() -> WebSocketEvent.close(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("close code must be 0..65535, was -1");
    assertThatThrownBy(() -> WebSocketEvent.close(65536, "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("close code must be 0..65535, was 65536");
  }

  @Test
  void closeReasonLongerThan123Utf8BytesIsRefused() {
    assertThat(WebSocketEvent.close(1000, "x".repeat(123)).closeReason()).hasSize(123);
    // 62 two-byte characters: 124 bytes, though only 62 chars.
    assertThatThrownBy(() -> WebSocketEvent.close(1000, "\u00e9".repeat(62)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("close reason is 124 bytes in UTF-8; at most 123 fit in a close frame");
  }

  @Test
  void aOneByteCloseIsRefused() {
    assertThatThrownBy(() -> WebSocketEvent.of(Type.CLOSE, new byte[] {3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one byte");
  }

  @Test
  void closeAccessorsOnOtherTypesAreEmpty() {
    WebSocketEvent e = WebSocketEvent.binary(new byte[] {3, (byte) 0xe8, 'x'});
    assertThat(e.closeCode()).isEmpty();
    assertThat(e.closeReason()).isEmpty();
  }

  @Test
  void equalityIsTypeAndContentWhereverTheBytesLive() {
    WebSocketEvent decoded = WebSocketEventDecoder.decode("xxPING 2\r\nab\r\n".getBytes(UTF_8), 2, 12).get(0);
    WebSocketEvent made = WebSocketEvent.ping("ab".getBytes(UTF_8));
    assertThat(decoded).isEqualTo(made).hasSameHashCodeAs(made);
    assertThat(made).isNotEqualTo(WebSocketEvent.pong("ab".getBytes(UTF_8)));
    assertThat(made).isNotEqualTo(WebSocketEvent.ping("ac".getBytes(UTF_8)));
    assertThat(made).isNotEqualTo("PING");
  }

  @Test
  void toStringShowsTypeLengthAndAShortPreview() {
    assertThat(WebSocketEvent.open()).hasToString("OPEN");
    assertThat(WebSocketEvent.text("hi\n")).hasToString("TEXT 3 bytes \"hi\\u000a\"");
    assertThat(WebSocketEvent.binary(new byte[] {0, (byte) 0xff})).hasToString("BINARY 2 bytes 00ff");
    assertThat(WebSocketEvent.close(1000, "bye")).hasToString("CLOSE 1000 \"bye\"");
    assertThat(WebSocketEvent.close()).hasToString("CLOSE");
  }

  @Test
  void toStringOfAMegabyteMessageStaysShort() {
    WebSocketEvent big = WebSocketEvent.binary(new byte[1 << 20]);
    assertThat(big.toString()).hasSizeLessThan(100).startsWith("BINARY 1048576 bytes 0000").endsWith("...");
    WebSocketEvent bigText = WebSocketEvent.text("y".repeat(1 << 20));
    assertThat(bigText.toString()).hasSizeLessThan(100).endsWith("...");
  }
}
