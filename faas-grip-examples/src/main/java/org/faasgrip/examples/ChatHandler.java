package org.faasgrip.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.faasgrip.GripException;
import org.faasgrip.lambda.FaasGrip;

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
    try {
      return Chat.handle(FaasGrip.lambdaGetWebSocket(event));
    } catch (GripException e) {
      // 400 "Not a WebSocket-over-HTTP request\n", 400 for a malformed body or a request that did not come through
      // a GRIP proxy (no GRIP mode to subscribe in), 403 for a bad Grip-Sig, 500 for a failed publish
      return FaasGrip.errorResponse(e, event);
    }
  }
}
