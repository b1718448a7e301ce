package org.faasgrip.lambda;

import org.faasgrip.grip.GripRequest;
import org.faasgrip.websocket.WebSocketContext;

/**
 * A {@link WebSocketContext} that knows which Lambda platform its request came from, so that
 * {@link #toResponse()} returns that platform's response type: {@code APIGatewayProxyResponseEvent} for an API
 * Gateway REST API, {@code APIGatewayV2HTTPResponse} for an HTTP API or Function URL,
 * {@code ApplicationLoadBalancerResponseEvent} for an ALB, {@link LambdaJsonResponse} for a stream handler.
 *
 * <pre>{@code
 * var ws = FaasGrip.lambdaGetWebSocket(event);
 * if (ws.isOpening()) { ws.accept(); ws.subscribe("room"); }
 * ...
 * return ws.toResponse();
 * }</pre>
 *
 * <p>Like its parent it lives for one invocation and is not thread-safe.
 *
 * @param <R> the platform's response type
 */
public final class LambdaWebSocketContext<R> extends WebSocketContext {
  private final ResponseWriter<R> writer;

  LambdaWebSocketContext(GripRequest request, String channelPrefix, ResponseWriter<R> writer) {
    super(request, channelPrefix);
    this.writer = writer;
  }

  /**
   * Returns the response to this request in the platform's own type: status 200,
   * {@code Content-Type: application/websocket-events}, the outgoing events as a base64 body with
   * {@code isBase64Encoded: true}, and the {@code Set-Meta-*} and {@code Sec-WebSocket-Extensions} headers.
   *
   * @return the platform response
   */
  public R toResponse() {
    return writer.write(toGripResponse());
  }
}
