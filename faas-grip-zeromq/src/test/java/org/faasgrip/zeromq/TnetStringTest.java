package org.faasgrip.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TnetStringTest {
  private static Object parse(String s) {
    return TnetString.parse(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static void fails(String s, String what, int offset) {
    assertThatThrownBy(() -> parse(s)).as(s).isInstanceOf(TnetStringException.class)
        .hasMessageContaining(what).hasMessageEndingWith(" at byte " + offset)
        .extracting(e -> ((TnetStringException) e).offset()).isEqualTo(offset);
  }

  @Test
  void decodesPushpinsSubMessage() {
    Object v = parse("93:11:subscribers,1:1#4:mode,6:stream,3:ttl,1:5#4:from,20:pushpin-handler_1508,"
        + "7:channel,4:room,}");
    assertThat(v).isEqualTo(Map.of("subscribers", 1L, "mode", "stream", "ttl", 5L,
        "from", "pushpin-handler_1508", "channel", "room"));
    assertThat(new ArrayList<Object>(((Map<?, ?>) v).keySet())).containsExactly("subscribers", "mode", "ttl", "from", "channel");
  }

  @Test
  void everyType() {
    assertThat(parse("0:,")).isEqualTo("");
    assertThat(TnetString.parse("6:h\u00e9llo,".getBytes(StandardCharsets.UTF_8))).isEqualTo("h\u00e9llo");
    assertThat(parse("2:-7#")).isEqualTo(-7L);
    assertThat(parse("20:-9223372036854775808#")).isEqualTo(Long.MIN_VALUE);
    assertThat(parse("19:9223372036854775807#")).isEqualTo(Long.MAX_VALUE);
    assertThat(parse("6:-2.5e1^")).isEqualTo(-25.0);
    assertThat(parse("4:true!")).isEqualTo(true);
    assertThat(parse("5:false!")).isEqualTo(false);
    assertThat(parse("0:~")).isNull();
    assertThat(parse("8:1:a,1:1#]")).isEqualTo(List.of("a", 1L));
    assertThat(parse("7:1:k,0:~}")).isEqualTo(java.util.Collections.singletonMap("k", null));
  }

  @Test
  void failuresNameTheirByte() {
    fails("", "ends where a value should start", 0);
    fails("x:,", "must start with a digit", 0);
    fails(":,", "must start with a digit", 0);
    fails("12", "no ':'", 2);
    fails("01:a,", "leading zero", 0);
    fails("1234567890:", "more than 9 digits", 9);
    fails("5:abc,", "goes past the end", 0);
    fails("3:abc", "goes past the end", 0);
    fails("3:abc?", "unknown type byte 0x3f", 5);
    fails("3:abc,x", "1 byte(s) after the value", 6);
    fails("2:1x#", "non-digit", 3);
    fails("1:-#", "no digits", 2);
    fails("19:9223372036854775808#", "64 bits", 3);
    fails("3:NaN^", "holds 'N'", 2);
    fails("2:--^", "not a number", 2);
    fails("3:yes!", "neither true nor false", 2);
    fails("1:x~", "null has content", 2);
    fails("4:1:1#}", "not a string", 2);
    fails("4:1:a,}", "has no value", 6);
    fails("14:1:a,0:~1:a,0:~}", "appears twice", 10);
    fails("5:3:a,]]", "goes past the end", 2);
  }

  @Test
  void offsetsCountFromTheStartOfTheArrayWhenPartIsDecoded() {
    byte[] msg = "sub T3:abc?".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> TnetString.parse(msg, 5, msg.length - 5))
        .isInstanceOfSatisfying(TnetStringException.class, e -> assertThat(e.offset()).isEqualTo(10));
    assertThat(TnetString.parse("sub T3:abc,".getBytes(StandardCharsets.US_ASCII), 5, 6)).isEqualTo("abc");
    assertThatThrownBy(() -> TnetString.parse(msg, 5, 100)).isInstanceOf(TnetStringException.class)
        .hasMessageContaining("outside");
    assertThatThrownBy(() -> TnetString.parse(null)).isInstanceOf(TnetStringException.class);
  }

  @Test
  void boundsDepthValuesAndSize() {
    String deep = "0:]";
    for (int i = 0; i < TnetString.MAX_DEPTH; i++) {
      deep = deep.length() + ":" + deep + "]";
    }
    String tooDeep = deep;
    assertThatThrownBy(() -> parse(tooDeep)).isInstanceOf(TnetStringException.class).hasMessageContaining("nesting");
    String ok = deep.substring(deep.indexOf(':') + 1, deep.length() - 1);
    assertThat(parse(ok)).isInstanceOf(List.class);

    StringBuilder many = new StringBuilder();
    for (int i = 0; i < TnetString.MAX_VALUES; i++) {
      many.append("0:~");
    }
    String list = many.length() + ":" + many + "]";
    assertThatThrownBy(() -> parse(list)).isInstanceOf(TnetStringException.class)
        .hasMessageContaining("more than " + TnetString.MAX_VALUES + " values");

    byte[] big = new byte[TnetString.MAX_INPUT_BYTES + 1];
    assertThatThrownBy(() -> TnetString.parse(big)).isInstanceOf(TnetStringException.class)
        .hasMessageContaining("longer than");
  }

  @Test
  void randomAndMutatedBytesFailOnlyWithTheTypedException() {
    byte[] seed = ("93:11:subscribers,1:1#4:mode,6:stream,3:ttl,1:5#4:from,20:pushpin-handler_1508,"
        + "7:channel,4:room,}").getBytes(StandardCharsets.US_ASCII);
    Random random = new Random(42);
    int decoded = 0;
    for (int i = 0; i < 50_000; i++) {
      byte[] b = Arrays.copyOf(seed, random.nextInt(seed.length + 1));
      for (int m = random.nextInt(4); m >= 0 && b.length > 0; m--) {
        b[random.nextInt(b.length)] = (byte) ":,#^!~]}0123456789-.e".charAt(random.nextInt(21));
      }
      try {
        TnetString.parse(b);
        decoded++;
      } catch (TnetStringException e) {
        assertThat(e.offset()).isBetween(0, b.length);
      }
    }
    assertThat(decoded).isPositive();
  }
}
