package org.faasgrip.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.faasgrip.config.GripConfig;
import org.faasgrip.config.GripConfigException;
import org.faasgrip.grip.GripInstruct;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.publish.Format;
import org.faasgrip.publish.Item;
import org.faasgrip.publisher.GripPublisher;
import org.faasgrip.sig.GripSigValidator;

/**
 * FaaS GRIP for one configuration: the instance behind {@link FaasGrip}'s static methods, for handlers that wire
 * their own configuration or publisher ({@code FaasGrip.with(config)}), and for tests that replace publishing.
 *
 * <p>It reads Lambda events into {@link LambdaWebSocketContext}s whose {@code toResponse()} has the platform's
 * response type, checks {@code Grip-Sig} against the configured verify keys, builds hold responses for HTTP
 * streaming and long-polling with the configured channel prefix, and publishes. The publisher is made on the
 * first publish, so a handler that never publishes never creates an HTTP client. Thread-safe: make one per
 * configuration and keep it across invocations.
 *
 * <p>The overloads that take AWS event classes need aws-lambda-java-events on the compile class path (javac
 * needs every overload's parameter types to choose among methods of the same name). At run time the AWS event
 * classes are loaded only by the overloads that take them: a {@link GripStreamHandler} runs without the library.
 */
public final class LambdaGrip {
  /** The environment variable that turns on required signatures: {@code GRIP_VERIFY=required}. */
  public static final String GRIP_VERIFY = "GRIP_VERIFY";

  private final GripConfig config;
  private final boolean signatureRequired;
  private final PublishFunction publishFunction;
  private final Object lock = new Object();
  private volatile GripPublisher publisher;
  private volatile GripSigValidator validator;

  private LambdaGrip(Builder b) {
    this.config = b.config;
    this.signatureRequired = b.signatureRequired;
    this.publishFunction = b.publishFunction;
    this.publisher = b.publisher;
  }

  /**
   * Publishes a batch of items somewhere: the seam that replaces the {@link GripPublisher}, for tests and
   * benchmarks that count publishes instead of sending them, or for an application's own transport.
   */
  @FunctionalInterface
  public interface PublishFunction {
    /**
     * Publishes items, in order.
     *
     * @param items the items, channel names without the prefix
     * @return a future that completes when the items are published
     */
    CompletableFuture<Void> publish(List<Item> items);
  }

  /**
   * Reads the configuration from the process environment: {@code GRIP_URL} or {@code GRIP_PROXIES},
   * {@code GRIP_PREFIX}, and {@code GRIP_VERIFY} ({@code required} to refuse requests without a valid
   * {@code Grip-Sig}; {@code optional} or unset to leave the check to the handler).
   *
   * @return the instance
   * @throws GripConfigException if a variable is malformed
   */
  public static LambdaGrip fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Reads the configuration from a map of variables, as {@link #fromEnvironment()} does from the environment.
   *
   * @param env the variables by name
   * @return the instance
   * @throws GripConfigException if a variable is malformed
   */
  public static LambdaGrip fromEnvironment(Map<String, String> env) {
    GripConfig config = GripConfig.fromEnvironment(env);
    return builder().config(config).requireSignature(parseVerify(env.get(GRIP_VERIFY))).build();
  }

  static boolean parseVerify(String value) {
    if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("optional")) {
      return false;
    }
    if (value.trim().equalsIgnoreCase("required")) {
      return true;
    }
    throw new GripConfigException(GRIP_VERIFY, "must be 'required' or 'optional', was '" + value + "'");
  }

  /**
   * Returns a builder; without a configuration the instance has no proxies and no prefix.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the configuration: proxies, verify keys and channel prefix.
   *
   * @return the configuration
   */
  public GripConfig config() {
    return config;
  }

  /**
   * Tells whether requests without a valid {@code Grip-Sig} are refused with {@link NotFromProxyException}.
   *
   * @return true when signatures are required
   */
  public boolean signatureRequired() {
    return signatureRequired;
  }

