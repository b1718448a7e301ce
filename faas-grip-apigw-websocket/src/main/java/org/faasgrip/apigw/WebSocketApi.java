package org.faasgrip.apigw;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.faasgrip.GripException;
import org.faasgrip.function.BadRequestException;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.grip.Headers;
import org.faasgrip.grip.KeepAliveMode;
import org.faasgrip.lambda.LambdaGrip;
import org.faasgrip.lambda.LambdaResponses;
import org.faasgrip.websocket.WebSocketContext;
import org.faasgrip.websocket.WebSocketEvent;
import org.faasgrip.websocket.NotGripModeException;
import org.faasgrip.websocket.WebSocketMessage;

/**
 * An API Gateway WebSocket API in front of unchanged Lambda handlers, played by a GRIP proxy: each
 * WebSocket-over-HTTP request becomes the {@link APIGatewayV2WebSocketEvent}s API Gateway would have sent, one per
 * route invocation, and the handlers' answers become the proxy's instructions.
 *
 * <ul>
 *   <li>{@code OPEN} calls {@code $connect} with the handshake's headers and query string; a 2xx answer accepts
 *       the connection (and subscribes it to its own channel, see {@link GripConnections}), anything else refuses
 *       the handshake with that status. An {@code OPEN} without the grip extension (not through a GRIP proxy) is
 *       answered 400 ({@link NotGripModeException}) without calling {@code $connect}.
 *   <li>Each {@code TEXT} message calls the route its body selects by the route selection expression
 *       ({@code $request.body.action} unless set), or {@code $default}; each {@code BINARY} message calls
 *       {@code $default} with the bytes in base64 and {@code isBase64Encoded} (or closes with 1003, as API
 *       Gateway does, when {@link Builder#rejectBinaryFrames(boolean)}). A two-way route's body goes back to the
 *       client.
 *   <li>{@code CLOSE} and {@code DISCONNECT} call {@code $disconnect} with {@code disconnectStatusCode} and
 *       {@code disconnectReason}.
 * </ul>
 *
 * <pre>{@code
 * GripConnections connections = GripConnections.fromEnvironment();
 * WebSocketApi api = WebSocketApi.builder(connections)
 *     .routeSelectionExpression("$request.body.action")
 *     .route("sendmessage")
 *     .handler(new ChatHandler(connections))     // your RequestHandler<APIGatewayV2WebSocketEvent, ...>
 *     .build();
 * }</pre>
 *
 * <p>The messages of one request run in order, one route invocation at a time. A handler's exception is logged
 * and answered as API Gateway answers it: {@code 500} on {@code $connect}, the message
 * {@code {"message": "Internal server error", ...}} on a message route. Every rule of the proxy protocol
 * ({@code Grip-Sig}, the answers to bad requests, publishing) is the {@link Grip}'s. Thread-safe.
 */
public final class WebSocketApi {
  /** The route called when a client connects. */
  public static final String CONNECT = "$connect";
  /** The route called when a connection ends. */
  public static final String DISCONNECT = "$disconnect";
  /** The route of messages that select no other route. */
  public static final String DEFAULT = "$default";
  /** The connection meta entry that keeps {@code connectedAt} (epoch milliseconds) from request to request. */
  public static final String CONNECTED_AT_META = "apigw-connected-at";

  private static final byte[] NO_BYTES = new byte[0];

  private final GripConnections connections;
  private final Grip grip;
  private final RouteSelection selection;
  private final Map<String, RequestHandler<APIGatewayV2WebSocketEvent, ?>> routes;
  private final Set<String> twoWay;
  private final String stage;
  private final String apiId;
  private final String domainName;
  private final Map<String, String> stageVariables;
  private final String sourceIpHeader;
  private final int keepAliveSeconds;
  private final boolean rejectBinaryFrames;
  private final Clock clock;

