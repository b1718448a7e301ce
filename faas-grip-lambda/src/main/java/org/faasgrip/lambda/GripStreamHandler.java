package org.faasgrip.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.faasgrip.GripException;
import org.faasgrip.function.Grip;
import org.faasgrip.function.GripLogger;
import org.faasgrip.function.NotFromProxyException;
import org.faasgrip.grip.GripResponse;

/**
 * A Lambda handler for the shortest cold start: it reads the raw event JSON with a streaming parser, without
 * reflection and without the AWS event classes (aws-lambda-java-events need not be on the class path), finds
 * out from its fields whether it came from an API Gateway REST API, an HTTP API or Function URL, or an ALB, and
 * writes the response JSON in the same shape.
 *
 * <pre>{@code
 * public final class Chat extends GripStreamHandler {
 *   protected LambdaJsonResponse handle(LambdaEvent event, Context context) {
 *     var ws = webSocket(event);                  // NotWebSocketRequestException: answered 400 by the base class
 *     if (ws.isOpening()) { ws.accept(); ws.subscribe("room"); }
 *     while (ws.canRecv()) { ... FaasGrip.publish("room", WebSocketMessageFormat.text(message)); }
 *     return ws.toResponse();
 *   }
 * }
 * }</pre>
 *
 * <p>Failures of the library's own types thrown by {@link #handle} are answered for the handler, in the event's
 * shape, by {@link Grip#errorResponse(GripException, GripLogger)}: 400 for an event that is not valid JSON or no
 * HTTP event, for a request that is not WebSocket-over-HTTP ({@code Not a WebSocket-over-HTTP request}) and for
 * a malformed body; 403 for a request not signed by the proxy when signatures are required; 500 for the rest.
 * The answer carries a one-line reason, never a stack trace; one line goes to the invocation's
 * {@code LambdaLogger}. Other exceptions propagate to the Lambda runtime.
 */
public abstract class GripStreamHandler implements RequestStreamHandler {

  /** Creates the handler; the Lambda runtime makes one per execution environment. */
  protected GripStreamHandler() {}

  /**
   * Handles one event: reads it, calls {@link #handle}, writes the response. Not to be overridden.
   *
   * @param input the event JSON
   * @param output where the response JSON goes
   * @param context the invocation's context; may be null in tests
   * @throws IOException when the input or output stream fails
   */
  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    LambdaEvent event;
    try {
      event = LambdaEvent.parse(input);
    } catch (LambdaEventException e) {
      // The shape is unknown; the REST shape is the one every HTTP integration accepts.
      LambdaJsonWriter.write(Grip.errorResponse(e, logger(context)), EventFormat.API_GATEWAY_REST, false)
          .writeTo(output);
      return;
    }
    LambdaJsonResponse response;
    try {
      response = handle(event, context);
      if (response == null) {
        throw new IllegalStateException(getClass().getName() + ".handle returned null");
      }
    } catch (GripException e) {
      response = event.respond(Grip.errorResponse(e, logger(context)));
    }
    response.writeTo(output);
  }

  /**
   * Handles one request. Use {@link #webSocket(LambdaEvent)} to read it as WebSocket-over-HTTP, and
   * {@link #respond(LambdaEvent, GripResponse)} for other responses, such as a hold for HTTP streaming.
   *
   * @param event the event: its format and request
   * @param context the invocation's context; may be null in tests
   * @return the response JSON, from {@code ws.toResponse()} or {@link #respond}
   */
  protected abstract LambdaJsonResponse handle(LambdaEvent event, Context context);

  /**
   * Returns the FaaS GRIP instance this handler uses: the shared one made from the environment, unless
   * overridden to wire one's own configuration or publisher.
   *
   * @return the instance
   */
  protected Grip grip() {
    return FaasGrip.instance();
  }

  /**
   * Reads the event as a WebSocket-over-HTTP request.
   *
   * @param event the event
   * @return the context; its {@code toResponse()} is the response JSON in the event's shape
   * @throws org.faasgrip.websocket.NotWebSocketRequestException if the request is not WebSocket-over-HTTP
   * @throws org.faasgrip.websocket.WebSocketProtocolException if its body is malformed
   * @throws NotFromProxyException if signatures are required and this one is missing or invalid
   */
  protected final LambdaWebSocketContext<LambdaJsonResponse> webSocket(LambdaEvent event) {
    return grip().webSocket(Args.event(event, "event").request(), event.writer());
  }

  /**
   * Tells whether the event carries a valid {@code Grip-Sig} of a configured proxy.
   *
   * @param event the event
   * @return true when the request came through the proxy
   */
  protected final boolean isFromProxy(LambdaEvent event) {
    return grip().isFromProxy(Args.event(event, "event").request());
  }

  /**
   * Writes a response in the event's shape.
   *
   * @param event the event being answered
   * @param response the response
   * @return the response JSON
   */
  protected final LambdaJsonResponse respond(LambdaEvent event, GripResponse response) {
    return event.respond(response);
  }

  /** The invocation's logger; standard error, one line each, without a context (tests, priming). */
  private static GripLogger logger(Context context) {
    return new ContextLogger(context == null ? null : context.getLogger());
  }

  /** A named class, not a lambda: the first lambda a JVM links costs milliseconds of cold start. */
  private static final class ContextLogger implements GripLogger {
    private final LambdaLogger logger;

    ContextLogger(LambdaLogger logger) {
      this.logger = logger;
    }

    @Override
    public void log(System.Logger.Level level, String message) {
      if (logger != null) {
        logger.log(level + " " + message + "\n");
      } else {
        System.err.println(level + " " + message);
      }
    }
  }
}
