package org.faasgrip.lambda;

import org.faasgrip.function.BadRequestException;

/**
 * A Lambda event that cannot be read: malformed JSON, a field of the wrong type, a body marked base64 that is
 * not, or JSON that is no HTTP event at all. The message names the field and, for JSON, the line and column.
 *
 * <p>A handler answers it with 400 ({@code Grip.errorResponse}); the stream handler base class does so itself.
 */
public final class LambdaEventException extends BadRequestException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception that says what was wrong with the event, and where.
   *
   * @param message what was wrong, and where
   */
  public LambdaEventException(String message) {
    super(message);
  }

  /**
   * Creates an exception that says what was wrong with the event, with the failure that revealed it.
   *
   * @param message what was wrong, and where
   * @param cause the underlying failure
   */
  public LambdaEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
