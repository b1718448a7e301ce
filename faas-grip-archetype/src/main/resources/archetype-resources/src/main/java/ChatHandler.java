package ${package};

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.faasgrip.GripException;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.lambda.LambdaWebSocketContext;
import org.faasgrip.publish.WebSocketMessageFormat;

/**
 * A chat room over WebSockets, on AWS Lambda behind an API Gateway REST API (payload 1.0) and a GRIP proxy
 * (Pushpin, Fastly Fanout). Every connection joins channel {@value #CHANNEL}; {@code /nick NAME} sets the
 * connection's nickname; any other message goes to every connection as {@code NAME: message}.
 *
 * <p>The proxy holds the sockets and sends each batch of a client's activity as one WebSocket-over-HTTP request,
 * so the loop below runs through the messages of this one request, not for the life of the connection. The
 * nickname lasts between requests because the proxy keeps it as connection meta and sends it back each time.
 *
 * <p>Configuration comes from the environment ({@code GRIP_URL}, {@code GRIP_VERIFY}; see template.yaml).
 */
public final class ChatHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  /** The channel every connection joins. */
  public static final String CHANNEL = "room";
  /** The longest nickname accepted. */
  public static final int MAX_NICK_LENGTH = 32;

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    try {
      LambdaWebSocketContext<APIGatewayProxyResponseEvent> ws = FaasGrip.lambdaGetWebSocket(event);
      if (ws.isOpening()) {
        ws.accept();                                    // OPEN back, and GRIP mode on
        ws.subscribe(CHANNEL);                          // needs GRIP mode: a client that bypassed the proxy gets 400
      }
      while (ws.canRecv()) {
        String message = ws.recv();
        if (message == null) {                          // the client closed, or went away
          ws.close();
          break;
        }
        if (message.startsWith("/nick ")) {
          String nick = message.substring("/nick ".length()).strip();
          if (isNickname(nick)) {
            ws.meta().put("nick", nick);                // kept by the proxy for this connection
            ws.send("nickname set to [" + nick + "]");  // to this client only
          } else {
            ws.send("a nickname is 1 to " + MAX_NICK_LENGTH + " characters, without control characters");
          }
        } else if (!message.isEmpty()) {
          String nick = ws.meta().getOrDefault("nick", "anonymous");
          FaasGrip.publish(CHANNEL, WebSocketMessageFormat.text(nick + ": " + message));   // to every connection
        }
      }
      return ws.toResponse();                           // 200, application/websocket-events
    } catch (GripException e) {
      // 400 not WebSocket-over-HTTP or not through a GRIP proxy, 403 no valid Grip-Sig, 500 a failed publish or a
      // malformed GRIP_URL; one line in the function's log says which
      return FaasGrip.errorResponse(e, event);
    }
  }

  /** Whether a nickname fits in connection meta: a header value, so one line, and short. */
  static boolean isNickname(String nick) {
    return !nick.isEmpty() && nick.length() <= MAX_NICK_LENGTH
        && nick.chars().noneMatch(Character::isISOControl);
  }
}
