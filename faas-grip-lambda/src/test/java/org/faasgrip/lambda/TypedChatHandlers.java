package org.faasgrip.lambda;

import org.faasgrip.function.Grip;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import org.faasgrip.GripException;
import org.faasgrip.publish.WebSocketMessageFormat;

/** The JavaScript faas-grip library's chat handler written against each AWS event type, as a user of the typed API would. */
final class TypedChatHandlers {
  private TypedChatHandlers() {}

  static <R> R chat(LambdaWebSocketContext<R> ws, Grip grip) {
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
        String nick = message.substring(6);
        ws.meta().put("nick", nick);
        ws.send("nickname set to [" + nick + "]");
      } else {
        grip.publish("room", WebSocketMessageFormat.text(ws.meta().getOrDefault("nick", "anonymous") + ": " + message));
      }
    }
    return ws.toResponse();
  }

  /** API Gateway REST API. */
  static final class Rest implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final Grip grip;

    Rest(Grip grip) {
      this.grip = grip;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
      if ("GET".equals(event.getHttpMethod()) && "/stream".equals(event.getPath())) {
        return LambdaResponses.toApiGateway(grip.holdStream("news", "stream opened\n"));
      }
      try {
        return chat(LambdaGrip.of(grip).lambdaGetWebSocket(event), grip);
      } catch (GripException e) {
        return FaasGrip.errorResponse(e, event);
      }
    }
  }

  /** HTTP API or Function URL. */
  static final class HttpApi implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Grip grip;

    HttpApi(Grip grip) {
      this.grip = grip;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
      if ("/stream".equals(event.getRawPath())) {
        return LambdaResponses.toV2(grip.holdStream("news", "stream opened\n"));
      }
      try {
        return chat(LambdaGrip.of(grip).lambdaGetWebSocket(event), grip);
      } catch (GripException e) {
        return FaasGrip.errorResponse(e, event);
      }
    }
  }

  /** Application Load Balancer. */
  static final class Alb
      implements RequestHandler<ApplicationLoadBalancerRequestEvent, ApplicationLoadBalancerResponseEvent> {
    private final Grip grip;

    Alb(Grip grip) {
      this.grip = grip;
    }

    @Override
    public ApplicationLoadBalancerResponseEvent handleRequest(ApplicationLoadBalancerRequestEvent event,
        Context context) {
      if ("/stream".equals(event.getPath())) {
        return LambdaResponses.toAlb(grip.holdStream("news", "stream opened\n"), event);
      }
      try {
        return chat(LambdaGrip.of(grip).lambdaGetWebSocket(event), grip);
      } catch (GripException e) {
        return FaasGrip.errorResponse(e, event);
      }
    }
  }
}
