package org.faasgrip.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import java.util.concurrent.CompletableFuture;
import org.faasgrip.GripException;
import org.faasgrip.config.GripConfig;
import org.faasgrip.function.Grip;
import org.faasgrip.function.LazyGrip;
import org.faasgrip.function.NotFromProxyException;
import org.faasgrip.grip.GripInstruct;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.publish.Format;
import org.faasgrip.publish.Item;
import org.faasgrip.publisher.GripPublisher;

/**
 * FaaS GRIP for AWS Lambda: the entry point, with the names of the JavaScript library.
 *
 * <pre>{@code
 * public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
 *   try {
 *     LambdaWebSocketContext<APIGatewayProxyResponseEvent> ws = FaasGrip.lambdaGetWebSocket(event);
 *     if (ws.isOpening()) { ws.accept(); ws.subscribe("room"); }
 *     while (ws.canRecv()) {
 *       String message = ws.recv();
 *       if (message == null) { ws.close(); break; }
 *       FaasGrip.publish("room", WebSocketMessageFormat.text(message));
 *     }
 *     return ws.toResponse();
 *   } catch (GripException e) {
 *     return FaasGrip.errorResponse(e, event);      // 400 Not a WebSocket-over-HTTP request, ...
 *   }
 * }
 * }</pre>
 *
 * <p>The static methods use one {@link Grip} made from the environment ({@code GRIP_URL} or
 * {@code GRIP_PROXIES}, {@code GRIP_PREFIX}, {@code GRIP_VERIFY}) on first use and kept for every later
 * invocation of the warm function ({@link LazyGrip}: a malformed variable is kept too, and every call throws the
 * same {@code GripConfigException}, which {@code errorResponse} answers 500 with one log line naming the variable);
 * its publisher is made on the first publish. Every rule is that instance's:
 * these methods only turn Lambda events into requests and responses into Lambda's types.
 * {@link #with(GripConfig)} gives an instance of one's own; {@link #install(Grip)} replaces the shared one
 * (tests, benchmarks).
 *
 * <p>The overloads taking AWS event classes need aws-lambda-java-events on the compile class path. A
 * {@code RequestStreamHandler} without that library extends {@link GripStreamHandler}, and may still call
 * {@link #publish(String, Format...)} and the other methods whose names have no such overload.
 */
public final class FaasGrip {
  private static final Object LOCK = new Object();
  /** The shared instance, or the configuration error, made on first use. */
  private static volatile LazyGrip shared = LazyGrip.fromEnvironment();
  /** The Lambda view of {@link #shared}'s instance, once made. */
  private static volatile LambdaGrip view;

  private FaasGrip() {}

  /**
   * Returns the shared instance, reading the environment on the first call.
   *
   * @return the shared instance
   * @throws org.faasgrip.config.GripConfigException if a variable is malformed
   */
  public static Grip instance() {
    return lambda().grip();
  }

  private static LambdaGrip lambda() {
    LambdaGrip v = view;
    if (v == null) {
      synchronized (LOCK) {
        v = view;
        if (v == null) {
          v = LambdaGrip.of(shared.get()); // a malformed configuration: the same GripConfigException each time
          view = v;
        }
      }
    }
    return v;
  }

  /**
   * Replaces the shared instance that the static methods use, such as with one whose publishing is counted.
   * {@code null} forgets it, so that the next call reads the environment again.
   *
   * @param grip the instance, or null
   */
  public static void install(Grip grip) {
    synchronized (LOCK) {
      shared = grip == null ? LazyGrip.fromEnvironment() : LazyGrip.of(grip);
      view = grip == null ? null : LambdaGrip.of(grip);
    }
  }

  /**
   * Returns an instance for a configuration of one's own, with a publisher made from it on first publish.
   *
   * @param config the configuration
   * @return a new instance
   */
  public static Grip with(GripConfig config) {
    return Grip.builder().config(config).build();
  }

  /**
   * Returns an instance that publishes through a given publisher; its channel prefix and verify keys are those
   * of the environment.
   *
   * @param publisher the publisher
   * @return a new instance
   * @throws org.faasgrip.config.GripConfigException if a variable of the environment is malformed
   */
  public static Grip with(GripPublisher publisher) {
    return Grip.builder().config(GripConfig.fromEnvironment()).publisher(publisher).build();
  }

  // ---- WebSocket-over-HTTP -------------------------------------------------------------------------------

  /**
   * Reads an API Gateway REST API (payload 1.0) event as a WebSocket-over-HTTP request.
   *
   * @param event the event
   * @return the context; its {@code toResponse()} is an {@link APIGatewayProxyResponseEvent}
   * @throws org.faasgrip.websocket.NotWebSocketRequestException if the request is not WebSocket-over-HTTP (400)
   * @throws org.faasgrip.websocket.WebSocketProtocolException if its body is malformed (400)
   * @throws LambdaEventException if the event is unusable (400)
   * @throws NotFromProxyException if signatures are required and this one is missing or invalid (403)
   */
  public static LambdaWebSocketContext<APIGatewayProxyResponseEvent> lambdaGetWebSocket(
      APIGatewayProxyRequestEvent event) {
    return lambda().lambdaGetWebSocket(event);
  }

