package org.faasgrip;

/**
 * The root of every failure this library reports. Each family of failures has one subtype (a malformed
 * WebSocket-over-HTTP body, a bad configuration, a bad {@code Grip-Sig}, a failed publish), so that a handler
 * can catch exactly what it can answer, and turn the rest into a 4xx or 5xx.
 *
 * <p>Messages say what was wrong and where; they never contain a key, token or password.
 */
public class GripException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what was wrong.
   *
   * @param message what was wrong, and where
   */
  public GripException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the failure that caused it.
   *
   * @param message what was wrong, and where
   * @param cause the underlying failure
   */
  public GripException(String message, Throwable cause) {
    super(message, cause);
  }
}
