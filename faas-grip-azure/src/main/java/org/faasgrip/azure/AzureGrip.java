package org.faasgrip.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import java.util.Optional;
import org.faasgrip.GripException;
import org.faasgrip.function.BodyTooLargeException;
import org.faasgrip.function.Grip;
import org.faasgrip.function.GripLogger;
import org.faasgrip.function.LazyGrip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;

/**
 * FaaS GRIP in an HTTP-triggered Azure Function: turns the trigger's {@link HttpRequestMessage} into a
 * {@link GripRequest}, and a {@link GripResponse} into the {@link HttpResponseMessage} the function returns, around a
 * {@link Grip} that does everything else (signatures, the channel prefix, publishing, answers to failures).
 *
 * <pre>{@code
 * public class ChatFunction {
 *   private static final AzureGrip AZURE = AzureGrip.fromEnvironment();   // one per class, kept while warm
 *
 *   @FunctionName("chat")
 *   public HttpResponseMessage run(
 *       @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.ANONYMOUS,
 *           dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
 *       ExecutionContext context) {
 *     return AZURE.serve(request, context, gripRequest -> {
 *       WebSocketContext ws = AZURE.grip().webSocket(gripRequest);   // 400 / 403 answered by serve
 *       ...
 *       return ws.toGripResponse();
 *     });
 *   }
 * }
 * }</pre>
 *
 * <p>The Java worker makes a new instance of the function's class for each invocation, so the adapter belongs in a
 * static field, where its configuration and publisher outlive the call. Immutable and thread-safe (the worker runs
 * invocations on several threads at once); the configuration of {@link #fromEnvironment()} is read on first use.
 *
 * <p>The body must come as bytes: {@code dataType = "binary"} on the trigger and
 * {@code HttpRequestMessage<Optional<byte[]>>}, or WebSocket-over-HTTP bodies with binary messages are decoded as
 * text and corrupted. It is bounded by {@link #maxBodyBytes()}.
 */
public final class AzureGrip {
  /**
   * The largest body accepted when none is set: 100 MiB (104,857,600 bytes), the request length Azure Functions
   * documents for HTTP triggers. The host refuses larger requests before the function runs.
   */
  public static final int DEFAULT_MAX_BODY_BYTES = 100 * 1024 * 1024;

  private final LazyGrip grip;
  private final int maxBodyBytes;

  private AzureGrip(Builder b) {
    this.grip = b.grip != null ? LazyGrip.of(b.grip) : LazyGrip.fromEnvironment();
    this.maxBodyBytes = b.maxBodyBytes;
  }

  /**
   * Returns an adapter whose configuration is read from the environment ({@code GRIP_URL} or
   * {@code GRIP_PROXIES}, {@code GRIP_PREFIX}, {@code GRIP_VERIFY}: the function app's application settings) on
   * first use, with the default body limit. A malformed setting is not thrown here, where it would fail the class's
   * initialisation and every invocation with it: {@link #serve} answers it 500 with the reason in the log.
   *
   * @return the adapter
   */
  public static AzureGrip fromEnvironment() {
    return builder().build();
  }

  /**
   * Returns an adapter for a {@link Grip}, with the default body limit.
   *
   * @param grip the configuration and rules
   * @return the adapter
   * @throws GripException if {@code grip} is null
   */
  public static AzureGrip of(Grip grip) {
    return builder().grip(grip).build();
  }

  /**
   * Returns a builder, for a configuration made in code or a body limit of one's own.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the configuration and rules: {@code webSocket}, {@code isFromProxy}, {@code publish}, the hold
   * responses.
   *
   * @return the instance given to the builder, or the one read from the environment
   * @throws org.faasgrip.config.GripConfigException if it comes from the environment and a setting is malformed
   */
  public Grip grip() {
    return grip.get();
  }

