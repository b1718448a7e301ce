package org.faasgrip.function;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.faasgrip.GripException;
import org.faasgrip.config.GripConfig;
import org.faasgrip.config.GripConfigException;
import org.faasgrip.config.GripProxy;
import org.faasgrip.grip.GripHeaderException;
import org.faasgrip.grip.GripInstruct;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.internal.Checks;
import org.faasgrip.publish.Format;
import org.faasgrip.publish.InvalidItemException;
import org.faasgrip.publish.Item;
import org.faasgrip.publisher.GripPublisher;
import org.faasgrip.sig.GripSigException;
import org.faasgrip.sse.ServerSentEvent;
import org.faasgrip.sig.GripSigValidator;
import org.faasgrip.websocket.NotGripModeException;
import org.faasgrip.websocket.NotWebSocketRequestException;
import org.faasgrip.websocket.WebSocketContext;
import org.faasgrip.websocket.WebSocketProtocolException;

/**
 * FaaS GRIP for one configuration, on any function platform: the rules every adapter shares, so that an adapter
 * only turns the platform's request into a {@link GripRequest} and a {@link GripResponse} into the platform's
 * response.
 *
 * <pre>{@code
 * Grip grip = Grip.fromEnvironment();                  // once per function instance, kept while it is warm
 * GripResponse response;
 * try {
 *   WebSocketContext ws = grip.webSocket(request);     // Grip-Sig checked when GRIP_VERIFY=required
 *   if (ws.isOpening()) { ws.accept(); ws.subscribe("room"); }
 *   while (ws.canRecv()) { ... grip.publish("room", WebSocketMessageFormat.text(message)); }
 *   response = ws.toGripResponse();
 * } catch (GripException e) {
 *   response = grip.errorResponse(e);                  // 400, 403, 413 or 500, and one line in the log
 * }
 * }</pre>
 *
 * <p>It reads the configuration ({@code GRIP_URL} or {@code GRIP_PROXIES}, {@code GRIP_PREFIX},
 * {@code GRIP_VERIFY}), checks {@code Grip-Sig} against the configured verify keys, builds hold responses for HTTP
 * streaming and long-polling with the channel prefix, publishes, and answers failures. The publisher is made on the
 * first publish, so a function that never publishes never creates an HTTP client. Thread-safe: make one per
 * configuration and keep it across invocations.
 */
public final class Grip {
  /** The environment variable that turns on required signatures: {@code GRIP_VERIFY=required}. */
  public static final String GRIP_VERIFY = "GRIP_VERIFY";
  /** The answer to a request that is not WebSocket-over-HTTP: the JavaScript faas-grip library's text. */
  static final String NOT_WEBSOCKET = "Not a WebSocket-over-HTTP request\n";

  private final GripConfig config;
  private final boolean signatureRequired;
  private final PublishFunction publishFunction;
  private final GripLogger logger;
  private final Object lock = new Object();
  private volatile GripPublisher publisher;
  private volatile GripSigValidator validator;

  private Grip(Builder b) {
    this.config = b.config;
    this.signatureRequired = b.signatureRequired;
    this.publishFunction = b.publishFunction;
    this.publisher = b.publisher;
    this.logger = b.logger;
  }

  /**
   * Makes one platform's subclass of {@link WebSocketContext} for a request whose signature
   * {@link #webSocket(GripRequest, ContextFactory)} has checked: how an adapter gets a context whose
   * {@code toResponse()} has the platform's response type. Implement it with a named class rather than a lambda
   * if cold start matters: the first lambda a JVM links costs milliseconds.
   *
   * @param <C> the context type
   */
  @FunctionalInterface
  public interface ContextFactory<C extends WebSocketContext> {
    /**
     * Creates the context, normally by calling the protected {@code WebSocketContext(request, channelPrefix)}
     * constructor.
     *
     * @param request the request
     * @param channelPrefix the configured channel prefix, to pass on
     * @return the context
     * @throws NotWebSocketRequestException if the request is not WebSocket-over-HTTP
     * @throws WebSocketProtocolException if its body is malformed
     */
    C create(GripRequest request, String channelPrefix);
  }

