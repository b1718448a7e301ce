package org.faasgrip.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.grip.Headers;
import org.faasgrip.internal.Http;

/**
 * What one WebSocket-over-HTTP request brought: its headers ({@code Connection-Id}, {@code Meta-*}, the grip
 * extension, {@code Content-Bytes-Replayed}), its events, and how far the handler has read them. The meta map
 * lives here too, with the request's own entries kept apart, so that the response can say what changed.
 * {@link WebSocketContext}'s half for reading; {@link OutgoingEvents} is the half for writing.
 */
final class IncomingEvents {
  /** The UTF-8 of the default message prefix, shared: never handed out or written. */
  private static final byte[] DEFAULT_MESSAGE_PREFIX_BYTES = {'m', ':'};
  private static final String[] NO_META_PAIRS = new String[0];

  final String connectionId;
  /** The request's events; an ArrayList rather than a List, so that every read of it is a plain array read. */
  final ArrayList<WebSocketEvent> events;
  /** The message prefix in GRIP mode; null when the request did not offer the grip extension. */
  final String messagePrefix;
  final byte[] messagePrefixBytes;
  /**
   * The meta the request brought, never changed: name, value, name, value, ..., names in lower case and in
   * the meta map's order. Pairs in an array, not a second sorted map: there are seldom more than two.
   */
  private final String[] originalMeta;
  final MetaMap meta;
  final WebSocketEvent peerClose;
  final boolean peerDisconnected;
  /** The Content-Bytes-Replayed header: how many content bytes at the start of the events were sent before. */
  final int contentBytesReplayed;
  /** The content bytes of every event, as the proxy counts them for Content-Bytes-Accepted. */
  final int contentBytes;
  /** The next event to read. */
  int readIndex;

  IncomingEvents(GripRequest request) {
    // One pass over the raw pairs finds every header this class reads, the first value of each (all values of
    // Sec-WebSocket-Extensions), without the sorted toMultimap() and without a scan per name.
    String contentType = null;
    String connection = null;
    String replayed = null;
    String extension = null;
    List<String> extensions = null;
    MetaMap requestMeta = new MetaMap();
    Headers headers = request.headers();
    for (int i = 0, n = headers.size(); i < n; i++) {
      String name = headers.name(i);
      int length = name.length();
      if (length == 12) {
        if (contentType == null && isHeader(name, "Content-Type")) {
          contentType = headers.value(i);
        }
      } else if (length == 13) {
        if (connection == null && isHeader(name, "Connection-Id")) {
          connection = headers.value(i);
        }
      } else if (length == 22) {
        if (replayed == null && isHeader(name, "Content-Bytes-Replayed")) {
          replayed = headers.value(i);
        }
      } else if (length == 24 && isHeader(name, "Sec-WebSocket-Extensions")) {
        if (extension == null) {
          extension = headers.value(i);
        } else {
          if (extensions == null) {
            extensions = new ArrayList<>(2);
            extensions.add(extension);
          }
          extensions.add(headers.value(i));
        }
      }
      // Only 'M' and 'm' match 'M' without case: the cheap test first.
      if (length > 5 && (name.charAt(0) | 0x20) == 'm' && name.regionMatches(true, 0, "Meta-", 0, 5)) {
        String key = name.substring(5).toLowerCase(Locale.ROOT);
        // A name repeated (in any case) keeps its first value, as header(name) reads it.
        if (!requestMeta.entries().containsKey(key)) {
          requestMeta.putTrusted(key, headers.value(i));
        }
      }
    }
    checkIsWebSocketOverHttp(request.method(), contentType);
    this.connectionId = connection;
    if (extensions == null && "grip".equals(extension)) {
      // What Pushpin sends: nothing to parse.
      this.messagePrefix = WebSocketContext.DEFAULT_MESSAGE_PREFIX;
    } else {
      this.messagePrefix = gripMessagePrefix(
          extensions != null ? extensions : extension != null ? List.of(extension) : List.of());
    }
    this.messagePrefixBytes = messagePrefix == null ? null
        : messagePrefix.equals(WebSocketContext.DEFAULT_MESSAGE_PREFIX) ? DEFAULT_MESSAGE_PREFIX_BYTES
        : messagePrefix.getBytes(StandardCharsets.UTF_8);
    this.meta = requestMeta;
    // The snapshot as pairs in the map's own order, so that Set-Meta headers come out in that order; most
    // requests have no meta, and then no iterator either.
    String[] metaPairs = NO_META_PAIRS;
    if (!requestMeta.isEmpty()) {
      metaPairs = new String[2 * requestMeta.size()];
      int at = 0;
      for (Map.Entry<String, String> e : requestMeta.entries().entrySet()) {
        metaPairs[at++] = e.getKey();
        metaPairs[at++] = e.getValue();
      }
    }
    this.originalMeta = metaPairs;
    byte[] body = request.body();
    this.events = WebSocketEventDecoder.decodeInto(body, 0, body.length);
    WebSocketEvent close = null;
    boolean disconnect = false;
    long content = 0;
    for (int k = 0, n = events.size(); k < n; k++) {
      WebSocketEvent e = events.get(k);
      content += e.contentLength();
      if (e.type() == WebSocketEvent.Type.CLOSE && close == null) {
        close = e;
      } else if (e.type() == WebSocketEvent.Type.DISCONNECT) {
        disconnect = true;
      }
    }
    this.peerClose = close;
    this.peerDisconnected = disconnect;
    // The content lies in the body array, so it fits an int.
    this.contentBytes = (int) content;
    this.contentBytesReplayed = replayed == null ? 0 : byteCount(replayed, contentBytes);
  }

