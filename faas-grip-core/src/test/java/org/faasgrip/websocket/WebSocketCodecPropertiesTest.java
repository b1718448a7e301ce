package org.faasgrip.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.faasgrip.websocket.WebSocketEvent.Type;

/** Property-based tests of the codec: random event lists and random bytes. */
class WebSocketCodecPropertiesTest {

  @Provide
  Arbitrary<WebSocketEvent> events() {
    Arbitrary<byte[]> content = Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
        // Content made of protocol bytes is the hard case for a decoder that scans instead of counting.
        Arbitraries.of((byte) '\r', (byte) '\n', (byte) ' ', (byte) 'T', (byte) '0').array(byte[].class).ofMaxSize(12),
        Arbitraries.bytes().array(byte[].class).ofMinSize(200).ofMaxSize(2000));
    Arbitrary<WebSocketEvent> any = Combinators.combine(Arbitraries.of(Type.class), content)
        .as((type, bytes) -> type == Type.CLOSE && bytes.length == 1
            ? WebSocketEvent.close() : WebSocketEvent.of(type, bytes));
    Arbitrary<WebSocketEvent> text = Arbitraries.strings().ofMaxLength(60).map(WebSocketEvent::text);
    Arbitrary<WebSocketEvent> close = Combinators.combine(
        Arbitraries.integers().between(0, 65535), Arbitraries.strings().ofMaxLength(30))
        .as((code, reason) -> reason.getBytes(StandardCharsets.UTF_8).length > 123
            ? WebSocketEvent.close(code) : WebSocketEvent.close(code, reason));
    return Arbitraries.oneOf(any, text, close);
  }

  @Property(tries = 300)
  void anyEventListSurvivesEncodeThenDecode(@ForAll("eventLists") List<WebSocketEvent> events) {
    byte[] body = WebSocketEventEncoder.encode(events);
    List<WebSocketEvent> decoded = WebSocketEventDecoder.decode(body);
    assertThat(decoded).isEqualTo(events);
    // Canonical bytes: what the encoder wrote, it writes again from the decoded events.
    assertThat(WebSocketEventEncoder.encode(decoded)).isEqualTo(body);
  }

  @Provide
  Arbitrary<List<WebSocketEvent>> eventLists() {
    return events().list().ofMaxSize(30);
  }

  @Property(tries = 300)
  void decodesTheSameWithinALargerArray(@ForAll("eventLists") List<WebSocketEvent> events,
      @ForAll @Size(max = 8) byte[] before, @ForAll @Size(max = 8) byte[] after) {
    byte[] body = WebSocketEventEncoder.encode(events);
    byte[] array = new byte[before.length + body.length + after.length];
    System.arraycopy(before, 0, array, 0, before.length);
    System.arraycopy(body, 0, array, before.length, body.length);
    System.arraycopy(after, 0, array, before.length + body.length, after.length);
    assertThat(WebSocketEventDecoder.decode(array, before.length, body.length)).isEqualTo(events);
  }

  @Property(tries = 1000)
  void anyBytesDecodeOrFailWithTheProtocolExceptionAtAnOffsetInTheBody(@ForAll("bodyLikeBytes") byte[] body) {
    Throwable t = catchThrowable(() -> WebSocketEventDecoder.decode(body));
    if (t != null) {
      assertThat(t).isInstanceOf(WebSocketProtocolException.class);
      assertThat(((WebSocketProtocolException) t).offset()).isBetween(0, body.length);
    }
  }

  @Provide
  Arbitrary<byte[]> bodyLikeBytes() {
    // Valid bodies with a few bytes changed, cut or appended: mostly almost-right input, the decoder's hard case.
    return Combinators.combine(eventLists(), Arbitraries.integers().between(0, 10_000),
        Arbitraries.bytes(), Arbitraries.integers().between(0, 3))
        .as((events, where, value, how) -> {
          byte[] b = WebSocketEventEncoder.encode(events);
          if (b.length == 0) {
            return new byte[] {value};
          }
          int at = where % b.length;
          switch (how) {
            case 0:
              b[at] = value;
              return b;
            case 1:
              return java.util.Arrays.copyOf(b, at);
            case 2:
              byte[] longer = java.util.Arrays.copyOf(b, b.length + 1);
              longer[b.length] = value;
              return longer;
            default:
              b[at] = (byte) Character.toLowerCase((char) (b[at] & 0xff));
              return b;
          }
        });
  }

  @Property(tries = 300)
  void uppercaseHexLengthsDecodeTheSameAsLowercase(@ForAll("eventLists") List<WebSocketEvent> events) {
    byte[] body = WebSocketEventEncoder.encode(events);
    // Upper-case every hex letter that sits in a length: re-encode each event separately to find them.
    java.io.ByteArrayOutputStream upper = new java.io.ByteArrayOutputStream();
    for (WebSocketEvent e : events) {
      byte[] one = WebSocketEventEncoder.encode(List.of(e));
      int lineEnd = 0;
      while (one[lineEnd] != '\r') {
        lineEnd++;
      }
      for (int i = 0; i < lineEnd; i++) {
        one[i] = (byte) Character.toUpperCase((char) one[i]);
      }
      upper.writeBytes(one);
    }
    assertThat(upper.size()).isEqualTo(body.length);
    assertThat(WebSocketEventDecoder.decode(upper.toByteArray())).isEqualTo(events);
  }
}
