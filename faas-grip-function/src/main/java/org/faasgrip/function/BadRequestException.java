package org.faasgrip.function;

import org.faasgrip.GripException;

/**
 * The platform's request cannot be read as an HTTP request: a malformed event, a missing method, a body marked
 * base64 that is not. The message says what was wrong and where. {@link Grip#errorResponse(GripException)}
 * answers it 400 with the message, so it must not hold a secret.
 *
 * <p>Adapters throw it, or a subclass of their own (the Lambda adapter's {@code LambdaEventException}).
 */
public class BadRequestException extends GripException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception that says what was wrong with the request, and where.
   *
   * @param message what was wrong, and where
   */
  public BadRequestException(String message) {
    super(message);
  }

  /**
   * Creates an exception that says what was wrong with the request, with the failure that revealed it.
   *
   * @param message what was wrong, and where
   * @param cause the underlying failure
   */
  public BadRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
