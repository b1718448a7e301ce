package org.faasgrip.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.grip.Headers;
import org.faasgrip.internal.Http;
import org.faasgrip.internal.Checks;

/**
 * The pseudo-socket of one WebSocket-over-HTTP request: what the client did since the last request comes in,
 * what the function does goes out in the response.
 *
 * <p>A GRIP proxy (Pushpin, Fastly Fanout) holds the client's WebSocket and turns each batch of its activity
 * into one HTTP request; this object lasts for that one request. The handler reads the client's messages with
 * {@link #canRecv()} and {@link #recv()}, writes with {@link #send(String)} and friends, and returns
 * {@link #toGripResponse()} (or a platform adapter's {@code toResponse()}):
 *
 * <pre>{@code
 * WebSocketContext ws = WebSocketContext.from(request, prefix);
 * if (ws.isOpening()) {
 *   ws.accept();
 *   ws.subscribe("room");
 * }
 * while (ws.canRecv()) {
 *   String message = ws.recv();
 *   if (message == null) {      // the client closed (or went away): see isClosed(), isDisconnected()
 *     ws.close();
 *     break;
 *   }
 *   ws.send("you said: " + message);
 * }
 * return ws.toGripResponse();
 * }</pre>
 *
 * <p><b>What this class does that earlier libraries did not.</b> {@link #close()} sends a close frame without a
 * code (never code 0); the client's close code survives a close reason, and both are exposed; every
 * {@code PING} is answered by a {@code PONG} that echoes its payload, including those after the last message
 * the handler read; a disconnect is reported as a value ({@link #recvMessage()},
 * {@link #isDisconnected()}), never as an exception to parse.
 *
 * <p><b>GRIP mode.</b> Pushpin offers the {@code grip} WebSocket extension on every request
 * ({@code Sec-WebSocket-Extensions: grip}); when the response to the opening request carries it back, the
 * proxy enters GRIP mode for the connection: messages to the client must start with the message prefix
 * ({@code m:} unless the extension names another as {@code message-prefix}), which the proxy strips, and
 * text starting {@code c:} is a control message (subscribe, unsubscribe, detach, keep-alive, set-meta). This
 * class does all of that when the request offers the extension: {@link #accept()} echoes it, and every
 * {@code send} adds the prefix. When the request does not offer it, messages go out as they are, and control
 * messages are refused (they would reach the client as text).
 *
 * <p><b>Meta.</b> {@link #meta()} starts with the request's {@code Meta-*} headers (names in lower case, so a
 * {@code Meta-Nick} header is {@code meta().get("nick")}); names compare without case. Changes become
 * {@code Set-Meta-<name>} response headers, and a removed entry is sent empty, which deletes it.
 *
 * <p>Not thread-safe: one handler invocation uses it. Platform adapters subclass it to add a
 * {@code toResponse()} that returns their platform's response type.
 */
public class WebSocketContext {
  /** The media type of WebSocket-over-HTTP bodies; Pushpin compares the response's Content-Type to it exactly. */
  public static final String CONTENT_TYPE = "application/websocket-events";
  /** The message prefix of GRIP mode when the extension names none. */
  public static final String DEFAULT_MESSAGE_PREFIX = "m:";
  /** The shortest {@link #keepAliveInterval(int)}, in seconds: the protocol's minimum. */
  private static final int MIN_KEEP_ALIVE_INTERVAL = 20;
  /** The longest {@link #keepAliveInterval(int)}, in seconds: Pushpin's timer takes milliseconds as an int. */
  private static final int MAX_KEEP_ALIVE_INTERVAL = Integer.MAX_VALUE / 1000;

  /** How a keep-alive control message times its messages. */
  public enum KeepAliveMode {
    /** Send the keep-alive message after the connection has been idle for the timeout (the proxy's default). */
    IDLE,
    /** Send the keep-alive message every timeout, whatever else is sent. */
    INTERVAL
  }

