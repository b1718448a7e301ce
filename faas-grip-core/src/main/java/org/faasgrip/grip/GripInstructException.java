package org.faasgrip.grip;

import org.faasgrip.GripException;

/**
 * A GRIP instruction that cannot be written as a header: a channel name with a character the proxy would split
 * on, a value with a line break, a negative timeout, empty keep-alive data, and so on. The message says which
 * instruction and what is wrong.
 */
public class GripInstructException extends GripException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, and where
   */
  public GripInstructException(String message) {
    super(message);
  }
}
