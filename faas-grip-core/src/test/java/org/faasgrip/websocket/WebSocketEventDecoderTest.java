package org.faasgrip.websocket;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.faasgrip.GripException;
import org.faasgrip.websocket.WebSocketEvent.Type;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WebSocketEventDecoderTest {

  /** Bytes of a string whose chars are all below 256, one byte each: lets tests write any byte as \\uXX. */
  static byte[] bytes(String latin1) {
    return latin1.getBytes(ISO_8859_1);
  }

  @Test
  void decodesTheOpeningRequestOfProtocolSection3() {
    assertThat(WebSocketEventDecoder.decode(bytes("OPEN\r\n"))).containsExactly(WebSocketEvent.open());
  }

  @Test
  void decodesTheTextMessagePushpinSends() {
    List<WebSocketEvent> events = WebSocketEventDecoder.decode(bytes("TEXT 2\r\nhi\r\n"));
    assertThat(events).hasSize(1);
    assertThat(events.get(0).type()).isEqualTo(Type.TEXT);
    assertThat(events.get(0).text()).isEqualTo("hi");
  }

  @Test
  void decodesEverySevenTypesInOneBody() {
    byte[] body = bytes("OPEN\r\nTEXT 5\r\nhello\r\nBINARY 3\r\n\u0000\u00ff\n\r\nPING 1\r\np\r\nPONG\r\n"
        + "CLOSE 5\r\n\u0003\u00e8bye\r\nDISCONNECT\r\n");
    assertThat(WebSocketEventDecoder.decode(body)).containsExactly(
        WebSocketEvent.open(),
        WebSocketEvent.text("hello"),
        WebSocketEvent.binary(new byte[] {0, (byte) 0xff, '\n'}),
        WebSocketEvent.ping(new byte[] {'p'}),
        WebSocketEvent.pong(new byte[0]),
        WebSocketEvent.close(1000, "bye"),
        WebSocketEvent.disconnect());
  }

  @Test
  void contentMayHoldCrLfAndAnyByteBecauseItIsReadByLength() {
    byte[] body = bytes("BINARY 6\r\n\r\nTEXT\r\nPING\r\n");
    List<WebSocketEvent> events = WebSocketEventDecoder.decode(body);
    assertThat(events).hasSize(2);
    assertThat(events.get(0).content()).isEqualTo(bytes("\r\nTEXT"));
    assertThat(events.get(1)).isEqualTo(WebSocketEvent.ping(new byte[0]));
  }

  @Test
  void readsHexLengthsInEitherCaseAndWithLeadingZeros() {
    byte[] content = new byte[0xAb];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    for (String len : new String[] {"ab", "AB", "aB", "00ab"}) {
      byte[] head = bytes("BINARY " + len + "\r\n");
      byte[] body = new byte[head.length + content.length + 2];
      System.arraycopy(head, 0, body, 0, head.length);
      System.arraycopy(content, 0, body, head.length, content.length);
      body[body.length - 2] = '\r';
      body[body.length - 1] = '\n';
      assertThat(WebSocketEventDecoder.decode(body)).as(len).containsExactly(WebSocketEvent.binary(content));
    }
  }

  @Test
  void anExplicitZeroLengthEqualsNoContent() {
    assertThat(WebSocketEventDecoder.decode(bytes("TEXT 0\r\n\r\nPING\r\n")))
        .containsExactly(WebSocketEvent.text(""), WebSocketEvent.ping(new byte[0]));
  }

  @Test
  void closeContentCarriesCodeAndReasonAndAnEmptyCloseCarriesNeither() {
    List<WebSocketEvent> events = WebSocketEventDecoder.decode(bytes("CLOSE 6\r\n\u000f\u00a0gone\r\nCLOSE\r\n"));
    assertThat(events.get(0).closeCode()).hasValue(4000);
    assertThat(events.get(0).closeReason()).isEqualTo("gone");
    assertThat(events.get(1).closeCode()).isEmpty();
    assertThat(events.get(1).closeReason()).isEmpty();
  }

  @Test
  void anEmptyBodyHasNoEvents() {
    assertThat(WebSocketEventDecoder.decode(new byte[0])).isEmpty();
  }

  @Test
  void theListIsUnmodifiable() {
    List<WebSocketEvent> events = WebSocketEventDecoder.decode(bytes("OPEN\r\n"));
    assertThatThrownBy(() -> events.add(WebSocketEvent.open())).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void decodesARangeAndViewsTheInputWithoutCopying() {
    byte[] array = bytes("xxTEXT 3\r\nabc\r\nyy");
    List<WebSocketEvent> events = WebSocketEventDecoder.decode(array, 2, array.length - 4);
    assertThat(events).containsExactly(WebSocketEvent.text("abc"));
    // The event is a view: changing the input changes it (what the Javadoc warns about).
    array[10] = 'X';
    assertThat(events.get(0).text()).isEqualTo("Xbc");
    // ... while content() hands out a copy.
    byte[] copy = events.get(0).content();
    copy[0] = 'Z';
    assertThat(events.get(0).text()).isEqualTo("Xbc");
  }

  @Test
  void aRangeOutsideTheArrayIsAnArgumentError() {
    assertThatThrownBy(() -> WebSocketEventDecoder.decode(new byte[4], 2, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside an array of 4 bytes");
    assertThatThrownBy(() -> WebSocketEventDecoder.decode(new byte[4], -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidUtf8TextDecodesWithReplacementCharactersAndKeepsItsBytes() {
    List<WebSocketEvent> events = WebSocketEventDecoder.decode(bytes("TEXT 3\r\na\u00ffb\r\n"));
    assertThat(events.get(0).text()).isEqualTo("a\ufffdb");
    assertThat(events.get(0).content()).containsExactly('a', 0xff, 'b');
  }

  /** One test per class of malformed input: the exception's type, offset and fault. */
  @Nested
  class Malformed {

    private WebSocketProtocolException decodeFails(String body) {
      WebSocketProtocolException e = catchThrowableOfType(WebSocketProtocolException.class,
          () -> WebSocketEventDecoder.decode(bytes(body)));
      assertThat(e).as("decoding %s", body).isNotNull().isInstanceOf(GripException.class);
      assertThat(e.getMessage()).startsWith("malformed WebSocket-over-HTTP body at byte " + e.offset() + ": ");
      return e;
    }

    @Test
    void typeLineWithoutCrLf() {
      WebSocketProtocolException e = decodeFails("OPEN\r\nTEXT");
      assertThat(e.offset()).isEqualTo(10);
      assertThat(e).hasMessageEndingWith("TEXT line does not end with CRLF");
    }

    @Test
    void typeLineEndedByLfAlone() {
      WebSocketProtocolException e = decodeFails("TEXT 2\nhi\r\n");
      assertThat(e.offset()).isEqualTo(6);
      assertThat(e).hasMessageEndingWith("TEXT line does not end with CRLF");
    }

    @Test
    void typeLineEndedByCrAlone() {
      WebSocketProtocolException e = decodeFails("PING\rPONG\r\n");
      assertThat(e.offset()).isEqualTo(4);
      assertThat(e).hasMessageEndingWith("PING line does not end with CRLF");
    }

    @Test
    void unknownType() {
      WebSocketProtocolException e = decodeFails("TEXT 1\r\na\r\nHELLO 2\r\nhi\r\n");
      assertThat(e.offset()).isEqualTo(11);
      assertThat(e).hasMessageEndingWith("unknown event type 'HELLO'");
    }

    @Test
    void typesAreCaseSensitive() {
      WebSocketProtocolException e = decodeFails("open\r\n");
      assertThat(e.offset()).isZero();
      assertThat(e).hasMessageEndingWith("unknown event type 'open'");
    }

    @Test
    void unknownTypeWithControlBytesIsQuotedSafelyAndShortly() {
      WebSocketProtocolException e = decodeFails("\u0000\u00ffABCDEFGHIJKLMNOPQRSTUVWXYZ\r\n");
      assertThat(e.offset()).isZero();
      assertThat(e).hasMessageEndingWith("unknown event type '\\x00\\xffABCDEFGHIJKLMN...'");
    }

    @Test
    void emptyType() {
      WebSocketProtocolException e = decodeFails("OPEN\r\n\r\n");
      assertThat(e.offset()).isEqualTo(6);
      assertThat(e).hasMessageEndingWith("empty event type");
    }

    @Test
    void emptyTypeBeforeALength() {
      WebSocketProtocolException e = decodeFails(" 2\r\nhi\r\n");
      assertThat(e.offset()).isZero();
      assertThat(e).hasMessageEndingWith("empty event type");
    }

    @Test
    void lengthNotHexadecimal() {
      WebSocketProtocolException e = decodeFails("OPEN\r\nTEXT zz\r\nhi\r\n");
      assertThat(e.offset()).isEqualTo(11);
      assertThat(e).hasMessage("malformed WebSocket-over-HTTP body at byte 11: length 'zz' is not hexadecimal");
    }

    @Test
    void lengthWithTrailingGarbage() {
      WebSocketProtocolException e = decodeFails("TEXT 2g\r\nhi\r\n");
      assertThat(e.offset()).isEqualTo(5);
      assertThat(e).hasMessageEndingWith("length '2g' is not hexadecimal");
    }

    @Test
    void lengthMissingAfterTheSpace() {
      WebSocketProtocolException e = decodeFails("TEXT \r\n\r\n");
      assertThat(e.offset()).isEqualTo(5);
      assertThat(e).hasMessageEndingWith("length '' is not hexadecimal");
    }

    @Test
    void negativeLength() {
      WebSocketProtocolException e = decodeFails("TEXT -2\r\nhi\r\n");
      assertThat(e.offset()).isEqualTo(5);
      assertThat(e).hasMessageEndingWith("length '-2' is not hexadecimal");
    }

    @Test
    void lengthOverflowsAnInt() {
      WebSocketProtocolException e = decodeFails("BINARY 80000000\r\n");
      assertThat(e.offset()).isEqualTo(7);
      assertThat(e).hasMessageEndingWith("length '80000000' overflows (more than 2147483647 bytes)");
    }

    @Test
    void lengthOverflowsALongWithoutWrappingAround() {
      // 2^64 + 2 would wrap to 2 in a long: it must still be reported, not read as 2.
      WebSocketProtocolException e = decodeFails("TEXT 10000000000000002\r\nhi\r\n");
      assertThat(e.offset()).isEqualTo(5);
      assertThat(e).hasMessageContaining("overflows");
    }

    @Test
    void lengthRunsPastTheBody() {
      WebSocketProtocolException e = decodeFails("TEXT 1\r\na\r\nBINARY 1F\r\nshort\r\n");
      assertThat(e.offset()).isEqualTo(18);
      assertThat(e).hasMessageEndingWith("length 31 (0x1F) runs past the end of the body (7 bytes left)");
    }

    @Test
    void contentNotFollowedByCrLf() {
      WebSocketProtocolException e = decodeFails("TEXT 2\r\nhiOPEN\r\n");
      assertThat(e.offset()).isEqualTo(10);
      assertThat(e).hasMessageEndingWith("content of 2 bytes is not followed by CRLF");
    }

    @Test
    void contentFollowedByNothing() {
      WebSocketProtocolException e = decodeFails("TEXT 2\r\nhi");
      assertThat(e.offset()).isEqualTo(10);
      assertThat(e).hasMessageEndingWith("content of 2 bytes is not followed by CRLF");
    }

    @Test
    void zeroLengthContentNotFollowedByCrLf() {
      WebSocketProtocolException e = decodeFails("TEXT 0\r\nOPEN\r\n");
      assertThat(e.offset()).isEqualTo(8);
      assertThat(e).hasMessageEndingWith("content of 0 bytes is not followed by CRLF");
    }

    @Test
    void closeWithOneByte() {
      WebSocketProtocolException e = decodeFails("OPEN\r\nCLOSE 1\r\n\u0003\r\n");
      assertThat(e.offset()).isEqualTo(15);
      assertThat(e).hasMessageEndingWith("CLOSE content is one byte; a close code takes two");
    }

    @Test
    void offsetsCountFromTheStartOfTheRangeNotTheArray() {
      byte[] array = bytes("garbageTEXT zz\r\n");
      WebSocketProtocolException e = catchThrowableOfType(WebSocketProtocolException.class,
          () -> WebSocketEventDecoder.decode(array, 7, array.length - 7));
      assertThat(e.offset()).isEqualTo(5);
    }
  }

  @Test
  void utf8TextRoundTripsThroughTheDecoder() {
    String text = "h\u00e9llo \ud83d\ude00";
    byte[] utf8 = text.getBytes(UTF_8);
    byte[] body = WebSocketEventEncoder.encode(List.of(WebSocketEvent.text(text)));
    assertThat(new String(body, ISO_8859_1)).startsWith("TEXT " + Integer.toHexString(utf8.length) + "\r\n");
    assertThat(WebSocketEventDecoder.decode(body).get(0).text()).isEqualTo(text);
  }
}
