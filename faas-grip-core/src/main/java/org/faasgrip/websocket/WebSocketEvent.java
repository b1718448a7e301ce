package org.faasgrip.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalInt;
import org.faasgrip.internal.Checks;

/**
 * One event of a WebSocket-over-HTTP body: a type, and content as bytes.
 *
 * <p>Instances are immutable. The factories copy the arrays they are given. An event made by
 * {@link WebSocketEventDecoder} is a view into the decoded array instead (no copy): it stays valid, and equal
 * to itself, only as long as nobody changes that array.
 *
 * <p>Content is never null; an event without content (as {@code OPEN\r\n} carries) has empty content, and an
 * event with empty content is written without a length. Text content is UTF-8; {@link #text()} decodes it,
 * replacing malformed sequences with U+FFFD rather than failing (the raw bytes stay in {@link #content()}).
 */
public final class WebSocketEvent {

  /** The event types of the WebSocket-over-HTTP protocol. */
  public enum Type {
    /** The connection opens: from the proxy, a client wants to connect; from the backend, it accepts. */
    OPEN,
    /** A text message (UTF-8 content). */
    TEXT,
    /** A binary message. */
    BINARY,
    /** A ping; its content is echoed by the PONG that answers it. */
    PING,
    /** A pong. */
    PONG,
    /** A close frame: an optional 2-byte big-endian close code, then an optional UTF-8 reason. */
    CLOSE,
    /** The connection is gone without a close handshake (from the backend: drop the client). */
    DISCONNECT;

    // The type name as it appears on the wire, ASCII; shared, never handed out.
    final byte[] wire = name().getBytes(StandardCharsets.US_ASCII);
  }

  /** The largest reason a CLOSE can carry: a control frame holds 125 bytes, two of them the code. */
  public static final int MAX_CLOSE_REASON_BYTES = 123;

  static final byte[] EMPTY = new byte[0];
  private static final WebSocketEvent OPEN = new WebSocketEvent(Type.OPEN, EMPTY, 0, 0);
  private static final WebSocketEvent CLOSE = new WebSocketEvent(Type.CLOSE, EMPTY, 0, 0);
  private static final WebSocketEvent DISCONNECT = new WebSocketEvent(Type.DISCONNECT, EMPTY, 0, 0);
  /** How much content {@link #toString()} shows. */
  private static final int PREVIEW_BYTES = 32;

  private final Type type;
  private final byte[] data;
  private final int offset;
  private final int length;

  WebSocketEvent(Type type, byte[] data, int offset, int length) {
    this.type = type;
    this.data = data;
    this.offset = offset;
    this.length = length;
  }

  /**
   * Returns an {@code OPEN} event: in a response, it accepts the connection.
   *
   * @return the event
   */
  public static WebSocketEvent open() {
    return OPEN;
  }

  /**
   * Returns a {@code TEXT} event carrying the UTF-8 bytes of a text.
   *
   * @param text the message text
   * @return the event
   * @throws org.faasgrip.GripException if text is null
   */
  public static WebSocketEvent text(String text) {
    byte[] bytes = Checks.notNull(text, "text").getBytes(StandardCharsets.UTF_8);
    return new WebSocketEvent(Type.TEXT, bytes, 0, bytes.length);
  }

  /**
   * Returns a {@code BINARY} event carrying a copy of the given bytes.
   *
   * @param content the message bytes
   * @return the event
   * @throws org.faasgrip.GripException if content is null
   */
  public static WebSocketEvent binary(byte[] content) {
    return of(Type.BINARY, content);
  }

  /**
   * Returns a {@code PING} event carrying a copy of the given bytes.
   *
   * @param content the ping payload, possibly empty
   * @return the event
   * @throws org.faasgrip.GripException if content is null
   */
  public static WebSocketEvent ping(byte[] content) {
    return of(Type.PING, content);
  }

  /**
   * Returns a {@code PONG} event carrying a copy of the given bytes.
   *
   * @param content the pong payload, usually the payload of the ping it answers
   * @return the event
   * @throws org.faasgrip.GripException if content is null
   */
  public static WebSocketEvent pong(byte[] content) {
    return of(Type.PONG, content);
  }

  /**
   * Returns a {@code CLOSE} event without a close code (the peer sees RFC 6455's "no status received").
   *
   * @return the event
   */
  public static WebSocketEvent close() {
    return CLOSE;
  }

  /**
   * Returns whether an endpoint may send a close code: RFC 6455 allows 1000-1003, 1007-1014 and 3000-4999;
   * 1004-1006 and 1015 are reserved for reporting, and 0 (which an earlier GRIP library sent) is no code at all.
   * Events themselves carry any two-byte code, since they also describe what a peer sent.
   *
   * @param code the close code
   * @return true when the code may be sent
   */
  public static boolean isSendableCloseCode(int code) {
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
  }

  /**
   * Returns a {@code CLOSE} event carrying a close code and no reason.
   *
   * @param code the close code, 0 to 65535 (RFC 6455 defines 1000 and up)
   * @return the event
   * @throws IllegalArgumentException if the code does not fit in two bytes
   */
  public static WebSocketEvent close(int code) {
    checkCloseCode(code);
    return new WebSocketEvent(Type.CLOSE, new byte[] {(byte) (code >>> 8), (byte) code}, 0, 2);
  }

