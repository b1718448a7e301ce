package org.faasgrip.lambda;

import org.faasgrip.GripException;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.sig.GripSigException;
import org.faasgrip.websocket.NotWebSocketRequestException;
import org.faasgrip.websocket.WebSocketProtocolException;

/**
 * The answer to each family of failure, as a plain-text response. Client faults (400, 403) say what was wrong;
 * server faults (500) say nothing more, since their details belong in the log, not in the answer.
 */
final class ErrorResponses {
  /** The seed's answer to a request that is not WebSocket-over-HTTP, word for word. */
  static final String NOT_WEBSOCKET = "Not a WebSocket-over-HTTP request\n";

  private ErrorResponses() {}

  static GripResponse of(GripException e) {
    if (e instanceof NotWebSocketRequestException) {
      return text(400, NOT_WEBSOCKET);
    }
    if (e instanceof WebSocketProtocolException) {
      return text(400, "Malformed WebSocket-over-HTTP body: " + e.getMessage() + "\n");
    }
    if (e instanceof LambdaEventException) {
      return text(400, "Bad request: " + e.getMessage() + "\n");
    }
    if (e instanceof GripSigException) {
      return text(403, "Forbidden: the request is not signed by the GRIP proxy\n");
    }
    return text(500, "Internal Server Error\n");
  }

  static GripResponse text(int status, String body) {
    return GripResponse.builder()
        .status(status)
        .addHeader("Content-Type", "text/plain; charset=utf-8")
        .body(body)
        .build();
  }
}
