package org.faasgrip.demo;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.net.URI;
import org.faasgrip.apigw.GripConnections;
import org.faasgrip.apigw.WebSocketApi;
import org.faasgrip.examples.apigw.PlainTextChat;
import org.faasgrip.function.Grip;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.localgateway.PayloadVersion;

/**
 * The demo's chat as a handler written for an API Gateway WebSocket API ({@link PlainTextChat}: events of type
 * {@code APIGatewayV2WebSocketEvent}, replies through the {@code @connections} API): the local gateway sends API
 * Gateway (payload 1.0) events to one function, which gives {@value DemoHandler#CHAT_PATH} to the chat through
 * {@link WebSocketApi} and everything else (pages, feed) to {@link DemoHandler}.
 */
final class ApiGwWebSocketPlatform implements Platform.Origin {
  private final LocalGateway gateway;

  private ApiGwWebSocketPlatform(LocalGateway gateway) {
    this.gateway = gateway;
  }

  static Platform.Origin start(Grip grip, boolean accessLog) {
    FaasGrip.install(grip); // the pages and the feed are DemoHandler's, on the shared instance
    try {
      return new ApiGwWebSocketPlatform(LocalGateway.builder()
          .handler(new Function(PlainTextChat.api(GripConnections.of(grip))))
          .payload(PayloadVersion.V1)
          .functionName("faas-grip-demo-apigw")
          .port(0)
          .accessLog(accessLog)
          .build()
          .start());
    } catch (RuntimeException e) {
      FaasGrip.install(null);
      throw e;
    }
  }

  /** The function: the chat's WebSocket API on its path, the demo's pages and feed elsewhere. */
  static final class Function implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final DemoHandler pages = new DemoHandler();
    private final WebSocketApi chat;

    Function(WebSocketApi chat) {
      this.chat = chat;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
      return DemoHandler.CHAT_PATH.equals(event.getPath()) ? chat.handle(event, context)
          : pages.handleRequest(event, context);
    }
  }

  @Override
  public URI uri() {
    return gateway.uri();
  }

  @Override
  public String describe() {
    return "local gateway " + gateway.uri().getAuthority() + " -> WebSocketApi (PlainTextChat on /chat), DemoHandler";
  }

  @Override
  public String name() {
    return "the local gateway";
  }

  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      FaasGrip.install(null);
    }
  }
}