  /** Compares a header name without case, trying the exact spelling first (REST events keep it as sent). */
  private static boolean isHeader(String name, String canonical) {
    return name.equals(canonical) || name.equalsIgnoreCase(canonical);
  }

  /** Reads Content-Bytes-Replayed: a decimal count of the content bytes that follow, no more than there are. */
  private static int byteCount(String value, int contentBytes) {
    // Only the optional white space of HTTP around it, not every control character trim() drops.
    int from = 0;
    int to = value.length();
    while (from < to && (value.charAt(from) == ' ' || value.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (value.charAt(to - 1) == ' ' || value.charAt(to - 1) == '\t')) {
      to--;
    }
    String v = value.substring(from, to);
    long n = -1;
    if (!v.isEmpty() && v.length() <= 10) {
      n = 0;
      for (int i = 0; i < v.length() && n >= 0; i++) {
        char c = v.charAt(i);
        n = c >= '0' && c <= '9' ? n * 10 + (c - '0') : -1;
      }
    }
    if (n < 0 || n > contentBytes) {
      throw new NotWebSocketRequestException("Content-Bytes-Replayed '" + Http.printable(v) + "' is not a count of "
          + "the request's content bytes (0 to " + contentBytes + ")");
    }
    return (int) n;
  }

  static void checkIsWebSocketOverHttp(String method, String contentType) {
    if (!"POST".equalsIgnoreCase(method)) {
      throw new NotWebSocketRequestException("Not a WebSocket-over-HTTP request: method is " + method
          + ", not POST");
    }
    if (contentType == null) {
      throw new NotWebSocketRequestException("Not a WebSocket-over-HTTP request: no Content-Type, expected "
          + WebSocketContext.CONTENT_TYPE);
    }
    if (contentType.equals(WebSocketContext.CONTENT_TYPE)) {
      return; // as Pushpin sends it
    }
    // The media type, trimmed, compared in place: no substring on the way of every request.
    int from = 0;
    int to = contentType.indexOf(';');
    if (to < 0) {
      to = contentType.length();
    }
    while (from < to && contentType.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && contentType.charAt(to - 1) <= ' ') {
      to--;
    }
    String expected = WebSocketContext.CONTENT_TYPE;
    if (to - from != expected.length() || !contentType.regionMatches(true, from, expected, 0, to - from)) {
      throw new NotWebSocketRequestException("Not a WebSocket-over-HTTP request: Content-Type is '"
          + Http.printable(contentType.substring(from, to)) + "', not " + expected);
    }
  }

  /**
   * Finds the grip extension in {@code Sec-WebSocket-Extensions} values (comma-separated lists of
   * {@code name; param=value; param="quoted"}) and returns its message prefix, or null when it is absent.
   */
  static String gripMessagePrefix(List<String> values) {
    for (String s : values) {
      int n = s.length();
      int i = 0;
      while (i < n) {
        int nameStart = i;
        while (i < n && s.charAt(i) != ';' && s.charAt(i) != ',') {
          i++;
        }
        boolean grip = s.substring(nameStart, i).trim().equalsIgnoreCase("grip");
        String prefix = null;
        while (i < n && s.charAt(i) == ';') {
          int paramStart = ++i;
          while (i < n && s.charAt(i) != '=' && s.charAt(i) != ';' && s.charAt(i) != ',') {
            i++;
          }
          String param = s.substring(paramStart, i).trim();
          String value = null;
          if (i < n && s.charAt(i) == '=') {
            i++;
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
              i++;
            }
            if (i < n && s.charAt(i) == '"') {
              StringBuilder v = new StringBuilder();
              i++;
              while (i < n && s.charAt(i) != '"') {
                if (s.charAt(i) == '\\' && i + 1 < n) {
                  i++;
                }
                v.append(s.charAt(i++));
              }
              value = v.toString();
              while (i < n && s.charAt(i) != ';' && s.charAt(i) != ',') {
                i++;
              }
            } else {
              int valueStart = i;
              while (i < n && s.charAt(i) != ';' && s.charAt(i) != ',') {
                i++;
              }
              value = s.substring(valueStart, i).trim();
            }
          }
          if (grip && value != null && param.equalsIgnoreCase("message-prefix")) {
            prefix = value;
          }
        }
        if (grip) {
          if (prefix != null && Http.indexOfBadValueChar(prefix) >= 0) {
            throw new NotWebSocketRequestException("Sec-WebSocket-Extensions: the grip message-prefix holds a "
                + "control character");
          }
          return prefix == null ? WebSocketContext.DEFAULT_MESSAGE_PREFIX : prefix;
        }
        i++; // past the comma
      }
    }
    return null;
  }

