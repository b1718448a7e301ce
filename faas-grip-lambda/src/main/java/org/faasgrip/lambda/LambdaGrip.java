package org.faasgrip.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import org.faasgrip.function.Grip;
import org.faasgrip.function.NotFromProxyException;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;

/**
 * A {@link Grip} that reads Lambda events: the instance behind {@link FaasGrip}'s static methods, and for handlers
 * that wire their own configuration or publisher ({@code LambdaGrip.of(Grip.builder()...build())}). Every rule
 * (the {@code Grip-Sig} policy, the channel prefix, publishing, the answers to failures) is the {@link Grip}'s;
 * this class only turns each event type into a request and hands back a context whose {@code toResponse()} has
 * the event's response type. Thread-safe.
 *
 * <p>The overloads that take AWS event classes need aws-lambda-java-events on the compile class path (javac
 * needs every overload's parameter types to choose among methods of the same name). At run time the AWS event
 * classes are loaded only by the overloads that take them: a {@link GripStreamHandler} runs without the library.
 */
public final class LambdaGrip {
  private final Grip grip;

  private LambdaGrip(Grip grip) {
    this.grip = grip;
  }

  /**
   * Returns the Lambda view of an instance.
   *
   * @param grip the instance: configuration, publisher, signature policy, logger
   * @return the view
   */
  public static LambdaGrip of(Grip grip) {
    return new LambdaGrip(Args.require(grip, "grip"));
  }

  /**
   * Reads the configuration from the process environment, as {@link Grip#fromEnvironment()} does.
   *
   * @return the instance
   * @throws org.faasgrip.config.GripConfigException if a variable is malformed
   */
  public static LambdaGrip fromEnvironment() {
    return of(Grip.fromEnvironment());
  }

  /**
   * Returns the instance whose rules this one applies: for publishing, hold responses and error responses.
   *
   * @return the instance
   */
  public Grip grip() {
    return grip;
  }

  /**
   * Reads an API Gateway REST API (payload 1.0) event as a WebSocket-over-HTTP request.
   *
   * @param event the event
   * @return the context; its {@code toResponse()} is an {@link APIGatewayProxyResponseEvent}
   * @throws org.faasgrip.websocket.NotWebSocketRequestException if the request is not WebSocket-over-HTTP (400)
   * @throws org.faasgrip.websocket.WebSocketProtocolException if its body is malformed (400)
   * @throws LambdaEventException if the event lacks its method or has a body marked base64 that is not (400)
   * @throws NotFromProxyException if signatures are required and this one is missing or invalid (403)
   */
  public LambdaWebSocketContext<APIGatewayProxyResponseEvent> lambdaGetWebSocket(APIGatewayProxyRequestEvent event) {
    return grip.webSocket(RestEvents.toRequest(event), RestEvents.WRITER);
  }

  /**
   * Reads an HTTP API or Function URL (payload 2.0) event as a WebSocket-over-HTTP request.
   *
   * @param event the event
   * @return the context; its {@code toResponse()} is an {@link APIGatewayV2HTTPResponse}
   * @throws org.faasgrip.websocket.NotWebSocketRequestException if the request is not WebSocket-over-HTTP (400)
   * @throws org.faasgrip.websocket.WebSocketProtocolException if its body is malformed (400)
   * @throws LambdaEventException if the event lacks its method or has a body marked base64 that is not (400)
   * @throws NotFromProxyException if signatures are required and this one is missing or invalid (403)
   */
  public LambdaWebSocketContext<APIGatewayV2HTTPResponse> lambdaGetWebSocket(APIGatewayV2HTTPEvent event) {
    return grip.webSocket(HttpApiEvents.toRequest(event), HttpApiEvents.WRITER);
  }

