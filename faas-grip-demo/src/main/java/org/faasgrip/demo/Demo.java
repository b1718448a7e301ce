package org.faasgrip.demo;

import java.io.PrintStream;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.faasgrip.function.Grip;
import org.faasgrip.localrun.LocalRun;
import org.faasgrip.testkit.Pushpin;

/**
 * The chat demo, all on loopback: Pushpin on {@code 127.0.0.1:PORT}, routing every request to the local
 * gateway, which turns it into an API Gateway (payload 1.0) event for {@link DemoHandler}, which hands the chat's
 * WebSocket-over-HTTP to the examples' {@code ChatHandler}. What the function publishes goes to Pushpin's publish
 * side, which fans it out to the browsers.
 *
 * <pre>
 * browser ⇄ Pushpin 127.0.0.1:PORT ⇄ local gateway ⇄ DemoHandler ─┬─ GET /, /feed, /assets/*: the pages
 *                 ▲                                                ├─ /chat: ChatHandler (the examples' chat)
 *                 └──────── publish (room, feed) ──────────────────┴─ /feed/stream, /feed/publish
 * </pre>
 *
 * <p>That is the {@code lambda} platform, the default. Others ({@link #PLATFORMS}, {@code --platform NAME}) run the
 * same pages, chat and feed as their own kind of function, in place of the local gateway and {@code DemoHandler}:
 * {@code servlet} runs {@link DemoServlet} in an embedded Jetty 12, and {@code gcf} runs one Cloud Functions HTTP
 * function ({@code GcfDemo.Function}) in Google's Functions Framework invoker, in a JVM of its own;
 * {@code apigw-websocket} keeps the local gateway and serves the chat with a handler written for an API Gateway
 * WebSocket API ({@code PlainTextChat}, through {@code WebSocketApi}).
 *
 * <p>{@link LocalRun} does the wiring, as it does for a user's own handler: Pushpin signs what it forwards with a
 * key made for this run, and the function refuses WebSocket requests without that signature
 * ({@code GRIP_VERIFY=required}); publishing uses the same key. On the {@code lambda} platform the shared
 * {@code FaasGrip} instance is set to this configuration while the demo runs; one run per JVM in any case.
 */
public final class Demo implements AutoCloseable {
  /** The client port when none is given: Pushpin's own default. */
  public static final int DEFAULT_PORT = LocalRun.DEFAULT_PORT;

  /** The platform when none is given. */
  public static final String DEFAULT_PLATFORM = "lambda";
  /**
   * The platforms {@code --platform NAME} chooses from, in the order {@code --help} lists them: how each starts the
   * function's server behind Pushpin.
   */
  public static final Map<String, Platform> PLATFORMS = platforms();

  private static Map<String, Platform> platforms() {
    Map<String, Platform> m = new LinkedHashMap<>();
    m.put("lambda", LambdaPlatform::start);     // local gateway, API Gateway REST events, DemoHandler
    m.put("servlet", ServletPlatform::start);   // embedded Jetty 12, DemoServlet
    m.put("gcf", GcfPlatform::start);           // Functions Framework invoker in its own JVM, GcfDemo.Function
    m.put("apigw-websocket", ApiGwWebSocketPlatform::start); // an API Gateway WebSocket handler, PlainTextChat
    return Collections.unmodifiableMap(m);
  }

  private final LocalRun run;
  private final Platform.Origin origin;

  private Demo(LocalRun run, Platform.Origin origin) {
    this.run = run;
    this.origin = origin;
  }

  /**
   * Starts the demo on the default platform: the local gateway with {@link DemoHandler} on a free port, Pushpin in
   * front of it with its client side on {@code 127.0.0.1:port}, and publishing to that Pushpin.
   *
   * @param port the loopback port browsers connect to, 1 to 65535
   * @param accessLog whether the gateway writes one line per function invocation to standard error
   * @return the running demo; close it to stop everything it started
   * @throws IllegalArgumentException if the port is not 1 to 65535
   * @throws org.faasgrip.localrun.LocalRunException if the port is in use
   * @throws org.faasgrip.testkit.PushpinException if Pushpin is not installed or does not start
   */
  public static Demo start(int port, boolean accessLog) {
    return start(DEFAULT_PLATFORM, port, accessLog);
  }

