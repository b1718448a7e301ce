package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.faasgrip.grip.GripResponse;
import org.junit.jupiter.api.Test;

/**
 * The hand-written response JSON against the jackson-generator writer it replaced (kept here, as it was, as the
 * reference): the same bytes whenever no string holds a surrogate, and the same JSON values always.
 */
class LambdaJsonWriterTest {
  private static final JsonFactory JACKSON = new JsonFactory();

  @Provide
  Arbitrary<GripResponse> responses() {
    Arbitrary<Integer> status = Arbitraries.of(200, 201, 204, 302, 400, 403, 418, 500, 502, 599);
    // Anything a response can hold: names are HTTP tokens, values any text without a control character but tab.
    Arbitrary<String> name = Arbitraries.oneOf(
        Arbitraries.of("Content-Type", "content-type", "Set-Meta-nick", "Grip-Channel", "Set-Cookie",
            "set-cookie", "SET-COOKIE", "X-A", "x-a", "Sec-WebSocket-Extensions"),
        Arbitraries.strings().alpha().numeric().withChars("!#$%&'*+-.^_`|~").ofMinLength(1).ofMaxLength(6));
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '=', ';', '"', '\\', ',').ofMaxLength(12),
        Arbitraries.strings().all().ofMaxLength(12).map(v -> v.replaceAll("[\\x00-\\x08\\x0a-\\x1f\\x7f]", "\t")));
    Arbitrary<String> contentType = Arbitraries.of("text/plain", "application/json; charset=utf-8",
        "application/websocket-events", "application/octet-stream", "TEXT/event-stream", "image/svg+xml");
    Arbitrary<List<Map.Entry<String, String>>> headers =
        Combinators.combine(name, value).as(Map::entry).list().ofMaxSize(12);
    Arbitrary<byte[]> body = Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
        Arbitraries.strings().all().ofMaxLength(40).map(s -> s.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.strings().withCharRange('\u0000', '\u007f').ofMaxLength(40)
            .map(s -> s.getBytes(StandardCharsets.UTF_8)));
    return Combinators.combine(status, contentType.injectNull(0.2), headers, body).as((s, ct, hs, b) -> {
      GripResponse.Builder r = GripResponse.builder().status(s);
      if (ct != null) {
        r.addHeader("Content-Type", ct);
      }
      for (Map.Entry<String, String> h : hs) {
        r.addHeader(h.getKey(), h.getValue());
      }
      return r.body(b).build();
    });
  }

  @Property(tries = 1000)
  void everyShapeMatchesTheJacksonWriter(@ForAll("responses") GripResponse r) {
    check(r, EventFormat.API_GATEWAY_REST, false);
    check(r, EventFormat.HTTP_API, false);
    check(r, EventFormat.ALB, false);
    check(r, EventFormat.ALB, true);
  }

  @Test
  void theChatsResponsesAreByteForByteTheSame() {
    GripResponse open = GripResponse.builder().addHeader("Content-Type", "application/websocket-events")
        .addHeader("Sec-WebSocket-Extensions", "grip").addHeader("Set-Meta-nick", "al\"ice")
        .body("OPEN\r\nTEXT 2f\r\nc:{\"type\":\"subscribe\",\"channel\":\"room\"}\r\n").build();
    GripResponse cookies = GripResponse.builder().addHeader("Content-Type", "text/plain; charset=utf-8")
        .addHeader("Set-Cookie", "a=1").addHeader("x-a", "1").addHeader("set-cookie", "b=2").addHeader("X-A", "2")
        .body("h\u00e9llo \u20ac \n\t\u0001").build();
    for (GripResponse r : List.of(open, cookies, GripResponse.builder().status(204).build())) {
      for (EventFormat f : EventFormat.values()) {
        check(r, f, false);
        check(r, f, true);
      }
    }
    assertThat(LambdaJsonWriter.write(cookies, EventFormat.HTTP_API, false).toString()).isEqualTo(
        "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"text/plain; charset=utf-8\",\"x-a\":\"1,2\"},"
            + "\"cookies\":[\"a=1\",\"b=2\"],\"body\":\"h\u00e9llo \u20ac \\n\\t\\u0001\",\"isBase64Encoded\":false}");
  }

  @Test
  void aLargeBodyGrowsTheBufferAndTheResponseReportsOnlyWhatWasWritten() throws IOException {
    byte[] big = new byte[100_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i % 10 == 0 ? '\n' : 'a' + i % 26);
    }
    GripResponse r = GripResponse.builder().addHeader("Content-Type", "text/plain").body(big).build();
    LambdaJsonResponse json = LambdaJsonWriter.write(r, EventFormat.API_GATEWAY_REST, false);
    byte[] expected = reference(r, EventFormat.API_GATEWAY_REST, false);
    assertThat(json.toByteArray()).isEqualTo(expected);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    json.writeTo(out);
    assertThat(out.toByteArray()).isEqualTo(expected);
    assertThat(json.toString()).isEqualTo(new String(expected, StandardCharsets.UTF_8));
  }

  private static void check(GripResponse r, EventFormat format, boolean multi) {
    LambdaJsonResponse ours = LambdaJsonWriter.write(r, format, multi);
    byte[] theirs = reference(r, format, multi);
    assertThat(ours.status()).isEqualTo(r.status());
    assertThat(TestJson.parse(ours.toString())).as("%s multi=%s", format, multi)
        .isEqualTo(TestJson.parse(new String(theirs, StandardCharsets.UTF_8)));
    if (!anySurrogate(r)) {
      assertThat(ours.toByteArray()).as("%s multi=%s: %s", format, multi, ours).isEqualTo(theirs);
    }
  }

  private static boolean anySurrogate(GripResponse r) {
    StringBuilder all = new StringBuilder(new String(r.body(), StandardCharsets.UTF_8));
    for (Map.Entry<String, String> h : r.headers()) {
      all.append(h.getKey()).append(h.getValue());
    }
    return all.chars().anyMatch(c -> Character.isSurrogate((char) c));
  }

  // --------------------------------------------------------- the writer as it was, on jackson's generator

  private static byte[] reference(GripResponse response, EventFormat format, boolean multiValueHeaders) {
    Map<String, List<String>> grouped = new LinkedHashMap<>();
    Map<String, String> spelling = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> h : response.headers()) {
      String name = spelling.get(h.getKey());
      if (name == null) {
        name = h.getKey();
        spelling.put(name, name);
        grouped.put(name, new ArrayList<>(1));
      }
      grouped.get(name).add(h.getValue());
    }
    byte[] bytes = response.body();
    boolean plain = plainText(response.header("Content-Type"), bytes);
    String body = plain ? new String(bytes, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(bytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JACKSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("statusCode", response.status());
      switch (format) {
        case API_GATEWAY_REST:
          // Since the writer was replaced, REST carries one of the two maps: the multi-value one when a name repeats.
          if (grouped.size() < response.headers().size()) {
            writeMulti(g, grouped);
          } else {
            writeJoined(g, grouped, false);
          }
          break;
        case HTTP_API:
          writeJoined(g, grouped, true);
          List<String> cookies = grouped.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
              .map(Map.Entry::getValue).findFirst().orElse(List.of());
          if (!cookies.isEmpty()) {
            g.writeArrayFieldStart("cookies");
            for (String c : cookies) {
              g.writeString(c);
            }
            g.writeEndArray();
          }
          break;
        case ALB:
          g.writeStringField("statusDescription", ResponseParts.statusDescription(response.status()));
          if (multiValueHeaders) {
            writeMulti(g, grouped);
          } else {
            writeJoined(g, grouped, false);
          }
          break;
        default:
          throw new IllegalStateException();
      }
      g.writeStringField("body", body);
      g.writeBooleanField("isBase64Encoded", !plain);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeJoined(JsonGenerator g, Map<String, List<String>> grouped, boolean skipSetCookie)
      throws IOException {
    g.writeObjectFieldStart("headers");
    for (Map.Entry<String, List<String>> e : grouped.entrySet()) {
      if (!(skipSetCookie && e.getKey().equalsIgnoreCase("Set-Cookie"))) {
        g.writeStringField(e.getKey(), String.join(",", e.getValue()));
      }
    }
    g.writeEndObject();
  }

  private static void writeMulti(JsonGenerator g, Map<String, List<String>> grouped) throws IOException {
    g.writeObjectFieldStart("multiValueHeaders");
    for (Map.Entry<String, List<String>> e : grouped.entrySet()) {
      g.writeArrayFieldStart(e.getKey());
      for (String v : e.getValue()) {
        g.writeString(v);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static boolean plainText(String contentType, byte[] body) {
    boolean textual = false;
    if (contentType != null) {
      String t = contentType.trim().toLowerCase(Locale.ROOT);
      int semi = t.indexOf(';');
      if (semi >= 0) {
        t = t.substring(0, semi).trim();
      }
      textual = t.startsWith("text/") || t.equals("application/json") || t.endsWith("+json")
          || t.equals("application/xml") || t.endsWith("+xml") || t.equals("application/javascript")
          || t.equals("application/x-www-form-urlencoded");
    }
    if (body.length == 0) {
      return contentType == null || textual;
    }
    if (!textual) {
      return false;
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
