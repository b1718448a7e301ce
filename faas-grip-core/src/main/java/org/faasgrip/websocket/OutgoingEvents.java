package org.faasgrip.websocket;

import java.util.ArrayList;
import java.util.List;
import org.faasgrip.grip.GripResponse;

/**
 * What the response to one WebSocket-over-HTTP request carries: whether it accepts, the events sent in order
 * (messages, control messages, the pongs of pings read), the end of the connection, and the response headers
 * that are not meta. {@link WebSocketContext}'s half for writing; {@link IncomingEvents} is the half for reading,
 * which this one asks for the grip extension, the unread pings and the meta changes.
 */
final class OutgoingEvents {
  private final IncomingEvents in;
  /** Made by the first event sent: a handler that only closes sends none. */
  private ArrayList<WebSocketEvent> sent;
  private boolean accepted;
  /** The CLOSE or DISCONNECT that ends the response, once close() or disconnect() was called. */
  WebSocketEvent ending;
  /** The Keep-Alive-Interval response header's seconds; 0 when not set. */
  int keepAliveInterval;

  OutgoingEvents(IncomingEvents in) {
    this.in = in;
  }

  int sentCount() {
    return sent == null ? 0 : sent.size();
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
      throw new IllegalStateException(what + "() needs GRIP mode, but the request did not offer the grip "
          + "extension (Sec-WebSocket-Extensions: grip): the control message would reach the client as text");
    }
    checkOpen(what);
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
    if (keepAliveInterval != 0) {
      b.addHeader("Keep-Alive-Interval", Integer.toString(keepAliveInterval));
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