  /**
   * Reads an HTTP API or Function URL (payload 2.0) event as a WebSocket-over-HTTP request.
   *
   * @param event the event
   * @return the context; its {@code toResponse()} is an {@link APIGatewayV2HTTPResponse}
   * @throws org.faasgrip.websocket.NotWebSocketRequestException if the request is not WebSocket-over-HTTP (400)
   * @throws org.faasgrip.websocket.WebSocketProtocolException if its body is malformed (400)
   * @throws LambdaEventException if the event is unusable (400)
   * @throws NotFromProxyException if signatures are required and this one is missing or invalid (403)
   */
  public static LambdaWebSocketContext<APIGatewayV2HTTPResponse> lambdaGetWebSocket(APIGatewayV2HTTPEvent event) {
    return lambda().lambdaGetWebSocket(event);
  }

  /**
   * Reads an Application Load Balancer event as a WebSocket-over-HTTP request.
   *
   * @param event the event
   * @return the context; its {@code toResponse()} is an {@link ApplicationLoadBalancerResponseEvent}
   * @throws org.faasgrip.websocket.NotWebSocketRequestException if the request is not WebSocket-over-HTTP (400)
   * @throws org.faasgrip.websocket.WebSocketProtocolException if its body is malformed (400)
   * @throws LambdaEventException if the event is unusable (400)
   * @throws NotFromProxyException if signatures are required and this one is missing or invalid (403)
   */
  public static LambdaWebSocketContext<ApplicationLoadBalancerResponseEvent> lambdaGetWebSocket(
      ApplicationLoadBalancerRequestEvent event) {
    return lambda().lambdaGetWebSocket(event);
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
  public static LambdaWebSocketContext<LambdaJsonResponse> lambdaGetWebSocket(LambdaEvent event) {
    return lambda().lambdaGetWebSocket(event);
  }

  // ---- Grip-Sig ------------------------------------------------------------------------------------------

  /**
   * Tells whether an API Gateway REST API request carries a valid {@code Grip-Sig} of a configured proxy.
   *
   * @param event the event
   * @return true when the request came through the proxy
   */
  public static boolean isFromProxy(APIGatewayProxyRequestEvent event) {
    return lambda().isFromProxy(event);
  }

  /**
   * Tells whether an HTTP API or Function URL request carries a valid {@code Grip-Sig} of a configured proxy.
   *
   * @param event the event
   * @return true when the request came through the proxy
   */
  public static boolean isFromProxy(APIGatewayV2HTTPEvent event) {
    return lambda().isFromProxy(event);
  }

  /**
   * Tells whether an Application Load Balancer request carries a valid {@code Grip-Sig} of a configured proxy.
   *
   * @param event the event
   * @return true when the request came through the proxy
   */
  public static boolean isFromProxy(ApplicationLoadBalancerRequestEvent event) {
    return lambda().isFromProxy(event);
  }

  /**
   * Tells whether a stream handler's request carries a valid {@code Grip-Sig} of a configured proxy.
   *
   * @param event the event
   * @return true when the request came through the proxy
   */
  public static boolean isFromProxy(LambdaEvent event) {
    return lambda().isFromProxy(event);
  }

  // ---- HTTP streaming and long-polling -------------------------------------------------------------------

  /**
   * Builds a response that opens an HTTP stream on a channel ({@code Grip-Hold: stream}), with an initial body.
   *
   * @param channel the channel, without the prefix
   * @param initialBody the text the client receives first; may be empty
   * @return the response; write it with {@link LambdaResponses}
   * @throws org.faasgrip.grip.GripInstructException if the channel is not a valid channel name
   */
  public static GripResponse holdStream(String channel, String initialBody) {
    return instance().holdStream(channel, initialBody);
  }

  /**
   * Builds a long-polling response on a channel ({@code Grip-Hold: response}), released by the first publish or
   * after the timeout with the given body.
   *
   * @param channel the channel, without the prefix
   * @param timeoutSeconds how long the proxy holds the request
   * @param timeoutBody the text the client receives if nothing is published in time
   * @return the response; write it with {@link LambdaResponses}
   * @throws org.faasgrip.grip.GripInstructException if the channel or timeout is invalid
   */
  public static GripResponse holdResponse(String channel, int timeoutSeconds, String timeoutBody) {
    return instance().holdResponse(channel, timeoutSeconds, timeoutBody);
  }

  /**
   * Builds a response carrying any GRIP instructions (several channels, keep-alive, meta, links), with the
   * configured channel prefix applied.
   *
   * @param instruct the instructions
   * @param contentType the body's Content-Type
   * @param body the body text; null for none
   * @return the response; write it with {@link LambdaResponses}
   */
  public static GripResponse hold(GripInstruct instruct, String contentType, String body) {
    return instance().hold(instruct, contentType, body);
  }

  // ---- Errors --------------------------------------------------------------------------------------------

  /**
   * Answers a failure as an API Gateway REST API response, with {@link Grip#errorResponse(GripException)}'s
   * statuses: 400 for a request that is not WebSocket-over-HTTP (the text {@code Not a WebSocket-over-HTTP
   * request}), a malformed body or event, a control message on a request that did not come through a GRIP proxy
   * ({@link org.faasgrip.websocket.NotGripModeException}), 403 for a request not signed by the proxy, 413 for a body
   * too large, 500 for the rest (without details, which go to the log, once). It works even when the environment's
   * configuration is malformed, so that the handler can answer that failure too.
   *
   * @param error the failure
   * @param request the request that failed
   * @return the response
   */
  public static APIGatewayProxyResponseEvent errorResponse(GripException error, APIGatewayProxyRequestEvent request) {
    return LambdaResponses.toApiGateway(answer(error));
  }

  /**
   * Answers a failure as an HTTP API or Function URL response, with the statuses of
   * {@link #errorResponse(GripException, APIGatewayProxyRequestEvent)}.
   *
   * @param error the failure
   * @param request the request that failed
   * @return the response
   */
  public static APIGatewayV2HTTPResponse errorResponse(GripException error, APIGatewayV2HTTPEvent request) {
    return LambdaResponses.toV2(answer(error));
  }

  /**
   * Answers a failure as an Application Load Balancer response, in the request's header form, with the statuses
   * of {@link #errorResponse(GripException, APIGatewayProxyRequestEvent)}.
   *
   * @param error the failure
   * @param request the request that failed
   * @return the response
   */
  public static ApplicationLoadBalancerResponseEvent errorResponse(
      GripException error, ApplicationLoadBalancerRequestEvent request) {
    return LambdaResponses.toAlb(answer(error), request);
  }

  /**
   * Answers a failure as a stream handler's response JSON in the event's shape, with the statuses of
   * {@link #errorResponse(GripException, APIGatewayProxyRequestEvent)}.
   *
   * @param error the failure
   * @param request the event that failed
   * @return the response JSON
   */
  public static LambdaJsonResponse errorResponse(GripException error, LambdaEvent request) {
    return Args.event(request, "request").respond(answer(error));
  }

  /** The answer, logged through the shared instance's logger, or the JDK's when there is none (yet). */
  private static GripResponse answer(GripException error) {
    return shared.errorResponse(error);
  }

  // ---- Publishing ----------------------------------------------------------------------------------------

  /**
   * Returns the shared instance's publisher, made from the environment on first use.
   *
   * @return the publisher
   * @throws IllegalStateException if the installed instance publishes through a function instead
   */
  public static GripPublisher publisher() {
    return instance().publisher();
  }

  /**
   * Publishes formats on a channel to every configured proxy and waits until they have accepted it.
   *
   * @param channel the channel, without the prefix
   * @param formats one or more formats
   * @throws GripException if a proxy did not accept the item, or the item is invalid
   */
  public static void publish(String channel, Format... formats) {
    instance().publish(channel, formats);
  }

  /**
   * Publishes one format on a channel to every configured proxy and waits until they have accepted it: the
   * usual publish, without the array that {@link #publish(String, Format...)} takes.
   *
   * @param channel the channel, without the prefix
   * @param format the format
   * @throws GripException if a proxy did not accept the item, or the item is invalid
   */
  public static void publish(String channel, Format format) {
    instance().publish(channel, format);
  }

  /**
   * Publishes an item to every configured proxy and waits until they have accepted it.
   *
   * @param item the item
   * @throws GripException if a proxy did not accept the item
   */
  public static void publish(Item item) {
    instance().publish(item);
  }

  /**
   * Publishes formats on a channel without waiting.
   *
   * @param channel the channel, without the prefix
   * @param formats one or more formats
   * @return a future that completes when every proxy has accepted the item
   */
  public static CompletableFuture<Void> publishAsync(String channel, Format... formats) {
    return instance().publishAsync(channel, formats);
  }

  /**
   * Publishes one format on a channel without waiting, without the array that
   * {@link #publishAsync(String, Format...)} takes.
   *
   * @param channel the channel, without the prefix
   * @param format the format
   * @return a future that completes when every proxy has accepted the item
   */
  public static CompletableFuture<Void> publishAsync(String channel, Format format) {
    return instance().publishAsync(channel, format);
  }

  /**
   * Publishes an item without waiting.
   *
   * @param item the item
   * @return a future that completes when every proxy has accepted the item
   */
  public static CompletableFuture<Void> publishAsync(Item item) {
    return instance().publishAsync(Args.require(item, "item"));
  }
}
