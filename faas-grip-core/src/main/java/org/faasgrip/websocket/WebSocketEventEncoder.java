package org.faasgrip.websocket;

import java.util.List;
import org.faasgrip.internal.Checks;
import org.faasgrip.GripException;

/**
 * Encodes events into a WebSocket-over-HTTP body: {@code TYPE\r\n} for an event without content,
 * {@code TYPE <length>\r\n<content>\r\n} otherwise, the length in lowercase hexadecimal without leading zeros.
 *
 * <p>The size of the body is computed first, so encoding makes one allocation and copies each content once.
 * Decoding what this writes gives back equal events.
 */
public final class WebSocketEventEncoder {
  private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

  private WebSocketEventEncoder() {}

  /**
   * Encodes events, in order, into a new body.
   *
   * @param events the events to write
   * @return the body bytes; empty for no events
   * @throws IllegalArgumentException if the body would exceed the largest Java array
   * @throws org.faasgrip.GripException if the list or one of its events is null
   */
  public static byte[] encode(List<WebSocketEvent> events) {
    Checks.notNull(events, "events");
    int n = events.size();
    long size = 0;
    for (int k = 0; k < n; k++) {
      WebSocketEvent e = events.get(k);
      if (e == null) {
        throw new GripException("events[" + k + "] is null");
      }
      size += encodedSize(e);
    }
    byte[] out = newBody(size);
    int at = 0;
    for (int k = 0; k < n; k++) {
      at = write(events.get(k), out, at);
    }
    return out;
  }

  /**
   * Returns how many bytes an event takes in a body.
   *
   * @param event the event
   * @return its encoded size in bytes
   */
  static int encodedSize(WebSocketEvent event) {
    return encodedSize(event.type(), event.contentLength());
  }

  /** Returns how many bytes an event of a type with {@code len} content bytes takes in a body. */
  static int encodedSize(WebSocketEvent.Type type, int len) {
    int size = type.wire.length + 2;
    if (len > 0) {
      size += 1 + hexDigits(len) + len + 2;
    }
    return size;
  }

  /** Returns the array for a body of {@code size} bytes, refusing one that no array could hold. */
  static byte[] newBody(long size) {
    // The VM's largest array is a few bytes short of Integer.MAX_VALUE.
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("encoded body would be " + size + " bytes, more than an array holds");
    }
    return new byte[(int) size];
  }

  private static int hexDigits(int value) {
    return (32 - Integer.numberOfLeadingZeros(value) + 3) >>> 2;
  }

  /** Writes an event at {@code at} and returns the offset after it. */
  static int write(WebSocketEvent e, byte[] out, int at) {
    return write(e.type(), e.array(), e.arrayOffset(), e.contentLength(), out, at);
  }

  /** Writes an event of a type with the content {@code data[off, off + len)}, and returns the offset after it. */
  static int write(WebSocketEvent.Type type, byte[] data, int off, int len, byte[] out, int at) {
    byte[] name = type.wire;
    System.arraycopy(name, 0, out, at, name.length);
    at += name.length;
    if (len > 0) {
      out[at++] = ' ';
      for (int shift = (hexDigits(len) - 1) << 2; shift >= 0; shift -= 4) {
        out[at++] = HEX[(len >>> shift) & 0xf];
      }
      out[at++] = '\r';
      out[at++] = '\n';
      System.arraycopy(data, off, out, at, len);
      at += len;
    }
    out[at++] = '\r';
    out[at++] = '\n';
    return at;
  }
}
