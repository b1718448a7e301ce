package org.faasgrip.testkit;

/**
 * The rig could not do what a test asked of Pushpin: it is not installed, did not start in time, or a wait
 * for subscribers ran out. The message says what happened and, where it helps, ends with the tail of
 * Pushpin's logs.
 */
public final class PushpinException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what went wrong.
   *
   * @param message what went wrong
   */
  public PushpinException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the failure that caused it.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public PushpinException(String message, Throwable cause) {
    super(message, cause);
  }
}
