package org.faasgrip.localgateway;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for the AWS front door of a Lambda function: an HTTP server on 127.0.0.1 that turns each
 * request into the Lambda event of the chosen {@link PayloadVersion}, invokes the handler with a real
 * {@link com.amazonaws.services.lambda.runtime.Context}, and writes the function's response back as HTTP.
 * Developers run it behind Pushpin on their machine; the end-to-end tests run it the same way.
 *
 * <pre>{@code
 * try (LocalGateway gw = LocalGateway.builder()
 *     .handler(new ChatHandler())           // or ChatHandler.class, or "com.example.ChatHandler"
 *     .payload(PayloadVersion.V1)
 *     .port(0)                              // any free port
 *     .build()
 *     .start()) {
 *   URI origin = gw.uri();                  // http://127.0.0.1:PORT/
 * }
 * }</pre>
 *
 * <p>From the command line: {@code java -cp ... org.faasgrip.localgateway.LocalGateway --handler
 * com.example.Handler --payload 1.0|2.0|alb --port 8080} (see {@link #main(String[])} for every option).
 *
 * <h2>What it does as AWS does</h2>
 * <ul>
 *   <li>Payload 1.0 (REST API, proxy resource {@code /{proxy+}}): {@code headers} (last value) and
 *       {@code multiValueHeaders} with names in the case sent; query parameters decoded, last value and
 *       multi-value; the body base64-encoded with {@code isBase64Encoded: true} only when the request's
 *       Content-Type matches one of the binary media types ({@code *}{@code /*} and {@code type/*} wildcards
 *       work); a response body is decoded from base64 only when {@code isBase64Encoded} is true <em>and</em> the
 *       first media type of the request's {@code Accept} matches a binary media type, otherwise the base64 text is
 *       sent as it is; {@code headers} and {@code multiValueHeaders} of a response are merged.</li>
 *   <li>Payload 2.0 (HTTP API, Function URL): lower-case header names, repeated values joined by {@code ,},
 *       {@code Cookie} headers split into {@code cookies} (and, as HTTP API does, removed from {@code headers};
 *       a Function URL keeps them there too), {@code rawPath}, {@code rawQueryString}, the body as
 *       text only for {@code text/*}, JSON, XML and JavaScript and base64 for everything else; a response with a
 *       {@code statusCode} is read as structured ({@code cookies} become {@code Set-Cookie} headers), any other
 *       JSON becomes the body of a 200 {@code application/json} response.</li>
 *   <li>ALB: lower-case header names, {@code headers} or {@code multiValueHeaders} (and the query parameters
 *       likewise) as the target group's multi-value setting says, query parameters not percent-decoded, the same
 *       text/base64 rule as payload 2.0, an empty string body for a request without one; a response's
 *       {@code statusDescription} becomes the reason phrase.</li>
 *   <li>A {@code RequestHandler}'s event is deserialized, and its result serialized, with
 *       {@code aws-lambda-java-serialization} chosen as the Lambda Java runtime chooses.</li>
 *   <li>A handler that throws, times out or returns a response the front door cannot read: REST API answers
 *       502 {@code {"message": "Internal server error"}}, HTTP API 500
 *       {@code {"message":"Internal Server Error"}}, ALB 502 Bad Gateway; the stack trace goes to standard
 *       error, never to the client.</li>
 *   <li>{@code X-Forwarded-For}, {@code X-Forwarded-Port} and {@code X-Forwarded-Proto} are added to the
 *       event's headers.</li>
 * </ul>
 *
 * <h2>What differs from AWS</h2>
 * <ul>
 *   <li>No authorizers, API keys, usage plans, rate throttling, WAF, custom domains, stage variables, CORS
 *       configuration, request validation or mapping templates; every path and method reaches the one handler
 *       (a REST API with the resources {@code /} and {@code /{proxy+}}, an HTTP API's {@code $default}
 *       route).</li>
 *   <li>The function timeout is measured, and on expiry the client gets the error response and the handler's
 *       thread is interrupted, but the handler is not killed: it may run on. Integration timeouts of API Gateway
 *       (29 s) are not applied separately.</li>
 *   <li>Handlers run concurrently on one instance (AWS would start one instance per concurrent request), so a
 *       handler with mutable state must be thread-safe here. There are no cold starts and no instance reuse
 *       rules.</li>
 *   <li>Concurrency: at most {@link Builder#concurrency(int)} invocations run at once (default 64), like a
 *       reserved concurrency. Where Lambda throttles the next call at once, a request here first waits for a
 *       slot, in arrival order, up to {@link Builder#queueTimeout(Duration)} (10 s) and behind at most
 *       {@link Builder#maxQueued(int)} others (1000); past that it gets API Gateway's 429
 *       {@code {"message":"Too Many Requests"}} (for ALB too).</li>
 *   <li>Limits: request bodies up to 10 MiB (1 MiB for ALB), header blocks up to 64 KiB, function output up to
 *       6 MiB (1 MiB for ALB); AWS's header-size limits (10 KiB for REST APIs, 16 KiB per line for ALB) and
 *       payload-size errors are not reproduced exactly.</li>
 *   <li>Paths are passed as sent (percent-encoding kept); query strings are decoded with
 *       {@link java.net.URLDecoder} ({@code +} becomes a space). The stage is reported in
 *       {@code requestContext} (and prefixed to payload 1.0's {@code requestContext.path}) but not expected in
 *       the URL. Headers AWS removes or renames (e.g. {@code WWW-Authenticate} to
 *       {@code x-amzn-Remapped-WWW-Authenticate}) are passed unchanged; {@code Content-Length},
 *       {@code Connection} and {@code Transfer-Encoding} of a response are always the gateway's own.</li>
 *   <li>Account id, API id, domain prefix, ARNs and request ids are made up; {@code requestContext.identity}
 *       has only {@code sourceIp} and {@code userAgent}.</li>
 *   <li>Payload 2.0 responses without {@code Content-Type} get none (HTTP API may add one); its
 *       {@code multiValueHeaders} are ignored with a warning, as HTTP API ignores them.</li>
 *   <li>A {@code RequestHandler} given as a lambda expression declares no generic types; the payload's event
 *       class is then used for the input (or {@link Builder#inputType(Type)}), and the result is serialized by
 *       its runtime class. Lambda itself would refuse such a handler.</li>
 * </ul>
 *
 * <h2>Arguments</h2>
 * A null argument, like any other bad option, is refused where it enters with a {@link LocalGatewayException}
 * that names the parameter ({@code "handler must not be null"}), never a bare {@link NullPointerException}.
 */
public final class LocalGateway implements AutoCloseable {
  private static final int MAX_OUTPUT_BYTES = 6 * 1024 * 1024;
  private static final int MAX_ALB_BYTES = 1024 * 1024;

  /** At most one line a second about throttled requests: under overload, a line each would add to the load. */
  private static final long THROTTLE_REPORT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Settings settings;
  private final HandlerInvoker invoker;
  private final int requestedPort;
  private final int maxConnections;
  private final long headerTimeoutMillis;
  private final InvocationSlots slots;
  private final ExecutorService invocations;
  private final AtomicInteger throttledSinceReport = new AtomicInteger();
  private final AtomicLong lastThrottleReport = new AtomicLong(System.nanoTime() - THROTTLE_REPORT_NANOS);
  private volatile LoopbackHttpServer server;

  private LocalGateway(Builder b, Settings settings, HandlerInvoker invoker) {
    this.settings = settings;
    this.invoker = invoker;
    this.requestedPort = b.port;
    this.maxConnections = b.maxConnections;
    this.headerTimeoutMillis = Math.max(1, millis(b.headerTimeout));
    this.slots = new InvocationSlots(b.concurrency, b.maxQueued, millis(b.queueTimeout));
    AtomicInteger n = new AtomicInteger();
    // Unbounded in threads, bounded by the slots: a slot is given back as an invocation ends, a moment before its
    // thread is free again.
    this.invocations = Executors.newCachedThreadPool(
        r -> LoopbackHttpServer.daemon(r, "local-gateway-handler-" + n.incrementAndGet()));
  }

  /**
   * Starts a builder. Only the handler is required; the payload defaults to {@link PayloadVersion#V1}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the server to 127.0.0.1 and starts serving.
   *
   * @return this gateway, started
   * @throws LocalGatewayException when the port cannot be bound or the gateway was started before
   */
  public synchronized LocalGateway start() {
    if (server != null) {
      throw new LocalGatewayException("the local gateway is already started on port " + server.port());
    }
    if (invocations.isShutdown()) {
      throw new LocalGatewayException("the local gateway was closed and cannot be started again");
    }
    int maxBody = settings.payload == PayloadVersion.ALB ? MAX_ALB_BYTES : 10 * 1024 * 1024;
    try {
      server = new LoopbackHttpServer(requestedPort, maxConnections, headerTimeoutMillis, maxBody, this::handle);
    } catch (IOException e) {
      throw new LocalGatewayException("cannot listen on 127.0.0.1:" + requestedPort + ": " + e.getMessage(), e);
    }
    return this;
  }

  /**
   * The port the server listens on: the one configured, or the one the system chose for port 0.
   *
   * @return the bound port
   * @throws IllegalStateException when the gateway is not started
   */
  public int port() {
    LoopbackHttpServer s = server;
    if (s == null) {
      throw new IllegalStateException("the local gateway is not started");
    }
    return s.port();
  }

  /**
   * The base URI of the server, {@code http://127.0.0.1:PORT/}: the origin to give Pushpin's routes.
   *
   * @return the base URI
   * @throws IllegalStateException when the gateway is not started
   */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port() + "/");
  }

  /**
   * The payload this gateway produces.
   *
   * @return the payload version
   */
  public PayloadVersion payload() {
    return settings.payload;
  }

  /** The load limits in force, in words, for the start-up line. */
  String limits() {
    return String.format(Locale.ROOT, "concurrency %d, then up to %d requests wait up to %d ms, then 429; "
        + "%d connections, %d ms to send a request head", slots.concurrency(), slots.maxQueued(),
        slots.queueTimeoutMillis(), maxConnections, headerTimeoutMillis);
  }

  /** Invocations running now (for tests). */
  int running() {
    return slots.running();
  }

  /** Requests waiting for an invocation slot now (for tests). */
  int queued() {
    return slots.queued();
  }

  /** Stops listening, closes open connections and interrupts running handlers. Closing twice is harmless. */
  @Override
  public synchronized void close() {
    LoopbackHttpServer s = server;
    server = null;
    if (s != null) {
      s.close();
    }
    invocations.shutdownNow();
  }

  private HttpMessage.Response handle(HttpMessage.Request request) {
    long started = System.nanoTime();
    String requestId = UUID.randomUUID().toString();
    HttpMessage.Response response = invoke(request, requestId);
    if (settings.accessLog) {
      System.err.printf(Locale.ROOT, "[local-gateway] %s %s %s -> %d (%d ms) %s%n", request.remoteAddress,
          request.method, request.target, response.status, (System.nanoTime() - started) / 1_000_000, requestId);
    }
    return response;
  }

  private HttpMessage.Response invoke(HttpMessage.Request request, String requestId) {
    byte[] event = EventEncoder.encode(request, settings, requestId, System.currentTimeMillis());
    try {
      if (!slots.acquire()) {
        return throttled(requestId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(requestId, "interrupted while waiting for an invocation slot");
    }
    // The function's timeout counts from when it runs, not from when the request arrived.
    LocalContext context =
        new LocalContext(requestId, settings.functionName, settings.timeoutMillis, settings.memoryLimitMb);
    Future<byte[]> future;
    try {
      // The slot is given back when the handler returns, not at the timeout: a handler that runs on after its
      // timeout still takes a thread and CPU here, where Lambda would have stopped its sandbox.
      future = invocations.submit(() -> {
        try {
          return invoker.invoke(event, context);
        } finally {
          slots.release();
        }
      });
    } catch (RejectedExecutionException e) {
      slots.release();
      return error(requestId, "the gateway is closing");
    }
    byte[] output;
    try {
      output = future.get(settings.timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return error(requestId, String.format(Locale.ROOT, "Task timed out after %.2f seconds",
          settings.timeoutMillis / 1000.0));
    } catch (ExecutionException e) {
      return error(requestId, "the handler threw:\n" + stackTrace(e.getCause()));
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return error(requestId, "interrupted while waiting for the handler");
    }
    int limit = settings.payload == PayloadVersion.ALB ? MAX_ALB_BYTES : MAX_OUTPUT_BYTES;
    if (output.length > limit) {
      return error(requestId, "the function's response of " + output.length
          + " bytes exceeds the maximum of " + limit + " bytes");
    }
    try {
      return ResponseDecoder.decode(output, request, settings, requestId);
    } catch (ResponseDecoder.MalformedResponse e) {
      return error(requestId, "malformed Lambda response: " + e.getMessage());
    }
  }

  /** The front door's generic error; the reason goes to standard error only. */
  private HttpMessage.Response error(String requestId, String why) {
    System.err.println("[local-gateway] request " + requestId + " to " + invoker.description() + " failed: " + why);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    switch (settings.payload) {
      case V1:
        headers.add(LoopbackHttpServer.header("Content-Type", "application/json"));
        headers.add(LoopbackHttpServer.header("x-amzn-RequestId", requestId));
        headers.add(LoopbackHttpServer.header("x-amzn-ErrorType", "InternalServerErrorException"));
        return new HttpMessage.Response(502, null, headers,
            "{\"message\": \"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
      case V2:
        headers.add(LoopbackHttpServer.header("Content-Type", "application/json"));
        headers.add(LoopbackHttpServer.header("Apigw-Requestid", requestId));
        return new HttpMessage.Response(500, null, headers,
            "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
      default:
        headers.add(LoopbackHttpServer.header("Content-Type", "text/html"));
        return new HttpMessage.Response(502, "Bad Gateway", headers,
            ("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway"
                + "</h1></center>\r\n</body>\r\n</html>\r\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * The throttled call's answer: 429 {@code {"message":"Too Many Requests"}}, as API Gateway answers when its
   * limits, or the function's concurrency, are exceeded.
   */
  private HttpMessage.Response throttled(String requestId) {
    int count = throttledSinceReport.incrementAndGet();
    long now = System.nanoTime();
    long last = lastThrottleReport.get();
    if (now - last >= THROTTLE_REPORT_NANOS && lastThrottleReport.compareAndSet(last, now)) {
      throttledSinceReport.addAndGet(-count);
      System.err.printf(Locale.ROOT, "[local-gateway] throttled %d request(s) with 429: %d invocations running "
          + "(concurrency %d), %d waiting (at most %d, for %d ms)%n", count, slots.running(),
          slots.concurrency(), slots.queued(), slots.maxQueued(), slots.queueTimeoutMillis());
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(LoopbackHttpServer.header("Content-Type", "application/json"));
    if (settings.payload == PayloadVersion.V1) {
      headers.add(LoopbackHttpServer.header("x-amzn-RequestId", requestId));
    } else if (settings.payload == PayloadVersion.V2) {
      headers.add(LoopbackHttpServer.header("Apigw-Requestid", requestId));
    }
    return new HttpMessage.Response(429, null, headers,
        "{\"message\":\"Too Many Requests\"}".getBytes(StandardCharsets.UTF_8));
  }

  /** A duration in milliseconds, Long.MAX_VALUE for one too long to say so. */
  private static long millis(Duration d) {
    try {
      return d.toMillis();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static String stackTrace(Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    return sw.toString();
  }

  /**
   * Runs a gateway until the process is stopped.
   *
   * <pre>
   * --handler CLASS            handler class (RequestHandler or RequestStreamHandler), required
   * --payload 1.0|2.0|alb      event shape (default 1.0)
   * --port N                   port on 127.0.0.1 (default 8080; 0 picks a free one)
   * --stage NAME               stage in requestContext (default prod for 1.0, $default for 2.0)
   * --binary-media-types LIST  comma-separated REST API binary media types
   *                            (default application/websocket-events,application/octet-stream)
   * --multi-value-headers      ALB target group with multi-value headers enabled
   * --timeout SECONDS          function timeout (default 30)
   * --memory MB                function memory (default 512)
   * --function-name NAME       function name in the Context (default: the handler's simple class name)
   * --input-type CLASS         event class to deserialize into, when the handler does not declare one
   * --concurrency N            invocations running at once (default 64)
   * --max-queued N             requests waiting for a slot, past which 429 (default 1000)
   * --queue-timeout SECONDS    longest wait for a slot, past which 429 (default 10)
   * --max-connections N        connections served at once (default 1024)
   * --header-timeout SECONDS   time allowed to send a request head (default 10)
   * --quiet                    no access log line per request
   * </pre>
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    LocalGateway gateway;
    try {
      LocalGatewayException.notNull(args, "args");
      gateway = fromArgs(args).build().start();
    } catch (LocalGatewayException e) {
      System.err.println("local-gateway: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      stopped.countDown();
    }, "local-gateway-shutdown"));
    System.err.println("[local-gateway] payload " + gateway.payload().label() + " -> "
        + gateway.invoker.description() + ", listening on " + gateway.uri() + "; " + gateway.limits());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Parses command-line options into a builder (port 8080 and an access log unless told otherwise). */
  static Builder fromArgs(String[] args) {
    Builder b = builder().port(8080).accessLog(true);
    boolean handlerGiven = false;
    for (int i = 0; i < args.length; i++) {
      String a = LocalGatewayException.notNull(args[i], "args[" + i + "]");
      String v = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        v = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      switch (a) {
        case "--multi-value-headers":
          b.multiValueHeaders(true);
          continue;
        case "--quiet":
          b.accessLog(false);
          continue;
        default:
          break;
      }
      if (v == null) {
        if (i + 1 >= args.length) {
          throw new LocalGatewayException("option " + a + " needs a value");
        }
        v = args[++i];
      }
      switch (a) {
        case "--handler":
          b.handler(v);
          handlerGiven = true;
          break;
        case "--payload":
          b.payload(PayloadVersion.parse(v));
          break;
        case "--port":
          b.port(intOption(a, v));
          break;
        case "--stage":
          b.stage(v);
          break;
        case "--binary-media-types":
          b.binaryMediaTypes(Arrays.stream(v.split(",")).map(String::trim).filter(t -> !t.isEmpty())
              .toArray(String[]::new));
          break;
        case "--timeout":
          b.timeout(Duration.ofSeconds(intOption(a, v)));
          break;
        case "--memory":
          b.memoryLimitMb(intOption(a, v));
          break;
        case "--function-name":
          b.functionName(v);
          break;
        case "--input-type":
          b.inputType(HandlerInvoker.loadClass(v));
          break;
        case "--concurrency":
          b.concurrency(intOption(a, v));
          break;
        case "--max-queued":
          b.maxQueued(intOption(a, v));
          break;
        case "--queue-timeout":
          b.queueTimeout(Duration.ofSeconds(intOption(a, v)));
          break;
        case "--max-connections":
          b.maxConnections(intOption(a, v));
          break;
        case "--header-timeout":
          b.headerTimeout(Duration.ofSeconds(intOption(a, v)));
          break;
        default:
          throw new LocalGatewayException("unknown option " + a + "; see the Javadoc of LocalGateway.main");
      }
    }
    if (!handlerGiven) {
      throw new LocalGatewayException("--handler CLASS is required");
    }
    return b;
  }

  private static int intOption(String name, String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new LocalGatewayException(name + " must be a whole number, not '" + v + "'");
    }
  }

  /** Collects the gateway's options; {@link #build()} checks them and loads the handler. */
  public static final class Builder {
    private Object handler;
    private Type inputType;
    private PayloadVersion payload = PayloadVersion.V1;
    private int port;
    private String stage;
    private List<String> binaryMediaTypes =
        List.of("application/websocket-events", "application/octet-stream");
    private boolean multiValueHeaders;
    private String targetGroupArn =
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/local-gateway/0123456789abcdef";
    private String functionName;
    private int memoryLimitMb = 512;
    private Duration timeout = Duration.ofSeconds(30);
    private int concurrency = 64;
    private int maxQueued = 1000;
    private Duration queueTimeout = Duration.ofSeconds(10);
    private int maxConnections = 1024;
    private Duration headerTimeout = Duration.ofSeconds(10);
    private boolean accessLog;

    private Builder() {}

    /**
     * The function's handler: an instance of {@code RequestHandler} or {@code RequestStreamHandler}, its
     * {@link Class} (instantiated once with its public no-argument constructor, as Lambda does), or its fully
     * qualified class name.
     *
     * @param handlerInstanceOrClass the handler, its class, or its class name
     * @return this builder
     * @throws LocalGatewayException when the handler is null
     */
    public Builder handler(Object handlerInstanceOrClass) {
      this.handler = LocalGatewayException.notNull(handlerInstanceOrClass, "handler");
      return this;
    }

    /**
     * The type to deserialize events into, for a {@code RequestHandler} that does not declare its input type
     * (a lambda expression, a raw type). Without it such a handler gets the payload's event class.
     *
     * @param type the input type
     * @return this builder
     * @throws LocalGatewayException when the type is null
     */
    public Builder inputType(Type type) {
      this.inputType = LocalGatewayException.notNull(type, "inputType");
      return this;
    }

    /**
     * The event shape: {@link PayloadVersion#V1} (default), {@link PayloadVersion#V2} or
     * {@link PayloadVersion#ALB}.
     *
     * @param payload the payload version
     * @return this builder
     * @throws LocalGatewayException when the payload is null
     */
    public Builder payload(PayloadVersion payload) {
      this.payload = LocalGatewayException.notNull(payload, "payload");
      return this;
    }

    /**
     * The port on 127.0.0.1; 0 (the default) lets the system pick a free one, which {@link #port()} reports.
     *
     * @param port a port number, 0 to 65535
     * @return this builder
     * @throws LocalGatewayException when the number is not a port
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new LocalGatewayException("port must be 0 to 65535, not " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The stage named in {@code requestContext.stage}: default {@code prod} for payload 1.0 and
     * {@code $default} for 2.0.
     *
     * @param stage the stage name
     * @return this builder
     * @throws LocalGatewayException when the stage is null, blank or has a {@code /}
     */
    public Builder stage(String stage) {
      LocalGatewayException.notNull(stage, "stage");
      if (stage.isBlank() || stage.contains("/")) {
        throw new LocalGatewayException("stage must be a non-empty name without '/', not '" + stage + "'");
      }
      this.stage = stage;
      return this;
    }

    /**
     * The REST API's binary media types (payload 1.0): request bodies of these content types arrive base64, and
     * base64 responses are decoded for requests whose first {@code Accept} type is one of them. Wildcards
     * {@code type/*} and {@code *}{@code /*} work. Default: {@code application/websocket-events} and
     * {@code application/octet-stream}.
     *
     * @param mediaTypes the media types (replacing the default list)
     * @return this builder
     * @throws LocalGatewayException when the array, or one of its entries, is null or not a media type
     */
    public Builder binaryMediaTypes(String... mediaTypes) {
      return binaryMediaTypes(Arrays.asList(LocalGatewayException.notNull(mediaTypes, "mediaTypes")));
    }

    /**
     * The REST API's binary media types; see {@link #binaryMediaTypes(String...)}.
     *
     * @param mediaTypes the media types (replacing the default list)
     * @return this builder
     * @throws LocalGatewayException when the list, or one of its entries, is null or not a media type
     */
    public Builder binaryMediaTypes(List<String> mediaTypes) {
      List<String> copy = new ArrayList<>();
      for (String t : LocalGatewayException.notNull(mediaTypes, "mediaTypes")) {
        if (t == null || MediaTypes.essence(t) == null) {
          throw new LocalGatewayException("binary media types must be media types like image/png, not '" + t + "'");
        }
        copy.add(t.trim());
      }
      this.binaryMediaTypes = List.copyOf(copy);
      return this;
    }

    /**
     * ALB only: whether the target group has multi-value headers enabled, so that events carry
     * {@code multiValueHeaders} and {@code multiValueQueryStringParameters} instead of the single-value maps.
     *
     * @param enabled true for multi-value headers
     * @return this builder
     */
    public Builder multiValueHeaders(boolean enabled) {
      this.multiValueHeaders = enabled;
      return this;
    }

    /**
     * ALB only: the ARN in {@code requestContext.elb.targetGroupArn}.
     *
     * @param arn the target group ARN
     * @return this builder
     * @throws LocalGatewayException when the ARN is null
     */
    public Builder targetGroupArn(String arn) {
      this.targetGroupArn = LocalGatewayException.notNull(arn, "targetGroupArn");
      return this;
    }

    /**
     * The function name the {@code Context} reports (default: the handler's simple class name).
     *
     * @param name the function name
     * @return this builder
     * @throws LocalGatewayException when the name is null
     */
    public Builder functionName(String name) {
      this.functionName = LocalGatewayException.notNull(name, "functionName");
      return this;
    }

    /**
     * The memory setting the {@code Context} reports, in MB (default 512).
     *
     * @param mb memory in MB, positive
     * @return this builder
     * @throws LocalGatewayException when not positive
     */
    public Builder memoryLimitMb(int mb) {
      if (mb <= 0) {
        throw new LocalGatewayException("memory must be positive, not " + mb + " MB");
      }
      this.memoryLimitMb = mb;
      return this;
    }

    /**
     * The function timeout (default 30 s): the {@code Context}'s remaining time counts down from it, and an
     * invocation that outlasts it is answered with the front door's error response.
     *
     * @param timeout the timeout, positive
     * @return this builder
     * @throws LocalGatewayException when null or not positive
     */
    public Builder timeout(Duration timeout) {
      if (LocalGatewayException.notNull(timeout, "timeout").isNegative() || timeout.isZero()) {
        throw new LocalGatewayException("timeout must be positive, not " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The function's concurrency, like a reserved concurrency on Lambda: how many invocations run at once
     * (default 64). A request that finds them all running waits for a slot within the queue's bounds
     * ({@link #maxQueued(int)}, {@link #queueTimeout(Duration)}), and past them is throttled with 429.
     *
     * @param concurrency invocations at once, positive
     * @return this builder
     * @throws LocalGatewayException when not positive
     */
    public Builder concurrency(int concurrency) {
      if (concurrency <= 0) {
        throw new LocalGatewayException("concurrency must be positive, not " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /**
     * How many requests may wait for an invocation slot at once (default 1000); one more is answered 429 at
     * once. 0 throttles as soon as every slot is taken, as Lambda does.
     *
     * @param maxQueued requests waiting at most, 0 or more
     * @return this builder
     * @throws LocalGatewayException when negative
     */
    public Builder maxQueued(int maxQueued) {
      if (maxQueued < 0) {
        throw new LocalGatewayException("maxQueued must be 0 or more, not " + maxQueued);
      }
      this.maxQueued = maxQueued;
      return this;
    }

    /**
     * How long a request waits for an invocation slot before it is answered 429 (default 10 s).
     *
     * @param queueTimeout the longest wait, zero or positive
     * @return this builder
     * @throws LocalGatewayException when null or negative
     */
    public Builder queueTimeout(Duration queueTimeout) {
      if (LocalGatewayException.notNull(queueTimeout, "queueTimeout").isNegative()) {
        throw new LocalGatewayException("queueTimeout must not be negative, not " + queueTimeout);
      }
      this.queueTimeout = queueTimeout;
      return this;
    }

    /**
     * How many connections the server serves at once (default 1024), each on its own thread, idle kept-alive
     * ones included. At the limit, the connection idle the longest is closed to make room; if none is idle, new
     * connections wait in the listen backlog until one ends. Idle connections take no invocation slot.
     *
     * @param maxConnections the connection limit, positive
     * @return this builder
     * @throws LocalGatewayException when not positive
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections <= 0) {
        throw new LocalGatewayException("maxConnections must be positive, not " + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * How long a client may take to send a whole request head (default 10 s), counted from the accept for a new
     * connection and from the first byte for each later request on a kept-alive one. A head still incomplete at
     * the deadline is answered 408 and its connection closed; a connection that sent nothing is closed.
     *
     * @param headerTimeout the deadline, positive
     * @return this builder
     * @throws LocalGatewayException when null or not positive
     */
    public Builder headerTimeout(Duration headerTimeout) {
      if (LocalGatewayException.notNull(headerTimeout, "headerTimeout").isNegative() || headerTimeout.isZero()) {
        throw new LocalGatewayException("headerTimeout must be positive, not " + headerTimeout);
      }
      this.headerTimeout = headerTimeout;
      return this;
    }

    /**
     * Whether to write one line per request to standard error (default false; the command line turns it on).
     *
     * @param enabled true for an access log
     * @return this builder
     */
    public Builder accessLog(boolean enabled) {
      this.accessLog = enabled;
      return this;
    }

    /**
     * Loads and checks the handler and returns a gateway, not yet started.
     *
     * @return the gateway
     * @throws LocalGatewayException when no handler was given, or it cannot be loaded, instantiated or invoked
     */
    public LocalGateway build() {
      if (handler == null) {
        throw new LocalGatewayException("no handler given: call handler(...) with a RequestHandler or "
            + "RequestStreamHandler, its class, or its class name");
      }
      HandlerInvoker invoker = HandlerInvoker.create(handler, inputType, payload);
      String name = functionName;
      if (name == null) {
        String cls = invoker.description();
        // A lambda expression's class name ("Foo$$Lambda$14/0x...") is no usable function name.
        name = cls.contains("$$Lambda") ? "local-function"
            : cls.substring(cls.lastIndexOf('.') + 1).replace('$', '-');
      }
      String st = stage != null ? stage : payload == PayloadVersion.V2 ? "$default" : "prod";
      Settings s = new Settings(payload, st, binaryMediaTypes, multiValueHeaders, targetGroupArn, name,
          memoryLimitMb, timeout.toMillis(), accessLog);
      return new LocalGateway(this, s, invoker);
    }
  }
}
