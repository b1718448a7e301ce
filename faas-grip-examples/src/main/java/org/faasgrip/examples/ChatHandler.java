package org.faasgrip.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.faasgrip.GripException;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.lambda.LambdaWebSocketContext;

/**
 * The JavaScript faas-grip chat example behind an API Gateway REST API (payload 1.0). The API must list
 * {@code application/websocket-events} among its binary media types.
 */
public final class ChatHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  /** Creates the handler; the Lambda runtime makes one per execution environment. */
  public ChatHandler() {}

  /**
   * Handles one WebSocket-over-HTTP request.
   *
   * @param event the request
   * @param context the invocation's context
   * @return the events for the client; 400 {@code Not a WebSocket-over-HTTP request} for any other request
   */
  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    LambdaWebSocketContext<APIGatewayProxyResponseEvent> ws;
    try {
      ws = FaasGrip.lambdaGetWebSocket(event);
    } catch (GripException e) {
      // 400 "Not a WebSocket-over-HTTP request\n", 400 for a malformed body, 403 for a bad Grip-Sig
      return FaasGrip.errorResponse(e, event);
    }
    return Chat.handle(ws);
  }
}
