package org.faasgrip.publish;

import org.faasgrip.GripException;

/**
 * An item or format that cannot be published: an empty channel, an item without a format, two formats of one
 * kind, a close code RFC 6455 does not allow, a header value with a line break, and so on. The message says
 * which value was wrong and why.
 */
public class InvalidItemException extends GripException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, and where
   */
  public InvalidItemException(String message) {
    super(message);
  }
}
