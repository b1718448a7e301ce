package org.faasgrip.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.faasgrip.grip.Filters;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.grip.KeepAliveMode;
import org.faasgrip.internal.Checks;
import org.faasgrip.internal.Http;
import org.faasgrip.internal.Users;

/**
 * What the response to one WebSocket-over-HTTP request carries: whether it accepts, the events sent in order
 * (messages, control messages, the pongs of pings read), the end of the connection, and the response headers
 * that are not meta. {@link WebSocketContext}'s half for writing; {@link IncomingEvents} is the half for reading,
 * which this one asks for the grip extension, the unread pings and the meta changes.
 */
final class OutgoingEvents {
  /** The shortest Keep-Alive-Interval that is not 0 (off), in seconds: the protocol's minimum. */
  static final int MIN_KEEP_ALIVE_INTERVAL = 20;
  /** The longest time Pushpin counts, in seconds: its timers take milliseconds as an int. */
  static final int MAX_SECONDS = Integer.MAX_VALUE / 1000;
  /** The largest payload of a control frame (PING, PONG, CLOSE), RFC 6455. */
  static final int MAX_CONTROL_PAYLOAD = 125;
  /** No Keep-Alive-Interval header: the proxy keeps what an earlier response set. */
  private static final int NOT_SET = -1;

  private final IncomingEvents in;
  private final String channelPrefix;
  /** Made by the first event sent: a handler that only closes sends none. */
  private ArrayList<WebSocketEvent> sent;
  private boolean accepted;
  /** The CLOSE or DISCONNECT that ends the response, once close() or disconnect() was called. */
  WebSocketEvent ending;
  /** The Keep-Alive-Interval response header's seconds: 0 turns the idle calls off; NOT_SET for no header. */
  private int keepAliveInterval = NOT_SET;
  /** The Content-Bytes-Accepted response header; NOT_SET for no header (the proxy then takes everything). */
  private int contentBytesAccepted = NOT_SET;
  /** The user setUser() announced in this response, so that a second call for the same user adds nothing. */
  private String user;

  OutgoingEvents(IncomingEvents in, String channelPrefix) {
    this.in = in;
    this.channelPrefix = channelPrefix == null ? "" : channelPrefix;
  }

  int sentCount() {
    return sent == null ? 0 : sent.size();
  }

  /** The events the calls added, in order, without the OPEN, the unread pings' pongs and the end; a copy. */
  List<WebSocketEvent> sent() {
    return sent == null ? List.of() : List.copyOf(sent);
  }

  void accept() {
    accepted = true;
  }

  void add(WebSocketEvent e) {
    if (sent == null) {
      sent = new ArrayList<>();
    }
    sent.add(e);
  }

  /** Adds a message with the message prefix in GRIP mode: one array for prefix and content. */
  void addMessage(WebSocketEvent.Type type, byte[] content) {
    byte[] prefix = in.messagePrefixBytes;
    if (prefix == null || prefix.length == 0) {
      add(WebSocketEvent.of(type, content));
      return;
    }
    byte[] c = new byte[prefix.length + content.length];
    System.arraycopy(prefix, 0, c, 0, prefix.length);
    System.arraycopy(content, 0, c, prefix.length, content.length);
    add(new WebSocketEvent(type, c, 0, c.length));
  }

  void checkOpen(String what) {
    if (ending != null) {
      throw new IllegalStateException(what + "() after " + (ending.type() == WebSocketEvent.Type.CLOSE
          ? "close()" : "disconnect()") + ": nothing can follow the end of the connection");
    }
  }

  void checkControl(String what) {
    if (in.messagePrefix == null) {
      throw notGripMode(what);
    }
    checkOpen(what);
  }

  /** Says what happened and what to do: the person reading it is often testing with a client of their own. */
  private NotGripModeException notGripMode(String what) {
    return new NotGripModeException(what + "() needs GRIP mode, but the " + (in.isOpening() ? "OPEN" : "request")
        + " came without Sec-WebSocket-Extensions: grip: it did not come through a GRIP proxy that offers GRIP mode"
        + " (Pushpin offers it on over_http routes), and a control message would reach the client as text; connect"
        + " through the proxy, or check isGrip() before sending control messages");
  }

  // ------------------------------------------------------------------------------------------ control messages

