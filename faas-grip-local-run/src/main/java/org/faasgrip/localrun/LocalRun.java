package org.faasgrip.localrun;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.faasgrip.config.GripConfig;
import org.faasgrip.config.GripProxy;
import org.faasgrip.function.Grip;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.localgateway.LocalGatewayException;
import org.faasgrip.localgateway.PayloadVersion;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.publisher.GripPublisher;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinOptions;

/**
 * A Lambda handler on this machine as it runs on AWS behind a GRIP proxy, all on loopback: Pushpin with its
 * client side on {@code 127.0.0.1:PORT}, routing every request (WebSockets as WebSocket-over-HTTP) to the local
 * gateway, which turns it into the Lambda event of the chosen payload and invokes the handler. The handler's
 * {@code FaasGrip} publishes to that Pushpin and refuses requests without its {@code Grip-Sig}, as
 * {@code GRIP_URL=http://127.0.0.1:<publish port>?iss=pushpin&key=K&verify-iss=pushpin&verify-key=K} with
 * {@code GRIP_VERIFY=required} would make it, where {@code K} is a key made for this run and never printed.
 *
 * <pre>
 * client ⇄ Pushpin 127.0.0.1:PORT ⇄ local gateway 127.0.0.1:&lt;free&gt; ⇄ your handler
 *                ▲                                                    │
 *                └──────────── publish (127.0.0.1:&lt;free&gt;) ─────────────┘
 * </pre>
 *
 * <p>From a project's own build, with the exec-maven-plugin naming this class and the project's test class path:
 * {@code mvn compile exec:java}, or from the command line with the handler's class path:
 * {@code java -cp ... org.faasgrip.localrun.LocalRun --handler com.example.ChatHandler --port 7999} (see
 * {@link #main(String[])}). From a test or a {@code main} of one's own:
 *
 * <pre>{@code
 * try (LocalRun run = LocalRun.builder()
 *     .handler(new ChatHandler())          // or ChatHandler.class, or "com.example.ChatHandler"
 *     .port(0)                             // any free port; 7999 for a fixed one
 *     .start()) {
 *   URI chat = run.wsUri("/chat");         // ws://127.0.0.1:PORT/chat, through Pushpin
 * }
 * }</pre>
 *
 * <p>The shared {@code FaasGrip} instance is set while the run lasts and forgotten when it is closed, so one run
 * at a time per JVM: starting a second one while the first runs is refused.
 */
public final class LocalRun implements AutoCloseable {
  /** The client port when none is given: Pushpin's own default. */
  public static final int DEFAULT_PORT = 7999;
  /** The most Pushpin instances {@link Builder#proxies(int)} starts. */
  public static final int MAX_PROXIES = 4;
  private static final String WARM_UP_CHANNEL = "local-run-warm-up";
  private static final AtomicReference<LocalRun> CURRENT = new AtomicReference<>();

  private final Pushpin pushpin;
  private final List<Pushpin> proxies;
  private final Origin origin;
  private final GripPublisher publisher;
  private final Grip grip;
  private final String description;

  private LocalRun(List<Pushpin> proxies, Origin origin, GripPublisher publisher, Grip grip, String description) {
    this.pushpin = proxies.get(0);
    this.proxies = List.copyOf(proxies);
    this.origin = origin;
    this.publisher = publisher;
    this.grip = grip;
    this.description = description;
  }

  /**
   * Starts a builder. Only the handler is required; the payload defaults to {@link PayloadVersion#V1} (API
   * Gateway REST API), the port to {@value #DEFAULT_PORT}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A URI on Pushpin's client side, where browsers and clients connect, e.g. {@code http://127.0.0.1:7999/}.
   *
   * @param path an absolute path, with query if wanted
   * @return the URI
   * @throws IllegalArgumentException if the path does not start with {@code /}
   */
  public URI httpUri(String path) {
    return pushpin.httpUri(path);
  }

  /**
   * A WebSocket URI on Pushpin's client side, e.g. {@code ws://127.0.0.1:7999/chat}.
   *
   * @param path an absolute path, with query if wanted
   * @return the URI
   * @throws IllegalArgumentException if the path does not start with {@code /}
   */
  public URI wsUri(String path) {
    return pushpin.wsUri(path);
  }

