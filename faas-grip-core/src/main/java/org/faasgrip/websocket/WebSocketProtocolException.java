package org.faasgrip.websocket;

import org.faasgrip.GripException;

/**
 * A WebSocket-over-HTTP body is malformed. The message names the byte offset and the fault, such as
 * {@code malformed WebSocket-over-HTTP body at byte 17: length 'zz' is not hexadecimal}; {@link #offset()}
 * gives the offset alone.
 *
 * <p>The offset counts from the start of the decoded range (the {@code offset} argument of
 * {@link WebSocketEventDecoder#decode(byte[], int, int)}), so it is the same whether or not the body sits at
 * the start of its array.
 */
public class WebSocketProtocolException extends GripException {
  private static final long serialVersionUID = 1L;

  /** The offset of the faulty byte from the start of the body. */
  private final int offset;

  /**
   * Creates an exception for a fault at a byte offset.
   *
   * @param offset the offset of the faulty byte from the start of the body
   * @param fault what is wrong there, without the offset
   */
  public WebSocketProtocolException(int offset, String fault) {
    super("malformed WebSocket-over-HTTP body at byte " + offset + ": " + fault);
    this.offset = offset;
  }

  /**
   * Returns the offset of the faulty byte from the start of the body.
   *
   * @return the byte offset
   */
  public int offset() {
    return offset;
  }
}
