package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class BodiesTest {

  private static boolean jdkSaysUtf8(byte[] b) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Provide
  Arbitrary<byte[]> nearlyUtf8() {
    // Valid text with a byte or two changed, lead and continuation bytes thrown together, and the boundary
    // sequences (overlong, surrogates, past U+10FFFF, truncated).
    Arbitrary<byte[]> valid = Arbitraries.strings().all().ofMaxLength(20).map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> mutated = valid.flatMap(b -> Arbitraries.integers().between(0, 255).list().ofSize(2)
        .flatMap(v -> Arbitraries.integers().between(0, Math.max(0, b.length - 1)).map(at -> {
          byte[] c = b.clone();
          if (c.length > 0) {
            c[at] = (byte) (int) v.get(0);
          }
          return c;
        })));
    Arbitrary<byte[]> soup = Arbitraries.of((byte) 0x41, (byte) 0x80, (byte) 0x8f, (byte) 0x90, (byte) 0x9f,
        (byte) 0xa0, (byte) 0xbf, (byte) 0xc0, (byte) 0xc1, (byte) 0xc2, (byte) 0xdf, (byte) 0xe0, (byte) 0xed,
        (byte) 0xef, (byte) 0xf0, (byte) 0xf4, (byte) 0xf5, (byte) 0xff).array(byte[].class).ofMaxSize(8);
    return Arbitraries.oneOf(valid, mutated, soup, Arbitraries.bytes().array(byte[].class).ofMaxSize(16));
  }

  @Property(tries = 3000)
  void utf8CheckAgreesWithTheJdksDecoder(@ForAll("nearlyUtf8") byte[] bytes) {
    assertThat(Bodies.isUtf8(bytes)).isEqualTo(jdkSaysUtf8(bytes));
  }

  @Test
  void textualTypesCompareWithoutCaseAndIgnoreParameters() {
    for (String t : new String[] {"text/plain", " TEXT/Event-Stream ; charset=utf-8", "application/JSON",
        "application/ld+json", "application/xml;x=1", "image/svg+XML", "application/javascript",
        "application/x-www-form-urlencoded", "\ttext/x\t"}) {
      assertThat(Bodies.isTextual(t)).as(t).isTrue();
    }
    for (String t : new String[] {"application/websocket-events", "application/octet-stream", "", ";", "text",
        "application/json2", "json", "application/jsonx; a=+json", "+jso"}) {
      assertThat(Bodies.isTextual(t)).as(t).isFalse();
    }
  }

  /** The allocation-free check says what the trim-lower-case-split it replaced said. */
  @Property(tries = 1000)
  void textualAgreesWithLowerCasingTheMediaType(@ForAll("contentTypes") String contentType) {
    String t = contentType.trim().toLowerCase(Locale.ROOT);
    int semi = t.indexOf(';');
    if (semi >= 0) {
      t = t.substring(0, semi).trim();
    }
    boolean expected = t.startsWith("text/") || t.equals("application/json") || t.endsWith("+json")
        || t.equals("application/xml") || t.endsWith("+xml") || t.equals("application/javascript")
        || t.equals("application/x-www-form-urlencoded");
    assertThat(Bodies.isTextual(contentType)).isEqualTo(expected);
  }

  @Provide
  Arbitrary<String> contentTypes() {
    Arbitrary<String> part = Arbitraries.of("text/", "TEXT/", "plain", "application/", "Json", "+json", "+XML",
        "xml", "javascript", "x-www-form-urlencoded", " ", "\t", ";", "charset=utf-8", "websocket-events");
    return part.list().ofMaxSize(5).map(l -> String.join("", l));
  }
}