  /** The UTF-8 of the default message prefix, shared: never handed out or written. */
  private static final byte[] DEFAULT_MESSAGE_PREFIX_BYTES = {'m', ':'};
  private static final String[] NO_META_PAIRS = new String[0];

  private final String connectionId;
  /** The request's events; an ArrayList rather than a List, so that every read of it is a plain array read. */
  private final ArrayList<WebSocketEvent> in;
  private final String channelPrefix;
  /** The message prefix in GRIP mode; null when the request did not offer the grip extension. */
  private final String messagePrefix;
  private final byte[] messagePrefixBytes;
  /**
   * The meta the request brought, never changed: name, value, name, value, ..., names in lower case and in
   * the meta map's order. Pairs in an array, not a second sorted map: there are seldom more than two.
   */
  private final String[] originalMeta;
  private final MetaMap meta;
  private final WebSocketEvent peerClose;
  private final boolean peerDisconnected;

  private final List<WebSocketEvent> out = new ArrayList<>();
  private int readIndex;
  private boolean accepted;
  /** The CLOSE or DISCONNECT that ends the response, once close() or disconnect() was called. */
  private WebSocketEvent ending;
  /** The Keep-Alive-Interval response header's seconds; 0 when not set. */
  private int keepAliveInterval;

  /**
   * Reads a WebSocket-over-HTTP request: its {@code Connection-Id}, {@code Meta-*} and
   * {@code Sec-WebSocket-Extensions} headers, and its body's events. For adapters that subclass; others call
   * {@link #from(GripRequest, String)}.
   *
   * @param request the request as the proxy sent it
   * @param channelPrefix put before every channel name in subscribe and unsubscribe ({@code GRIP_PREFIX});
   *     null or empty for none
   * @throws NotWebSocketRequestException if the method is not POST or the Content-Type is not
   *     {@value #CONTENT_TYPE}
   * @throws WebSocketProtocolException if the body is malformed
   * @throws org.faasgrip.GripException if request is null
   */
  protected WebSocketContext(GripRequest request, String channelPrefix) {
    Checks.notNull(request, "request");
    // One pass over the raw pairs finds every header this class reads, the first value of each (all values of
    // Sec-WebSocket-Extensions), without the sorted toMultimap() and without a scan per name.
    String contentType = null;
    String connection = null;
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
    this.channelPrefix = channelPrefix == null ? "" : channelPrefix;
    if (extensions == null && "grip".equals(extension)) {
      // What Pushpin sends: nothing to parse.
      this.messagePrefix = DEFAULT_MESSAGE_PREFIX;
    } else {
      this.messagePrefix = gripMessagePrefix(
          extensions != null ? extensions : extension != null ? List.of(extension) : List.of());
    }
    this.messagePrefixBytes = messagePrefix == null ? null : messagePrefix.equals(DEFAULT_MESSAGE_PREFIX)
        ? DEFAULT_MESSAGE_PREFIX_BYTES : messagePrefix.getBytes(StandardCharsets.UTF_8);
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
    this.in = WebSocketEventDecoder.decodeInto(body, 0, body.length);
    WebSocketEvent close = null;
    boolean disconnect = false;
    for (int k = 0, n = in.size(); k < n; k++) {
      WebSocketEvent e = in.get(k);
      if (e.type() == WebSocketEvent.Type.CLOSE && close == null) {
        close = e;
      } else if (e.type() == WebSocketEvent.Type.DISCONNECT) {
        disconnect = true;
      }
    }
    this.peerClose = close;
    this.peerDisconnected = disconnect;
  }

