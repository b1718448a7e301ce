package org.faasgrip.grip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.faasgrip.GripException;
import org.faasgrip.websocket.InvalidMetaException;
import org.junit.jupiter.api.Test;

class GripResponseTest {
  /** An HTTP token: what a header name must be. */
  static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
  /** What a header value may not hold: CR, LF, NUL and every other control character but tab. */
  static final String CONTROL = "[\\x00-\\x08\\x0a-\\x1f\\x7f]";

  @Test
  void charactersHttpHeadersCannotCarryAreRefusedInNames() {
    for (String bad : new String[] {"X-A\r\nX-Injected", "X\n", "X\u0000", "X A", "X:A", "", "X-\u00e9", "X\t"}) {
      GripResponse.Builder b = GripResponse.builder();
      assertThatThrownBy(() -> b.addHeader(bad, "v")).as(bad).isExactlyInstanceOf(InvalidHeaderException.class)
          .hasMessageContaining("is not an HTTP token").hasMessageNotContaining("\r").hasMessageNotContaining("\n");
      assertThat(b.build().headers()).isEmpty();
    }
    assertThatThrownBy(() -> GripResponse.builder().addHeader("X-A\r\nX-B", "v"))
        .hasMessageStartingWith("header name 'X-A\\u000d\\u000aX-B' is not an HTTP token");
  }

  @Test
  void charactersHttpHeadersCannotCarryAreRefusedInValues() {
    for (String bad : new String[] {"a\r\nSet-Cookie: x=1", "a\r", "a\n", "a\u0000", "\u0001", "a\u001fb", "\u007f"}) {
      assertThatThrownBy(() -> GripResponse.builder().addHeader("X-A", bad)).as(bad)
          .isExactlyInstanceOf(InvalidHeaderException.class).hasMessageContaining("header 'X-A' has control character");
    }
    assertThatThrownBy(() -> GripResponse.builder().addHeader("Authorization", "Bearer s3cret\r\nX: y"))
        .hasMessage("header 'Authorization' has control character U+000D at index 13 of its value: CR, LF and other"
            + " control characters could inject headers")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> GripResponse.builder().addHeaders(Headers.of("X-A", "1", "X-B", "\n")))
        .isInstanceOf(InvalidHeaderException.class);
    // A tab, spaces and text beyond ASCII are a header value's own.
    assertThat(GripResponse.builder().addHeader("X-A", "a\tb c\u00e9\u2603").build().header("x-a"))
        .isEqualTo("a\tb c\u00e9\u2603");
  }

  @Test
  void invalidHeaderIsTheGripExceptionOfMetaTooAndNullsStayPlainGripExceptions() {
    assertThat(new InvalidMetaException("m")).isInstanceOf(InvalidHeaderException.class);
    assertThat(new InvalidHeaderException("h")).isInstanceOf(GripException.class);
    assertThatThrownBy(() -> GripResponse.builder().addHeader(null, "v")).isExactlyInstanceOf(GripException.class)
        .hasMessage("header name is null");
    assertThatThrownBy(() -> GripResponse.builder().addHeader("X", null)).isExactlyInstanceOf(GripException.class)
        .hasMessage("header value is null");
  }

  @Provide
  Arbitrary<String> nasty() {
    return Arbitraries.strings().withChars("\r\n\u0000\t\u0001\u007f :;,\"\\\u00e9-").withCharRange('a', 'c')
        .ofMaxLength(6);
  }

  @Property(tries = 500)
  void charactersHttpHeadersCannotCarryNeverReachAResponseHeader(@ForAll("nasty") String name, @ForAll("nasty") String value) {
    GripResponse.Builder b = GripResponse.builder().addHeader("X-Ok", "1");
    try {
      b.addHeader(name, value);
    } catch (InvalidHeaderException e) {
      assertThat(name.matches(TOKEN) && !Pattern.compile(CONTROL).matcher(value).find()).as(e.getMessage()).isFalse();
    }
    for (Map.Entry<String, String> h : b.build().headers()) {
      assertThat(h.getKey()).matches(TOKEN);
      assertThat(h.getValue()).doesNotContainPattern(CONTROL);
    }
  }
}
