package org.faasgrip.localgateway;

/**
 * A local gateway that cannot be built or started: an unknown handler class, a handler type Lambda could not
 * invoke either, a bad option, a port already taken. The message says which and why.
 */
public class LocalGatewayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what was wrong.
   *
   * @param message what was wrong, and where
   */
  public LocalGatewayException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the failure that caused it.
   *
   * @param message what was wrong, and where
   * @param cause the underlying failure
   */
  public LocalGatewayException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns {@code value}, or throws "NAME must not be null": the gateway's rule for null arguments. */
  static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new LocalGatewayException(name + " must not be null");
    }
    return value;
  }
}
