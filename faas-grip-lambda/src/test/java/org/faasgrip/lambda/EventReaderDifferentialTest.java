package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.faasgrip.grip.GripRequest;

/**
 * The byte-level event reader ({@code LambdaEventReader} on {@code JsonCursor}) against the jackson-core reader it
 * replaced ({@link JacksonEventReader}): on random events of every shape, written with random whitespace, escapes,
 * non-ASCII text and unknown members of any depth, both must make the same request; on the same events broken at
 * random, both must refuse them, with a {@link LambdaEventException} and nothing else. The one difference allowed:
 * jackson lets some invalid UTF-8 through, which this reader refuses.
 */
class EventReaderDifferentialTest {

  @Property(tries = 1500)
  void bothReadersMakeTheSameRequest(@ForAll("events") byte[] json) {
    LambdaEvent expected = JacksonEventReader.read(json);
    LambdaEvent actual = LambdaEvent.parse(json);
    assertSame(actual, expected, json);
  }

  @Property(tries = 3000)
  void brokenEventsAreRefusedAlikeAndOnlyWithTheLibrarysException(@ForAll("broken") byte[] json) {
    LambdaEvent expected;
    try {
      expected = JacksonEventReader.read(json);
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
    assertSame(LambdaEvent.parse(json), expected, json);
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
        return java.util.Arrays.copyOf(json, at);
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
      Map<String, List<Object>> headers = headers();
      if (shape == 1) {
        members.add(member("version", () -> string("2.0")));
        members.add(member("rawPath", () -> maybeNull(() -> string(text()))));
        members.add(member("requestContext", () -> object(member("http", () -> object(
            member("method", () -> string(r.nextBoolean() ? "POST" : "GET")),
            member("path", () -> string("/p")))), junk())));
        members.add(member("headers", () -> single(headers)));
        if (r.nextBoolean()) {
          members.add(member("cookies", () -> array(() -> string("a=" + text()), () -> out.append("null"))));
        }
      } else {
        members.add(member("httpMethod", () -> string(r.nextBoolean() ? "POST" : "PUT")));
        members.add(member("path", () -> string("/" + text())));
        if (shape >= 2) {
          members.add(member("requestContext", () -> object(member("elb", () -> object(member("targetGroupArn",
              () -> string("arn")))))));
        } else {
          members.add(member("requestContext", () -> object(junk(), member("identity", () -> object(junk())))));
        }
        if (shape != 2) {
          members.add(member("multiValueHeaders", () -> multi(headers)));
        }
        if (shape != 3 || r.nextBoolean()) {
          members.add(member("headers", () -> single(r.nextInt(5) == 0 ? headers() : headers)));
        }
      }
      boolean base64 = r.nextBoolean();
      String body = text();
      members.add(member("body", () -> string(base64
          ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body)));
      members.add(member("isBase64Encoded", () -> out.append(base64)));
      for (int i = r.nextInt(3); i > 0; i--) {
        members.add(junk());
      }
      java.util.Collections.shuffle(members, r);
      ws();
      object(members.toArray(new Runnable[0]));
      ws();
      return out.toString().getBytes(StandardCharsets.UTF_8);
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
      headers.forEach((name, values) -> members.add(member(name, () -> scalar(values.get(values.size() - 1)))));
      object(members.toArray(new Runnable[0]));
    }

    private void multi(Map<String, List<Object>> headers) {
      List<Runnable> members = new ArrayList<>();
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
      object(members.toArray(new Runnable[0]));
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
