package org.faasgrip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-written JSON strings against jackson-core's generator and parser, which the writer replaced. */
class JsonBytesTest {
  private static final JsonFactory JACKSON = new JsonFactory();

  private static byte[] ours(String s) {
    JsonBytes out = new JsonBytes(1);
    out.string(s);
    return Arrays.copyOf(out.array(), out.length());
  }

  private static byte[] jackson(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = JACKSON.createGenerator(bytes)) {
      g.writeString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String read(byte[] json) {
    try (JsonParser p = JACKSON.createParser(json)) {
      p.nextToken();
      return p.getText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isStrictUtf8(byte[] b) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean hasSurrogate(String s) {
    return s.chars().anyMatch(c -> Character.isSurrogate((char) c));
  }

  @Provide
  Arbitrary<String> strings() {
    // Weighted towards the edges: controls, the escaped ASCII, 2- and 3-byte chars, both surrogate halves (paired
    // or alone), non-BMP code points; and anything at all.
    Arbitrary<String> edges = Arbitraries.strings()
        .withCharRange('\u0000', '\u001f').withChars('"', '\\', '/', '\u007f', '\u0080', '\u07ff', '\u0800',
            '\u2028', '\u2029', '\ufeff', '\uffff', 'a', ' ')
        .withCharRange('\ud800', '\udfff')
        .ofMaxLength(24);
    Arbitrary<String> nonBmp = Arbitraries.integers().between(0x10000, 0x10ffff).list().ofMaxSize(6)
        .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString());
    Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(40);
    return Arbitraries.oneOf(edges, nonBmp, any, Arbitraries.strings().ascii().ofMaxLength(40));
  }

  @Property(tries = 2000)
  void readsBackAsTheSameStringAsJacksonsAndIsValidUtf8(@ForAll("strings") String s) {
    byte[] ours = ours(s);
    byte[] theirs = jackson(s);
    assertThat(isStrictUtf8(ours)).as("valid UTF-8").isTrue();
    assertThat(read(ours)).isEqualTo(s).isEqualTo(read(theirs));
    assertThat(ours.length).isEqualTo(JsonBytes.escapedLength(s) + 2);
    if (!hasSurrogate(s)) {
      // jackson escapes both halves of a pair where we write the 4-byte UTF-8; otherwise the bytes are the same.
      assertThat(ours).isEqualTo(theirs);
    }
  }

  @Test
  void everyControlCharacterIsEscapedAsJacksonDoes() {
    for (char c = 0; c < 0x80; c++) {
      String s = "a" + c + "b";
      assertThat(new String(ours(s), StandardCharsets.UTF_8)).as("U+%04X", (int) c)
          .isEqualTo(new String(jackson(s), StandardCharsets.UTF_8));
    }
    assertThat(new String(ours("\u0000\u001f\n\"\\"), StandardCharsets.US_ASCII))
        .isEqualTo("\"\\u0000\\u001F\\n\\\"\\\\\"");
  }

  @Test
  void pairsBecomeOneUtf8SequenceAndLoneHalvesBecomeEscapes() {
    assertThat(ours("\uD83D\uDE00")).isEqualTo("\"\uD83D\uDE00\"".getBytes(StandardCharsets.UTF_8))
        .hasSize(6);
    assertThat(new String(ours("x\uD83D"), StandardCharsets.US_ASCII)).isEqualTo("\"x\\uD83D\"");
    assertThat(new String(ours("\uDE00\uD83D"), StandardCharsets.US_ASCII)).isEqualTo("\"\\uDE00\\uD83D\"");
    assertThat(new String(ours("\uD83D\uD83D\uDE00"), StandardCharsets.UTF_8)).isEqualTo("\"\\uD83D\uD83D\uDE00\"");
  }

  /** Text already in UTF-8 is written the same as its decoded string. */
  @Property(tries = 1000)
  void utf8BytesAreWrittenAsTheirString(@ForAll("strings") String s) {
    String wellFormed = new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    JsonBytes out = new JsonBytes(1);
    out.utf8String(wellFormed.getBytes(StandardCharsets.UTF_8));
    assertThat(Arrays.copyOf(out.array(), out.length())).isEqualTo(ours(wellFormed));
  }

  @Property(tries = 500)
  void base64IsTheJdksWithPadding(@ForAll byte[] data) {
    JsonBytes out = new JsonBytes(1);
    out.ascii('[').base64String(data).ascii(']');
    assertThat(new String(out.array(), 0, out.length(), StandardCharsets.US_ASCII))
        .isEqualTo("[\"" + Base64.getEncoder().encodeToString(data) + "\"]");
  }

  @Property(tries = 500)
  void numbersAreWrittenAsIntegerToStringDoes(@ForAll int a, @ForAll("small") int b) {
    JsonBytes out = new JsonBytes(1);
    out.number(a).ascii(' ').number(b);
    assertThat(new String(out.array(), 0, out.length(), StandardCharsets.US_ASCII)).isEqualTo(a + " " + b);
  }

  @Provide
  Arbitrary<Integer> small() {
    return Arbitraries.integers().between(-20, 1100);
  }

  @Test
  void numbersAndAsciiGrowTheBuffer() {
    JsonBytes out = new JsonBytes(1);
    for (int i = 0; i < 100; i++) {
      out.number(-i).ascii(',');
    }
    assertThat(new String(out.array(), 0, out.length(), StandardCharsets.US_ASCII))
        .startsWith("0,-1,-2,").endsWith("-99,").hasSize(out.length());
  }
}
