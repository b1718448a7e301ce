package org.faasgrip.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.faasgrip.GripException;
import org.faasgrip.lambda.FaasGrip;

/**
 * The JavaScript faas-grip chat example behind an API Gateway HTTP API or a Lambda Function URL (payload 2.0), which pass
 * WebSocket-over-HTTP bodies base64-encoded without any setting.
 */
public final class ChatHttpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  /** Creates the handler; the Lambda runtime makes one per execution environment. */
  public ChatHttpApiHandler() {}

  /**
   * Handles one WebSocket-over-HTTP request.
   *
   * @param event the request
   * @param context the invocation's context
   * @return the events for the client; 400 {@code Not a WebSocket-over-HTTP request} for any other request
   */
  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    try {
      return Chat.handle(FaasGrip.lambdaGetWebSocket(event));
    } catch (GripException e) {
      // 400 "Not a WebSocket-over-HTTP request\n", 400 for a malformed body or a request that did not come through
      // a GRIP proxy (no GRIP mode to subscribe in), 403 for a bad Grip-Sig, 500 for a failed publish
      return FaasGrip.errorResponse(e, event);
    }
  }
}