  /**
   * Reads an Application Load Balancer event as a WebSocket-over-HTTP request. The response uses the header form
   * of the request ({@code multiValueHeaders} when the target group enables them).
   *
   * @param event the event
   * @return the context; its {@code toResponse()} is an {@link ApplicationLoadBalancerResponseEvent}
   * @throws org.faasgrip.websocket.NotWebSocketRequestException if the request is not WebSocket-over-HTTP (400)
   * @throws org.faasgrip.websocket.WebSocketProtocolException if its body is malformed (400)
   * @throws LambdaEventException if the event lacks its method or has a body marked base64 that is not (400)
   * @throws NotFromProxyException if signatures are required and this one is missing or invalid (403)
   */
  public LambdaWebSocketContext<ApplicationLoadBalancerResponseEvent> lambdaGetWebSocket(
      ApplicationLoadBalancerRequestEvent event) {
    return grip.webSocket(AlbEvents.toRequest(event), AlbEvents.writerFor(event));
  }

  /**
   * Reads a stream handler's event as a WebSocket-over-HTTP request.
   *
   * @param event the event, from {@link LambdaEvent#parse(java.io.InputStream)}
   * @return the context; its {@code toResponse()} is the response JSON in the event's shape
   * @throws org.faasgrip.websocket.NotWebSocketRequestException if the request is not WebSocket-over-HTTP (400)
   * @throws org.faasgrip.websocket.WebSocketProtocolException if its body is malformed (400)
   * @throws NotFromProxyException if signatures are required and this one is missing or invalid (403)
   */
  public LambdaWebSocketContext<LambdaJsonResponse> lambdaGetWebSocket(LambdaEvent event) {
    return grip.webSocket(Args.event(event, "event").request(), event.writer());
  }

  /**
   * Reads a platform-neutral request as WebSocket-over-HTTP, for callers (and tests) that built the request
   * themselves, with the same code that takes the events.
   *
   * @param request the request
   * @return the context; its {@code toResponse()} is the core's {@link GripResponse}
   * @throws org.faasgrip.websocket.NotWebSocketRequestException if the request is not WebSocket-over-HTTP (400)
   * @throws org.faasgrip.websocket.WebSocketProtocolException if its body is malformed (400)
   * @throws NotFromProxyException if signatures are required and this one is missing or invalid (403)
   */
  public LambdaWebSocketContext<GripResponse> webSocket(GripRequest request) {
    return grip.webSocket(Args.event(request, "request"), Identity.INSTANCE);
  }

  private static final class Identity implements ResponseWriter<GripResponse> {
    static final Identity INSTANCE = new Identity();

    @Override
    public GripResponse write(GripResponse response) {
      return response;
    }
  }

  /**
   * Tells whether an API Gateway REST API request came through the GRIP proxy ({@link Grip#isFromProxy}).
   *
   * @param event the event
   * @return true when the request is signed by a configured proxy
   * @throws LambdaEventException if the event is null or has no method
   */
  public boolean isFromProxy(APIGatewayProxyRequestEvent event) {
    return grip.isFromProxy(RestEvents.toRequest(event));
  }

  /**
   * Tells whether an HTTP API or Function URL request came through the GRIP proxy.
   *
   * @param event the event
   * @return true when the request is signed by a configured proxy
   * @throws LambdaEventException if the event is null or has no method
   */
  public boolean isFromProxy(APIGatewayV2HTTPEvent event) {
    return grip.isFromProxy(HttpApiEvents.toRequest(event));
  }

  /**
   * Tells whether an Application Load Balancer request came through the GRIP proxy.
   *
   * @param event the event
   * @return true when the request is signed by a configured proxy
   * @throws LambdaEventException if the event is null or has no method
   */
  public boolean isFromProxy(ApplicationLoadBalancerRequestEvent event) {
    return grip.isFromProxy(AlbEvents.toRequest(event));
  }

  /**
   * Tells whether a stream handler's request came through the GRIP proxy.
   *
   * @param event the event
   * @return true when the request is signed by a configured proxy
   */
  public boolean isFromProxy(LambdaEvent event) {
    return grip.isFromProxy(Args.event(event, "event").request());
  }

  /**
   * Describes the instance: its configuration (without keys) and whether signatures are required.
   *
   * @return a short description
   */
  @Override
  public String toString() {
    return "LambdaGrip{" + grip + "}";
  }
}
