package org.faasgrip.gcf;

import org.faasgrip.GripException;

/**
 * A request body larger than the function accepts (answered 413). Stands in for the neutral module's typed
 * exception until that module lands; moves down.
 */
public final class BodyTooLargeException extends GripException {
  private static final long serialVersionUID = 1L;

  BodyTooLargeException(long declared, int max) {
    super(declared >= 0
        ? "request body too large: Content-Length " + declared + " is over the limit of " + max + " bytes"
        : "request body too large: more than the limit of " + max + " bytes");
  }
}
