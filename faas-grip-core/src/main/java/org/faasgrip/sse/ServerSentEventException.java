package org.faasgrip.sse;

import org.faasgrip.GripException;

/**
 * A Server-Sent Event that cannot be written so that {@code EventSource} reads it back as given: a line break in
 * an event name, id or comment, NUL in an id, a UTF-16 surrogate without its pair, a negative retry, or an event
 * name without data. The message names the field and the position of the fault.
 */
public class ServerSentEventException extends GripException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the field and what was wrong
   */
  public ServerSentEventException(String message) {
    super(message);
  }
}