  // ---- configuration -------------------------------------------------------------------------------------

  /**
   * Reads the configuration from the process environment: {@code GRIP_URL} or {@code GRIP_PROXIES},
   * {@code GRIP_PREFIX}, and {@code GRIP_VERIFY} ({@code required} to refuse requests without a valid
   * {@code Grip-Sig}; {@code optional} or unset to leave the check to the handler).
   *
   * @return the instance
   * @throws GripConfigException if a variable is malformed; the message names it and says what is wrong
   */
  public static Grip fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Reads the configuration from a map of variables, as {@link #fromEnvironment()} does from the environment.
   *
   * @param env the variables by name
   * @return the instance
   * @throws GripConfigException if a variable is malformed; the message names it and says what is wrong
   */
  public static Grip fromEnvironment(Map<String, String> env) {
    Checks.notNull(env, "env");
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
    throw new GripConfigException(GRIP_VERIFY, "must be 'required' or 'optional', was '" + value
        + "'; set it to 'required' to refuse requests without a valid Grip-Sig, or unset it");
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

  /**
   * Returns the logger that {@link #errorResponse(GripException)} writes to.
   *
   * @return the logger
   */
  public GripLogger logger() {
    return logger;
  }

  // ---- WebSocket-over-HTTP -------------------------------------------------------------------------------

  /**
   * Reads a request as WebSocket-over-HTTP, after checking its {@code Grip-Sig} when signatures are required.
   *
   * @param request the request
   * @return the context, with the configured channel prefix; its {@code toGripResponse()} is the answer
   * @throws NotWebSocketRequestException if the request is not WebSocket-over-HTTP (400)
   * @throws WebSocketProtocolException if its body is malformed (400)
   * @throws NotFromProxyException if signatures are required and this one is missing or invalid (403)
   */
  public WebSocketContext webSocket(GripRequest request) {
    checkSignature(Checks.notNull(request, "request"));
    return WebSocketContext.from(request, config.prefix());
  }

  /**
   * Reads a request as WebSocket-over-HTTP into a platform's own context type, after the same signature check as
   * {@link #webSocket(GripRequest)}.
   *
   * @param request the request
   * @param factory makes the context
   * @param <C> the context type
   * @return the context the factory made, with the configured channel prefix
   * @throws NotWebSocketRequestException if the request is not WebSocket-over-HTTP (400)
   * @throws WebSocketProtocolException if its body is malformed (400)
   * @throws NotFromProxyException if signatures are required and this one is missing or invalid (403)
   */
  public <C extends WebSocketContext> C webSocket(GripRequest request, ContextFactory<C> factory) {
    checkSignature(Checks.notNull(request, "request"));
    return Checks.notNull(factory, "factory").create(request, config.prefix());
  }

  // ---- Grip-Sig ------------------------------------------------------------------------------------------

  /**
   * Tells whether a request came through the GRIP proxy: one of its {@code Grip-Sig} values is valid. Some
   * platforms join repeated headers with commas; a JWT has none, so each comma-separated token is tried, up to
   * {@link GripSigValidator#MAX_TOKENS} (a header with more, or longer than
   * {@link GripSigValidator#MAX_HEADER_LENGTH}, is refused without verifying any).
   *
   * @param request the request
   * @return true when the request is signed by a configured proxy
   */
  public boolean isFromProxy(GripRequest request) {
    List<String> values = Checks.notNull(request, "request").headers().values("Grip-Sig");
    return !values.isEmpty() && validator().checkValues(values).fromProxy();
  }

  /** Required mode: only a signature that verifies counts, not the validator's rule for unsigned proxies. */
  void checkSignature(GripRequest request) {
    if (!signatureRequired) {
      return;
    }
    List<String> values = request.headers().values("Grip-Sig");
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

  // ---- HTTP streaming and long-polling -------------------------------------------------------------------

  /**
   * Builds a response that opens an HTTP stream: {@code Grip-Hold: stream} on one channel (with the configured
   * prefix), with an initial text body. Every {@code HttpStreamFormat} published to the channel is appended.
   *
   * @param channel the channel, without the prefix
   * @param initialBody the text the client receives first; may be empty
   * @return the response
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
    Checks.notNull(instruct, "instruct");
    GripResponse.Builder b = GripResponse.builder().addHeader("Content-Type", Checks.notNull(contentType,
        "contentType"));
    instruct.applyTo(b, config.prefix());
    return b.body(body == null ? "" : body).build();
  }

  /**
   * Builds a Server-Sent Events stream: {@code Grip-Hold: stream} on one channel (with the configured prefix),
   * {@code Content-Type: text/event-stream}, {@code Cache-Control: no-cache}, and an SSE comment ({@code :}) as
   * keep-alive after {@value #EVENT_STREAM_KEEP_ALIVE_SECONDS} seconds of silence, so that proxies and browsers
   * between do not close a quiet stream. The events given are the stream's first bytes; publish the next ones as
   * {@code HttpStreamFormat.of(event.text())}. For a stream that recovers what a client missed, see
   * {@link ReliableStream#eventStream(Grip, ItemStore)}.
   *
   * @param channel the channel, without the prefix
   * @param first the events the client receives first, such as one with {@code retry}; may be none
   * @return the response
   * @throws org.faasgrip.grip.GripInstructException if the channel is not a valid channel name
   */
  public GripResponse holdEventStream(String channel, ServerSentEvent... first) {
    Checks.notNull(first, "first");
    StringBuilder body = new StringBuilder();
    for (ServerSentEvent e : first) {
      body.append(Checks.notNull(e, "event").text());
    }
    GripInstruct instruct = GripInstruct.builder().holdStream().channel(channel)
        .keepAlive(KEEP_ALIVE_COMMENT, EVENT_STREAM_KEEP_ALIVE_SECONDS).build();
    GripResponse.Builder b = GripResponse.builder().addHeader("Content-Type", EVENT_STREAM)
        .addHeader("Cache-Control", "no-cache");
    instruct.applyTo(b, config.prefix());
    return b.body(body.toString()).build();
  }

  /** The keep-alive of {@link #holdEventStream}: a bare SSE comment line and the blank line after it. */
  static final String KEEP_ALIVE_COMMENT = ":\n\n";
  /** The media type of Server-Sent Events. */
  static final String EVENT_STREAM = "text/event-stream";
  /** Seconds of silence before {@link #holdEventStream} streams send their keep-alive comment. */
  public static final int EVENT_STREAM_KEEP_ALIVE_SECONDS = 20;

  /**
   * Builds the same hold as {@link #hold(GripInstruct, String, String)} in the older body form that the earlier
   * GRIP libraries wrote: {@code Content-Type: application/grip-instruct} and the instruction as JSON, with the
   * response the client gets inside it ({@link GripInstruct#toInstructBody}). For a proxy or a route that reads
   * only that form; Pushpin reads both.
   *
   * @param instruct the instructions
   * @param contentType the Content-Type the client gets
   * @param body the body the client gets; null for none
   * @return the response to send to the proxy
   * @throws org.faasgrip.grip.GripInstructException if the instructions use what the body form cannot carry (a
   *     keep-alive mode, exposed headers)
   */
  public GripResponse holdInstructBody(GripInstruct instruct, String contentType, String body) {
    Checks.notNull(instruct, "instruct");
    GripResponse inner = GripResponse.builder().addHeader("Content-Type", Checks.notNull(contentType, "contentType"))
        .body(body == null ? "" : body).build();
    return instruct.toInstructBody(inner, config.prefix());
  }

  /**
   * Returns the id of the last item the proxy delivered on a channel to the connection this request is for, from
   * its {@code Grip-Last} header, with the configured prefix taken into account: the proxy sends it when it retries
   * a long-poll whose {@code prev-id} an item did not follow, and on the {@code Grip-Link} next link of a stream.
   * The function answers with what came after it.
   *
   * @param request the request
   * @param channel the channel, without the prefix
   * @return the last id, or null when the request carries none for the channel
   * @throws org.faasgrip.grip.GripHeaderException if {@code Grip-Last} is malformed (answered 400)
   */
  public String lastId(GripRequest request, String channel) {
    Checks.notNull(request, "request");
    Checks.notNull(channel, "channel");
    return request.gripLast().get(config.prefix().concat(channel));
  }

  // ---- Errors --------------------------------------------------------------------------------------------

  /**
   * Answers a failure, and logs its type and message once through this instance's {@link #logger()}. See
   * {@link #errorResponse(GripException, GripLogger)} for the statuses.
   *
   * @param error the failure
   * @return the plain-text response
   */
  public GripResponse errorResponse(GripException error) {
    return errorResponse(error, logger);
  }

  /**
   * Answers a failure, and logs its type and message once. For adapters that answer before they have an
   * instance (an unreadable event, a malformed configuration) or that log to a per-invocation logger.
   *
   * <ul>
   *   <li>400 {@code Not a WebSocket-over-HTTP request} for {@link NotWebSocketRequestException};
   *   <li>400 with the reason for a {@link WebSocketProtocolException} (a malformed body), a
   *       {@link BadRequestException} (an unreadable platform request), a {@link GripHeaderException} (a
   *       malformed {@code Grip-Last} or {@code Grip-Feature}) and a {@link NotGripModeException} (a control
   *       message on a connection whose request came without the grip extension: not through a GRIP proxy);
   *   <li>413 with the reason for a {@link BodyTooLargeException};
   *   <li>403 for a {@link GripSigException}, such as {@link NotFromProxyException}: the request is not signed by
   *       the proxy (without saying why, which the log tells);
   *   <li>500 for a {@link GripConfigException} and anything else, without details, which belong in the log.
   * </ul>
   *
   * @param error the failure
   * @param logger where the line goes
   * @return the plain-text response
   */
  public static GripResponse errorResponse(GripException error, GripLogger logger) {
    Checks.notNull(error, "error");
    Checks.notNull(logger, "logger");
    GripResponse response;
    if (error instanceof NotWebSocketRequestException) {
      response = text(400, NOT_WEBSOCKET);
    } else if (error instanceof WebSocketProtocolException) {
      response = text(400, "Malformed WebSocket-over-HTTP body: " + error.getMessage() + "\n");
    } else if (error instanceof BodyTooLargeException) {
      response = text(413, "Payload Too Large: " + error.getMessage() + "\n");
    } else if (error instanceof BadRequestException || error instanceof GripHeaderException
        || error instanceof NotGripModeException) {
      response = text(400, "Bad request: " + error.getMessage() + "\n");
    } else if (error instanceof GripSigException) {
      response = text(403, "Forbidden: the request is not signed by the GRIP proxy\n");
    } else {
      response = text(500, "Internal Server Error\n");
    }
    int status = response.status();
    String line = status + " " + error.getClass().getSimpleName() + ": " + error.getMessage();
    if (error instanceof GripConfigException) {
      line += " (change " + ((GripConfigException) error).variable() + " in the function's configuration)";
    }
    logger.log(status >= 500 ? System.Logger.Level.ERROR : System.Logger.Level.WARNING, line);
    return response;
  }

  private static GripResponse text(int status, String body) {
    return GripResponse.builder()
        .status(status)
        .addHeader("Content-Type", "text/plain; charset=utf-8")
        .body(body)
        .build();
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
   * @throws GripException if a proxy did not accept the item, or the item is invalid
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
   * @throws GripException if a proxy did not accept the item, or the item is invalid
   */
  public void publish(String channel, Format format) {
    publish(Item.of(channel, format));
  }

  /**
   * Publishes an item to every configured proxy, and waits until they have accepted it.
   *
   * @param item the item
   * @throws GripException if a proxy did not accept the item
   */
  public void publish(Item item) {
    Checks.notNull(item, "item");
    if (publishFunction != null) {
      try {
        publishFunction.publish(List.of(item)).join();
      } catch (CompletionException e) {
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
   * Publishes items to every configured proxy in one request each, and waits until they have accepted them: for
   * several channels at once, such as {@code Item.toUsers(users, format)} ("only these users").
   *
   * @param items the items, at least one
   * @throws GripException if a proxy did not accept the items
   * @throws InvalidItemException if the list is empty or holds a null
   */
  public void publish(List<Item> items) {
    List<Item> list = checkItems(items);
    if (publishFunction != null) {
      try {
        publishFunction.publish(list).join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException) {
          throw (RuntimeException) e.getCause();
        }
        throw e;
      }
    } else {
      publisher().publish(list);
    }
  }

  /**
   * Publishes items without waiting (see {@link #publish(List)}).
   *
   * @param items the items, at least one
   * @return a future that completes when every proxy has accepted the items
   * @throws InvalidItemException if the list is empty or holds a null
   */
  public CompletableFuture<Void> publishAsync(List<Item> items) {
    List<Item> list = checkItems(items);
    return publishFunction != null ? publishFunction.publish(list) : publisher().publishAsync(list);
  }

  private static List<Item> checkItems(List<Item> items) {
    Checks.notNull(items, "items");
    if (items.isEmpty()) {
      throw new InvalidItemException("items is empty: publish at least one");
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) {
        throw new InvalidItemException("items[" + i + "] is null");
      }
    }
    return List.copyOf(items);
  }

  /**
   * Publishes formats on a channel without waiting.
   *
   * @param channel the channel, without the prefix
   * @param formats one or more formats
   * @return a future that completes when every proxy has accepted the item
   * @throws GripException if the item is invalid
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
   * @throws GripException if the item is invalid
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
    Checks.notNull(item, "item");
    return publishFunction != null ? publishFunction.publish(List.of(item)) : publisher().publishAsync(item);
  }

  /**
   * Describes the instance: its configuration (without keys) and whether signatures are required.
   *
   * @return a short description
   */
  @Override
  public String toString() {
    return "Grip{" + config + ", signatureRequired=" + signatureRequired + "}";
  }

  /** Builds a {@link Grip}. Not thread-safe; the instance it builds is. */
  public static final class Builder {
    private GripConfig config = GripConfig.empty();
    private boolean signatureRequired;
    private GripPublisher publisher;
    private PublishFunction publishFunction;
    private GripLogger logger = GripLogger.system();

    private Builder() {}

    /**
     * Sets the configuration: proxies to publish to, verify keys, channel prefix.
     *
     * @param config the configuration
     * @return this builder
     */
    public Builder config(GripConfig config) {
      this.config = Checks.notNull(config, "config");
      return this;
    }

    /**
     * Sets the publisher to use instead of one made from the configuration.
     *
     * @param publisher the publisher
     * @return this builder
     */
    public Builder publisher(GripPublisher publisher) {
      this.publisher = Checks.notNull(publisher, "publisher");
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
      this.publishFunction = Checks.notNull(function, "function");
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
     * Sets where {@link Grip#errorResponse(GripException)} logs; {@link GripLogger#system()} by default.
     *
     * @param logger the logger
     * @return this builder
     */
    public Builder logger(GripLogger logger) {
      this.logger = Checks.notNull(logger, "logger");
      return this;
    }

    /**
     * Builds the instance.
     *
     * @return the instance
     * @throws GripConfigException if signatures are required and no proxy has a verify key
     */
    public Grip build() {
      if (signatureRequired && !hasVerifyKey(config)) {
        throw new GripConfigException(GRIP_VERIFY, "signatures are required, but no proxy of GRIP_URL or"
            + " GRIP_PROXIES has a verify key to check them with: add verify-key to GRIP_URL's query (or"
            + " verify_key to each GRIP_PROXIES entry), or unset GRIP_VERIFY");
      }
      return new Grip(this);
    }

    private static boolean hasVerifyKey(GripConfig config) {
      for (GripProxy p : config.proxies()) {
        if (p.verifyKey() != null) {
          return true;
        }
      }
      return false;
    }
  }
}
