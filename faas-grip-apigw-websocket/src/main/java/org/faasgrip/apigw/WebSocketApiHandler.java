package org.faasgrip.apigw;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * The Lambda function that stands where an API Gateway WebSocket API's integration stood: it takes the GRIP
 * proxy's WebSocket-over-HTTP requests from an HTTP API route or a Function URL (payload 2.0, which passes the
 * binary bodies base64-encoded without any setting) and runs them through a {@link WebSocketApi}. Extend it with a
 * public no-argument constructor, which Lambda calls once per execution environment:
 *
 * <pre>{@code
 * public final class ChatFunction extends WebSocketApiHandler {
 *   private static final GripConnections CONNECTIONS = GripConnections.fromEnvironment();
 *
 *   public ChatFunction() {
 *     super(WebSocketApi.builder(CONNECTIONS).route("sendmessage").handler(new ChatHandler(CONNECTIONS)).build());
 *   }
 * }
 * }</pre>
 *
 * <p>Behind an API Gateway REST API instead, call {@link WebSocketApi#handle(
 * com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent, Context)} from a
 * {@code RequestHandler} of that event type.
 */
public abstract class WebSocketApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final WebSocketApi api;

  /**
   * Creates the function around an API.
   *
   * @param api the routes and their handlers
   */
  protected WebSocketApiHandler(WebSocketApi api) {
    this.api = GripConnections.Args.notNull(api, "api");
  }

  /**
   * Answers one WebSocket-over-HTTP request: {@link WebSocketApi#handle(APIGatewayV2HTTPEvent, Context)}.
   *
   * @param event the request
   * @param context the invocation's context, passed on to the route handlers
   * @return the answer for the proxy
   */
  @Override
  public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return api.handle(event, context);
  }

  /**
   * Returns the API this function runs.
   *
   * @return the API
   */
  protected final WebSocketApi api() {
    return api;
  }
}
