package org.faasgrip.docs;

// tag::readme-handler[]
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.faasgrip.GripException;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.lambda.LambdaWebSocketContext;
import org.faasgrip.publish.WebSocketMessageFormat;

// end::readme-handler[]
/** The README's handler: a chat room of every client, in twenty lines. */
// tag::readme-handler[]
public final class ReadmeChat implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  // end::readme-handler[]
  /** Creates the handler; the Lambda runtime makes one per execution environment. */
  public ReadmeChat() {}

  // tag::readme-handler[]
  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    try {
      LambdaWebSocketContext<APIGatewayProxyResponseEvent> ws = FaasGrip.lambdaGetWebSocket(event);
      if (ws.isOpening()) {
        ws.accept();                                    // OPEN back, and GRIP mode on
        ws.subscribe("room");                           // c:{"type":"subscribe","channel":"room"}
      }
      while (ws.canRecv()) {
        String message = ws.recv();
        if (message == null) {                          // the client closed, or went away
          ws.close();
          break;
        }
        FaasGrip.publish("room", WebSocketMessageFormat.text(message));   // to every subscriber, via the proxy
      }
      return ws.toResponse();                           // 200, application/websocket-events
    } catch (GripException e) {
      // 400 not WebSocket-over-HTTP or not through a GRIP proxy, 403 bad Grip-Sig, 500 publish or GRIP_URL failed
      return FaasGrip.errorResponse(e, event);          // and one line in the function's log, never a key
    }
  }
}
// end::readme-handler[]
