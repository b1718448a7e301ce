package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.faasgrip.grip.GripRequest;

/**
 * The byte-level event reader ({@code LambdaEventReader} on {@code JsonCursor}) against the jackson-core reader it
 * replaced ({@link JacksonEventReader}): on random events of every shape, written with random whitespace, escapes,
 * non-ASCII text, unknown members of any depth and repeated members, both must make the same request; on the same
 * events broken at random, both must refuse them, with a {@link LambdaEventException} and nothing else. The one
 * difference allowed: jackson lets some invalid UTF-8 through, which this reader refuses.
 *
 * <p>A repeated member replaces the earlier one whole, as when JSON is read into a map (and into the AWS event
 * classes). That jackson reader's own handling of it is checked too: it must read the event as it reads the same
 * event rewritten by {@link #lastMemberWins}, where a map has replaced every repeated member.
 */
class EventReaderDifferentialTest {
  private static final JsonFactory JSON = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  @Property(tries = 1500)
  void bothReadersMakeTheSameRequest(@ForAll("events") byte[] json) {
    LambdaEvent expected = expected(json);
    LambdaEvent actual = LambdaEvent.parse(json);
    assertSame(actual, expected, json);
  }

  @Test
  void duplicateMembersReplaceALaterNullHeaderRemovesTheEarlierOne() {
    byte[] json = utf8("{\"httpMethod\":\"POST\",\"path\":\"/\",\"headers\":{\"Grip-Sig\":\"x\",\"Grip-Sig\":null,"
        + "\"Accept\":\"a\"}}");
    LambdaEvent event = LambdaEvent.parse(json);
    assertThat(event.request().header("Grip-Sig")).isNull();
    assertThat(event.request().header("Accept")).isEqualTo("a");
    assertSame(event, expected(json), json);
  }

  @Test
  void duplicateMembersReplaceALaterNullMultiValueHeaderRemovesTheEarlierOne() {
    byte[] json = utf8("{\"httpMethod\":\"POST\",\"path\":\"/\",\"multiValueHeaders\":{\"Grip-Sig\":[\"x\"],"
        + "\"Grip-Sig\":null},\"headers\":{\"grip-sig\":\"y\"}}");
    LambdaEvent event = LambdaEvent.parse(json);
    assertThat(event.request().headers().values("Grip-Sig")).containsExactly("y");
    assertSame(event, expected(json), json);
  }

  @Test
  void duplicateMembersReplaceARepeatedRequestContextIsNotMerged() {
    byte[] json = utf8("{\"requestContext\":{\"elb\":{}},\"requestContext\":{},\"httpMethod\":\"GET\","
        + "\"path\":\"/\"}");
    LambdaEvent event = LambdaEvent.parse(json);
    assertThat(event.format()).isEqualTo(EventFormat.API_GATEWAY_REST);
    assertSame(event, expected(json), json);

    byte[] nulled = utf8("{\"requestContext\":{\"elb\":{}},\"requestContext\":null,\"httpMethod\":\"GET\"}");
    assertThat(LambdaEvent.parse(nulled).format()).isEqualTo(EventFormat.API_GATEWAY_REST);
    assertSame(LambdaEvent.parse(nulled), expected(nulled), nulled);

    // A payload 2.0 method left by an earlier requestContext is not the event's.
    byte[] emptied = utf8("{\"requestContext\":{\"http\":{\"method\":\"POST\",\"path\":\"/a\"}},\"requestContext\":{}}");
    assertThatThrownBy(() -> LambdaEvent.parse(emptied)).isExactlyInstanceOf(LambdaEventException.class)
        .hasMessageContaining("not an HTTP event");
    assertThatThrownBy(() -> expected(emptied)).isExactlyInstanceOf(LambdaEventException.class);
  }

