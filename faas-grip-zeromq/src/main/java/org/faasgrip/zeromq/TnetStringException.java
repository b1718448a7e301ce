package org.faasgrip.zeromq;

import org.faasgrip.GripException;

/**
 * Bytes that are not a valid tnetstring, or that go past the decoder's bounds. The message says what was wrong
 * and at which byte; {@link #offset()} gives that byte's offset from the start of the input.
 */
public final class TnetStringException extends GripException {
  private static final long serialVersionUID = 1L;

  /** The offset of the byte where the input went wrong. */
  private final int offset;

  /**
   * Creates an exception for bad input at a byte offset.
   *
   * @param what what was wrong
   * @param offset the offset of the byte where it was seen, from the start of the input
   */
  public TnetStringException(String what, int offset) {
    super("Bad tnetstring: " + what + " at byte " + offset);
    this.offset = offset;
  }

  /**
   * The offset of the byte where the input went wrong, from the start of the input.
   *
   * @return the offset, 0 or more
   */
  public int offset() {
    return offset;
  }
}