  private WebSocketApi(Builder b, Map<String, RequestHandler<APIGatewayV2WebSocketEvent, ?>> routes) {
    this.connections = b.connections;
    this.grip = b.connections.grip();
    this.selection = b.selection;
    this.routes = routes;
    this.twoWay = Set.copyOf(b.twoWay);
    this.stage = b.stage;
    this.apiId = b.apiId;
    this.domainName = b.domainName;
    this.stageVariables = b.stageVariables;
    this.sourceIpHeader = b.sourceIpHeader;
    this.keepAliveSeconds = b.keepAliveSeconds;
    this.rejectBinaryFrames = b.rejectBinaryFrames;
    this.clock = b.clock;
  }

  /**
   * Starts a WebSocket API whose handlers reach clients through the given connections.
   *
   * @param connections the {@code @connections} API the handlers use; its {@link Grip} checks signatures and
   *     publishes
   * @return a new builder
   */
  public static Builder builder(GripConnections connections) {
    return new Builder(GripConnections.Args.notNull(connections, "connections"));
  }

  /**
   * Returns the connections the handlers use.
   *
   * @return the connections
   */
  public GripConnections connections() {
    return connections;
  }

  /**
   * Returns the configuration: signature policy, publishing, logger.
   *
   * @return the configuration
   */
  public Grip grip() {
    return grip;
  }

  // ---- the fronts -----------------------------------------------------------------------------------------