  /**
   * Returns the largest request body accepted; a larger one is answered 413.
   *
   * @return the limit, in bytes
   */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Reads a trigger's request: method, path (the URI's raw path, without the query string), query string (the URI's
   * raw query), every header as the host passes it, and the body bytes. The host gives one value per header name, in lower case, with repeated
   * headers joined by commas.
   *
   * @param request the trigger's request, its body bound with {@code dataType = "binary"}
   * @return the request
   * @throws BodyTooLargeException if the body is larger than {@link #maxBodyBytes()}
   * @throws GripException if {@code request} is null, or its body is not bytes (the trigger lacks
   *     {@code dataType = "binary"})
   */
  public GripRequest read(HttpRequestMessage<Optional<byte[]>> request) {
    return AzureMessages.read(notNull(request, "request"), maxBodyBytes);
  }

  /**
   * Makes the function's response through {@code request.createResponseBuilder}: the status, every header, and
   * the body as bytes. The worker keeps one value per header name, so a name the response repeats is sent once,
   * its values joined by {@code ", "}.
   *
   * @param response the response
   * @param request the trigger's request, whose response builder is used
   * @return the message for the function to return
   * @throws GripException if an argument is null
   */
  public static HttpResponseMessage write(GripResponse response, HttpRequestMessage<?> request) {
    return AzureMessages.write(notNull(response, "response"), notNull(request, "request"));
  }

  /**
   * Serves one invocation: reads the request, asks the handler for the response, and makes the message to return.
   * A {@link GripException} from reading, from {@link #grip()} or from the handler is answered by
   * {@link Grip#errorResponse(GripException, GripLogger)} (400 not WebSocket-over-HTTP or malformed, 403 not
   * signed by the proxy when signatures are required, 413 a body over the limit, 500 a configuration error),
   * logged once through the invocation's logger, {@link ExecutionContext#getLogger()}. Any other exception goes to
   * the worker.
   *
   * @param request the trigger's request
   * @param context the invocation's context, for its logger; null logs to {@link GripLogger#system()}
   * @param handler makes the response
   * @return the message for the function to return
   * @throws GripException if {@code request} or {@code handler} is null
   * @throws IllegalStateException if the handler returns null
   */
  public HttpResponseMessage serve(HttpRequestMessage<Optional<byte[]>> request, ExecutionContext context,
      Handler handler) {
    notNull(request, "request");
    notNull(handler, "handler");
    GripResponse answer;
    try {
      answer = handler.handle(read(request));
      if (answer == null) {
        throw new IllegalStateException("the handler given to AzureGrip.serve returned null");
      }
    } catch (GripException e) {
      answer = Grip.errorResponse(e, logger(context));
    }
    return AzureMessages.write(answer, request);
  }

  /**
   * Returns a {@link GripLogger} that writes to the invocation's logger (collected by Application Insights and the
   * log stream): {@code WARNING} as {@link java.util.logging.Level#WARNING}, {@code ERROR} as
   * {@link java.util.logging.Level#SEVERE}. For functions that call {@link Grip#errorResponse(GripException,
   * GripLogger)} themselves.
   *
   * @param context the invocation's context; null (or one without a logger) gives {@link GripLogger#system()}
   * @return the logger
   */
  public static GripLogger logger(ExecutionContext context) {
    java.util.logging.Logger l = context == null ? null : context.getLogger();
    return l == null ? GripLogger.system() : new ContextLogger(l);
  }

  /**
   * Describes the adapter: its {@link Grip} (without keys) or that it reads the environment, and its body limit.
   *
   * @return a short description
   */
  @Override
  public String toString() {
    Grip g = grip.peek();
    return "AzureGrip{" + (g != null ? g : grip) + ", maxBodyBytes=" + maxBodyBytes + "}";
  }

  /** A null where a value is required, refused as the library refuses one (its internal checks are not exported). */
  private static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new GripException(name + " is null");
    }
    return value;
  }

  /** Answers one request, as {@link AzureGrip#serve} calls it. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Answers a request.
     *
     * @param request the request, body read
     * @return the response to return
     * @throws GripException for a failure that {@link Grip#errorResponse(GripException)} answers
     */
    GripResponse handle(GripRequest request);
  }

  /** The invocation's {@code java.util.logging} logger as a {@link GripLogger}. */
  private static final class ContextLogger implements GripLogger {
    private final java.util.logging.Logger logger;

    ContextLogger(java.util.logging.Logger logger) {
      this.logger = logger;
    }

    @Override
    public void log(System.Logger.Level level, String message) {
      logger.log(level == System.Logger.Level.ERROR ? java.util.logging.Level.SEVERE
          : java.util.logging.Level.WARNING, message);
    }
  }

  /** Builds an {@link AzureGrip}. Not thread-safe; what it builds is. */
  public static final class Builder {
    private Grip grip;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

    private Builder() {}

    /**
     * Sets the configuration and rules; without it, {@link Grip#fromEnvironment()} is read on first use.
     *
     * @param grip the instance
     * @return this builder
     * @throws GripException if {@code grip} is null
     */
    public Builder grip(Grip grip) {
      this.grip = notNull(grip, "grip");
      return this;
    }

    /**
     * Sets the largest request body accepted; {@link #DEFAULT_MAX_BODY_BYTES} unless set.
     *
     * @param bytes 0 or more
     * @return this builder
     * @throws GripException if {@code bytes} is negative
     */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 0) {
        throw new GripException("maxBodyBytes must be 0 or more, was " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * Builds the adapter.
     *
     * @return the adapter
     */
    public AzureGrip build() {
      return new AzureGrip(this);
    }
  }
}