  /**
   * Starts the demo on a platform: its function's server on a free port, Pushpin in front of it with its client
   * side on {@code 127.0.0.1:port}, and publishing to that Pushpin.
   *
   * @param platform a name of {@link #PLATFORMS}
   * @param port the loopback port browsers connect to, 1 to 65535
   * @param accessLog whether the function's server writes one line per invocation to standard error (the
   *     Functions Framework invoker writes none)
   * @return the running demo; close it to stop everything it started
   * @throws IllegalArgumentException if the platform is unknown, or the port is not 1 to 65535
   * @throws org.faasgrip.localrun.LocalRunException if the port is in use
   * @throws IllegalStateException if the function's server does not start
   * @throws org.faasgrip.testkit.PushpinException if Pushpin is not installed or does not start
   */
  public static Demo start(String platform, int port, boolean accessLog) {
    AtomicReference<Platform.Origin> origin = new AtomicReference<>();
    LocalRun run = builder(platform, port, 1, accessLog, origin).start();
    return new Demo(run, origin.get());
  }

  /**
   * The run of a platform: {@link LocalRun} makes the key, starts the platform's server with the run's {@link Grip},
   * then Pushpin and publishing, and stops them; the demo adds the copy of chat messages to the feed.
   */
  private static LocalRun.Builder builder(String platform, int port, int proxies, boolean accessLog,
      AtomicReference<Platform.Origin> started) {
    Platform how = PLATFORMS.get(platform);
    if (how == null) {
      throw new IllegalArgumentException("unknown platform '" + platform + "'; choose one of "
          + String.join(", ", PLATFORMS.keySet()));
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
    }
    if (proxies > 1 && platform.equals("gcf")) {
      // The invoker's JVM reads one GRIP_URL when it starts: it would publish to the first Pushpin only.
      throw new IllegalArgumentException("--proxies works with lambda, servlet and apigw-websocket, not gcf");
    }
    return LocalRun.builder()
        .port(port)
        .proxies(proxies)
        .accessLog(accessLog)
        .beforePublish(Feed::mirrorChat)
        .pushpinLogLevel(2)   // info: the demo runs for long, and scripts/load drives thousands of clients through it
        .origin(grip -> {
          Platform.Origin o = how.start(grip, accessLog);
          started.set(o);
          return o;
        });
  }


  /**
   * The chat page, e.g. {@code http://127.0.0.1:7999/}.
   *
   * @return the page's URI
   */
  public URI pageUri() {
    return run.httpUri("/");
  }

  /**
   * The streaming feed's page, e.g. {@code http://127.0.0.1:7999/feed}.
   *
   * @return the page's URI
   */
  public URI feedUri() {
    return run.httpUri("/feed");
  }

  /**
   * The chat's WebSocket, e.g. {@code ws://127.0.0.1:7999/chat}.
   *
   * @return the socket's URI
   */
  public URI chatUri() {
    return run.wsUri(DemoHandler.CHAT_PATH);
  }

  /**
   * The function's server's address, where Pushpin sends requests: the local gateway, Jetty or the invoker (a
   * request straight to it carries no {@code Grip-Sig}, so the chat refuses it).
   *
   * @return the server's base URI
   */
  public URI gatewayUri() {
    return run.gatewayUri();
  }

  /**
   * The run's configuration, which the function answers with (on {@code gcf} the function, in the invoker's JVM,
   * builds the same from its {@code GRIP_URL}): publishing through it reaches the browsers.
   *
   * @return the configuration
   */
  public Grip grip() {
    return run.grip();
  }

  /**
   * Pushpin's publish side, e.g. {@code http://127.0.0.1:41235}; items are POSTed to its {@code /publish/}.
   *
   * @return the publish side's base URI
   */
  public URI controlUri() {
    return run.controlUri();
  }

