package org.faasgrip.localrun;

/**
 * A local run that cannot start: a bad option, or the client port already taken. The message says which and
 * what to do. (Pushpin that is missing or does not start is a {@link org.faasgrip.testkit.PushpinException}; a
 * handler that cannot be loaded, a {@link org.faasgrip.localgateway.LocalGatewayException}.)
 */
public class LocalRunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what was wrong.
   *
   * @param message what was wrong, and what to do
   */
  public LocalRunException(String message) {
    super(message);
  }
}