  /** Compares a header name without case, trying the exact spelling first (REST events keep it as sent). */
  private static boolean isHeader(String name, String canonical) {
    return name.equals(canonical) || name.equalsIgnoreCase(canonical);
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

  /**
   * Reads a WebSocket-over-HTTP request, with no channel prefix.
   *
   * @param request the request as the proxy sent it
   * @return the context for this request
   * @throws NotWebSocketRequestException if the method is not POST or the Content-Type is not
   *     {@value #CONTENT_TYPE}
   * @throws WebSocketProtocolException if the body is malformed
   */
  public static WebSocketContext from(GripRequest request) {
    return new WebSocketContext(request, "");
  }

  /**
   * Reads a WebSocket-over-HTTP request.
   *
   * @param request the request as the proxy sent it
   * @param channelPrefix put before every channel name in subscribe and unsubscribe ({@code GRIP_PREFIX});
   *     null or empty for none
   * @return the context for this request
   * @throws NotWebSocketRequestException if the method is not POST or the Content-Type is not
   *     {@value #CONTENT_TYPE}
   * @throws WebSocketProtocolException if the body is malformed
   */
  public static WebSocketContext from(GripRequest request, String channelPrefix) {
    return new WebSocketContext(request, channelPrefix);
  }

  private static void checkIsWebSocketOverHttp(String method, String contentType) {
    if (!"POST".equalsIgnoreCase(method)) {
      throw new NotWebSocketRequestException("Not a WebSocket-over-HTTP request: method is " + method
          + ", not POST");
    }
    if (contentType == null) {
      throw new NotWebSocketRequestException("Not a WebSocket-over-HTTP request: no Content-Type, expected "
          + CONTENT_TYPE);
    }
    if (contentType.equals(CONTENT_TYPE)) {
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
    if (to - from != CONTENT_TYPE.length() || !contentType.regionMatches(true, from, CONTENT_TYPE, 0, to - from)) {
      throw new NotWebSocketRequestException("Not a WebSocket-over-HTTP request: Content-Type is '"
          + printable(contentType.substring(from, to)) + "', not " + CONTENT_TYPE);
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
          return prefix == null ? DEFAULT_MESSAGE_PREFIX : prefix;
        }
        i++; // past the comma
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------- the request

  /**
   * Returns the proxy's id for this connection, the same on every request of the connection.
   *
   * @return the {@code Connection-Id} header, or null when the request has none
   */
  public String connectionId() {
    return connectionId;
  }

  /**
   * Returns whether this is the opening request of a connection: its first event is {@code OPEN}. Call
   * {@link #accept()} to let the client in.
   *
   * @return true for the opening request
   */
  public boolean isOpening() {
    return !in.isEmpty() && in.get(0).type() == WebSocketEvent.Type.OPEN;
  }

  /**
   * Returns whether the proxy offered GRIP mode: the request carries the {@code grip} WebSocket extension.
   * Control messages need it, and outgoing messages then carry {@link #messagePrefix()}.
   *
   * @return true in GRIP mode
   */
  public boolean isGrip() {
    return messagePrefix != null;
  }

  /**
   * Returns the prefix that outgoing messages carry in GRIP mode: {@code m:} unless the grip extension names
   * another.
   *
   * @return the prefix, or null when not in GRIP mode
   */
  public String messagePrefix() {
    return messagePrefix;
  }

  /**
   * Returns every event of the request body, in order, as decoded (including those {@link #recv()} skips,
   * such as {@code PING}).
   *
   * @return the events, unmodifiable
   */
  public List<WebSocketEvent> events() {
    return Collections.unmodifiableList(in);
  }

  /**
   * Returns whether the request carries the client's close frame ({@code CLOSE}). {@link #recv()} returns null
   * when it reaches it; the handler usually answers with {@link #close()}.
   *
   * @return true when the client closed the connection
   */
  public boolean isClosed() {
    return peerClose != null;
  }

  /**
   * Returns whether the client went away without a close handshake (a {@code DISCONNECT} event). The proxy has
   * dropped the connection already: whatever the response holds is not delivered.
   *
   * @return true when the client disconnected
   */
  public boolean isDisconnected() {
    return peerDisconnected;
  }

  /**
   * Returns the close code of the client's close frame.
   *
   * @return the code; empty when the client has not closed, or closed without a code
   */
  public OptionalInt closeCode() {
    return peerClose == null ? OptionalInt.empty() : peerClose.closeCode();
  }

  /**
   * Returns the reason of the client's close frame, decoded as UTF-8.
   *
   * @return the reason; empty when the client has not closed, or gave none
   */
  public String closeReason() {
    return peerClose == null ? "" : peerClose.closeReason();
  }

  /**
   * Returns the connection's meta: a mutable map that starts with the request's {@code Meta-*} headers (names
   * lower-cased). Names compare without case. What is put or removed becomes {@code Set-Meta-*} headers of the
   * response.
   *
   * <p>Every name must be an HTTP token and no value may hold a control character (CR and LF above all): a
   * put that breaks this throws {@link InvalidMetaException}, and so does a null name or value.
   *
   * @return the live meta map
   */
  public Map<String, String> meta() {
    return meta;
  }

  // ------------------------------------------------------------------------------------------------- reading

  private static boolean isMessage(WebSocketEvent.Type t) {
    return t == WebSocketEvent.Type.TEXT || t == WebSocketEvent.Type.BINARY || t == WebSocketEvent.Type.CLOSE
        || t == WebSocketEvent.Type.DISCONNECT;
  }

  /**
   * Returns whether a message (text, binary, close or disconnect) is left to receive.
   *
   * @return true when {@link #recv()} has something to return
   */
  public boolean canRecv() {
    for (int i = readIndex, n = in.size(); i < n; i++) {
      if (isMessage(in.get(i).type())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Receives the next message, kept typed: text or binary, or the client's close or disconnect as a value.
   * {@code PING}s passed on the way are answered (a {@code PONG} echoing the payload); {@code PONG}s and
   * {@code OPEN} are skipped.
   *
   * @return the next message
   * @throws NoSuchElementException if no message is left ({@link #canRecv()} is false)
   */
  public WebSocketMessage recvMessage() {
    WebSocketEvent e = nextMessage();
    switch (e.type()) {
      case TEXT:
        return new WebSocketMessage(WebSocketMessage.Type.TEXT, e);
      case BINARY:
        return new WebSocketMessage(WebSocketMessage.Type.BINARY, e);
      case CLOSE:
        return new WebSocketMessage(WebSocketMessage.Type.CLOSE, e);
      default:
        return new WebSocketMessage(WebSocketMessage.Type.DISCONNECT, e);
    }
  }

  /**
   * Receives the next message as text, as the seed's {@code recv()} does: a text message's text, a binary
   * message decoded as UTF-8 (use {@link #recvMessage()} to keep them apart), or null when the client closed
   * or disconnected ({@link #isClosed()}, {@link #isDisconnected()} and {@link #closeCode()} say which).
   *
   * @return the text, or null at the end of the connection
   * @throws NoSuchElementException if no message is left ({@link #canRecv()} is false)
   */
  public String recv() {
    // Straight from the event: no WebSocketMessage made only to be read once.
    WebSocketEvent e = nextMessage();
    WebSocketEvent.Type t = e.type();
    return t == WebSocketEvent.Type.TEXT || t == WebSocketEvent.Type.BINARY ? e.text() : null;
  }

  /** Returns the next message event and moves past it, answering the pings on the way. */
  private WebSocketEvent nextMessage() {
    for (int n = in.size(); readIndex < n; ) {
      WebSocketEvent e = in.get(readIndex++);
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

  private static WebSocketEvent pongFor(WebSocketEvent ping) {
    return new WebSocketEvent(WebSocketEvent.Type.PONG, ping.array(), ping.arrayOffset(), ping.contentLength());
  }

  // ------------------------------------------------------------------------------------------------- writing

  /**
   * Accepts the connection: the response starts with an {@code OPEN} event and, in GRIP mode, carries the
   * grip extension back, which turns GRIP mode on at the proxy. Calling it again changes nothing.
   *
   * @throws IllegalStateException if this is not the opening request (the proxy would drop the connection on
   *     an {@code OPEN} later on)
   */
  public void accept() {
    if (!isOpening()) {
      throw new IllegalStateException("accept() answers the opening request; this request carries no OPEN event");
    }
    accepted = true;
  }

  /**
   * Sends a text message to the client (with the message prefix in GRIP mode).
   *
   * @param message the text
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if message is null
   */
  public void send(String message) {
    Checks.notNull(message, "message");
    checkOpen("send");
    out.add(withPrefix(WebSocketEvent.Type.TEXT, message.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Sends a binary message to the client (with the message prefix in GRIP mode). The bytes are copied.
   *
   * @param message the bytes
   * @throws IllegalStateException after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if message is null
   */
  public void sendBinary(byte[] message) {
    Checks.notNull(message, "message");
    checkOpen("sendBinary");
    out.add(withPrefix(WebSocketEvent.Type.BINARY, message));
  }

  private WebSocketEvent withPrefix(WebSocketEvent.Type type, byte[] content) {
    if (messagePrefixBytes == null || messagePrefixBytes.length == 0) {
      return WebSocketEvent.of(type, content);
    }
    byte[] c = new byte[messagePrefixBytes.length + content.length];
    System.arraycopy(messagePrefixBytes, 0, c, 0, messagePrefixBytes.length);
    System.arraycopy(content, 0, c, messagePrefixBytes.length, content.length);
    return new WebSocketEvent(type, c, 0, c.length);
  }

  /**
   * Sends a GRIP control message: {@code c:} and a JSON object, which the proxy acts on instead of passing it
   * to the client. The helpers ({@link #subscribe}, {@link #keepAlive}, ...) write the common ones.
   *
   * @param json a JSON object, such as {@code {"type":"detach"}}
   * @throws IllegalArgumentException if the text is not a JSON object (does not start with <code>{</code> and
   *     end with <code>}</code>)
   * @throws IllegalStateException if not in GRIP mode, or after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if json is null
   */
  public void sendControl(String json) {
    Checks.notNull(json, "json");
    String t = json.strip();
    if (!t.startsWith("{") || !t.endsWith("}")) {
      throw new IllegalArgumentException("a control message is a JSON object, {...}; got " + printable(t));
    }
    checkControl("sendControl");
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] c = new byte[2 + body.length];
    c[0] = 'c';
    c[1] = ':';
    System.arraycopy(body, 0, c, 2, body.length);
    out.add(new WebSocketEvent(WebSocketEvent.Type.TEXT, c, 0, c.length));
  }

  private void sendControl(ControlMessage message) {
    out.add(message.toEvent());
  }

  /**
   * Subscribes the connection to a channel: messages published to it reach this client. The channel prefix is
   * put before the name.
   *
   * @param channel the channel name, without the prefix
   * @param filters names of the proxy's filters to apply to this subscription (such as {@code skip-self});
   *     none for no {@code filters} field
   * @throws IllegalArgumentException if the channel is empty or holds a control character (CR, LF, NUL, ...;
   *     a tab is allowed)
   * @throws IllegalStateException if not in GRIP mode, or after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if channel or a filter is null
   */
  public void subscribe(String channel, String... filters) {
    checkChannel(channel);
    checkControl("subscribe");
    ControlMessage m = new ControlMessage("subscribe").field("channel", prefixed(channel));
    if (filters != null && filters.length > 0) {
      for (String f : filters) {
        Checks.notNull(f, "filter");
      }
      m.field("filters", filters);
    }
    sendControl(m);
  }

  /**
   * Unsubscribes the connection from a channel. The channel prefix is put before the name.
   *
   * @param channel the channel name, without the prefix
   * @throws IllegalArgumentException if the channel is empty or holds a control character (CR, LF, NUL, ...;
   *     a tab is allowed)
   * @throws IllegalStateException if not in GRIP mode, or after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if channel is null
   */
  public void unsubscribe(String channel) {
    checkChannel(channel);
    checkControl("unsubscribe");
    sendControl(new ControlMessage("unsubscribe").field("channel", prefixed(channel)));
  }

  /**
   * Detaches the connection: the proxy stops forwarding the client's messages to the function, and keeps
   * delivering what is published to its channels.
   *
   * @throws IllegalStateException if not in GRIP mode, or after {@link #close()} or {@link #disconnect()}
   */
  public void detach() {
    checkControl("detach");
    sendControl(new ControlMessage("detach"));
  }

  /**
   * Asks the proxy to send the client a text message whenever the connection has been idle for a while, so
   * that intermediaries do not drop it.
   *
   * @param content the text to send
   * @param timeoutSeconds the idle time before each keep-alive, in seconds, at least 1
   * @throws IllegalArgumentException if the timeout is less than 1
   * @throws IllegalStateException if not in GRIP mode, or after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if content is null
   */
  public void keepAlive(String content, int timeoutSeconds) {
    Checks.notNull(content, "content");
    checkTimeout(timeoutSeconds);
    checkControl("keepAlive");
    sendControl(new ControlMessage("keep-alive").field("content", content).field("timeout", timeoutSeconds));
  }

  /**
   * Asks the proxy to send the client a keep-alive message of any type, with any content.
   *
   * @param messageType {@code TEXT}, {@code BINARY}, {@code PING} or {@code PONG}
   * @param content the message's bytes (sent as {@code content-bin}, base64)
   * @param timeoutSeconds the time between keep-alives, in seconds, at least 1
   * @param mode whether the time counts from the last activity ({@code IDLE}) or runs regardless
   *     ({@code INTERVAL})
   * @throws IllegalArgumentException if the type is not one of the four, or the timeout is less than 1
   * @throws IllegalStateException if not in GRIP mode, or after {@link #close()} or {@link #disconnect()}
   * @throws org.faasgrip.GripException if an argument is null
   */
  public void keepAlive(WebSocketEvent.Type messageType, byte[] content, int timeoutSeconds, KeepAliveMode mode) {
    Checks.notNull(messageType, "messageType");
    Checks.notNull(content, "content");
    Checks.notNull(mode, "mode");
    if (messageType != WebSocketEvent.Type.TEXT && messageType != WebSocketEvent.Type.BINARY
        && messageType != WebSocketEvent.Type.PING && messageType != WebSocketEvent.Type.PONG) {
      throw new IllegalArgumentException("a keep-alive is a TEXT, BINARY, PING or PONG message, not " + messageType);
    }
    checkTimeout(timeoutSeconds);
    checkControl("keepAlive");
    sendControl(new ControlMessage("keep-alive")
        .base64Field("content-bin", content)
        .field("timeout", timeoutSeconds)
        .field("mode", mode.name().toLowerCase(Locale.ROOT))
        .field("message-type", messageType.name().toLowerCase(Locale.ROOT)));
  }

  /**
   * Asks the proxy to call the function for this connection even when the client is silent: the response
   * carries {@code Keep-Alive-Interval: seconds}. Use it where the function must run now and then for a quiet
   * connection (to send it something, or to close it), since no client activity means no request otherwise.
   *
   * <p>What Pushpin does with it ({@code src/proxy/websocketoverhttp.cpp}; seen with 1.36 in the integration
   * tests): the interval holds for the connection until a later response carries the header again, so setting
   * it on the opening response is enough. Once that many seconds pass after a response with no other request,
   * the proxy sends a request with <b>no events</b>: {@code POST}, an empty body ({@code Content-Length: 0}),
   * and the usual headers ({@code Connection-Id}, {@code Meta-*}, a fresh {@code Grip-Sig}, the grip
   * extension). The handler sees a request whose {@link #events()} is empty and whose {@link #canRecv()} is
   * false; {@link #toGripResponse()} answers it validly (status 200, the event Content-Type, an empty body
   * unless something was sent), and what is sent reaches the client. On the opening request, a response with
   * the interval but without {@link #accept()} keeps the client's handshake waiting: the proxy asks again with
   * {@code OPEN} after the interval. The interval also gives the function more than one chance to answer the
   * client's close: without it, Pushpin counts the connection as dropped when the response to the request that
   * carries the client's {@code CLOSE} does not close too.
   *
   * @param seconds the most seconds between two requests of an otherwise idle connection: at least 20 (the
   *     protocol's minimum; Pushpin raises a shorter interval to 20) and at most 2147483 (Pushpin counts the
   *     interval in milliseconds in a 32-bit integer)
   * @throws IllegalArgumentException if seconds is less than 20 or more than 2147483
   */
  public void keepAliveInterval(int seconds) {
    if (seconds < MIN_KEEP_ALIVE_INTERVAL || seconds > MAX_KEEP_ALIVE_INTERVAL) {
      throw new IllegalArgumentException("Keep-Alive-Interval " + seconds + " may not be sent "
          + "(WebSocket-over-HTTP allows at least " + MIN_KEEP_ALIVE_INTERVAL + " seconds, Pushpin at most "
          + MAX_KEEP_ALIVE_INTERVAL + ")");
    }
    keepAliveInterval = seconds;
  }

  /**
   * Sets a meta entry of the connection with a {@code set-meta} control message. {@link #meta()} does the same
   * through response headers and is usually what you want; this message exists for the rare case where the
   * entry must be set in order with other control messages. It does not change {@link #meta()}.
   *
   * @param name the meta name, an HTTP token
   * @param value the value; empty deletes the entry
   * @throws InvalidMetaException if the name is not an HTTP token or the value holds a control character
   * @throws IllegalStateException if not in GRIP mode, or after {@link #close()} or {@link #disconnect()}
   */
  public void setMeta(String name, String value) {
    MetaMap.check(name, value);
    checkControl("setMeta");
    sendControl(new ControlMessage("set-meta").field("name", name).field("value", value));
  }

  /**
   * Closes the connection with a close event that carries no code (never the invalid code 0 that an earlier
   * library sent); the proxy closes the client's socket with a code of its choosing (Pushpin 1.36: 1000, seen in
   * the end-to-end tests). The close goes last in the response, after what was sent and the answers to pings.
   */
  public void close() {
    ending = WebSocketEvent.close();
  }

  /**
   * Closes the connection with a close code.
   *
   * @param code the close code: 1000-1003, 1007-1014 or 3000-4999 (1000 normal, 4000-4999 for applications)
   * @throws IllegalArgumentException if RFC 6455 does not allow an endpoint to send the code
   */
  public void close(int code) {
    ending = WebSocketEvent.close(sendable(code));
  }

  /**
   * Closes the connection with a close code and a reason.
   *
   * @param code the close code: 1000-1003, 1007-1014 or 3000-4999 (1000 normal, 4000-4999 for applications)
   * @param reason the reason, at most 123 bytes in UTF-8
   * @throws IllegalArgumentException if RFC 6455 does not allow an endpoint to send the code, or the reason is
   *     too long
   * @throws org.faasgrip.GripException if reason is null
   */
  public void close(int code, String reason) {
    ending = WebSocketEvent.close(sendable(code), reason);
  }

  private static int sendable(int code) {
    if (!WebSocketEvent.isSendableCloseCode(code)) {
      throw new IllegalArgumentException("close code " + code
          + " may not be sent (RFC 6455 allows 1000-1003, 1007-1014 and 3000-4999)");
    }
    return code;
  }

  /**
   * Drops the client without a close handshake (a {@code DISCONNECT} event, last in the response).
   */
  public void disconnect() {
    ending = WebSocketEvent.disconnect();
  }

  private void checkOpen(String what) {
    if (ending != null) {
      throw new IllegalStateException(what + "() after " + (ending.type() == WebSocketEvent.Type.CLOSE
          ? "close()" : "disconnect()") + ": nothing can follow the end of the connection");
    }
  }

  private void checkControl(String what) {
    if (messagePrefix == null) {
      throw new IllegalStateException(what + "() needs GRIP mode, but the request did not offer the grip "
          + "extension (Sec-WebSocket-Extensions: grip): the control message would reach the client as text");
    }
    checkOpen(what);
  }

  private String prefixed(String channel) {
    // "" + channel would still make a new String.
    return channelPrefix.isEmpty() ? channel : channelPrefix + channel;
  }

  private static void checkChannel(String channel) {
    if (Checks.notNull(channel, "channel").isEmpty()) {
      throw new IllegalArgumentException("channel is empty");
    }
    // The JSON would carry it, but no item can be published to such a channel (Item refuses it: the proxy
    // writes channels into Grip-Last headers), so the subscription could only be a mistake.
    int bad = Http.indexOfBadValueChar(channel);
    if (bad >= 0) {
      throw new IllegalArgumentException("channel '" + printable(channel) + "' has control character U+"
          + String.format("%04X", (int) channel.charAt(bad)) + " at index " + bad);
    }
  }

  private static void checkTimeout(int timeoutSeconds) {
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("keep-alive timeout must be at least 1 second, was " + timeoutSeconds);
    }
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && i < 40; i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return s.length() > 40 ? sb.append("...").toString() : sb.toString();
  }

  // ------------------------------------------------------------------------------------------------ response

  /**
   * Returns the events the response carries, in order: {@code OPEN} if accepted, what was sent, a
   * {@code PONG} for every ping that {@link #recv()} did not pass, and the close or disconnect last.
   *
   * @return a new list of the outgoing events
   */
  public List<WebSocketEvent> outgoingEvents() {
    List<WebSocketEvent> events = new ArrayList<>(out.size() + 2);
    if (accepted) {
      events.add(WebSocketEvent.open());
    }
    // One add at a time: addAll would copy out into an array first.
    for (int i = 0, n = out.size(); i < n; i++) {
      events.add(out.get(i));
    }
    for (int i = readIndex, n = in.size(); i < n; i++) {
      WebSocketEvent e = in.get(i);
      if (e.type() == WebSocketEvent.Type.PING) {
        events.add(pongFor(e));
      }
    }
    if (ending != null) {
      events.add(ending);
    }
    return events;
  }

  /**
   * Builds the response for the proxy: status 200, {@code Content-Type: application/websocket-events}
   * (exactly: Pushpin compares the string), {@code Sec-WebSocket-Extensions} with the grip extension once
   * accepted in GRIP mode, {@code Keep-Alive-Interval} once {@link #keepAliveInterval(int)} was called, a
   * {@code Set-Meta-<name>} header per changed meta entry (empty for a removed one),
   * and the {@link #outgoingEvents()} encoded as the body. The context is not changed: calling it twice gives
   * equal responses.
   *
   * @return the response, for a platform adapter to wrap
   */
  public GripResponse toGripResponse() {
    GripResponse.Builder b = GripResponse.builder().status(200).addHeader("Content-Type", CONTENT_TYPE);
    if (accepted && messagePrefix != null) {
      b.addHeader("Sec-WebSocket-Extensions", gripExtension(messagePrefix));
    }
    if (keepAliveInterval != 0) {
      b.addHeader("Keep-Alive-Interval", Integer.toString(keepAliveInterval));
    }
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
    return b.body(WebSocketEventEncoder.encode(outgoingEvents())).build();
  }

  private static String gripExtension(String prefix) {
    if (prefix.equals(DEFAULT_MESSAGE_PREFIX)) {
      return "grip";
    }
    StringBuilder sb = new StringBuilder("grip; message-prefix=\"");
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }

  /**
   * Returns a short description: connection id, whether opening, and how many events came in and go out.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "WebSocketContext[connection " + connectionId + (isOpening() ? ", opening" : "") + ", " + in.size()
        + " events in, " + readIndex + " read, " + out.size() + " sent" + (ending != null ? ", " + ending : "")
        + "]";
  }
}
