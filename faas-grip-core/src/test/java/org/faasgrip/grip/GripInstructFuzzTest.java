package org.faasgrip.grip;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faasgrip.GripException;
import org.faasgrip.fuzz.FuzzInput;
import org.faasgrip.fuzz.KnownFinding;

/**
 * Coverage-guided fuzzing of the builders that write headers: {@link GripInstruct} (every {@code Grip-*} header)
 * and {@link GripResponse.Builder}. The input is a program of builder calls ({@link FuzzInput}); each call either
 * works or fails with a {@link GripException} (or the documented {@link IllegalArgumentException} of
 * {@code GripResponse.Builder.status}). What is built must never put CR, LF, NUL or another control character
 * into a header, and its {@code Grip-Channel}, {@code Grip-Set-Meta}, {@code Grip-Keep-Alive} and
 * {@code Grip-Status} must read back, with the proxy's rules, as exactly what was set.
 */
class GripInstructFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void headersCarryExactlyWhatWasSet(byte[] data) {
    FuzzInput in = FuzzInput.of(data);
    GripInstruct.Builder instruct = GripInstruct.builder();
    GripResponse.Builder response = GripResponse.builder();
    List<Channel> channels = new ArrayList<>();
    Map<String, String> meta = new LinkedHashMap<>();
    byte[] keepAlive = null;
    String status = null;
    String prefix = "";
    List<Map.Entry<String, String>> added = new ArrayList<>();
    while (in.hasNext()) {
      FuzzInput.Op op = in.next();
      try {
        switch (op.name()) {
          case "hold" -> instruct.hold(op.arg(0).equals("stream") ? HoldMode.STREAM : HoldMode.RESPONSE);
          case "channel" -> {
            Channel.Builder c = Channel.builder(op.arg(0));
            if (!op.arg(1).isEmpty()) {
              c.prevId(op.arg(1));
            }
            for (String f : op.argsFrom(2)) {
              c.filter(f);
            }
            Channel built = c.build();
            instruct.channel(built);
            channels.add(built);
          }
          case "timeout" -> instruct.timeout(op.intArg(0, -1));
          case "keepalive" -> {
            byte[] bytes = op.arg(0).getBytes(StandardCharsets.UTF_8);
            instruct.keepAlive(bytes, op.intArg(1, 20));
            keepAlive = bytes;
            if (op.arg(2).equals("interval")) {
              instruct.keepAliveMode(KeepAliveMode.INTERVAL);
            }
          }
          case "meta" -> {
            instruct.setMeta(op.arg(0), op.arg(1));
            meta.put(op.arg(0), op.arg(1));
          }
          case "status" -> {
            if (op.args().size() > 1) {
              instruct.status(op.intArg(0, 0), op.arg(1));
              status = op.intArg(0, 0) + (op.arg(1).isEmpty() ? "" : " " + op.arg(1));
            } else {
              instruct.status(op.intArg(0, 0));
              status = Integer.toString(op.intArg(0, 0));
            }
          }
          case "next" -> {
            URI uri = uri(op.arg(0));
            if (uri != null) {
              instruct.nextLink(uri, op.intArg(1, 0));
            }
          }
          case "gone" -> {
            URI uri = uri(op.arg(0));
            if (uri != null) {
              instruct.goneLink(uri);
            }
          }
          case "expose" -> instruct.exposeHeaders(op.argsFrom(0));
          case "prefix" -> prefix = op.arg(0);
          case "header" -> {
            response.addHeader(op.arg(0), op.arg(1));
            added.add(Map.entry(op.arg(0), op.arg(1)));
          }
          case "rstatus" -> response.status(op.intArg(0, 0));
          default -> { }
        }
      } catch (GripException e) {
        assertThat(e.getMessage()).isNotBlank();
      } catch (IllegalArgumentException e) {
        assertThat(op.name()).as("only GripResponse.Builder.status documents IllegalArgumentException")
            .isEqualTo("rstatus");
      }
    }

    GripInstruct built = instruct.build();
    List<Map.Entry<String, String>> headers;
    try {
      headers = new ArrayList<>();
      built.headers(prefix).forEach(headers::add);
    } catch (GripInstructException e) {
      return; // a prefix a channel name cannot carry
    }
    for (Map.Entry<String, String> h : headers) {
      assertSafeHeader(h.getKey(), h.getValue());
    }
    String channelHeader = value(headers, "Grip-Channel");
    if (channels.isEmpty()) {
      assertThat(channelHeader).isNull();
    } else {
      assertThat(readChannels(channelHeader)).isEqualTo(expectedChannels(channels, prefix));
    }
    String metaHeader = value(headers, "Grip-Set-Meta");
    assertThat(metaHeader == null ? Map.of() : readMeta(metaHeader)).isEqualTo(meta);
    String keepAliveHeader = value(headers, "Grip-Keep-Alive");
    if (keepAlive != null) {
      assertThat(readKeepAlive(keepAliveHeader)).isEqualTo(keepAlive);
    }
    assertThat(value(headers, "Grip-Status")).isEqualTo(status);