  /**
   * Answers a WebSocket-over-HTTP request that reached an HTTP API or Function URL (payload 2.0): what
   * {@link WebSocketApiHandler} does.
   *
   * @param event the request
   * @param context the invocation's context, passed on to the route handlers
   * @return the answer; failures as {@link Grip#errorResponse(GripException)} answers them (400, 403, 500)
   */
  public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
    GripResponse response;
    try {
      response = serve(LambdaGrip.request(event), context);
    } catch (GripException e) {
      response = grip.errorResponse(e);
    }
    return LambdaResponses.toV2(response);
  }

  /**
   * Answers a WebSocket-over-HTTP request that reached an API Gateway REST API (payload 1.0; add
   * {@code application/websocket-events} to its binary media types).
   *
   * @param event the request
   * @param context the invocation's context, passed on to the route handlers
   * @return the answer; failures as {@link Grip#errorResponse(GripException)} answers them (400, 403, 500)
   */
  public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context) {
    GripResponse response;
    try {
      response = serve(LambdaGrip.request(event), context);
    } catch (GripException e) {
      response = grip.errorResponse(e);
    }
    return LambdaResponses.toApiGateway(response);
  }

  /**
   * Answers a WebSocket-over-HTTP request read by any adapter (a servlet, another platform).
   *
   * @param request the request; its {@link GripRequest#query()} is the handshake's query string
   * @param context the context to pass to the route handlers; null if there is none (handlers that use it fail)
   * @return the answer; failures as {@link Grip#errorResponse(GripException)} answers them (400, 403, 500)
   */
  public GripResponse handle(GripRequest request, Context context) {
    try {
      return serve(GripConnections.Args.notNull(request, "request"), context);
    } catch (GripException e) {
      return grip.errorResponse(e);
    }
  }

  // ---- one request ----------------------------------------------------------------------------------------

  private GripResponse serve(GripRequest request, Context context) {
    Map<String, List<String>> query = parseQuery(request.query());
    Invocation inv = grip.webSocket(request, Invocation.FACTORY);
    String id = inv.connectionId();
    if (id == null || id.isEmpty()) {
      throw new BadRequestException("the WebSocket-over-HTTP request has no Connection-Id header");
    }
    connections.begin(inv);
    try {
      return run(inv, query, context);
    } finally {
      connections.end(inv);
    }
  }

  private GripResponse run(Invocation inv, Map<String, List<String>> query, Context context) {
    Headers headers = inv.request.headers();
    long now = clock.millis();
    long connectedAt = inv.isOpening() ? now : connectedAt(inv, now);
    String sourceIp = sourceIp(headers);
    String userAgent = headers.get("User-Agent");
    String host = headers.get("Host");
    Events events = new Events(inv.connectionId(), connectedAt, stage, apiId,
        domainName != null ? domainName : host != null ? host : "localhost", sourceIp, userAgent, stageVariables);
    inv.describe(Instant.ofEpochMilli(connectedAt), Instant.ofEpochMilli(now), sourceIp, userAgent);

    String protocol = null;
    if (inv.isOpening()) {
      if (!inv.isGrip()) {
        // Before $connect, which would otherwise record a connection that is refused and never disconnects.
        throw new NotGripModeException("WebSocketApi needs GRIP mode, but the OPEN came without"
            + " Sec-WebSocket-Extensions: grip: it did not come through a GRIP proxy that offers GRIP mode (Pushpin"
            + " offers it on over_http routes), and every connection must subscribe to its own channel; connect"
            + " through the proxy ($connect was not called)");
      }
      RequestHandler<APIGatewayV2WebSocketEvent, ?> handler = routes.get(CONNECT);
      Reply reply = handler == null ? Reply.OK : invoke(handler, events.connect(headers, query, now), context, inv);
      if (reply == null || !reply.isSuccess()) {
        inv.finish(); // what the handler posted to itself goes nowhere; later posts publish
        return refusal(reply);
      }
      protocol = reply.header("Sec-WebSocket-Protocol");
      synchronized (inv) {
        inv.accept();
        inv.subscribe(GripConnections.channelOf(inv.connectionId()));
        inv.meta().put(CONNECTED_AT_META, Long.toString(connectedAt));
        if (keepAliveSeconds > 0) {
          // An unanswered pong keeps intermediaries' idle timers from running out without calling the function
          // (a ping's pong would come back as a request).
          inv.keepAlive(WebSocketEvent.Type.PONG, NO_BYTES, keepAliveSeconds, KeepAliveMode.IDLE);
        }
      }
    }
    while (true) {
      WebSocketMessage m;
      synchronized (inv) {
        if (inv.isEnding() || !inv.canRecv()) {
          break;
        }
        m = inv.recvMessage();
      }
      if (m.isText()) {
        message(inv, events, m.text(), false, context);
      } else if (m.isBinary()) {
        if (rejectBinaryFrames) {
          inv.end(1003, "");
        } else {
          message(inv, events, Base64.getEncoder().encodeToString(m.bytes()), true, context);
        }
      } else {
        boolean close = m.isClose();
        int code = close ? m.closeCode().orElse(1005) : 1006;
        String reason = close ? m.closeReason() : "";
        RequestHandler<APIGatewayV2WebSocketEvent, ?> handler = routes.get(DISCONNECT);
        if (handler != null) {
          invoke(handler, events.disconnect(headers, code, reason, clock.millis()), context, inv);
        }
        // Pushpin counts a connection whose close is not answered by a close as dropped: echo the code.
        inv.end(close && WebSocketEvent.isSendableCloseCode(code) ? code : -1, "");
      }
    }
    GripResponse response = inv.finish();
    if (protocol == null) {
      return response;
    }
    return GripResponse.builder().status(response.status()).addHeaders(response.headers())
        .addHeader("Sec-WebSocket-Protocol", protocol).body(response.body()).build();
  }

  private void message(Invocation inv, Events events, String body, boolean base64, Context context) {
    String key = base64 ? null : selection.evaluate(body);
    if (key == null || key.equals(CONNECT) || key.equals(DISCONNECT) || !routes.containsKey(key)) {
      key = DEFAULT;
    }
    APIGatewayV2WebSocketEvent event = events.message(key, body, base64, clock.millis());
    RequestHandler<APIGatewayV2WebSocketEvent, ?> handler = routes.get(key);
    if (handler == null) {
      apiGatewayError(inv, "Forbidden", event);
      return;
    }
    Reply reply = invoke(handler, event, context, inv);
    if (reply == null) {
      apiGatewayError(inv, "Internal server error", event);
    } else if (reply.hasBody() && twoWay.contains(key)) {
      byte[] bytes;
      try {
        bytes = reply.bytes();
      } catch (IllegalStateException e) {
        fail(key, inv, e);
        apiGatewayError(inv, "Internal server error", event);
        return;
      }
      if (reply.base64) {
        inv.post(bytes);
      } else {
        inv.post(reply.body);
      }
    }
  }

  /** Calls a route; null when it threw or returned something no proxy integration returns (logged). */
  private Reply invoke(RequestHandler<APIGatewayV2WebSocketEvent, ?> handler, APIGatewayV2WebSocketEvent event,
      Context context, Invocation inv) {
    try {
      return Reply.of(handler.handleRequest(event, context));
    } catch (RuntimeException e) {
      fail(event.getRequestContext().getRouteKey(), inv, e);
      return null;
    }
  }

  private void fail(String routeKey, Invocation inv, RuntimeException e) {
    StackTraceElement[] at = e.getStackTrace();
    grip.logger().log(System.Logger.Level.ERROR, "route " + routeKey + " of connection " + inv.connectionId()
        + " failed: " + e.getClass().getName() + ": " + e.getMessage() + (at.length > 0 ? " at " + at[0] : ""));
  }

  /** The message API Gateway sends a client when its route has no integration to run, or the integration fails. */
  private static void apiGatewayError(Invocation inv, String message, APIGatewayV2WebSocketEvent event) {
    inv.post("{\"message\": \"" + message + "\", \"connectionId\":\"" + json(inv.connectionId())
        + "\", \"requestId\":\"" + event.getRequestContext().getRequestId() + "\"}");
  }

  private static String json(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The answer to a refused handshake: the {@code $connect} handler's status and body; 500 if it failed. */
  private static GripResponse refusal(Reply reply) {
    if (reply == null) {
      return GripResponse.builder().status(500).addHeader("Content-Type", "text/plain; charset=utf-8")
          .body("Internal server error\n").build();
    }
    int status = reply.status >= 300 && reply.status <= 599 ? reply.status : 502;
    String type = reply.header("Content-Type");
    GripResponse.Builder b = GripResponse.builder().status(status)
        .addHeader("Content-Type", type != null ? type : "text/plain; charset=utf-8");
    if (reply.hasBody()) {
      try {
        b.body(reply.bytes());
      } catch (IllegalStateException e) {
        b.body(reply.body);
      }
    }
    return b.build();
  }

  private static long connectedAt(Invocation inv, long now) {
    String kept = inv.meta().get(CONNECTED_AT_META);
    if (kept != null) {
      try {
        return Long.parseLong(kept);
      } catch (NumberFormatException e) {
        // a meta entry someone else set: the request time is the best stand-in left
      }
    }
    return now;
  }

  /** The first address of the configured header ({@code X-Forwarded-For} lists the client first); 0.0.0.0 if none. */
  private String sourceIp(Headers headers) {
    String value = headers.get(sourceIpHeader);
    if (value != null) {
      int comma = value.indexOf(',');
      String first = (comma < 0 ? value : value.substring(0, comma)).trim();
      if (!first.isEmpty()) {
        return first;
      }
    }
    return "0.0.0.0";
  }

  /** Splits and percent-decodes a query string, keeping every value of a name in order. */
  static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }
    return query;
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    try {
      // '+' stays '+', as API Gateway leaves it: only percent-escapes are decoded.
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a stray '%': kept as sent
    }
  }

  @Override
  public String toString() {
    return "WebSocketApi{routes=" + routes.keySet() + ", routeSelectionExpression=" + selection + ", stage=" + stage
        + "}";
  }

  /** Collects a WebSocket API's routes and settings. Not thread-safe; the API it builds is. */
  public static final class Builder {
    private final GripConnections connections;
    private RouteSelection selection = RouteSelection.parse("$request.body.action");
    private RequestHandler<APIGatewayV2WebSocketEvent, ?> handler;
    private final Map<String, RequestHandler<APIGatewayV2WebSocketEvent, ?>> routes = new LinkedHashMap<>();
    private final Set<String> twoWay = new HashSet<>();
    private String stage = "$default";
    private String apiId = "grip";
    private String domainName;
    private Map<String, String> stageVariables;
    private String sourceIpHeader = "X-Forwarded-For";
    private int keepAliveSeconds;
    private boolean rejectBinaryFrames;
    private Clock clock = Clock.systemUTC();

    private Builder(GripConnections connections) {
      this.connections = connections;
    }

    /**
     * Sets the API's route selection expression; {@code $request.body.action} by default.
     *
     * @param expression e.g. {@code $request.body.action} or {@code ${request.body.service}/${request.body.action}}
     * @return this builder
     * @throws IllegalArgumentException if it is empty, has an unclosed <code>${</code>, or uses a variable other than
     *     {@code $request.body...}
     */
    public Builder routeSelectionExpression(String expression) {
      this.selection = RouteSelection.parse(expression);
      return this;
    }

    /**
     * Sets the integration of every route that has none of its own: {@code $connect}, {@code $disconnect},
     * {@code $default} and the routes declared with {@link #route(String)}, as one Lambda function serves all
     * the routes of many WebSocket APIs.
     *
     * @param handler the handler
     * @return this builder
     */
    public Builder handler(RequestHandler<APIGatewayV2WebSocketEvent, ?> handler) {
      this.handler = GripConnections.Args.notNull(handler, "handler");
      return this;
    }

    /**
     * Declares a custom route, served by {@link #handler}: messages whose route selection expression evaluates
     * to this key call it; others call {@code $default}.
     *
     * @param routeKey the key, e.g. {@code sendmessage}
     * @return this builder
     * @throws IllegalArgumentException if the key is empty or starts with {@code $} (the three predefined routes
     *     exist already)
     */
    public Builder route(String routeKey) {
      routes.put(custom(routeKey), null);
      return this;
    }

    /**
     * Declares a route with its own integration: a custom route, or {@code $connect}, {@code $disconnect},
     * {@code $default}.
     *
     * @param routeKey the key
     * @param handler the route's handler
     * @return this builder
     * @throws IllegalArgumentException if the key is empty, or starts with {@code $} and is none of the three
     */
    public Builder route(String routeKey, RequestHandler<APIGatewayV2WebSocketEvent, ?> handler) {
      GripConnections.Args.notNull(routeKey, "routeKey");
      String key = routeKey.equals(CONNECT) || routeKey.equals(DISCONNECT) || routeKey.equals(DEFAULT) ? routeKey
          : custom(routeKey);
      routes.put(key, GripConnections.Args.notNull(handler, "handler"));
      return this;
    }

    private static String custom(String routeKey) {
      if (GripConnections.Args.notNull(routeKey, "routeKey").isEmpty() || routeKey.startsWith("$")) {
        throw new IllegalArgumentException("route key '" + routeKey + "' is empty or starts with '$'; the predefined"
            + " routes are " + CONNECT + ", " + DISCONNECT + " and " + DEFAULT);
      }
      return routeKey;
    }

    /**
     * Makes routes two-way, as a route response does on API Gateway: the body their handler returns is sent to
     * the client ({@code isBase64Encoded} sends it as a binary message). Other routes' bodies are dropped, as API
     * Gateway drops them for routes without a route response. {@code $connect} and {@code $disconnect} never send.
     *
     * @param routeKeys the routes, e.g. {@code $default}
     * @return this builder
     */
    public Builder twoWay(String... routeKeys) {
      for (String key : routeKeys) {
        twoWay.add(GripConnections.Args.notNull(key, "routeKey"));
      }
      return this;
    }

    /**
     * Sets {@code requestContext.stage}; {@code $default} unless set (there is no stage behind a GRIP proxy).
     *
     * @param stage the stage name
     * @return this builder
     */
    public Builder stage(String stage) {
      this.stage = GripConnections.Args.notNull(stage, "stage");
      return this;
    }

    /**
     * Sets {@code requestContext.apiId}; {@code grip} unless set.
     *
     * @param apiId the id
     * @return this builder
     */
    public Builder apiId(String apiId) {
      this.apiId = GripConnections.Args.notNull(apiId, "apiId");
      return this;
    }

    /**
     * Sets {@code requestContext.domainName}; unless set, the {@code Host} header the request arrived with (the
     * client's, which Pushpin passes on; behind a front that rewrites {@code Host}, the front's).
     *
     * @param domainName the public host name of the WebSocket endpoint
     * @return this builder
     */
    public Builder domainName(String domainName) {
      this.domainName = GripConnections.Args.notNull(domainName, "domainName");
      return this;
    }

    /**
     * Sets the events' {@code stageVariables}; none (null) unless set.
     *
     * @param variables the variables by name
     * @return this builder
     */
    public Builder stageVariables(Map<String, String> variables) {
      this.stageVariables = Map.copyOf(GripConnections.Args.notNull(variables, "variables"));
      return this;
    }

    /**
     * Sets the header whose first address is {@code identity.sourceIp}; {@code X-Forwarded-For} unless set. Make
     * the proxy write it (Pushpin: {@code x_forwarded_for=truncate:0,append}) or use the one it sets
     * ({@code Fastly-Client-IP} behind Fastly). Without the header, {@code sourceIp} is {@code 0.0.0.0}.
     *
     * @param name the header name
     * @return this builder
     */
    public Builder sourceIpHeader(String name) {
      this.sourceIpHeader = GripConnections.Args.notNull(name, "name");
      return this;
    }

    /**
     * Has the proxy send every accepted connection an unsolicited WebSocket pong after each {@code idle} without
     * traffic, so that intermediaries with idle timeouts keep it open. Clients ignore such pongs, and they do not
     * call the function. Off unless set.
     *
     * @param idle the idle time before each keep-alive, at least one second (whole seconds)
     * @return this builder
     * @throws IllegalArgumentException if it is shorter than a second
     */
    public Builder keepAlive(Duration idle) {
      long seconds = GripConnections.Args.notNull(idle, "idle").getSeconds();
      if (seconds < 1 || seconds > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("keep-alive must be 1 second or more, was " + idle);
      }
      this.keepAliveSeconds = (int) seconds;
      return this;
    }

    /**
     * Closes a connection that sends a binary message with code 1003, as API Gateway does, instead of calling
     * {@code $default} with the bytes in base64. Off unless set.
     *
     * @param reject true to refuse binary messages
     * @return this builder
     */
    public Builder rejectBinaryFrames(boolean reject) {
      this.rejectBinaryFrames = reject;
      return this;
    }

    /**
     * Sets the clock of {@code requestTimeEpoch}, {@code requestTime} and {@code connectedAt}: for tests.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = GripConnections.Args.notNull(clock, "clock");
      return this;
    }

    /**
     * Builds the API.
     *
     * @return the API
     * @throws IllegalStateException if a declared route has no handler because {@link #handler} was not set
     */
    public WebSocketApi build() {
      Map<String, RequestHandler<APIGatewayV2WebSocketEvent, ?>> resolved = new HashMap<>();
      if (handler != null) {
        resolved.put(CONNECT, handler);
        resolved.put(DISCONNECT, handler);
        resolved.put(DEFAULT, handler);
      }
      for (Map.Entry<String, RequestHandler<APIGatewayV2WebSocketEvent, ?>> e : routes.entrySet()) {
        RequestHandler<APIGatewayV2WebSocketEvent, ?> h = e.getValue() != null ? e.getValue() : handler;
        if (h == null) {
          throw new IllegalStateException("route " + e.getKey() + " has no handler: set handler(...) or give it one");
        }
        resolved.put(e.getKey(), h);
      }
      if (resolved.isEmpty()) {
        throw new IllegalStateException("no route has a handler: set handler(...)");
      }
      return new WebSocketApi(this, Map.copyOf(resolved));
    }
  }
}
