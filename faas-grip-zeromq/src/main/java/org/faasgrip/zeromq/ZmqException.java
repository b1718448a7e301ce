package org.faasgrip.zeromq;

import org.faasgrip.GripException;

/**
 * A ZeroMQ endpoint that could not be used (a bad or taken address), a closed publisher or tracker, or a wait
 * for subscribers that timed out. The message names the endpoint or channel and what went wrong.
 */
public final class ZmqException extends GripException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception that says what went wrong.
   *
   * @param message what went wrong, and where
   */
  public ZmqException(String message) {
    super(message);
  }

  /**
   * Creates an exception with the failure that caused it.
   *
   * @param message what went wrong, and where
   * @param cause the underlying failure
   */
  public ZmqException(String message, Throwable cause) {
    super(message, cause);
  }
}