    GripResponse r = built.applyTo(response, prefix).build();
    if (!added.isEmpty()) {
      assertThat(r.headers()).containsSubsequence(added);
    }
    for (Map.Entry<String, String> h : r.headers()) {
      KnownFinding.RESPONSE_HEADER_INJECTION.check(isSafe(h.getKey(), h.getValue()),
          () -> "GripResponse header " + escape(h.getKey() + ": " + h.getValue()));
    }
  }

  private static URI uri(String s) {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      return null; // the test's own input, not the library's
    }
  }

  private static String value(List<Map.Entry<String, String>> headers, String name) {
    String found = null;
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equals(name)) {
        assertThat(found).as("%s written once", name).isNull();
        found = h.getValue();
      }
    }
    return found;
  }

  static void assertSafeHeader(String name, String value) {
    assertThat(isSafe(name, value)).as("header %s", escape(name + ": " + value)).isTrue();
  }

  /** A token name and a value without CR, LF, NUL or any other control character but tab. */
  static boolean isSafe(String name, String value) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= 0x20 || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        return false;
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return b.toString();
  }

  // ---- readers that follow the proxy's header grammar: elements split on ',' and ';' outside quotes ----

  private static List<String> expectedChannels(List<Channel> channels, String prefix) {
    List<String> out = new ArrayList<>();
    for (Channel c : channels) {
      StringBuilder b = new StringBuilder(prefix + c.name());
      if (c.prevId() != null) {
        b.append(" prev-id=").append(c.prevId());
      }
      for (String f : c.filters()) {
        b.append(" filter=").append(f);
      }
      out.add(b.toString());
    }
    return out;
  }

  /** Each channel as "name prev-id=... filter=...", the parameter values unquoted. */
  private static List<String> readChannels(String header) {
    List<String> out = new ArrayList<>();
    for (List<String> element : elements(header)) {
      StringBuilder b = new StringBuilder(element.get(0));
      for (String param : element.subList(1, element.size())) {
        int eq = param.indexOf('=');
        b.append(' ').append(param, 0, eq).append('=').append(unquote(param.substring(eq + 1)));
      }
      out.add(b.toString());
    }
    return out;
  }

  private static Map<String, String> readMeta(String header) {
    Map<String, String> out = new LinkedHashMap<>();
    for (List<String> element : elements(header)) {
      assertThat(element).hasSize(1);
      String pair = element.get(0);
      int eq = pair.indexOf('=');
      assertThat(pair.charAt(eq + 1)).as("meta value quoted").isEqualTo('"');
      out.put(pair.substring(0, eq), unquote(pair.substring(eq + 1)));
    }
    return out;
  }

  private static byte[] readKeepAlive(String header) {
    List<List<String>> elements = elements(header);
    assertThat(elements).hasSize(1);
    String data = elements.get(0).get(0);
    String format = null;
    for (String param : elements.get(0).subList(1, elements.get(0).size())) {
      if (param.startsWith("format=")) {
        format = param.substring(7);
      }
    }
    assertThat(data).as("the proxy trims the data: no white space at its ends").isEqualTo(data.strip());
    switch (String.valueOf(format)) {
      case "raw":
        return data.getBytes(StandardCharsets.ISO_8859_1);
      case "base64":
        return Base64.getDecoder().decode(data);
      case "cstring": {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = 0; n < data.length(); n++) {
          char c = data.charAt(n);
          if (c != '\\') {
            assertThat((int) c).isLessThan(0x80);
            out.write(c);
            continue;
          }
          char e = data.charAt(++n);
          switch (e) {
            case '\\' -> out.write('\\');
            case 'r' -> out.write('\r');
            case 'n' -> out.write('\n');
            case 'x' -> {
              out.write(Integer.parseInt(data.substring(n + 1, n + 3), 16));
              n += 2;
            }
            default -> throw new AssertionError("the proxy would drop the escape \\" + e);
          }
        }
        return out.toByteArray();
      }
      default:
        throw new AssertionError("keep-alive format " + format);
    }
  }

  /** Splits on ',' into elements and each on ';' into parts, outside quoted strings; parts trimmed. */
  private static List<List<String>> elements(String header) {
    List<List<String>> out = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (quoted && c == '\\') {
        part.append(c).append(header.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      }
      if (!quoted && (c == ',' || c == ';')) {
        parts.add(part.toString().trim());
        part.setLength(0);
        if (c == ',') {
          out.add(parts);
          parts = new ArrayList<>();
        }
        continue;
      }
      part.append(c);
    }
    assertThat(quoted).as("quotes closed in %s", header).isFalse();
    parts.add(part.toString().trim());
    out.add(parts);
    return out;
  }

  private static String unquote(String v) {
    if (v.isEmpty() || v.charAt(0) != '"') {
      return v;
    }
    assertThat(v).endsWith("\"");
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < v.length() - 1; i++) {
      char c = v.charAt(i);
      b.append(c == '\\' ? v.charAt(++i) : c);
    }
    return b.toString();
  }
}
