package org.faasgrip.websocket;

import org.faasgrip.GripException;

/**
 * A request is not WebSocket-over-HTTP: its method is not {@code POST}, or its {@code Content-Type} is not
 * {@code application/websocket-events}. Handlers usually answer it with the JavaScript faas-grip library's
 * {@code 400 Not a WebSocket-over-HTTP request}.
 */
public class NotWebSocketRequestException extends GripException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception that says why the request is not WebSocket-over-HTTP.
   *
   * @param message what the request has instead, such as its method
   */
  public NotWebSocketRequestException(String message) {
    super(message);
  }
}
