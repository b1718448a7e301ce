package org.faasgrip.function;

/**
 * A request body is larger than the platform or the adapter accepts. Adapters throw it when they stop reading a
 * body at their limit; {@link Grip#errorResponse(org.faasgrip.GripException)} answers it 413.
 */
public class BodyTooLargeException extends BadRequestException {
  private static final long serialVersionUID = 1L;

  /** The largest body accepted, in bytes. */
  private final long limit;

  /**
   * Creates an exception for a body over a limit.
   *
   * @param limit the largest body accepted, in bytes
   * @param where what was read, for the message, such as {@code "the request body"}
   */
  public BodyTooLargeException(long limit, String where) {
    super(where + " is larger than the limit of " + limit + " bytes");
    this.limit = limit;
  }

  /**
   * Returns the largest body accepted.
   *
   * @return the limit, in bytes
   */
  public long limit() {
    return limit;
  }
}