  /**
   * Returns a {@code CLOSE} event carrying a close code and a reason.
   *
   * @param code the close code, 0 to 65535 (RFC 6455 defines 1000 and up)
   * @param reason the reason, at most {@value #MAX_CLOSE_REASON_BYTES} bytes in UTF-8; empty for none
   * @return the event
   * @throws IllegalArgumentException if the code does not fit in two bytes or the reason is too long
   * @throws org.faasgrip.GripException if reason is null
   */
  public static WebSocketEvent close(int code, String reason) {
    checkCloseCode(code);
    byte[] r = Checks.notNull(reason, "reason").getBytes(StandardCharsets.UTF_8);
    if (r.length > MAX_CLOSE_REASON_BYTES) {
      throw new IllegalArgumentException("close reason is " + r.length + " bytes in UTF-8; at most "
          + MAX_CLOSE_REASON_BYTES + " fit in a close frame");
    }
    byte[] c = new byte[2 + r.length];
    c[0] = (byte) (code >>> 8);
    c[1] = (byte) code;
    System.arraycopy(r, 0, c, 2, r.length);
    return new WebSocketEvent(Type.CLOSE, c, 0, c.length);
  }

  /**
   * Returns a {@code DISCONNECT} event: in a response, it drops the client without a close handshake.
   *
   * @return the event
   */
  public static WebSocketEvent disconnect() {
    return DISCONNECT;
  }

  /**
   * Returns an event of any type with a copy of the given content.
   *
   * @param type the event type
   * @param content the content bytes, possibly empty
   * @return the event
   * @throws IllegalArgumentException if the type is {@code CLOSE} and the content is one byte long (a close
   *     code takes two)
   * @throws org.faasgrip.GripException if type or content is null
   */
  public static WebSocketEvent of(Type type, byte[] content) {
    Checks.notNull(type, "type");
    Checks.notNull(content, "content");
    if (type == Type.CLOSE && content.length == 1) {
      throw new IllegalArgumentException("CLOSE content is one byte; a close code takes two");
    }
    return new WebSocketEvent(type, content.length == 0 ? EMPTY : content.clone(), 0, content.length);
  }

  private static void checkCloseCode(int code) {
    if (code < 0 || code > 0xffff) {
      throw new IllegalArgumentException("close code must be 0..65535, was " + code);
    }
  }

  /**
   * Returns the event type.
   *
   * @return the type
   */
  public Type type() {
    return type;
  }

  /**
   * Returns a copy of the content.
   *
   * @return the content bytes, empty when the event has none
   */
  public byte[] content() {
    return length == 0 ? EMPTY : Arrays.copyOfRange(data, offset, offset + length);
  }

  /**
   * Returns a read-only view of the content, without copying: position 0, limit and capacity the length.
   *
   * @return a new read-only buffer over the content
   */
  public ByteBuffer contentBuffer() {
    return ByteBuffer.wrap(data, offset, length).slice().asReadOnlyBuffer();
  }

  /**
   * Returns the content length in bytes.
   *
   * @return the length
   */
  public int contentLength() {
    return length;
  }

  /**
   * Returns the content decoded as UTF-8, malformed sequences replaced by U+FFFD. Meant for {@code TEXT}
   * events; works on any.
   *
   * @return the text
   */
  public String text() {
    return length == 0 ? "" : new String(data, offset, length, StandardCharsets.UTF_8);
  }

  /**
   * Returns the close code of a {@code CLOSE} event that carries one.
   *
   * @return the code, or empty when this is not a {@code CLOSE} or it carries no code
   */
  public OptionalInt closeCode() {
    if (type != Type.CLOSE || length < 2) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff));
  }

  /**
   * Returns the reason of a {@code CLOSE} event, decoded as UTF-8 (malformed sequences become U+FFFD).
   *
   * @return the reason, or empty when this is not a {@code CLOSE} or it carries none
   */
  public String closeReason() {
    if (type != Type.CLOSE || length <= 2) {
      return "";
    }
    return new String(data, offset + 2, length - 2, StandardCharsets.UTF_8);
  }

  // Package access for the encoder and the context: no copy.
  byte[] array() {
    return data;
  }

  int arrayOffset() {
    return offset;
  }

  /**
   * Returns whether another object is an event of the same type with the same content bytes.
   *
   * @param o the other object
   * @return true when type and content are equal
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof WebSocketEvent)) {
      return false;
    }
    WebSocketEvent e = (WebSocketEvent) o;
    return type == e.type
        && length == e.length
        && Arrays.equals(data, offset, offset + length, e.data, e.offset, e.offset + e.length);
  }

  /**
   * Returns a hash of the type and the content bytes.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    int h = type.hashCode();
    for (int i = offset, end = offset + length; i < end; i++) {
      h = 31 * h + data[i];
    }
    return h;
  }

  /**
   * Returns a short description: the type, the length and at most the first {@value #PREVIEW_BYTES} bytes
   * (as text for {@code TEXT} and {@code CLOSE}, as hex otherwise). Never the whole of a large message.
   *
   * @return the description
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(48).append(type.name());
    if (type == Type.CLOSE) {
      OptionalInt code = closeCode();
      if (code.isPresent()) {
        sb.append(' ').append(code.getAsInt());
        String reason = closeReason();
        if (!reason.isEmpty()) {
          appendQuoted(sb, reason);
        }
      }
      return sb.toString();
    }
    if (length == 0) {
      return sb.toString();
    }
    sb.append(' ').append(length).append(length == 1 ? " byte" : " bytes");
    int shown = Math.min(length, PREVIEW_BYTES);
    if (type == Type.TEXT) {
      appendQuoted(sb, new String(data, offset, shown, StandardCharsets.UTF_8));
    } else {
      sb.append(' ');
      for (int i = 0; i < shown; i++) {
        int b = data[offset + i] & 0xff;
        sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xf, 16));
      }
    }
    if (shown < length) {
      sb.append("...");
    }
    return sb.toString();
  }

  private static void appendQuoted(StringBuilder sb, String s) {
    sb.append(" \"");
    for (int i = 0; i < s.length() && i < PREVIEW_BYTES; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }
}
