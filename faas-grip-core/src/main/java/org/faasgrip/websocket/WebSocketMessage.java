package org.faasgrip.websocket;

import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * One message received from the client, as {@link WebSocketContext#recvMessage()} returns it: a text or binary
 * message, or the end of the connection (the client's close frame, or a disconnect without one). Telling
 * them apart takes a {@link #type()} switch or an {@code isX()} call, never parsing.
 *
 * <p>Immutable. The content is a view of the request body, not a copy: {@link #bytes()} copies,
 * {@link #buffer()} does not.
 */
public final class WebSocketMessage {

  /** What kind of message this is. */
  public enum Type {
    /** A text message: {@link #text()} gives it. */
    TEXT,
    /** A binary message: {@link #bytes()} or {@link #buffer()} give it. */
    BINARY,
    /** The client closed the connection: {@link #closeCode()} and {@link #closeReason()} say how. */
    CLOSE,
    /** The client went away without a close handshake. */
    DISCONNECT
  }

  private final Type type;
  private final WebSocketEvent event;

  WebSocketMessage(Type type, WebSocketEvent event) {
    this.type = type;
    this.event = event;
  }

  /**
   * Returns the kind of message.
   *
   * @return the type
   */
  public Type type() {
    return type;
  }

  /**
   * Returns whether this is a text message.
   *
   * @return true for {@link Type#TEXT}
   */
  public boolean isText() {
    return type == Type.TEXT;
  }

  /**
   * Returns whether this is a binary message.
   *
   * @return true for {@link Type#BINARY}
   */
  public boolean isBinary() {
    return type == Type.BINARY;
  }

  /**
   * Returns whether the client closed the connection with a close frame.
   *
   * @return true for {@link Type#CLOSE}
   */
  public boolean isClose() {
    return type == Type.CLOSE;
  }

  /**
   * Returns whether the client went away without a close handshake.
   *
   * @return true for {@link Type#DISCONNECT}
   */
  public boolean isDisconnect() {
    return type == Type.DISCONNECT;
  }

  /**
   * Returns the text of a text message. Bytes that are not valid UTF-8 become U+FFFD; {@link #bytes()} keeps
   * them as sent.
   *
   * @return the text
   * @throws IllegalStateException if this is not a text message
   */
  public String text() {
    if (type != Type.TEXT) {
      throw new IllegalStateException("text() of a " + type + " message; check isText() first");
    }
    return event.text();
  }

  /**
   * Returns a copy of the message's bytes: UTF-8 for text, as sent for binary; empty for a close or disconnect.
   *
   * @return the bytes
   */
  public byte[] bytes() {
    return isData() ? event.content() : WebSocketEvent.EMPTY;
  }

  /**
   * Returns a read-only view of the message's bytes, without copying; empty for a close or disconnect.
   *
   * @return a new read-only buffer, position 0
   */
  public ByteBuffer buffer() {
    return isData() ? event.contentBuffer() : ByteBuffer.wrap(WebSocketEvent.EMPTY).asReadOnlyBuffer();
  }

  /**
   * Returns the close code the client sent.
   *
   * @return the code; empty unless this is a close that carries one
   */
  public OptionalInt closeCode() {
    return event.closeCode();
  }

  /**
   * Returns the close reason the client sent.
   *
   * @return the reason; empty unless this is a close that carries one
   */
  public String closeReason() {
    return event.closeReason();
  }

  WebSocketEvent event() {
    return event;
  }

  private boolean isData() {
    return type == Type.TEXT || type == Type.BINARY;
  }

  /**
   * Returns whether another object is a message of the same type and content.
   *
   * @param o the other object
   * @return true when equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof WebSocketMessage && type == ((WebSocketMessage) o).type
        && event.equals(((WebSocketMessage) o).event);
  }

  /**
   * Returns a hash of type and content.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return 31 * type.hashCode() + event.hashCode();
  }

  /**
   * Returns a short description, as {@link WebSocketEvent#toString()} gives it: never the whole of a large
   * message.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return event.toString();
  }
}