  boolean isOpening() {
    return !events.isEmpty() && events.get(0).type() == WebSocketEvent.Type.OPEN;
  }

  private static boolean isMessage(WebSocketEvent.Type t) {
    return t == WebSocketEvent.Type.TEXT || t == WebSocketEvent.Type.BINARY || t == WebSocketEvent.Type.CLOSE
        || t == WebSocketEvent.Type.DISCONNECT;
  }

  boolean canRecv() {
    for (int i = readIndex, n = events.size(); i < n; i++) {
      if (isMessage(events.get(i).type())) {
        return true;
      }
    }
    return false;
  }

  /** Returns the next message event and moves past it, answering the pings on the way into {@code out}. */
  WebSocketEvent nextMessage(OutgoingEvents out) {
    for (int n = events.size(); readIndex < n; ) {
      WebSocketEvent e = events.get(readIndex++);
      WebSocketEvent.Type t = e.type();
      if (isMessage(t)) {
        return e;
      }
      if (t == WebSocketEvent.Type.PING) {
        out.add(pongFor(e));
      }
    }
    throw new NoSuchElementException("no message left to receive; check canRecv() first");
  }

  static WebSocketEvent pongFor(WebSocketEvent ping) {
    return new WebSocketEvent(WebSocketEvent.Type.PONG, ping.array(), ping.arrayOffset(), ping.contentLength());
  }

  /** Adds a {@code Set-Meta-<name>} header per entry the handler put or changed, and an empty one per removal. */
  void writeMetaChanges(GripResponse.Builder b) {
    if (!meta.isEmpty()) { // most connections have none: no iterator for nothing
      for (Map.Entry<String, String> e : meta.entries().entrySet()) {
        int k = metaIndex(originalMeta, e.getKey());
        if (k < 0 || !e.getValue().equals(originalMeta[2 * k + 1])) {
          b.addHeader("Set-Meta-" + e.getKey(), e.getValue());
        }
      }
    }
    for (int k = 0; k < originalMeta.length / 2; k++) {
      String name = originalMeta[2 * k];
      if (!meta.containsKey(name)) {
        b.addHeader("Set-Meta-" + name, "");
      }
    }
  }

  /** Returns the index of a name among the pairs, or -1; names compare as the meta map's do. */
  private static int metaIndex(String[] pairs, String name) {
    for (int k = 0; k < pairs.length / 2; k++) {
      if (String.CASE_INSENSITIVE_ORDER.compare(pairs[2 * k], name) == 0) {
        return k;
      }
    }
    return -1;
  }
}
