package org.faasgrip.localrun;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.faasgrip.GripException;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.lambda.LambdaWebSocketContext;
import org.faasgrip.publish.WebSocketMessageFormat;

/**
 * The chat of the JavaScript faas-grip library's example, as a user's project would have it: {@code /nick NAME}
 * answers the sender alone, any other message goes to channel {@code room} as {@code NAME: message}. Public with
 * a public constructor, so that {@code --handler org.faasgrip.localrun.TestChat} loads it.
 */
public final class TestChat implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    LambdaWebSocketContext<APIGatewayProxyResponseEvent> ws;
    try {
      ws = FaasGrip.lambdaGetWebSocket(event);
    } catch (GripException e) {
      return FaasGrip.errorResponse(e, event);
    }
    if (ws.isOpening()) {
      ws.accept();
      ws.subscribe("room");
    }
    while (ws.canRecv()) {
      String message = ws.recv();
      if (message == null) {
        ws.close();
        break;
      }
      if (message.startsWith("/nick ")) {
        ws.meta().put("nick", message.substring(6));
        ws.send("nickname set to [" + message.substring(6) + "]");
      } else if (!message.isEmpty()) { // Java 17 clients' handshakes can make Pushpin pass an empty message
        FaasGrip.publish("room", WebSocketMessageFormat.text(ws.meta().getOrDefault("nick", "anonymous") + ": "
            + message));
      }
    }
    return ws.toResponse();
  }
}