  void sendControl(String json) {
    Checks.notNull(json, "json");
    String t = json.strip();
    if (!t.startsWith("{") || !t.endsWith("}")) {
      throw new IllegalArgumentException("a control message is a JSON object, {...}; got " + Http.printable(t));
    }
    checkControl("sendControl");
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] c = new byte[2 + body.length];
    c[0] = 'c';
    c[1] = ':';
    System.arraycopy(body, 0, c, 2, body.length);
    add(new WebSocketEvent(WebSocketEvent.Type.TEXT, c, 0, c.length));
  }

  void subscribe(String channel, String... filters) {
    checkChannel(channel);
    checkControl("subscribe");
    ControlMessage m = new ControlMessage("subscribe").field("channel", prefixed(channel));
    if (filters != null && filters.length > 0) {
      for (String f : filters) {
        Checks.notNull(f, "filter");
      }
      m.field("filters", filters);
    }
    add(m.toEvent());
  }

  void unsubscribe(String channel) {
    checkChannel(channel);
    checkControl("unsubscribe");
    add(new ControlMessage("unsubscribe").field("channel", prefixed(channel)).toEvent());
  }

  void detach() {
    checkControl("detach");
    add(new ControlMessage("detach").toEvent());
  }

  void session(String id) {
    Checks.notNull(id, "id");
    checkControl("session");
    add(new ControlMessage("session").field("id", id).toEvent());
  }

  void keepAlive(String content, int timeoutSeconds) {
    Checks.notNull(content, "content");
    checkSeconds(timeoutSeconds, "keep-alive timeout");
    checkControl("keepAlive");
    add(new ControlMessage("keep-alive").field("content", content).field("timeout", timeoutSeconds).toEvent());
  }

  void keepAlive(WebSocketEvent.Type messageType, byte[] content, int timeoutSeconds, KeepAliveMode mode) {
    Checks.notNull(mode, "mode");
    String type = messageType(messageType, content, "keep-alive");
    checkSeconds(timeoutSeconds, "keep-alive timeout");
    checkControl("keepAlive");
    add(new ControlMessage("keep-alive")
        .base64Field("content-bin", content)
        .field("timeout", timeoutSeconds)
        .field("mode", mode.value())
        .field("message-type", type).toEvent());
  }

  void sendDelayed(WebSocketEvent.Type messageType, byte[] content, int delaySeconds) {
    String type = messageType(messageType, content, "delayed message");
    checkSeconds(delaySeconds, "delay");
    checkControl("sendDelayed");
    add(new ControlMessage("send-delayed")
        .base64Field("content-bin", content)
        .field("timeout", delaySeconds)
        .field("message-type", type).toEvent());
  }

  void flushDelayed() {
    checkControl("flushDelayed");
    add(new ControlMessage("flush-delayed").toEvent());
  }

  void setMeta(String name, String value) {
    MetaMap.check(name, value);
    checkControl("setMeta");
    add(new ControlMessage("set-meta").field("name", name).field("value", value).toEvent());
  }

  void setUser(String user) {
    Checks.notNull(user, "user");
    String problem = Users.problem(user);
    if (problem != null) {
      throw new InvalidMetaException("user '" + Http.printable(user) + "' " + problem);
    }
    checkControl("setUser");
    if (user.equals(this.user)) {
      return;
    }
    setMeta(Filters.USER, user);
    in.meta.put(Filters.USER, user);
    subscribe(Filters.userChannel(user));
    this.user = user;
  }

  /** The wire name of a message type that a keep-alive or a delayed message may have, checking the content. */
  private static String messageType(WebSocketEvent.Type type, byte[] content, String what) {
    Checks.notNull(type, "messageType");
    Checks.notNull(content, "content");
    switch (type) {
      case TEXT:
      case BINARY:
        break;
      case PING:
      case PONG:
        checkControlPayload(content, "a " + what + " PING or PONG");
        break;
      default:
        throw new IllegalArgumentException("a " + what + " is a TEXT, BINARY, PING or PONG message, not " + type);
    }
    return type.name().toLowerCase(Locale.ROOT);
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
      throw new IllegalArgumentException("channel '" + Http.printable(channel) + "' has control character U+"
          + String.format("%04X", (int) channel.charAt(bad)) + " at index " + bad);
    }
  }

  private static void checkSeconds(int seconds, String what) {
    if (seconds < 1 || seconds > MAX_SECONDS) {
      throw new IllegalArgumentException(what + " must be 1 to " + MAX_SECONDS + " seconds (Pushpin counts "
          + "milliseconds in a 32-bit integer), was " + seconds);
    }
  }

  private static void checkControlPayload(byte[] payload, String what) {
    if (payload.length > MAX_CONTROL_PAYLOAD) {
      throw new IllegalArgumentException(what + " carries at most " + MAX_CONTROL_PAYLOAD
          + " bytes (RFC 6455: it is a control frame), not " + payload.length);
    }
  }

  // ------------------------------------------------------------------------------------- frames and headers

  void pingOrPong(WebSocketEvent.Type type, byte[] payload) {
    Checks.notNull(payload, "payload");
    checkControlPayload(payload, "a " + type);
    checkOpen(type == WebSocketEvent.Type.PING ? "ping" : "pong");
    // A control frame: the proxy passes it on in GRIP mode too, so no message prefix.
    add(WebSocketEvent.of(type, payload));
  }

  void keepAliveInterval(int seconds) {
    if (seconds != 0 && (seconds < MIN_KEEP_ALIVE_INTERVAL || seconds > MAX_SECONDS)) {
      throw new IllegalArgumentException("Keep-Alive-Interval " + seconds + " may not be sent "
          + "(WebSocket-over-HTTP allows 0 for off, or at least " + MIN_KEEP_ALIVE_INTERVAL
          + " seconds; Pushpin at most " + MAX_SECONDS + ")");
    }
    keepAliveInterval = seconds;
  }

  void contentBytesAccepted(int bytes) {
    if (bytes < 0 || bytes > in.contentBytes) {
      throw new IllegalArgumentException("Content-Bytes-Accepted " + bytes + " may not be sent: the request "
          + "carries " + in.contentBytes + " content bytes, and the proxy fails the connection when more are "
          + "accepted than were offered");
    }
    contentBytesAccepted = bytes;
  }

  /**
   * The events in response order: {@code OPEN} if accepted, what was sent, a {@code PONG} for every ping the
   * handler did not read past, and the close or disconnect last.
   */
  List<WebSocketEvent> events() {
    List<WebSocketEvent> events = new ArrayList<>(sentCount() + 2);
    if (accepted) {
      events.add(WebSocketEvent.open());
    }
    // One add at a time: addAll would copy the list into an array first.
    for (int i = 0, n = sentCount(); i < n; i++) {
      events.add(sent.get(i));
    }
    ArrayList<WebSocketEvent> incoming = in.events;
    for (int i = in.readIndex, n = incoming.size(); i < n; i++) {
      WebSocketEvent e = incoming.get(i);
      if (e.type() == WebSocketEvent.Type.PING) {
        events.add(IncomingEvents.pongFor(e));
      }
    }
    if (ending != null) {
      events.add(ending);
    }
    return events;
  }

  /** The body: {@link #events()} encoded, sized first and written once, without the list. */
  private byte[] body() {
    long size = accepted ? WebSocketEventEncoder.encodedSize(WebSocketEvent.Type.OPEN, 0) : 0;
    for (int i = 0, n = sentCount(); i < n; i++) {
      size += WebSocketEventEncoder.encodedSize(sent.get(i));
    }
    ArrayList<WebSocketEvent> incoming = in.events;
    for (int i = in.readIndex, n = incoming.size(); i < n; i++) {
      WebSocketEvent e = incoming.get(i);
      if (e.type() == WebSocketEvent.Type.PING) {
        size += WebSocketEventEncoder.encodedSize(WebSocketEvent.Type.PONG, e.contentLength());
      }
    }
    if (ending != null) {
      size += WebSocketEventEncoder.encodedSize(ending);
    }
    byte[] out = WebSocketEventEncoder.newBody(size);
    int at = 0;
    if (accepted) {
      at = WebSocketEventEncoder.write(WebSocketEvent.open(), out, at);
    }
    for (int i = 0, n = sentCount(); i < n; i++) {
      at = WebSocketEventEncoder.write(sent.get(i), out, at);
    }
    for (int i = in.readIndex, n = incoming.size(); i < n; i++) {
      WebSocketEvent e = incoming.get(i);
      if (e.type() == WebSocketEvent.Type.PING) {
        at = WebSocketEventEncoder.write(WebSocketEvent.Type.PONG, e.array(), e.arrayOffset(), e.contentLength(),
            out, at);
      }
    }
    if (ending != null) {
      WebSocketEventEncoder.write(ending, out, at);
    }
    return out;
  }

  GripResponse toGripResponse() {
    GripResponse.Builder b = GripResponse.builder().status(200)
        .addHeader("Content-Type", WebSocketContext.CONTENT_TYPE);
    if (accepted && in.messagePrefix != null) {
      b.addHeader("Sec-WebSocket-Extensions", gripExtension(in.messagePrefix));
    }
    if (keepAliveInterval != NOT_SET) {
      b.addHeader("Keep-Alive-Interval", Integer.toString(keepAliveInterval));
    }
    if (contentBytesAccepted != NOT_SET) {
      b.addHeader("Content-Bytes-Accepted", Integer.toString(contentBytesAccepted));
    }
    in.writeMetaChanges(b);
    return b.body(body()).build();
  }

  private static String gripExtension(String prefix) {
    if (prefix.equals(WebSocketContext.DEFAULT_MESSAGE_PREFIX)) {
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
}
