package org.faasgrip.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Control messages read back, with jackson's parser, as what was put in; and stay byte for byte as they were. */
class ControlMessageTest {
  private static final JsonFactory JACKSON = new JsonFactory();

  private static byte[] bytes(ControlMessage m) {
    WebSocketEvent e = m.toEvent();
    assertThat(e.type()).isEqualTo(WebSocketEvent.Type.TEXT);
    return e.content();
  }

  /** The values of a {@code c:{...}} message's fields, strings and string arrays flattened, in order. */
  private static List<String> read(byte[] message) throws IOException {
    assertThat(new String(message, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("c:");
    List<String> out = new ArrayList<>();
    try (JsonParser p = JACKSON.createParser(message, 2, message.length - 2)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
          out.add(p.getText());
        }
      }
    }
    return out;
  }

  private static boolean isUtf8(byte[] b) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Provide
  Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('\u0000', '\u001f').withChars('"', '\\', 'a', '\u00e9', '\u2028',
            '\u2029', '\u20ac').withCharRange('\ud800', '\udfff').ofMaxLength(20),
        Arbitraries.strings().all().ofMaxLength(80));
  }

  @Property(tries = 1000)
  void everyValueReadsBackAndTheBytesAreUtf8(@ForAll("strings") String a, @ForAll("strings") String b,
      @ForAll byte[] bin) throws IOException {
    byte[] m = bytes(new ControlMessage("keep-alive").field("content", a).field("filters", new String[] {b, a})
        .field("timeout", 30).base64Field("content-bin", bin));
    assertThat(isUtf8(m)).isTrue();
    assertThat(read(m)).containsExactly("keep-alive", a, b, a, "30", Base64.getEncoder().encodeToString(bin));
    boolean surrogates = (a + b).chars().anyMatch(c -> Character.isSurrogate((char) c));
    if (!surrogates) {
      assertThat(new String(m, StandardCharsets.UTF_8)).isEqualTo("c:{\"type\":\"keep-alive\",\"content\":"
          + reference(a) + ",\"filters\":[" + reference(b) + "," + reference(a) + "],\"timeout\":30,"
          + "\"content-bin\":\"" + Base64.getEncoder().encodeToString(bin) + "\"}");
    }
  }

  @Test
  void pairsAreOneUtf8SequenceAndLoneHalvesAreEscaped() {
    assertThat(new String(bytes(new ControlMessage("subscribe").field("channel", "\ud83d\ude00\ud83d")),
        StandardCharsets.UTF_8)).isEqualTo("c:{\"type\":\"subscribe\",\"channel\":\"\ud83d\ude00\\uD83D\"}");
    assertThat(new String(bytes(new ControlMessage("detach")), StandardCharsets.UTF_8))
        .isEqualTo("c:{\"type\":\"detach\"}");
  }

  /** The escaping expected, on a StringBuilder: RFC 8259's, with jackson-core's choice of short escapes. */
  private static String reference(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }
}
