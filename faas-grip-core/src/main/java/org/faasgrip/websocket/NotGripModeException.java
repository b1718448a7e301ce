package org.faasgrip.websocket;

import org.faasgrip.GripException;

/**
 * A handler sent a GRIP control message (subscribe, unsubscribe, detach, keep-alive, set-meta, session,
 * send-delayed, flush-delayed) on a connection that is not in GRIP mode: the request came without
 * {@code Sec-WebSocket-Extensions: grip}, so it did not come through a GRIP proxy that offers GRIP mode (a client
 * or a tool that called the function directly, or a proxy route that is not WebSocket-over-HTTP). Without GRIP
 * mode the proxy would pass the control message to the client as text, so none is written.
 *
 * <p>It is the client's request that is wrong, not the function: {@code Grip.errorResponse} answers it 400 with
 * the message, and logs one line. A handler that should also serve such clients checks
 * {@link WebSocketContext#isGrip()} before sending control messages.
 */
public class NotGripModeException extends GripException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception that says which call needed GRIP mode and what to do.
   *
   * @param message the call, why it needs GRIP mode, and what to change
   */
  public NotGripModeException(String message) {
    super(message);
  }
}
