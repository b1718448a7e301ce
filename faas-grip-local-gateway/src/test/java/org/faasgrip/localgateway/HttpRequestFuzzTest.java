package org.faasgrip.localgateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Coverage-guided fuzzing of the gateway's HTTP/1.1 request parser ({@link LoopbackHttpServer#readRequest}) on
 * the bytes of a connection, against a strict reader of the request head written from RFC 9112. The parser reads
 * requests until the bytes run out; each read gives a request or a {@code BadRequest} (400, 413, 431, 501 or
 * 505), nothing else, and never hangs or reads a body larger than its limit. A request it accepts must be one the strict reader
 * accepts, with the same method, target, version and header fields; what the strict reader refuses for a reason
 * listed in {@link KnownFinding} is checked under that name.
 */
class HttpRequestFuzzTest {
  private static final int MAX_BODY = 4096;
  private static final int MAX_REQUESTS = 8;

  @FuzzTest(maxDuration = "60s")
  void acceptsOnlyWellFormedRequests(byte[] data) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int n = 0; n < MAX_REQUESTS && in.available() > 0; n++) { // as the server: a request starts with a byte
      int start = data.length - in.available();
      HttpMessage.Request request;
      try {
        request = LoopbackHttpServer.readRequest(in, () -> { }, out, MAX_BODY, "127.0.0.1", 8080);
      } catch (LoopbackHttpServer.BadRequest e) {
        assertThat(e.status).isIn(400, 413, 431, 501, 505);
        assertThat(e.getMessage()).isNotBlank();
        return;
      }
      StrictHead strict = StrictHead.read(data, start);
      for (KnownFinding f : strict.violations) {
        f.check(false, () -> "accepted " + escape(data, start, strict.end));
      }
      if (strict.violations.isEmpty()) {
        assertThat(request.method).isEqualTo(strict.method);
        assertThat(request.target).isEqualTo(strict.target);
        assertThat(request.protocol).isEqualTo(strict.version);
        List<Map.Entry<String, String>> headers = new ArrayList<>(strict.headers);
        if (request.body != null) {
          headers.removeIf(h -> h.getKey().equalsIgnoreCase("Transfer-Encoding"));
        }
        assertThat(request.headers).isEqualTo(headers);
      }
      if (request.body != null) {
        assertThat(request.body.length).isBetween(1, MAX_BODY);
        String length = request.first("Content-Length");
        if (request.values("Transfer-Encoding").isEmpty() && length != null && strict.violations.isEmpty()) {
          assertThat(request.body).hasSize(Integer.parseInt(length.trim()));
        }
      }
    }
  }

  private static String escape(byte[] data, int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < Math.min(to, data.length) && b.length() < 200; i++) {
      int c = data[i] & 0xff;
      b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
    }
    return b.toString();
  }

  /**
   * The request head as RFC 9112 writes it: empty lines (CRLF) before it allowed; {@code method SP target SP
   * HTTP/1.d CRLF}; fields {@code token ":" OWS value OWS CRLF} with values of visible ASCII, obs-text, SP and
   * HTAB; an empty line. Lines are found as the gateway finds them (at LF, one CR before it dropped), so each
   * way a line breaks the grammar is named.
   */
  private static final class StrictHead {
    final Set<KnownFinding> violations = EnumSet.noneOf(KnownFinding.class);
    String method;
    String target;
    String version;
    final List<Map.Entry<String, String>> headers = new ArrayList<>();
    int end;

    static StrictHead read(byte[] data, int from) {
      StrictHead h = new StrictHead();
      int at = from;
      String line;
      do {
        int lf = indexOf(data, at, (byte) '\n');
        line = h.line(data, at, lf);
        at = lf + 1;
      } while (line.isEmpty());
      h.requestLine(line);
      while (true) {
        int lf = indexOf(data, at, (byte) '\n');
        if (lf < 0) {
          h.end = data.length;
          return h; // the gateway refuses a head cut short; nothing to compare
        }
        line = h.line(data, at, lf);
        at = lf + 1;
        if (line.isEmpty()) {
          break;
        }
        h.field(line);
      }
      h.end = at;
      h.framing();
      return h;
    }

    private static int indexOf(byte[] data, int from, byte b) {
      for (int i = from; i < data.length; i++) {
        if (data[i] == b) {
          return i;
        }
      }
      return -1;
    }

    /** The line from {@code at} to the LF at {@code lf}, without its CR; notes a bare LF, NUL, CR or control. */
    private String line(byte[] data, int at, int lf) {
      int stop = lf < 0 ? data.length : lf;
      if (lf >= 0 && (stop == at || data[stop - 1] != '\r')) {
        violations.add(KnownFinding.GATEWAY_BARE_LF);
      } else if (lf >= 0) {
        stop--;
      }
      StringBuilder b = new StringBuilder(stop - at);
      for (int i = at; i < stop; i++) {
        int c = data[i] & 0xff;
        if (c == 0) {
          violations.add(KnownFinding.GATEWAY_NUL);
        } else if (c < 0x20 && c != '\t' || c == 0x7f) {
          violations.add(KnownFinding.GATEWAY_OTHER_CONTROL_CHARS);
        }
        b.append((char) c);
      }
      return b.toString();
    }

    private void requestLine(String line) {
      String[] parts = line.split(" ", -1);
      if (parts.length != 3 || !isToken(parts[0]) || !isTarget(parts[1]) || !parts[2].matches("HTTP/1\\.[0-9]")) {
        violations.add(KnownFinding.GATEWAY_REQUEST_LINE_GRAMMAR);
      }
      if (parts.length == 3) {
        method = parts[0];
        target = parts[1];
        version = parts[2];
      }
    }

    private void field(String line) {
      int colon = line.indexOf(':');
      String name = colon < 0 ? line : line.substring(0, colon);
      if (!isToken(name)) {
        violations.add(KnownFinding.GATEWAY_HEADER_NAME_NOT_TOKEN);
      }
      String value = colon < 0 ? "" : line.substring(colon + 1);
      int s = 0;
      int e = value.length();
      while (s < e && (value.charAt(s) == ' ' || value.charAt(s) == '\t')) {
        s++;
      }
      while (e > s && (value.charAt(e - 1) == ' ' || value.charAt(e - 1) == '\t')) {
        e--;
      }
      headers.add(LoopbackHttpServer.header(name, value.substring(s, e)));
    }

    private void framing() {
      // Transfer-Encoding lines make one list, whose empty elements are ignored (RFC 9110 §5.6.1); chunked must
      // be its one coding.
      List<String> codings = new ArrayList<>();
      boolean te = false;
      boolean cl = false;
      for (Map.Entry<String, String> h : headers) {
        if (h.getKey().equalsIgnoreCase("Transfer-Encoding")) {
          te = true;
          for (String c : h.getValue().split(",", -1)) {
            if (!c.strip().isEmpty()) {
              codings.add(c.strip().toLowerCase(Locale.ROOT));
            }
          }
        } else if (h.getKey().equalsIgnoreCase("Content-Length")) {
          cl = true;
          if (!h.getValue().matches("[0-9]{1,18}")) {
            violations.add(KnownFinding.GATEWAY_FRAMING_GRAMMAR);
          }
        }
      }
      if (te && !codings.equals(List.of("chunked"))) {
        violations.add(KnownFinding.GATEWAY_FRAMING_GRAMMAR);
      }
      if (te && cl) {
        violations.add(KnownFinding.GATEWAY_TE_AND_CL);
      }
    }

    private static boolean isToken(String s) {
      if (s.isEmpty()) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
            || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        if (!ok) {
          return false;
        }
      }
      return true;
    }

    private static boolean isTarget(String s) {
      if (s.isEmpty()) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c <= 0x20 || c >= 0x7f) {
          return false;
        }
      }
      return true;
    }
  }
}
