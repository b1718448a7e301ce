package org.faasgrip.gcf;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.faasgrip.GripException;
import org.faasgrip.config.GripConfigException;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.lambda.LambdaGrip;
import org.faasgrip.lambda.NotFromProxyException;
import org.faasgrip.sig.GripSigException;
import org.faasgrip.websocket.NotWebSocketRequestException;
import org.faasgrip.websocket.WebSocketContext;
import org.faasgrip.websocket.WebSocketProtocolException;

/**
 * TEMPORARY stand-in for {@code org.faasgrip.function.Grip} until the neutral module lands: moves down, and
 * this file goes.
 */
public final class Grip {
  private static final Logger LOG = Logger.getLogger(Grip.class.getName());
  private final LambdaGrip lambda;

  private Grip(LambdaGrip lambda) {
    this.lambda = lambda;
  }

  /**
   * Reads the environment.
   *
   * @return the instance
   */
  public static Grip fromEnvironment() {
    return new Grip(LambdaGrip.fromEnvironment());
  }

  /**
   * No configuration.
   *
   * @return the instance
   */
  public static Grip errorsOnly() {
    return new Grip(LambdaGrip.builder().build());
  }

  /**
   * Wraps one.
   *
   * @param lambda the rules
   * @return the instance
   */
  public static Grip of(LambdaGrip lambda) {
    return new Grip(lambda);
  }

  /**
   * The rules.
   *
   * @return them
   */
  public LambdaGrip rules() {
    return lambda;
  }

  /**
   * A context.
   *
   * @param request the request
   * @return the context
   */
  public WebSocketContext webSocket(GripRequest request) {
    return lambda.webSocket(request);
  }

  /**
   * An error response.
   *
   * @param e the error
   * @return the response
   */
  public GripResponse errorResponse(GripException e) {
    LOG.log(Level.WARNING, e.getClass().getSimpleName() + ": " + e.getMessage());
    if (e instanceof NotWebSocketRequestException) {
      return text(400, "Not a WebSocket-over-HTTP request\n");
    }
    if (e instanceof WebSocketProtocolException) {
      return text(400, "Malformed WebSocket-over-HTTP body: " + e.getMessage() + "\n");
    }
    if (e instanceof GripSigException || e instanceof NotFromProxyException) {
      return text(403, "Forbidden: the request is not signed by the GRIP proxy\n");
    }
    if (e instanceof BodyTooLargeException) {
      return text(413, e.getMessage() + "\n");
    }
    if (e instanceof GripConfigException) {
      return text(500, "Internal Server Error\n");
    }
    return text(500, "Internal Server Error\n");
  }

  private static GripResponse text(int status, String body) {
    return GripResponse.builder().status(status).addHeader("Content-Type", "text/plain; charset=utf-8")
        .body(body).build();
  }
}