  /**
   * The port of Pushpin's client side on 127.0.0.1: the one asked for, or the free one chosen for port 0.
   *
   * @return the port
   */
  public int port() {
    return pushpin.httpUri().getPort();
  }

  /**
   * The local gateway's address, where Pushpin sends requests (with {@link Builder#origin(Function)}, that
   * server's). A request sent straight to it carries no {@code Grip-Sig}, so a handler that checks signatures
   * refuses it.
   *
   * @return the gateway's base URI
   */
  public URI gatewayUri() {
    return origin.uri();
  }

  /**
   * What the gateway, or the server of {@link Builder#origin(Function)}, is called in messages, such as
   * {@code "the local gateway"}.
   *
   * @return the name
   */
  public String originName() {
    return origin.name();
  }

  /**
   * The run's configuration, which the function answers with: Pushpin's signing key, signatures required, and
   * publishing to this Pushpin. A test can publish through it: {@code run.grip().publish(channel, format)}.
   *
   * @return the run's {@code Grip}
   */
  public Grip grip() {
    return grip;
  }

  /**
   * Pushpin's publish side, e.g. {@code http://127.0.0.1:41235}; the handler's publishes go to its
   * {@code /publish/}.
   *
   * @return the publish side's base URI, without a trailing slash
   */
  public URI controlUri() {
    return pushpin.controlUri();
  }

  /**
   * The running Pushpin, for what a test needs of it, such as
   * {@link Pushpin#awaitSubscribers(String, int, java.time.Duration)} or its logs.
   *
   * @return the Pushpin of this run
   */
  public Pushpin pushpin() {
    return pushpin;
  }

  /**
   * Every Pushpin of this run, the first being {@link #pushpin()}: more than one with
   * {@link Builder#proxies(int)}, each with its own client port in front of the same function, and each getting
   * every publish.
   *
   * @return the run's Pushpin instances, in the order they were started
   */
  public List<Pushpin> proxies() {
    return proxies;
  }

  /**
   * Every process this run started: Pushpin's runner and its children (condure, zurl, proxy, handler).
   *
   * @return the live processes; empty once closed
   */
  public List<ProcessHandle> processes() {
    List<ProcessHandle> all = new ArrayList<>();
    proxies.forEach(p -> all.addAll(p.processes()));
    return all;
  }

  /**
   * Stops Pushpin (with every process it started), the gateway and the publisher, and forgets the shared
   * {@code FaasGrip} configuration. Safe to call more than once.
   */
  @Override
  public void close() {
    try {
      closeAll(proxies);
    } finally {
      try {
        origin.close();
      } finally {
        publisher.close();
        CURRENT.compareAndSet(this, null);
      }
    }
  }

