package org.faasgrip.grip;

import org.faasgrip.GripException;

/**
 * A GRIP request header that the proxy would not have written, such as a {@code Grip-Last} entry without
 * {@code last-id}, or one over the library's bounds. The message names the header and the fault and, for a long
 * value, the position, never more than a short printable part of the value. A function answers it with 400.
 */
public class GripHeaderException extends GripException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the header and what was wrong
   */
  public GripHeaderException(String message) {
    super(message);
  }
}
