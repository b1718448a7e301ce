package org.faasgrip.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks that two Lambda responses to the same event mean the same: the same status, the same headers (names
 * compared without case) and the same WebSocket-over-HTTP events in the body, decoded. It decodes the events
 * with its own small parser rather than the library's, so that a fault of the library's codec cannot hide
 * itself on both sides. A control message ({@code c:} and a JSON object) compares as JSON, whatever the order
 * of its keys.
 *
 * <p>Against the JavaScript reference ({@link Mode#REFERENCE}) it allows exactly the reference's documented
 * faults ({@code shared/protocol.md} section 8), and checks that this library does the right thing instead:
 * <ul>
 *   <li>the reference answers a {@code PING} with an empty {@code PONG}, or not at all when the {@code PING}
 *       comes last; the right answer is one {@code PONG} per {@code PING}, echoing its payload, in order;</li>
 *   <li>the reference's {@code close()} sends close code 0, which RFC 6455 forbids; the right answer echoes the
 *       client's close code (or sends a valid one, or none).</li>
 * </ul>
 * {@link Mode#SAME} allows nothing: it compares two responses of this library to one request in two shapes.
 */
public final class ResponseCheck {
  /** How strictly to compare. */
  public enum Mode {
    /** The first response is the JavaScript reference's: allow its documented faults, check ours is right. */
    REFERENCE,
    /** Both responses are this library's: they must mean exactly the same. */
    SAME
  }

  /**
   * One WebSocket-over-HTTP event, as decoded here.
   *
   * @param type the event type, such as {@code TEXT}
   * @param content the content bytes; empty for an event without content
   */
  public record Event(String type, byte[] content) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Event && ((Event) o).type.equals(type) && Arrays.equals(((Event) o).content, content);
    }

    @Override
    public int hashCode() {
      return type.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
      return content.length == 0 ? type : type + " " + quote(content);
    }

    /**
     * Returns the close code of a {@code CLOSE} event.
     *
     * @return the code, or -1 when the event carries none
     */
    int closeCode() {
      return content.length >= 2 ? ((content[0] & 0xff) << 8) | (content[1] & 0xff) : -1;
    }
  }

  private ResponseCheck() {}

  /**
   * Lists how two responses to one request differ in meaning.
   *
   * @param requestJson the Lambda event both responded to (its events tell which {@code PONG}s are due)
   * @param firstJson the first response: the reference's in {@link Mode#REFERENCE}
   * @param secondJson the second response: this library's
   * @param mode how strictly to compare
   * @return the differences, one sentence each; empty when the responses mean the same
   */
  public static List<String> differences(byte[] requestJson, byte[] firstJson, byte[] secondJson, Mode mode) {
    List<String> diffs = new ArrayList<>();
    Object first = Json.parse(firstJson);
    Object second = Json.parse(secondJson);
    Object s1 = Json.get(first, "statusCode");
    Object s2 = Json.get(second, "statusCode");
    if (!String.valueOf(s1).equals(String.valueOf(s2))) {
      diffs.add("status " + s1 + " vs " + s2);
    }
    Map<String, List<String>> h1 = headers(first);
    Map<String, List<String>> h2 = headers(second);
    if (!h1.equals(h2)) {
      diffs.add("headers " + h1 + " vs " + h2);
    }
    List<Event> e1 = bodyEvents(first, h1);
    List<Event> e2 = bodyEvents(second, h2);
    if (mode == Mode.REFERENCE) {
      List<Event> requestEvents = events(body(Json.parse(requestJson)));
      checkPongs(requestEvents, e2, diffs);
      e1 = withoutPongs(e1);
      e2 = withoutPongs(e2);
      e1 = withFixedCloseCodes(e1, e2, requestEvents, diffs);
    }
    if (!e1.equals(e2)) {
      diffs.add("events " + e1 + " vs " + e2);
    }
    return diffs;
  }

  private static void checkPongs(List<Event> request, List<Event> response, List<String> diffs) {
    List<Event> due = new ArrayList<>();
    for (Event e : request) {
      if (e.type.equals("PING")) {
        due.add(new Event("PONG", e.content));
      }
    }
    List<Event> sent = new ArrayList<>();
    for (Event e : response) {
      if (e.type.equals("PONG")) {
        sent.add(e);
      }
    }
    if (!due.equals(sent)) {
      diffs.add("PONGs due " + due + " but sent " + sent);
    }
  }

  private static List<Event> withoutPongs(List<Event> events) {
    List<Event> out = new ArrayList<>(events.size());
    for (Event e : events) {
      if (!e.type.equals("PONG")) {
        out.add(e);
      }
    }
    return out;
  }

  // Replaces the reference's forbidden close code 0 by what ours sent, when ours sent an allowed one.
  private static List<Event> withFixedCloseCodes(List<Event> ref, List<Event> ours, List<Event> request,
      List<String> diffs) {
    int clientCode = -1;
    for (Event e : request) {
      if (e.type.equals("CLOSE")) {
        clientCode = e.closeCode();
      }
    }
    List<Event> out = new ArrayList<>(ref);
    for (int i = 0; i < out.size() && i < ours.size(); i++) {
      Event r = out.get(i);
      Event o = ours.get(i);
      if (r.type.equals("CLOSE") && r.closeCode() == 0 && o.type.equals("CLOSE")) {
        int code = o.closeCode();
        boolean right = code == -1 || code == clientCode || (clientCode == -1 && validCloseCode(code));
        if (right) {
          out.set(i, o);
        } else {
          diffs.add("CLOSE code " + code + " neither echoes the client's " + clientCode + " nor is valid");
        }
      }
    }
    return out;
  }

  private static boolean validCloseCode(int code) {
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
  }

  private static Map<String, List<String>> headers(Object response) {
    Map<String, List<String>> out = new TreeMap<>();
    Map<String, Object> multi = Json.object(response, "multiValueHeaders");
    if (multi != null && !multi.isEmpty()) {
      for (Map.Entry<String, Object> e : multi.entrySet()) {
        for (Object v : (List<?>) e.getValue()) {
          out.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(String.valueOf(v));
        }
      }
    }
    Map<String, Object> single = Json.object(response, "headers");
    if (single != null) {
      for (Map.Entry<String, Object> e : single.entrySet()) {
        // A response may carry a name in both maps (API Gateway merges them): count it once.
        out.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), List.of(String.valueOf(e.getValue())));
      }
    }
    return out;
  }

  // A body that is not WebSocket-over-HTTP (the 400 answer) compares as one opaque BODY event.
  private static List<Event> bodyEvents(Object response, Map<String, List<String>> headers) {
    byte[] body = body(response);
    return List.of("application/websocket-events").equals(headers.get("content-type"))
        ? events(body)
        : List.of(new Event("BODY", body));
  }

  private static byte[] body(Object message) {
    Object body = Json.get(message, "body");
    if (body == null) {
      return new byte[0];
    }
    String text = String.valueOf(body);
    return Boolean.TRUE.equals(Json.get(message, "isBase64Encoded"))
        ? Base64.getDecoder().decode(text)
        : text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes a WebSocket-over-HTTP body: events {@code TYPE\r\n} or {@code TYPE HEXLEN\r\nBYTES\r\n}.
   *
   * @param body the body bytes
   * @return the events, in order
   * @throws IllegalArgumentException when the body is not a well-formed sequence of events
   */
  public static List<Event> events(byte[] body) {
    List<Event> out = new ArrayList<>();
    int i = 0;
    while (i < body.length) {
      int eol = indexOfCrLf(body, i);
      if (eol < 0) {
        throw new IllegalArgumentException("event line without CRLF at byte " + i);
      }
      String line = new String(body, i, eol - i, StandardCharsets.US_ASCII);
      int space = line.indexOf(' ');
      i = eol + 2;
      if (space < 0) {
        out.add(new Event(line, new byte[0]));
        continue;
      }
      int len = Integer.parseInt(line.substring(space + 1), 16);
      if (i + len + 2 > body.length || body[i + len] != '\r' || body[i + len + 1] != '\n') {
        throw new IllegalArgumentException("content of " + line + " not followed by CRLF at byte " + (i + len));
      }
      out.add(new Event(line.substring(0, space), canonicalControl(Arrays.copyOfRange(body, i, i + len))));
      i += len + 2;
    }
    return out;
  }

  // A control message ("c:" and a JSON object) means the same whatever the order of its keys.
  private static byte[] canonicalControl(byte[] content) {
    if (content.length < 3 || content[0] != 'c' || content[1] != ':' || content[2] != '{') {
      return content;
    }
    Object json;
    try {
      json = Json.parse(Arrays.copyOfRange(content, 2, content.length));
    } catch (IllegalArgumentException e) {
      return content;
    }
    byte[] sorted = Json.write(sortedKeys(json));
    byte[] out = new byte[sorted.length + 2];
    out[0] = 'c';
    out[1] = ':';
    System.arraycopy(sorted, 0, out, 2, sorted.length);
    return out;
  }

  private static Object sortedKeys(Object json) {
    if (json instanceof Map) {
      Map<String, Object> sorted = new TreeMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) json).entrySet()) {
        sorted.put(String.valueOf(e.getKey()), sortedKeys(e.getValue()));
      }
      return sorted;
    }
    if (json instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object o : (List<?>) json) {
        out.add(sortedKeys(o));
      }
      return out;
    }
    return json;
  }

  private static int indexOfCrLf(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static String quote(byte[] content) {
    StringBuilder sb = new StringBuilder("\"");
    for (byte b : content) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append(String.format(Locale.ROOT, "\\x%02x", c));
      }
    }
    return sb.append('"').toString();
  }

  /**
   * Compares two response files; prints the differences and exits 1 when there are any.
   *
   * @param args {@code reference|same REQUEST_JSON FIRST_RESPONSE SECOND_RESPONSE}
   * @throws IOException when a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: ResponseCheck reference|same REQUEST_JSON FIRST_RESPONSE SECOND_RESPONSE");
      System.exit(2);
    }
    Mode mode = Mode.valueOf(args[0].toUpperCase(Locale.ROOT));
    List<String> diffs = differences(Files.readAllBytes(Path.of(args[1])), Files.readAllBytes(Path.of(args[2])),
        Files.readAllBytes(Path.of(args[3])), mode);
    String name = Path.of(args[1]).getFileName().toString();
    if (diffs.isEmpty()) {
      System.out.println("same meaning: " + name);
    } else {
      System.out.println("DIFFERENT: " + name);
      for (String d : diffs) {
        System.out.println("  " + d);
      }
      System.exit(1);
    }
  }
}