  // ---- WebSocket-over-HTTP -------------------------------------------------------------------------------

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
    return webSocket(RestEvents.toRequest(event), RestEvents.WRITER);
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
    return webSocket(HttpApiEvents.toRequest(event), HttpApiEvents.WRITER);
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
    return webSocket(AlbEvents.toRequest(event), AlbEvents.writerFor(event));
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
    Args.event(event, "event");
    return webSocket(event.request(), event.writer());
  }

  /**
   * Reads a platform-neutral request as WebSocket-over-HTTP, for callers that built the request themselves.
   *
   * @param request the request
   * @return the context; its {@code toResponse()} is the core's {@link GripResponse}
   * @throws org.faasgrip.websocket.NotWebSocketRequestException if the request is not WebSocket-over-HTTP (400)
   * @throws org.faasgrip.websocket.WebSocketProtocolException if its body is malformed (400)
   * @throws NotFromProxyException if signatures are required and this one is missing or invalid (403)
   */
  public LambdaWebSocketContext<GripResponse> webSocket(GripRequest request) {
    Args.event(request, "request");
    return webSocket(request, Identity.INSTANCE);
  }

  private <R> LambdaWebSocketContext<R> webSocket(GripRequest request, ResponseWriter<R> writer) {
    checkSignature(request);
    return new LambdaWebSocketContext<>(request, config.prefix(), writer);
  }

  private static final class Identity implements ResponseWriter<GripResponse> {
    static final Identity INSTANCE = new Identity();

    @Override
    public GripResponse write(GripResponse response) {
      return response;
    }
  }

  // ---- HTTP streaming and long-polling -------------------------------------------------------------------

  /**
   * Builds a response that opens an HTTP stream: {@code Grip-Hold: stream} on one channel (with the configured
   * prefix), with an initial text body. Every {@code HttpStreamFormat} published to the channel is appended.
   *
   * @param channel the channel, without the prefix
   * @param initialBody the text the client receives first; may be empty
   * @return the response; write it with {@link LambdaResponses} or {@link LambdaEvent#respond}
   * @throws org.faasgrip.grip.GripInstructException if the channel is not a valid channel name
   */
  public GripResponse holdStream(String channel, String initialBody) {
    return hold(GripInstruct.builder().holdStream().channel(channel).build(), "text/plain", initialBody);
  }

  /**
   * Builds a long-polling response: {@code Grip-Hold: response} on one channel (with the configured prefix),
   * released by the first {@code HttpResponseFormat} published to the channel, or after the timeout with the
   * given body.
   *
   * @param channel the channel, without the prefix
   * @param timeoutSeconds how long the proxy holds the request
   * @param timeoutBody the text the client receives if nothing is published in time
   * @return the response
   * @throws org.faasgrip.grip.GripInstructException if the channel or timeout is invalid
   */
  public GripResponse holdResponse(String channel, int timeoutSeconds, String timeoutBody) {
    return hold(GripInstruct.builder().holdResponse().channel(channel).timeout(timeoutSeconds).build(),
        "text/plain", timeoutBody);
  }

  /**
   * Builds a response carrying any GRIP instructions (several channels, keep-alive, meta, links), with the
   * configured channel prefix applied.
   *
   * @param instruct the instructions
   * @param contentType the body's Content-Type
   * @param body the body text; null for none
   * @return the response
   */
  public GripResponse hold(GripInstruct instruct, String contentType, String body) {
    Args.require(instruct, "instruct");
    GripResponse.Builder b = GripResponse.builder().addHeader("Content-Type", Args.require(contentType,
        "contentType"));
    instruct.applyTo(b, config.prefix());
    return b.body(body == null ? "" : body).build();
  }

  // ---- Grip-Sig ------------------------------------------------------------------------------------------

  /**
   * Tells whether an API Gateway REST API request came through the GRIP proxy: one of its {@code Grip-Sig}
   * values is a valid signature under a configured verify key.
   *
   * @param event the event
   * @return true when the request is signed by a configured proxy
   * @throws LambdaEventException if the event is null
   */
  public boolean isFromProxy(APIGatewayProxyRequestEvent event) {
    return isFromProxy(RestEvents.toRequest(event));
  }

  /**
   * Tells whether an HTTP API or Function URL request came through the GRIP proxy.
   *
   * @param event the event
   * @return true when the request is signed by a configured proxy
   * @throws LambdaEventException if the event is null or has no method
   */
  public boolean isFromProxy(APIGatewayV2HTTPEvent event) {
    return isFromProxy(HttpApiEvents.toRequest(event));
  }

  /**
   * Tells whether an Application Load Balancer request came through the GRIP proxy.
   *
   * @param event the event
   * @return true when the request is signed by a configured proxy
   * @throws LambdaEventException if the event is null or has no method
   */
  public boolean isFromProxy(ApplicationLoadBalancerRequestEvent event) {
    return isFromProxy(AlbEvents.toRequest(event));
  }

  /**
   * Tells whether a stream handler's request came through the GRIP proxy.
   *
   * @param event the event
   * @return true when the request is signed by a configured proxy
   */
  public boolean isFromProxy(LambdaEvent event) {
    return isFromProxy(Args.event(event, "event").request());
  }

  /**
   * Tells whether a request came through the GRIP proxy: one of its {@code Grip-Sig} values is valid. A payload
   * 2.0 event joins repeated headers with commas; a JWT has none, so each comma-separated token is tried, up to
   * {@link GripSigValidator#MAX_TOKENS} (a header with more, or longer than
   * {@link GripSigValidator#MAX_HEADER_LENGTH}, is refused without verifying any).
   *
   * @param request the request
   * @return true when the request is signed by a configured proxy
   */
  public boolean isFromProxy(GripRequest request) {
    List<String> values = Args.event(request, "request").headers("Grip-Sig");
    return !values.isEmpty() && validator().checkValues(values).fromProxy();
  }

  /** Required mode: only a signature that verifies counts, not the validator's rule for unsigned proxies. */
  private void checkSignature(GripRequest request) {
    if (!signatureRequired) {
      return;
    }
    List<String> values = request.headers("Grip-Sig");
    if (values.isEmpty()) {
      throw new NotFromProxyException("signatures are required and the request has no Grip-Sig header");
    }
    GripSigValidator.Verdict verdict = validator().checkSignedValues(values);
    if (!verdict.fromProxy()) {
      throw new NotFromProxyException("signatures are required and " + verdict.reason());
    }
  }

  private GripSigValidator validator() {
    GripSigValidator v = validator;
    if (v == null) {
      synchronized (lock) {
        v = validator;
        if (v == null) {
          v = GripSigValidator.forConfig(config);
          validator = v;
        }
      }
    }
    return v;
  }

  // ---- Publishing ----------------------------------------------------------------------------------------

  /**
   * Returns the publisher, making it from the configuration on first use.
   *
   * @return the publisher
   * @throws IllegalStateException if this instance publishes through a {@link PublishFunction} instead
   */
  public GripPublisher publisher() {
    if (publishFunction != null) {
      throw new IllegalStateException("this instance publishes through a PublishFunction, not a GripPublisher");
    }
    GripPublisher p = publisher;
    if (p == null) {
      synchronized (lock) {
        p = publisher;
        if (p == null) {
          p = GripPublisher.builder().config(config).build();
          publisher = p;
        }
      }
    }
    return p;
  }

  /**
   * Publishes formats on a channel to every configured proxy, and waits until they have accepted it.
   *
   * @param channel the channel, without the prefix
   * @param formats one or more formats
   * @throws org.faasgrip.GripException if a proxy did not accept the item, or the item is invalid
   */
  public void publish(String channel, Format... formats) {
    publish(Item.of(channel, formats));
  }

  /**
   * Publishes one format on a channel to every configured proxy, and waits until they have accepted it: the
   * usual publish, without the array that {@link #publish(String, Format...)} takes.
   *
   * @param channel the channel, without the prefix
   * @param format the format
   * @throws org.faasgrip.GripException if a proxy did not accept the item, or the item is invalid
   */
  public void publish(String channel, Format format) {
    publish(Item.of(channel, format));
  }

  /**
   * Publishes an item to every configured proxy, and waits until they have accepted it.
   *
   * @param item the item
   * @throws org.faasgrip.GripException if a proxy did not accept the item
   */
  public void publish(Item item) {
    if (publishFunction != null) {
      try {
        publishFunction.publish(List.of(item)).join();
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof RuntimeException) {
          throw (RuntimeException) e.getCause();
        }
        throw e;
      }
    } else {
      publisher().publish(item);
    }
  }

  /**
   * Publishes formats on a channel without waiting.
   *
   * @param channel the channel, without the prefix
   * @param formats one or more formats
   * @return a future that completes when every proxy has accepted the item
   * @throws org.faasgrip.GripException if the item is invalid
   */
  public CompletableFuture<Void> publishAsync(String channel, Format... formats) {
    return publishAsync(Item.of(channel, formats));
  }

  /**
   * Publishes one format on a channel without waiting, without the array that
   * {@link #publishAsync(String, Format...)} takes.
   *
   * @param channel the channel, without the prefix
   * @param format the format
   * @return a future that completes when every proxy has accepted the item
   * @throws org.faasgrip.GripException if the item is invalid
   */
  public CompletableFuture<Void> publishAsync(String channel, Format format) {
    return publishAsync(Item.of(channel, format));
  }

  /**
   * Publishes an item without waiting.
   *
   * @param item the item
   * @return a future that completes when every proxy has accepted the item
   */
  public CompletableFuture<Void> publishAsync(Item item) {
    return publishFunction != null ? publishFunction.publish(List.of(item)) : publisher().publishAsync(item);
  }

  /**
   * Describes the instance: its configuration (without keys) and whether signatures are required.
   *
   * @return a short description
   */
  @Override
  public String toString() {
    return "LambdaGrip{" + config + ", signatureRequired=" + signatureRequired + "}";
  }

  /** Builds a {@link LambdaGrip}. Not thread-safe; the instance it builds is. */
  public static final class Builder {
    private GripConfig config = GripConfig.empty();
    private boolean signatureRequired;
    private GripPublisher publisher;
    private PublishFunction publishFunction;

    private Builder() {}

    private static boolean hasVerifyKey(GripConfig config) {
      for (org.faasgrip.config.GripProxy p : config.proxies()) {
        if (p.verifyKey() != null) {
          return true;
        }
      }
      return false;
    }

    /**
     * Sets the configuration: proxies to publish to, verify keys, channel prefix.
     *
     * @param config the configuration
     * @return this builder
     */
    public Builder config(GripConfig config) {
      this.config = Args.require(config, "config");
      return this;
    }

    /**
     * Sets the publisher to use instead of one made from the configuration.
     *
     * @param publisher the publisher
     * @return this builder
     */
    public Builder publisher(GripPublisher publisher) {
      this.publisher = Args.require(publisher, "publisher");
      this.publishFunction = null;
      return this;
    }

    /**
     * Publishes through a function instead of a {@link GripPublisher}: for tests and benchmarks.
     *
     * @param function the function that publishes
     * @return this builder
     */
    public Builder publishWith(PublishFunction function) {
      this.publishFunction = Args.require(function, "function");
      this.publisher = null;
      return this;
    }

    /**
     * Sets whether requests without a valid {@code Grip-Sig} are refused with {@link NotFromProxyException}
     * when read as WebSocket-over-HTTP; off by default. When on, only a signature that verifies with a configured
     * verify key is accepted (a proxy without a verify key proves nothing), and {@link #build()} fails unless
     * some proxy has a verify key.
     *
     * @param required true to require signatures
     * @return this builder
     */
    public Builder requireSignature(boolean required) {
      this.signatureRequired = required;
      return this;
    }

    /**
     * Builds the instance.
     *
     * @return the instance
     * @throws GripConfigException if signatures are required and no proxy has a verify key
     */
    public LambdaGrip build() {
      if (signatureRequired && !hasVerifyKey(config)) {
        throw new GripConfigException(GRIP_VERIFY, "signatures are required, but no proxy of GRIP_URL or"
            + " GRIP_PROXIES has a verify key (verify-key / verify_key) to check them with");
      }
      return new LambdaGrip(this);
    }
  }
}
