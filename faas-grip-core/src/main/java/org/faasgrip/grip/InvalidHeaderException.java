package org.faasgrip.grip;

import org.faasgrip.GripException;

/**
 * A header that HTTP cannot carry: a name that is not an HTTP token, or a value with CR, LF, NUL or another
 * control character (a tab is allowed). Written out, such a header could end the header line early and inject
 * headers of its own, or split the response; it is refused where it is added, with the header's name and the
 * position of the bad character, never its value.
 */
public class InvalidHeaderException extends GripException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception that says which header is invalid and why.
   *
   * @param message the header's name and the fault
   */
  public InvalidHeaderException(String message) {
    super(message);
  }
}