  @Test
  void duplicateMembersReplaceARepeatedHttpObjectIsNotMerged() {
    byte[] json = utf8("{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"POST\",\"path\":\"/a\"},"
        + "\"http\":{\"method\":\"GET\"}}}");
    LambdaEvent event = LambdaEvent.parse(json);
    assertThat(event.request().method()).isEqualTo("GET");
    assertThat(event.request().path()).isEqualTo("/");
    assertSame(event, expected(json), json);

    byte[] gone = utf8("{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"POST\"},\"http\":null}}");
    assertThatThrownBy(() -> LambdaEvent.parse(gone)).isExactlyInstanceOf(LambdaEventException.class)
        .hasMessageContaining("requestContext.http.method");
  }

  @Test
  void duplicateMembersReplaceEveryOtherMemberTooAsJacksonReadsThem() {
    String[] events = {
        "{\"httpMethod\":\"GET\",\"httpMethod\":\"PUT\",\"path\":\"/a\",\"path\":null}",
        "{\"httpMethod\":\"GET\",\"body\":\"aGk=\",\"isBase64Encoded\":true,\"isBase64Encoded\":false}",
        "{\"httpMethod\":\"GET\",\"body\":\"x\",\"body\":null}",
        "{\"httpMethod\":\"GET\",\"headers\":{\"A\":\"1\",\"B\":\"2\"},\"headers\":{\"B\":\"3\"}}",
        "{\"httpMethod\":\"GET\",\"headers\":{\"A\":\"1\"},\"headers\":null}",
        "{\"httpMethod\":\"GET\",\"multiValueHeaders\":{\"A\":[\"1\"]},\"multiValueHeaders\":null,\"headers\":{\"A\":\"2\"}}",
        "{\"httpMethod\":\"GET\",\"headers\":{\"a\":\"1\",\"A\":\"2\",\"a\":null,\"a\":\"3\"}}",
        "{\"version\":\"2.0\",\"version\":\"1.0\",\"httpMethod\":\"GET\",\"requestContext\":{\"http\":{\"method\":\"POST\"}}}",
        "{\"version\":\"2.0\",\"rawPath\":\"/r\",\"rawPath\":null,\"requestContext\":{\"http\":{\"method\":\"GET\","
            + "\"path\":\"/p\",\"method\":\"PUT\"}}}",
        "{\"version\":\"2.0\",\"cookies\":[\"a=1\"],\"cookies\":null,\"requestContext\":{\"http\":{\"method\":\"GET\"}}}",
        "{\"version\":\"2.0\",\"cookies\":[\"a=1\"],\"headers\":{\"cookie\":\"b=2\",\"cookie\":null},"
            + "\"requestContext\":{\"http\":{\"method\":\"GET\"}}}",
        "{\"httpMethod\":\"GET\",\"requestContext\":{\"elb\":{},\"elb\":null}}",
        "{\"httpMethod\":\"GET\",\"requestContext\":{\"elb\":null,\"elb\":{\"targetGroupArn\":\"arn\"}}}",
    };
    for (String e : events) {
      byte[] json = utf8(e);
      assertSame(LambdaEvent.parse(json), expected(json), json);
    }
  }

  /**
   * What jackson reads of an event; checked to be what it reads once a map has replaced each repeated member by
   * its last, so that the oracle's own handling of repeated members is not taken on trust.
   */
  private static LambdaEvent expected(byte[] json) {
    LambdaEvent expected = JacksonEventReader.read(json);
    assertSame(JacksonEventReader.read(lastMemberWins(json)), expected, json);
    return expected;
  }