  private static void closeAll(List<Pushpin> proxies) {
    RuntimeException first = null;
    for (Pushpin p : proxies) {
      try {
        p.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "LocalRun{" + description + ", http=" + pushpin.httpUri() + ", origin=" + origin.uri() + "}";
  }

  /**
   * A function's server of one's own behind Pushpin, for {@link Builder#origin(Function)}: a servlet container,
   * say, instead of the local gateway.
   */
  public interface Origin extends AutoCloseable {
    /**
     * Where Pushpin sends requests, on 127.0.0.1, e.g. {@code http://127.0.0.1:41234}.
     *
     * @return the server's base URI
     */
    URI uri();

    /**
     * What the server is called in messages, e.g. {@code "Jetty"}: {@code Stopped Pushpin and NAME.}
     *
     * @return the name
     */
    String name();

    /**
     * Called once, when Pushpin runs and before the run is used: a server that reads {@code GRIP_URL} from its
     * environment when its own process starts (a function in a JVM of its own) starts here. One in this JVM
     * needs nothing: the run's {@link Grip} it was started with already publishes through this Pushpin.
     *
     * @param gripUrl Pushpin's publish side with the run's key, to publish with and to verify {@code Grip-Sig}
     *     with ({@code http://127.0.0.1:N?iss=...&key=...&verify-iss=...&verify-key=...}); a secret, never to be
     *     printed
     * @throws RuntimeException if the server does not start
     */
    default void proxyReady(String gripUrl) {}

    /** Stops the server. Safe to call more than once. */
    @Override
    void close();
  }

  /**
   * Starts the local gateway as an {@link Origin}, for {@link Builder#origin(Function)}: {@code FaasGrip}'s shared
   * instance is set to {@code grip} while it runs, and forgotten when it is closed. What {@link Builder#handler}
   * does, for a caller that wraps the gateway in an origin of its own (the demo's platforms).
   *
   * @param gateway the gateway's settings: handler, payload, port 0
   * @param grip the run's configuration
   * @return the running gateway
   * @throws org.faasgrip.localgateway.LocalGatewayException if the handler cannot be loaded or the gateway does not
   *     start
   */
  public static Origin gatewayOrigin(LocalGateway.Builder gateway, Grip grip) {
    if (gateway == null || grip == null) {
      throw new LocalRunException((gateway == null ? "gateway" : "grip") + " must not be null");
    }
    return GatewayOrigin.start(gateway, grip);
  }

  /** The local gateway with the handler, answering with {@code FaasGrip}'s shared instance, set to the run's. */
  private static final class GatewayOrigin implements Origin {
    private final LocalGateway gateway;

    private GatewayOrigin(LocalGateway gateway) {
      this.gateway = gateway;
    }

    static Origin start(LocalGateway.Builder builder, Grip grip) {
      FaasGrip.install(grip);
      try {
        return new GatewayOrigin(builder.build().start());
      } catch (RuntimeException e) {
        FaasGrip.install(null);
        throw e;
      }
    }

    @Override
    public URI uri() {
      return gateway.uri();
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

  /**
   * Runs a handler behind Pushpin until the process is stopped (Ctrl-C or SIGTERM), then stops everything it
   * started.
   *
   * <pre>
   * --handler CLASS          the handler class (RequestHandler or RequestStreamHandler), required
   * --port N                 Pushpin's client port on 127.0.0.1 (default 7999)
   * --payload 1.0|2.0|alb    the event shape: REST API, HTTP API or Function URL, ALB (default 1.0)
   * --quiet                  no line per function invocation
   * </pre>
   *
   * <p>Exits with status 2 for a bad option, 1 when the run cannot start (the port is taken, Pushpin is not
   * installed: the message says what to install, the handler cannot be loaded).
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    for (String a : args) {
      if ("-h".equals(a) || "--help".equals(a)) {
        System.out.println(usage());
        return;
      }
    }
    Builder builder;
    try {
      builder = fromArgs(args);
    } catch (LocalRunException e) {
      System.err.println("local-run: " + e.getMessage() + " (try --help)");
      System.exit(2);
      return;
    }
    serve(builder, "local-run", LocalRun::printBanner);
  }

  /**
   * Starts a run, prints a banner, and keeps the calling thread until the JVM is stopped (Ctrl-C, SIGTERM),
   * whose shutdown hook stops everything the run started and prints {@code Stopped Pushpin and the local
   * gateway.} (or the {@link Origin#name()} of {@link Builder#origin(Function)}). When the run cannot start,
   * prints {@code PROGRAM: reason} to standard error and exits with status 1. For a {@code main} of one's own
   * that runs a function as {@link #main(String[])} does, with its own banner.
   *
   * @param builder the run to start
   * @param program the name error messages start with
   * @param banner prints what is running where, once it has started
   */
  public static void serve(Builder builder, String program, BiConsumer<PrintStream, LocalRun> banner) {
    AtomicReference<LocalRun> running = new AtomicReference<>();
    Thread hook = new Thread(() -> {
      LocalRun r = running.getAndSet(null);
      if (r != null) {
        r.close();
        System.out.println("\nStopped Pushpin and " + r.originName() + ".");
      }
    }, program + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    LocalRun run;
    try {
      run = builder.start();
    } catch (RuntimeException e) {
      System.err.println(program + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    running.set(run);
    banner.accept(System.out, run);
    System.out.flush();
    CountDownLatch forever = new CountDownLatch(1);
    while (true) {
      try {
        forever.await();
      } catch (InterruptedException e) {
        // only the shutdown hook ends the run
      }
    }
  }

  static void printBanner(PrintStream out, LocalRun run) {
    URI root = run.httpUri("/");
    out.println();
    out.println("FaaS GRIP local run: " + run.description + " behind Pushpin.");
    out.println();
    out.println("  Clients connect to  " + root + "   (WebSockets: " + run.wsUri("/") + "...)");
    out.println("  Pushpin " + root.getAuthority() + " -> " + run.originName() + " "
        + run.gatewayUri().getAuthority());
    out.println("  The handler publishes to " + run.controlUri() + "/publish/ and requires Pushpin's Grip-Sig");
    out.println("  (GRIP_URL and GRIP_VERIFY=required, with a key made for this run).");
    out.println();
    out.println("Ready on " + root + " Press Ctrl-C to stop.");
  }

  static String usage() {
    return "Usage: LocalRun --handler CLASS [--port N] [--payload 1.0|2.0|alb] [--quiet]\n"
        + "  --handler CLASS   the Lambda handler class to run, from the class path (required)\n"
        + "  --port N          Pushpin's client port on 127.0.0.1 (default " + DEFAULT_PORT + ")\n"
        + "  --payload P       1.0 (API Gateway REST API, the default), 2.0 (HTTP API, Function URL) or alb\n"
        + "  --quiet           no line per function invocation";
  }

  /** Parses the command line into a builder: port 7999 and an access log unless told otherwise. */
  static Builder fromArgs(String[] args) {
    Builder b = builder().accessLog(true);
    boolean handlerGiven = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if ("--quiet".equals(a)) {
        b.accessLog(false);
        continue;
      }
      if (!"--handler".equals(a) && !"--port".equals(a) && !"--payload".equals(a)) {
        throw new LocalRunException("unknown option " + a);
      }
      if (i + 1 == args.length || args[i + 1].startsWith("--")) {
        throw new LocalRunException(a + " needs a value, e.g. " + example(a));
      }
      String v = args[++i];
      switch (a) {
        case "--handler":
          b.handler(v);
          handlerGiven = true;
          break;
        case "--port":
          b.port(parsePort(v));
          break;
        default:
          b.payload(parsePayload(v));
          break;
      }
    }
    if (!handlerGiven) {
      throw new LocalRunException("--handler CLASS is required, e.g. " + example("--handler"));
    }
    return b;
  }

  private static String example(String option) {
    switch (option) {
      case "--handler":
        return "--handler com.example.ChatHandler";
      case "--port":
        return "--port " + DEFAULT_PORT;
      default:
        return "--payload 1.0";
    }
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text.trim());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new LocalRunException("--port must be a number from 1 to 65535, got " + text);
  }

  private static PayloadVersion parsePayload(String text) {
    try {
      return PayloadVersion.parse(text);
    } catch (LocalGatewayException e) {
      throw new LocalRunException(e.getMessage());
    }
  }

  private static void requireFree(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      probe.setReuseAddress(true);
    } catch (IOException e) {
      throw new LocalRunException("127.0.0.1:" + port + " is in use (another local run, demo or Pushpin?); stop"
          + " it, or choose another port with --port N");
    }
  }

  /** What to run and where; {@link #start()} starts it. */
  public static final class Builder {
    private Object handler;
    private Function<Grip, ? extends Origin> origin;
    private PayloadVersion payload = PayloadVersion.V1;
    private int port = DEFAULT_PORT;
    private boolean accessLog;
    private String functionName;
    private UnaryOperator<List<Item>> beforePublish;
    private int pushpinLogLevel = 3;
    private int proxies = 1;

    private Builder() {}

    /**
     * The function's handler: an instance of {@code RequestHandler} or {@code RequestStreamHandler}, its
     * {@link Class} (instantiated once with its public no-argument constructor, as Lambda does), or its fully
     * qualified class name, loaded from the class path.
     *
     * @param handlerInstanceOrClass the handler, its class, or its class name
     * @return this builder
     * @throws LocalRunException if the handler is null
     */
    public Builder handler(Object handlerInstanceOrClass) {
      if (handlerInstanceOrClass == null) {
        throw new LocalRunException("handler must not be null");
      }
      this.handler = handlerInstanceOrClass;
      this.origin = null;
      return this;
    }

    /**
     * Puts a server of one's own behind Pushpin instead of the local gateway and a Lambda handler: the function
     * is started with the run's {@link Grip} (Pushpin's signing key, signatures required, publishing to this
     * Pushpin) and must listen on 127.0.0.1, on a free port. {@code FaasGrip}'s shared instance is then left
     * alone. Replaces {@link #handler(Object)}.
     *
     * @param starter starts the server with the run's configuration and returns it running
     * @return this builder
     * @throws LocalRunException if the starter is null
     */
    public Builder origin(Function<Grip, ? extends Origin> starter) {
      if (starter == null) {
        throw new LocalRunException("origin must not be null");
      }
      this.origin = starter;
      this.handler = null;
      return this;
    }

    /**
     * The Lambda event the handler takes: {@link PayloadVersion#V1} (API Gateway REST API, the default),
     * {@link PayloadVersion#V2} (HTTP API, Function URL) or {@link PayloadVersion#ALB}.
     *
     * @param payload the payload version
     * @return this builder
     * @throws LocalRunException if the payload is null
     */
    public Builder payload(PayloadVersion payload) {
      if (payload == null) {
        throw new LocalRunException("payload must not be null");
      }
      this.payload = payload;
      return this;
    }

    /**
     * Pushpin's client port on 127.0.0.1, where clients connect; 0 for any free port (tests).
     *
     * @param port 0 to 65535 (default {@value LocalRun#DEFAULT_PORT})
     * @return this builder
     * @throws LocalRunException if the port is outside 0 to 65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new LocalRunException("port must be 0 to 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Whether the gateway writes one line per function invocation to standard error (default false;
     * {@link LocalRun#main(String[])} turns it on unless {@code --quiet}).
     *
     * @param enabled true for a line per invocation
     * @return this builder
     */
    public Builder accessLog(boolean enabled) {
      this.accessLog = enabled;
      return this;
    }

    /**
     * The function name the handler's {@code Context} reports (default: the handler's simple class name).
     *
     * @param name the function name
     * @return this builder
     * @throws LocalRunException if the name is null or empty
     */
    public Builder functionName(String name) {
      if (name == null || name.isEmpty()) {
        throw new LocalRunException("functionName must not be null or empty");
      }
      this.functionName = name;
      return this;
    }

    /**
     * Pushpin's log level, in its folder of the run: 3 (debug, the default), which
     * {@link Pushpin#awaitSubscribers(String, int, java.time.Duration)} reads; 2 or less for long runs under load,
     * where writing every request costs Pushpin time.
     *
     * @param level 0 (errors) to 3 (debug)
     * @return this builder
     * @throws LocalRunException if the level is outside 0 to 3
     */
    public Builder pushpinLogLevel(int level) {
      if (level < 0 || level > 3) {
        throw new LocalRunException("pushpinLogLevel must be 0 to 3, got " + level);
      }
      this.pushpinLogLevel = level;
      return this;
    }

    /**
     * How many Pushpin instances to run in front of the function (default 1): the first on {@link #port(int)},
     * the others on free ports, all forwarding to the same function and all signing with the run's key, and every
     * publish going to each of them, as {@code GRIP_PROXIES} listing several proxies does in production. For
     * trying scale-out on one machine: clients spread over the instances still all receive what is published.
     * An {@link Origin} that configures itself in {@link Origin#proxyReady(String)} is given the first one's
     * {@code GRIP_URL} only.
     *
     * @param count 1 to {@value LocalRun#MAX_PROXIES}
     * @return this builder
     * @throws LocalRunException if the count is outside 1 to {@value LocalRun#MAX_PROXIES}
     */
    public Builder proxies(int count) {
      if (count < 1 || count > MAX_PROXIES) {
        throw new LocalRunException("proxies must be 1 to " + MAX_PROXIES + ", got " + count);
      }
      this.proxies = count;
      return this;
    }

    /**
     * Changes what is published: each batch the handler publishes goes through this function first, and what
     * it returns is published instead, such as the batch with copies for another channel. By default the
     * batch is published as it is.
     *
     * @param mapper the items to publish, given the items the handler published
     * @return this builder
     * @throws LocalRunException if the mapper is null
     */
    public Builder beforePublish(UnaryOperator<List<Item>> mapper) {
      if (mapper == null) {
        throw new LocalRunException("beforePublish must not be null");
      }
      this.beforePublish = mapper;
      return this;
    }

    /**
     * Starts the gateway with the handler on a free port, Pushpin in front of it with its client side on
     * {@code 127.0.0.1:port}, and the shared {@code FaasGrip} configuration that publishes to that Pushpin and
     * requires its {@code Grip-Sig}.
     *
     * @return the running run; close it to stop everything it started
     * @throws LocalRunException if no handler was given, the port is in use, or another run is active in this
     *     JVM
     * @throws org.faasgrip.localgateway.LocalGatewayException if the handler cannot be loaded or invoked as
     *     Lambda would
     * @throws org.faasgrip.testkit.PushpinException if Pushpin is not installed (the message says what to
     *     install) or does not start
     */
    public LocalRun start() {
      if (handler == null && origin == null) {
        throw new LocalRunException("handler is required: the handler instance, its class, or its class name");
      }
      if (CURRENT.get() != null) {
        throw new LocalRunException(activeMessage());
      }
      if (port != 0) {
        requireFree(port);
      }
      // Pushpin signs Grip-Sig with this key, and the function verifies with it: one per run, never printed.
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String key = HexFormat.of().formatHex(random);

      // The key is the run's, so the function can start before Pushpin does; publishing goes to Pushpin's
      // publish side, whose port is known only once it runs.
      AtomicReference<GripPublisher> late = new AtomicReference<>();
      UnaryOperator<List<Item>> mapper = beforePublish == null ? UnaryOperator.identity() : beforePublish;
      Grip grip = Grip.builder()
          .config(GripConfig.of(List.of(GripConfig.parseGripUrl("http://127.0.0.1:1?verify-iss="
              + PushpinOptions.DEFAULT_SIG_ISS + "&verify-key=" + key)), ""))
          .requireSignature(true)
          .publishWith(items -> late.get().publishAsync(mapper.apply(items)))
          .build();
      String description;
      Origin server;
      if (handler != null) {
        description = handlerName(handler) + " (payload " + payload.label() + ")";
        LocalGateway.Builder gb = LocalGateway.builder().handler(handler).payload(payload).port(0)
            .accessLog(accessLog);
        if (functionName != null) {
          gb.functionName(functionName);
        }
        server = GatewayOrigin.start(gb, grip);
      } else {
        server = origin.apply(grip);
        if (server == null) {
          throw new LocalRunException("the origin's starter returned null instead of the running server");
        }
        description = server.name();
      }
      List<Pushpin> started = new ArrayList<>();
      GripPublisher publisher = null;
      LocalRun run = null;
      try {
        List<String> gripUrls = new ArrayList<>();
        for (int i = 0; i < proxies; i++) {
          Pushpin pushpin = Pushpin.start(PushpinOptions.builder()
              .origin(server.uri().getPort())
              .httpPort(i == 0 ? port : 0)
              .sigKey(key)
              .logLevel(pushpinLogLevel)
              .build());
          started.add(pushpin);
          // The verify- parameters are for a server that reads GRIP_URL itself; the publisher uses iss and key.
          gripUrls.add(pushpin.controlUri() + "?iss=" + pushpin.sigIss() + "&key=" + key
              + "&verify-iss=" + pushpin.sigIss() + "&verify-key=" + key);
        }
        List<GripProxy> endpoints = new ArrayList<>();
        gripUrls.forEach(u -> endpoints.add(GripConfig.parseGripUrl(u)));
        publisher = GripPublisher.builder().config(GripConfig.of(endpoints, "")).build();
        late.set(publisher);
        String gripUrl = gripUrls.get(0);
        run = new LocalRun(started, server, publisher, grip, description);
        if (!CURRENT.compareAndSet(null, run)) {
          throw new LocalRunException(activeMessage());
        }
        server.proxyReady(gripUrl);
        // The first publish of a JVM makes the HTTP client and loads the publish path (about a second): do it
        // now, to a channel no one listens on, so that the first real publish is as quick as the rest.
        publisher.publish(WARM_UP_CHANNEL, HttpStreamFormat.of("warm-up\n"));
        return run;
      } catch (RuntimeException e) {
        if (run != null) {
          CURRENT.compareAndSet(run, null);
        }
        if (publisher != null) {
          publisher.close();
        }
        closeAll(started);
        server.close();
        throw e;
      }
    }

    private static String activeMessage() {
      return "another local run is active in this JVM (" + CURRENT.get() + "); close it first";
    }

    private static String handlerName(Object handler) {
      if (handler instanceof String) {
        return ((String) handler).trim();
      }
      if (handler instanceof Class) {
        return ((Class<?>) handler).getName();
      }
      return handler.getClass().getName();
    }
  }
}
