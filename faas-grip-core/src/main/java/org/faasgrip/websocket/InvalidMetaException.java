package org.faasgrip.websocket;

import org.faasgrip.grip.InvalidHeaderException;

/**
 * A connection meta entry cannot be sent: its name is not an HTTP token, or its value holds a line break or
 * another control character. Meta entries travel as {@code Set-Meta-<name>: <value>} response headers (and
 * come back as {@code Meta-<name>} request headers), so such an entry could inject headers; it is refused
 * where it is set, with the name and the position of the bad character. It is the meta kind of
 * {@link InvalidHeaderException}, which a handler can catch for both.
 */
public class InvalidMetaException extends InvalidHeaderException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception that says which meta entry is invalid and why.
   *
   * @param message the entry's name and the fault
   */
  public InvalidMetaException(String message) {
    super(message);
  }
}