  /**
   * The event as a map reads it: every repeated member replaced whole by its last occurrence, which keeps the
   * first one's place (as {@code LinkedHashMap.put} does). Strings are written back with every non-ASCII
   * character escaped, so that any text, lone surrogates included, reads back the same; numbers as written.
   *
   * @throws LambdaEventException when jackson finds the JSON malformed (never in an event jackson has read)
   */
  static byte[] lastMemberWins(byte[] json) {
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() == null) {
        return json;
      }
      Object tree = tree(p);
      if (p.nextToken() != null) {
        throw new LambdaEventException("malformed event JSON: unexpected content after the event object");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(json.length);
      try (JsonGenerator g = JSON.createGenerator(out)) {
        write(g, tree);
      }
      return out.toByteArray();
    } catch (JsonProcessingException e) {
      throw new LambdaEventException("malformed event JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A number kept as written. */
  private record Number(String text) {}

  private static Object tree(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT: {
        Map<String, Object> members = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          members.put(name, tree(p));
        }
        return members;
      }
      case START_ARRAY: {
        List<Object> elements = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          elements.add(tree(p));
        }
        return elements;
      }
      case VALUE_STRING: return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT: return new Number(p.getText());
      case VALUE_TRUE: return Boolean.TRUE;
      case VALUE_FALSE: return Boolean.FALSE;
      case VALUE_NULL: return null;
      default: throw new IOException("unexpected " + p.currentToken());
    }
  }

  @SuppressWarnings("unchecked")
  private static void write(JsonGenerator g, Object v) throws IOException {
    if (v instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
        g.writeFieldName(e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List) {
      g.writeStartArray();
      for (Object e : (List<Object>) v) {
        write(g, e);
      }
      g.writeEndArray();
    } else if (v instanceof String) {
      g.writeString((String) v);
    } else if (v instanceof Number) {
      g.writeNumber(((Number) v).text());
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else {
      g.writeNull();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Property(tries = 3000)
  void brokenEventsAreRefusedAlikeAndOnlyWithTheLibrarysException(@ForAll("broken") byte[] json) {
    try {
      JacksonEventReader.read(json);
    } catch (LambdaEventException e) {
      assertThatThrownBy(() -> LambdaEvent.parse(json))
          .as("jackson refused (%s): %s", e.getMessage(), new String(json, StandardCharsets.UTF_8))
          .isExactlyInstanceOf(LambdaEventException.class);
      return;
    }
    if (!isUtf8(json)) {
      // jackson lets invalid UTF-8 through in member names and skipped strings; JSON text must be UTF-8.
      assertThatThrownBy(() -> LambdaEvent.parse(json))
          .isExactlyInstanceOf(LambdaEventException.class)
          .hasMessageContaining("invalid UTF-8");
      return;
    }
    // Some mutations leave valid JSON (a changed letter in a value, a space): then both must agree on it.
    assertSame(LambdaEvent.parse(json), expected(json), json);
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private static void assertSame(LambdaEvent actual, LambdaEvent expected, byte[] json) {
    String as = new String(json, StandardCharsets.UTF_8);
    assertThat(actual.format()).as(as).isEqualTo(expected.format());
    assertThat(actual.hasMultiValueHeaders()).as(as).isEqualTo(expected.hasMultiValueHeaders());
    GripRequest a = actual.request();
    GripRequest e = expected.request();
    assertThat(a.method()).as(as).isEqualTo(e.method());
    assertThat(a.path()).as(as).isEqualTo(e.path());
    assertThat(new TreeMap<>(a.headers().toMultimap())).as(as).isEqualTo(new TreeMap<>(e.headers().toMultimap()));
    assertThat(a.body()).as(as).isEqualTo(e.body());
  }

  @Provide
  Arbitrary<byte[]> events() {
    return Arbitraries.randomValue(r -> new EventWriter(r).event());
  }

  @Provide
  Arbitrary<byte[]> broken() {
    return Arbitraries.randomValue(r -> mutate(new EventWriter(r).event(), r));
  }

  private static final byte[] NASTY = "{}[],:\"\\ 0-.eE+tfnu\t\n".getBytes(StandardCharsets.US_ASCII);

  private static byte[] mutate(byte[] json, Random r) {
    int at = r.nextInt(json.length);
    byte nasty = r.nextInt(8) == 0 ? (byte) (0x80 + r.nextInt(128)) : r.nextInt(10) == 0 ? 0 : NASTY[r.nextInt(NASTY.length)];
    switch (r.nextInt(4)) {
      case 0: // truncate
        return Arrays.copyOf(json, at);
      case 1: { // delete a byte
        byte[] out = new byte[json.length - 1];
        System.arraycopy(json, 0, out, 0, at);
        System.arraycopy(json, at + 1, out, at, json.length - at - 1);
        return out;
      }
      case 2: { // insert a byte
        byte[] out = new byte[json.length + 1];
        System.arraycopy(json, 0, out, 0, at);
        out[at] = nasty;
        System.arraycopy(json, at, out, at + 1, json.length - at);
        return out;
      }
      default: { // replace a byte
        byte[] out = json.clone();
        out[at] = nasty;
        return out;
      }
    }
  }

  /** Writes one random event as JSON, in one of the four shapes, with the liberties JSON allows. */
  private static final class EventWriter {
    private static final String[] NAMES = {
        "Accept", "Content-Type", "content-type", "Connection-Id", "Grip-Sig", "Meta-Nick", "meta-nick",
        "Sec-WebSocket-Extensions", "Cookie", "X-Forwarded-For", "X-É", "X-\u2603", "", "X-\"q\"", "X\\y"};
    private final Random r;
    private final StringBuilder out = new StringBuilder();

    EventWriter(Random r) {
      this.r = r;
    }

    byte[] event() {
      int shape = r.nextInt(4); // REST, 2.0, ALB with single headers, ALB with multi-value headers
      List<Runnable> members = new ArrayList<>();
      List<Runnable> decoys = new ArrayList<>();
      Map<String, List<Object>> headers = headers();
      if (shape == 1) {
        add(members, decoys, "version", () -> string("2.0"), () -> maybeNull(() -> string("1.0")));
        add(members, decoys, "rawPath", () -> maybeNull(() -> string(text())), () -> maybeNull(() -> string("/d")));
        boolean withPath = r.nextInt(4) != 0;
        add(members, decoys, "requestContext", () -> object(withDecoys(List.of(
            member("http", () -> object(withDecoys(withPath
                    ? List.of(member("method", () -> string(r.nextBoolean() ? "POST" : "GET")),
                        member("path", () -> string("/p")))
                    : List.of(member("method", () -> string(r.nextBoolean() ? "POST" : "GET"))),
                List.of(member("method", () -> maybeNull(() -> string("DELETE"))),
                    member("path", () -> maybeNull(() -> string("/decoy"))))))),
            junk(), member("elb", () -> out.append("null"))),
            Arrays.asList(member("http", this::decoyHttp), null, member("elb", this::decoyElb)))),
            this::decoyRequestContext);
        add(members, decoys, "headers", () -> single(headers), () -> maybeNull(() -> single(headers())));
        if (r.nextBoolean()) {
          add(members, decoys, "cookies", () -> array(() -> string("a=" + text()), () -> out.append("null")),
              () -> maybeNull(() -> array(() -> string("d=1"))));
        }
      } else {
        add(members, decoys, "httpMethod", () -> string(r.nextBoolean() ? "POST" : "PUT"),
            () -> maybeNull(() -> string("DELETE")));
        add(members, decoys, "path", () -> string("/" + text()), () -> maybeNull(() -> string("/d")));
        if (shape >= 2) {
          add(members, decoys, "requestContext", () -> object(withDecoys(List.of(member("elb",
              () -> object(member("targetGroupArn", () -> string("arn"))))), List.of(member("elb", this::decoyElb)))),
              this::decoyRequestContext);
        } else {
          add(members, decoys, "requestContext", () -> object(withDecoys(List.of(junk(),
              member("identity", () -> object(junk())), member("elb", () -> out.append("null"))),
              Arrays.asList(null, null, member("elb", this::decoyElb)))), this::decoyRequestContext);
        }
        if (shape != 2) {
          add(members, decoys, "multiValueHeaders", () -> multi(headers), () -> maybeNull(() -> multi(headers())));
        }
        if (shape != 3 || r.nextBoolean()) {
          add(members, decoys, "headers", () -> single(r.nextInt(5) == 0 ? headers() : headers),
              () -> maybeNull(() -> single(headers())));
        }
      }
      boolean base64 = r.nextBoolean();
      String body = text();
      add(members, decoys, "body", () -> string(base64
          ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body),
          () -> maybeNull(() -> string(text())));
      add(members, decoys, "isBase64Encoded", () -> out.append(base64),
          () -> out.append(new String[] {"true", "false", "null", "\"true\""}[r.nextInt(4)]));
      for (int i = r.nextInt(3); i > 0; i--) {
        members.add(junk());
        decoys.add(null);
      }
      ws();
      object(withDecoys(members, decoys));
      ws();
      return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Adds a member, and a member of the same name that it replaces when the decoy is written (before it). */
    private void add(List<Runnable> members, List<Runnable> decoys, String name, Runnable value, Runnable decoy) {
      members.add(member(name, value));
      decoys.add(member(name, decoy));
    }

    /**
     * The members in random order, now and then with the decoy of one ({@code decoys.get(i)} for
     * {@code members.get(i)}; null for none) somewhere before it: a repeated member, which the later one must
     * replace whole.
     */
    private Runnable[] withDecoys(List<Runnable> members, List<Runnable> decoys) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < members.size(); i++) {
        order.add(i);
      }
      Collections.shuffle(order, r);
      List<Runnable> written = new ArrayList<>();
      for (int i : order) {
        written.add(members.get(i));
        Runnable decoy = decoys.get(i);
        if (decoy != null && r.nextInt(6) == 0) {
          written.add(r.nextInt(written.size()), decoy);
        }
      }
      return written.toArray(new Runnable[0]);
    }

    /** A requestContext that a later one replaces: of another event shape, empty, or null. */
    private void decoyRequestContext() {
      switch (r.nextInt(5)) {
        case 0: out.append("null"); break;
        case 1: object(); break;
        case 2: object(member("elb", () -> object(member("targetGroupArn", () -> string("arn"))))); break;
        case 3: object(member("http", () -> object(member("method", () -> string("DELETE")),
            member("path", () -> string("/decoy"))))); break;
        default: object(member("elb", () -> out.append("null")), member("http", this::decoyHttp)); break;
      }
    }

    /** A requestContext.http that a later one replaces. */
    private void decoyHttp() {
      switch (r.nextInt(3)) {
        case 0: out.append("null"); break;
        case 1: string("GET"); break;
        default: object(member("method", () -> string("DELETE")), member("path", () -> string("/decoy"))); break;
      }
    }

    /** A requestContext.elb that a later one replaces. */
    private void decoyElb() {
      if (r.nextBoolean()) {
        out.append("null");
      } else {
        object(member("targetGroupArn", () -> string("arn")));
      }
    }

    private Map<String, List<Object>> headers() {
      Map<String, List<Object>> h = new java.util.LinkedHashMap<>();
      for (int i = r.nextInt(6); i >= 0; i--) {
        List<Object> values = new ArrayList<>();
        for (int j = r.nextInt(3); j >= 0; j--) {
          int kind = r.nextInt(12);
          values.add(kind == 0 ? null : kind == 1 ? (Object) r.nextInt(1000) : kind == 2 ? Boolean.TRUE : text());
        }
        h.put(NAMES[r.nextInt(NAMES.length)], values);
      }
      return h;
    }

    private void single(Map<String, List<Object>> headers) {
      List<Runnable> members = new ArrayList<>();
      List<Runnable> decoys = new ArrayList<>();
      headers.forEach((name, values) -> {
        members.add(member(name, () -> scalar(values.get(values.size() - 1))));
        decoys.add(member(name, () -> scalar(r.nextBoolean() ? null : text())));
      });
      object(withDecoys(members, decoys));
    }

    private void multi(Map<String, List<Object>> headers) {
      List<Runnable> members = new ArrayList<>();
      List<Runnable> decoys = new ArrayList<>();
      headers.forEach((name, values) -> decoys.add(member(name,
          () -> maybeNull(() -> array(() -> string(text()), () -> out.append("null"))))));
      headers.forEach((name, values) -> members.add(member(name, () -> {
        if (r.nextInt(15) == 0) {
          out.append("null");
          return;
        }
        Runnable[] elements = new Runnable[values.size()];
        for (int i = 0; i < elements.length; i++) {
          Object v = values.get(i);
          elements[i] = () -> scalar(v);
        }
        array(elements);
      })));
      object(withDecoys(members, decoys));
    }

    private void scalar(Object v) {
      if (v instanceof String) {
        string((String) v);
      } else {
        out.append(v);
      }
    }

    /** An unknown member whose value may be anything, nested. */
    private Runnable junk() {
      String name = r.nextBoolean() ? "x" + r.nextInt(5) : text();
      return member(name, () -> value(3));
    }

    private void value(int depth) {
      switch (r.nextInt(depth > 0 ? 8 : 6)) {
        case 0: out.append("null"); break;
        case 1: out.append(r.nextBoolean()); break;
        case 2: out.append(new String[] {"0", "-1", "12.5", "1e9", "-0.25E-3", "123456789012345678901234567890"}
            [r.nextInt(6)]); break;
        case 3:
        case 4:
        case 5: string(text()); break;
        case 6: {
          Runnable[] ms = new Runnable[r.nextInt(3)];
          for (int i = 0; i < ms.length; i++) {
            String n = text();
            ms[i] = member(n, () -> value(depth - 1));
          }
          object(ms);
          break;
        }
        default: {
          Runnable[] es = new Runnable[r.nextInt(3)];
          for (int i = 0; i < es.length; i++) {
            es[i] = () -> value(depth - 1);
          }
          array(es);
        }
      }
    }

    private String text() {
      StringBuilder s = new StringBuilder();
      String[] parts = {"a", "bc", " ", "/", "\"", "\\", "\n", "\t", "\u0001", "é", "\u2603", "\ud83d\ude00", "{", "]",
          ",", ":", "\u2028", "OPEN\r\n", "TEXT 2\r\nhi\r\n"};
      for (int i = r.nextInt(6); i > 0; i--) {
        s.append(parts[r.nextInt(parts.length)]);
      }
      return s.toString();
    }

    private Runnable member(String name, Runnable value) {
      return () -> {
        string(name);
        ws();
        out.append(':');
        ws();
        value.run();
      };
    }

    private void object(Runnable... members) {
      out.append('{');
      for (int i = 0; i < members.length; i++) {
        ws();
        if (i > 0) {
          out.append(',');
          ws();
        }
        members[i].run();
      }
      ws();
      out.append('}');
    }

    private void array(Runnable... elements) {
      out.append('[');
      for (int i = 0; i < elements.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        ws();
        elements[i].run();
        ws();
      }
      out.append(']');
    }

    private void maybeNull(Runnable value) {
      if (r.nextInt(5) == 0) {
        out.append("null");
      } else {
        value.run();
      }
    }

    private void ws() {
      if (r.nextInt(4) == 0) {
        out.append(" \t\n\r".charAt(r.nextInt(4)));
      }
    }

    /** A JSON string, each character written plainly or escaped at random where JSON allows both. */
    private void string(String s) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean escape = c < 0x20 || c == '"' || c == '\\' || r.nextInt(20) == 0;
        if (!escape) {
          out.append(c);
        } else if (c == '"' || c == '\\') {
          out.append('\\').append(c);
        } else if (c == '\n' && r.nextBoolean()) {
          out.append("\\n");
        } else if (c == '/' && r.nextBoolean()) {
          out.append("\\/");
        } else {
          out.append(String.format(r.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
        }
      }
      out.append('"');
    }
  }
}
