package org.faasgrip.grip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class GripInstructTest {
  private static List<Map.Entry<String, String>> headers(GripInstruct.Builder b) {
    List<Map.Entry<String, String>> out = new java.util.ArrayList<>();
    b.build().headers().forEach(out::add);
    return out;
  }

  private static String keepAlive(byte[] data) {
    return GripInstruct.builder().keepAlive(data, 20).build().headers().value(0);
  }

  @Test
  void streamHoldOnOneChannel() {
    assertThat(headers(GripInstruct.builder().holdStream().channel("news")))
        .containsExactly(Map.entry("Grip-Hold", "stream"), Map.entry("Grip-Channel", "news"));
  }

  @Test
  void longPollWithPrefixTimeoutAndSeveralChannels() {
    GripInstruct i = GripInstruct.builder().holdResponse().channel("a")
        .channel(Channel.builder("b").prevId("7").filter("skip-self").build()).timeout(55).build();
    assertThat(i.headers("app-")).containsExactly(
        Map.entry("Grip-Hold", "response"),
        Map.entry("Grip-Channel", "app-a, app-b; prev-id=7; filter=skip-self"),
        Map.entry("Grip-Timeout", "55"));
    assertThat(i.headers(null)).contains(Map.entry("Grip-Channel", "a, b; prev-id=7; filter=skip-self"));
  }

  @Test
  void nonTokenParameterValuesAreQuotedAndEscaped() {
    GripInstruct i = GripInstruct.builder().hold(HoldMode.STREAM)
        .channel(Channel.of("c", "id 1, \"x\" \\y")).build();
    assertThat(i.headers()).contains(Map.entry("Grip-Channel", "c; prev-id=\"id 1, \\\"x\\\" \\\\y\""));
  }

  @Test
  void keepAliveFormats() {
    assertThat(GripInstruct.builder().keepAlive("\n", 20).build().headers())
        .containsExactly(Map.entry("Grip-Keep-Alive", "\\n; format=cstring; timeout=20"));
    assertThat(keepAlive(": keepalive\n\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(": keepalive\\n\\n; format=cstring; timeout=20");
    assertThat(keepAlive("ping".getBytes(StandardCharsets.UTF_8))).isEqualTo("ping; format=raw; timeout=20");
    assertThat(keepAlive(new byte[] {0, 1, 2, (byte) 0xff})).isEqualTo("AAEC/w==; format=base64; timeout=20");
    assertThat(keepAlive("a;b".getBytes(StandardCharsets.UTF_8))).isEqualTo("YTti; format=base64; timeout=20");
    // cstring (20 chars) ties base64 (20 chars) for these 15 bytes: cstring wins the tie
    assertThat(keepAlive("hello; world\\ \n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("hello\\x3b world\\\\ \\n; format=cstring; timeout=20");
    // spaces at the edges would be trimmed by the proxy: escaped there, kept inside
    assertThat(keepAlive((" " + "a".repeat(20) + " ").getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("\\x20" + "a".repeat(20) + "\\x20; format=cstring; timeout=20");
    // escaping would make it longer than base64
    assertThat(keepAlive(" x;y\\z \r\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("IHg7eVx6IA0K; format=base64; timeout=20");
    assertThat(GripInstruct.builder().keepAlive("{}", 30).keepAliveMode(KeepAliveMode.INTERVAL).build().headers())
        .containsExactly(Map.entry("Grip-Keep-Alive", "{}; format=raw; timeout=30; mode=interval"));
  }

  @Test
  void setMetaStatusLinksAndExposeHeaders() {
    GripInstruct i = GripInstruct.builder()
        .setMeta("user", "alice").setMeta("note", "say \"hi\"")
        .status(404, "Not Found")
        .nextLink(URI.create("http://127.0.0.1/next?a=1,2;3"), 30)
        .goneLink(URI.create("http://127.0.0.1/gone"))
        .exposeHeaders("Content-Type", "X-Id")
        .build();
    assertThat(i.headers()).containsExactly(
        Map.entry("Grip-Set-Meta", "user=\"alice\", note=\"say \\\"hi\\\"\""),
        Map.entry("Grip-Status", "404 Not Found"),
        Map.entry("Grip-Link", "<http://127.0.0.1/next?a=1%2C2%3B3>; rel=next; timeout=30, <http://127.0.0.1/gone>; rel=gone"),
        Map.entry("Grip-Expose-Headers", "Content-Type, X-Id"));
    assertThat(GripInstruct.builder().status(204).nextLink(URI.create("/n")).build().headers()).containsExactly(
        Map.entry("Grip-Status", "204"), Map.entry("Grip-Link", "</n>; rel=next"));
  }

  @Test
  void allHeadersInDocumentedOrder() {
    GripInstruct i = GripInstruct.builder().exposeHeaders("A").nextLink(URI.create("/n")).status(200)
        .setMeta("k", "v").keepAlive("x", 5).timeout(1).channel("c").holdResponse().build();
    assertThat(i.headers()).extracting(Map.Entry::getKey).containsExactly("Grip-Hold", "Grip-Channel", "Grip-Timeout",
        "Grip-Keep-Alive", "Grip-Set-Meta", "Grip-Status", "Grip-Link", "Grip-Expose-Headers");
  }

  @Test
  void appliesOntoAResponse() {
    GripResponse r = GripInstruct.builder().holdStream().channel("c").build()
        .applyTo(GripResponse.builder(), "p-").addHeader("Content-Type", "text/plain").body("open\n").build();
    assertThat(r.header("Grip-Hold")).isEqualTo("stream");
    assertThat(r.header("Grip-Channel")).isEqualTo("p-c");
    assertThat(r.headers()).hasSize(3);
  }

  @Test
  void rejectsWhatAHeaderCannotCarry() {
    for (String bad : new String[] {"", "a,b", "a;b", "a b", "a\"b", "a\r\nX-Injected: 1", "caf\u00e9"}) {
      assertThatThrownBy(() -> GripInstruct.builder().channel(bad)).as(bad)
          .isInstanceOf(GripInstructException.class).hasMessageContaining("channel name");
    }
    assertThatThrownBy(() -> GripInstruct.builder().channel((String) null)).isInstanceOf(GripInstructException.class);
    assertThatThrownBy(() -> Channel.of("c", "1\r\n")).isInstanceOf(GripInstructException.class)
        .hasMessageContaining("prev-id");
    assertThatThrownBy(() -> Channel.builder("c").filter("")).isInstanceOf(GripInstructException.class);
    assertThatThrownBy(() -> GripInstruct.builder().setMeta("a b", "v")).isInstanceOf(GripInstructException.class);
    assertThatThrownBy(() -> GripInstruct.builder().setMeta("k", "v\nX: y")).isInstanceOf(GripInstructException.class)
        .hasMessageContaining("'k'");
    assertThatThrownBy(() -> GripInstruct.builder().keepAlive("", 5)).isInstanceOf(GripInstructException.class);
    assertThatThrownBy(() -> GripInstruct.builder().keepAlive("x", 0)).isInstanceOf(GripInstructException.class);
    assertThatThrownBy(() -> GripInstruct.builder().timeout(-1)).isInstanceOf(GripInstructException.class);
    assertThatThrownBy(() -> GripInstruct.builder().status(99)).isInstanceOf(GripInstructException.class);
    assertThatThrownBy(() -> GripInstruct.builder().status(200, "OK\r\n")).isInstanceOf(GripInstructException.class);
    assertThatThrownBy(() -> GripInstruct.builder().nextLink(URI.create("/n"), -1)).isInstanceOf(GripInstructException.class);
    assertThatThrownBy(() -> GripInstruct.builder().exposeHeaders("X:Y")).isInstanceOf(GripInstructException.class);
    assertThatThrownBy(() -> GripInstruct.builder().channel("c").build().headers("p;")).isInstanceOf(GripInstructException.class)
        .hasMessageContaining("prefix");
  }

  @Provide
  Arbitrary<String> nasty() {
    return Arbitraries.strings().withChars("\r\n\u0000\t\u0001\u007f :;,\"\\\u00e9-").withCharRange('a', 'c')
        .ofMinLength(1).ofMaxLength(6);
  }

  /** Every builder call that takes text, given the same text: refused, or carried without a control character. */
  @Property(tries = 500)
  void charactersHttpHeadersCannotCarryNeverReachAGripHeader(@ForAll("nasty") String s) {
    GripInstruct.Builder b = GripInstruct.builder().holdStream();
    List<Runnable> calls = List.of(
        () -> b.channel(s),
        () -> b.channel(Channel.of("c", s)),
        () -> b.channel(Channel.builder("d").filter(s).build()),
        () -> b.setMeta("k", s),
        () -> b.setMeta(s, "v"),
        () -> b.status(200, s),
        () -> b.exposeHeaders(s),
        () -> b.keepAlive(s, 20));
    for (Runnable call : calls) {
      try {
        call.run();
      } catch (GripInstructException e) {
        assertThat(e.getMessage()).doesNotContainPattern(GripResponseTest.CONTROL);
      }
    }
    GripInstruct instruct = b.build();
    for (String prefix : new String[] {"", s}) {
      Headers headers;
      try {
        headers = instruct.headers(prefix);
      } catch (GripInstructException e) {
        continue;
      }
      for (Map.Entry<String, String> h : headers) {
        assertThat(h.getKey()).matches(GripResponseTest.TOKEN);
        assertThat(h.getValue()).doesNotContainPattern(GripResponseTest.CONTROL);
      }
      // The response builder, which refuses what a header cannot carry, takes every one of them.
      assertThat(instruct.applyTo(GripResponse.builder(), prefix).build().headers()).isEqualTo(headers);
    }
  }

  // ---- round trips through a reader that follows Pushpin's header parsing (httpheaders.cpp, instruct.cpp) ----

  @Property(tries = 500)
  void keepAliveDataSurvivesThePushpinReader(@ForAll @Size(min = 1, max = 40) byte[] data) {
    String header = keepAlive(data);
    assertThat(decodeKeepAlive(header)).isEqualTo(data);
    assertThat(header).doesNotContain("\r").doesNotContain("\n");
  }

  @Property(tries = 300)
  void textKeepAliveSurvivesThePushpinReader(@ForAll @StringLength(min = 1, max = 30) String text) {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    assertThat(decodeKeepAlive(keepAlive(data))).isEqualTo(data);
  }

  @Property(tries = 300)
  void prevIdSurvivesThePushpinReader(@ForAll @StringLength(min = 1, max = 30) String prevId) {
    if (prevId.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f) || !prevId.equals(prevId.strip())) {
      return; // control characters are refused; surrounding white space is not meaningful in an id
    }
    String header = GripInstruct.builder().channel(Channel.of("c", prevId)).channel("d").build().headers().value(0);
    List<String> parts = splitNonQuoted(header);
    assertThat(parts).hasSize(2);
    assertThat(paramValue(parts.get(0), "prev-id")).isEqualTo(prevId);
    assertThat(parts.get(1)).isEqualTo("d");
  }

  /** Pushpin: the first parameter runs to the first ';' and is trimmed; format selects the decoding. */
  private static byte[] decodeKeepAlive(String header) {
    int semi = header.indexOf(';');
    String val = header.substring(0, semi).trim();
    String format = paramValue(header, "format");
    switch (format) {
      case "raw":
        return val.getBytes(StandardCharsets.ISO_8859_1);
      case "base64":
        return Base64.getDecoder().decode(val);
      case "cstring":
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = 0; n < val.length(); n++) {
          char c = val.charAt(n);
          if (c == '\\') {
            char e = val.charAt(++n);
            if (e == '\\') {
              out.write('\\');
            } else if (e == 'r') {
              out.write('\r');
            } else if (e == 'n') {
              out.write('\n');
            } else if (e == 'x') {
              out.write(Integer.parseInt(val.substring(n + 1, n + 3), 16));
              n += 2;
            } else {
              throw new AssertionError("Pushpin would drop the escape \\" + e);
            }
          } else {
            out.write(c);
          }
        }
        return out.toByteArray();
      default:
        throw new AssertionError("format " + format);
    }
  }

  /** Pushpin's parameter reader: after the first ';', name=value pairs; a quoted value unescapes backslashes. */
  private static String paramValue(String part, String name) {
    int start = part.indexOf(';') + 1;
    while (start > 0 && start < part.length()) {
      int eq = part.indexOf('=', start);
      String var = part.substring(start, eq).trim();
      int at = eq + 1;
      StringBuilder val = new StringBuilder();
      if (part.charAt(at) == '"') {
        at++;
        while (part.charAt(at) != '"') {
          if (part.charAt(at) == '\\') {
            at++;
          }
          val.append(part.charAt(at++));
        }
        at = part.indexOf(';', at);
      } else {
        int end = part.indexOf(';', at);
        val.append(part, at, end < 0 ? part.length() : end);
        at = end;
      }
      if (var.equals(name)) {
        return val.toString();
      }
      start = at < 0 ? -1 : at + 1;
    }
    return null;
  }

  /** Pushpin splits a header on commas outside quotes. */
  private static List<String> splitNonQuoted(String header) {
    List<String> parts = new ArrayList<>();
    boolean inQuote = false;
    int from = 0;
    for (int n = 0; n < header.length(); n++) {
      char c = header.charAt(n);
      if (inQuote && c == '\\') {
        n++;
      } else if (c == '"') {
        inQuote = !inQuote;
      } else if (!inQuote && c == ',') {
        parts.add(header.substring(from, n).trim());
        from = n + 1;
      }
    }
    parts.add(header.substring(from).trim());
    return parts;
  }
}