  /**
   * Every process the demo started: Pushpin's runner and its children (condure, zurl, proxy, handler).
   *
   * @return the live processes; empty once closed
   */
  public List<ProcessHandle> processes() {
    return run.processes();
  }

  /**
   * Stops Pushpin (with every process it started), the function's server and the publisher. Safe to call more
   * than once.
   */
  @Override
  public void close() {
    run.close();
  }


  /**
   * Runs the demo until the process is stopped (Ctrl-C or SIGTERM), then stops everything it started.
   *
   * <pre>
   * --platform NAME  where the function runs: lambda (default), servlet, gcf or apigw-websocket
   *                  (see {@link #PLATFORMS})
   * --port N         the port browsers connect to on 127.0.0.1 (default 7999)
   * --proxies N      Pushpin instances in front of the function, each on its own port, each getting every
   *                  publish (default 1; not with gcf)
   * --quiet          no line per function invocation
   * </pre>
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    int port = DEFAULT_PORT;
    String platform = DEFAULT_PLATFORM;
    boolean accessLog = true;
    int proxies = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port":
          if (i + 1 == args.length) {
            exit(2, "--port needs a number, e.g. --port 8000");
          }
          port = parsePort(args[++i]);
          break;
        case "--platform":
          if (i + 1 == args.length || !PLATFORMS.containsKey(args[i + 1])) {
            exit(2, "--platform needs one of " + String.join(", ", PLATFORMS.keySet()));
          }
          platform = args[++i];
          break;
        case "--proxies":
          if (i + 1 == args.length || !args[i + 1].matches("[1-" + LocalRun.MAX_PROXIES + "]")) {
            exit(2, "--proxies needs a number from 1 to " + LocalRun.MAX_PROXIES);
          }
          proxies = Integer.parseInt(args[++i]);
          break;
        case "--quiet":
          accessLog = false;
          break;
        case "-h":
        case "--help":
          System.out.println("Usage: scripts/demo [--platform NAME] [--port N] [--proxies N] [--quiet]\n"
              + "  --platform NAME  where the function runs: " + String.join(", ", PLATFORMS.keySet())
              + " (default " + DEFAULT_PLATFORM + ")\n"
              + "  --port N         serve the chat on http://127.0.0.1:N/ (default " + DEFAULT_PORT + ")\n"
              + "  --proxies N      N Pushpin instances, each on its own port, each getting every publish"
              + " (default 1; not with gcf)\n"
              + "  --quiet          no line per function invocation");
          return;
        default:
          exit(2, "unknown option " + args[i] + " (try --help)");
      }
    }

    AtomicReference<Platform.Origin> origin = new AtomicReference<>();
    LocalRun.Builder builder = null;
    try {
      builder = builder(platform, port, proxies, accessLog, origin);
    } catch (IllegalArgumentException e) {
      exit(2, e.getMessage());
    }
    LocalRun.serve(builder, "demo",
        (out, run) -> printBanner(out, new Demo(run, origin.get())));
  }

  static void printBanner(PrintStream out, Demo demo) {
    out.println();
    out.println("FaaS GRIP chat demo is running.");
    out.println();
    out.println("  Chat:            " + demo.pageUri() + "   (WebSocket " + demo.chatUri() + ")");
    out.println("  Streaming feed:  " + demo.feedUri());
    out.println();
    out.println("  Pushpin " + demo.pageUri().getAuthority() + " -> " + demo.origin.describe());
    List<Pushpin> proxies = demo.run.proxies();
    for (Pushpin other : proxies.subList(1, proxies.size())) {
      out.println("  Pushpin " + other.httpUri().getAuthority() + " -> the same function");
    }
    for (Pushpin p : proxies) {
      out.println("  The function publishes to " + p.controlUri() + "/publish/");
    }
    out.println();
    out.println("Open " + demo.pageUri() + " in two browser windows. Press Ctrl-C to stop.");
    out.flush();
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    exit(2, "--port must be a number from 1 to 65535, got " + text);
    return -1;
  }

  private static void exit(int code, String message) {
    System.err.println("demo: " + message);
    System.exit(code);
  }
}
