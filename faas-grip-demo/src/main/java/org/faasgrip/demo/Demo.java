package org.faasgrip.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.faasgrip.config.GripConfig;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.function.Grip;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.localgateway.PayloadVersion;
import org.faasgrip.publish.Format;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publisher.GripPublisher;
import org.faasgrip.testkit.FunctionsFramework;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinOptions;

/**
 * The chat demo, all on loopback: Pushpin on {@code 127.0.0.1:PORT}, routing every request to the local
 * gateway, which turns it into an API Gateway (payload 1.0) event for {@link DemoHandler}, which hands the chat's
 * WebSocket-over-HTTP to the seed's {@code ChatHandler}. What the function publishes goes to Pushpin's publish
 * side, which fans it out to the browsers.
 *
 * <pre>
 * browser ⇄ Pushpin 127.0.0.1:PORT ⇄ local gateway ⇄ DemoHandler ─┬─ GET /, /feed, /assets/*: the pages
 *                 ▲                                                ├─ /chat: ChatHandler (the seed's chat)
 *                 └──────── publish (room, feed) ──────────────────┴─ /feed/stream, /feed/publish
 * </pre>
 *
 * <p>With {@code --platform gcf} ({@link #start(String, int, boolean)}) the same routes run as one Cloud Functions
 * HTTP function ({@code GcfDemo.Function}) in Google's Functions Framework invoker, in a JVM of its own, in place
 * of the local gateway.
 *
 * <p>Pushpin signs what it forwards with a key made for this run, and the function refuses WebSocket requests
 * without that signature ({@code GRIP_VERIFY=required}); publishing uses the same key. The shared
 * {@link FaasGrip} instance is set to this configuration while the demo runs, so one demo runs per JVM.
 */
public final class Demo implements AutoCloseable {
  /** The client port when none is given: Pushpin's own default. */
  public static final int DEFAULT_PORT = 7999;
  private static final String WARM_UP_CHANNEL = "demo-warm-up";

  /** The platforms the function can run on ({@code --platform NAME}); the first is the default. */
  public static final List<String> PLATFORMS = List.of("lambda", "gcf");

  private final Pushpin pushpin;
  /** What serves the function behind Pushpin: the local gateway, or another platform's server. */
  private final AutoCloseable origin;
  private final URI originUri;
  /** The banner's words for the path behind Pushpin, e.g. "local gateway 127.0.0.1:N -> DemoHandler". */
  private final String route;
  private final GripPublisher publisher;

  private Demo(Pushpin pushpin, LocalGateway gateway, GripPublisher publisher) {
    this(pushpin, gateway, gateway.uri(), "local gateway " + gateway.uri().getAuthority()
        + " -> DemoHandler (ChatHandler on /chat)", publisher);
  }

  private Demo(Pushpin pushpin, AutoCloseable origin, URI originUri, String route, GripPublisher publisher) {
    this.pushpin = pushpin;
    this.origin = origin;
    this.originUri = originUri;
    this.route = route;
    this.publisher = publisher;
  }

  /**
   * Starts the demo: the local gateway with {@link DemoHandler} on a free port, Pushpin in front of it with its
   * client side on {@code 127.0.0.1:port}, and publishing to that Pushpin.
   *
   * @param port the loopback port browsers connect to, 1 to 65535
   * @param accessLog whether the gateway writes one line per function invocation to standard error
   * @return the running demo; close it to stop everything it started
   * @throws IllegalArgumentException if the port is not 1 to 65535
   * @throws IllegalStateException if the port is in use
   * @throws org.faasgrip.testkit.PushpinException if Pushpin is not installed or does not start
   */
  public static Demo start(int port, boolean accessLog) {
    return start("lambda", port, accessLog);
  }

  /**
   * Starts the demo with the function on one of the {@link #PLATFORMS}: {@code lambda} (the local gateway, as
   * {@link #start(int, boolean)}), or {@code gcf} (Google's Functions Framework invoker, in a JVM of its own).
   *
   * @param platform the platform's name
   * @param port the loopback port browsers connect to, 1 to 65535
   * @param accessLog whether the local gateway writes one line per function invocation (lambda only)
   * @return the running demo; close it to stop everything it started
   * @throws IllegalArgumentException if the platform is unknown or the port is not 1 to 65535
   * @throws IllegalStateException if the port is in use, or the platform's server does not start
   * @throws org.faasgrip.testkit.PushpinException if Pushpin is not installed or does not start
   */
  public static Demo start(String platform, int port, boolean accessLog) {
    if (!PLATFORMS.contains(platform)) {
      throw new IllegalArgumentException("platform must be one of " + PLATFORMS + ", got " + platform);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
    }
    requireFree(port);
    // Pushpin signs Grip-Sig with this key, and the function verifies with it: one per run, never printed.
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String key = HexFormat.of().formatHex(random);
    if (platform.equals("gcf")) {
      return startGcf(port, key);
    }

    LocalGateway gateway = LocalGateway.builder()
        .handler(new DemoHandler())
        .payload(PayloadVersion.V1)
        .functionName("faas-grip-demo")
        .port(0)
        .accessLog(accessLog)
        .build()
        .start();
    Pushpin pushpin = null;
    GripPublisher publisher = null;
    try {
      pushpin = Pushpin.start(PushpinOptions.builder()
          .origin(gateway.port())
          .httpPort(port)
          .sigKey(key)
          .logLevel(2)
          .startTimeout(Duration.ofSeconds(30))
          .build());
      String gripUrl = pushpin.controlUri() + "?iss=" + pushpin.sigIss() + "&key=" + key
          + "&verify-iss=" + pushpin.sigIss() + "&verify-key=" + key;
      GripConfig config = GripConfig.of(List.of(GripConfig.parseGripUrl(gripUrl)), "");
      GripPublisher p = GripPublisher.builder().config(config).build();
      publisher = p;
      FaasGrip.install(Grip.builder()
          .config(config)
          .requireSignature(true)
          .publishWith(items -> p.publishAsync(Feed.mirrorChat(items)))
          .build());
      // The first publish of a JVM makes the HTTP client and loads the publish path (about a second here): do it
      // now, to a channel no one listens on, so that the first chat message is as quick as the rest.
      publisher.publish(WARM_UP_CHANNEL, HttpStreamFormat.of("warm-up\n"));
      return new Demo(pushpin, gateway, publisher);
    } catch (RuntimeException e) {
      if (publisher != null) {
        publisher.close();
      }
      if (pushpin != null) {
        pushpin.close();
      }
      gateway.close();
      FaasGrip.install(null);
      throw e;
    }
  }

  /**
   * The demo with the function in Google's Functions Framework invoker: Pushpin routes to the invoker's port,
   * chosen first, since the function's {@code GRIP_URL} names Pushpin's publish side.
   */
  private static Demo startGcf(int port, String key) {
    int functionPort = FunctionsFramework.freePort();
    Pushpin pushpin = null;
    FunctionsFramework function = null;
    GripPublisher publisher = null;
    try {
      pushpin = startPushpin(functionPort, port, key);
      String gripUrl = gripUrl(pushpin, key);
      function = GcfDemo.start(functionPort, gripUrl);
      publisher = GripPublisher.builder().config(GripConfig.of(List.of(GripConfig.parseGripUrl(gripUrl)), ""))
          .build();
      publisher.publish(WARM_UP_CHANNEL, HttpStreamFormat.of("warm-up\n"));
      return new Demo(pushpin, function, function.uri(), "Functions Framework invoker "
          + function.uri().getAuthority() + " -> GcfDemo.Function (Chat on /chat)", publisher);
    } catch (RuntimeException e) {
      if (publisher != null) {
        publisher.close();
      }
      if (function != null) {
        function.close();
      }
      if (pushpin != null) {
        pushpin.close();
      }
      throw e;
    }
  }

  private static Pushpin startPushpin(int originPort, int port, String key) {
    return Pushpin.start(PushpinOptions.builder()
        .origin(originPort)
        .httpPort(port)
        .sigKey(key)
        .logLevel(2)
        .startTimeout(Duration.ofSeconds(30))
        .build());
  }

  private static String gripUrl(Pushpin pushpin, String key) {
    return pushpin.controlUri() + "?iss=" + pushpin.sigIss() + "&key=" + key
        + "&verify-iss=" + pushpin.sigIss() + "&verify-key=" + key;
  }

  /**
   * Publishes to the demo's Pushpin, as the function does, e.g. a {@code close} to every chat socket.
   *
   * @param channel the channel
   * @param format what to publish
   * @throws org.faasgrip.GripException if Pushpin did not accept it
   */
  public void publish(String channel, Format format) {
    publisher.publish(channel, format);
  }

  /**
   * The chat page, e.g. {@code http://127.0.0.1:7999/}.
   *
   * @return the page's URI
   */
  public URI pageUri() {
    return pushpin.httpUri("/");
  }

  /**
   * The streaming feed's page, e.g. {@code http://127.0.0.1:7999/feed}.
   *
   * @return the page's URI
   */
  public URI feedUri() {
    return pushpin.httpUri("/feed");
  }

  /**
   * The chat's WebSocket, e.g. {@code ws://127.0.0.1:7999/chat}.
   *
   * @return the socket's URI
   */
  public URI chatUri() {
    return pushpin.wsUri(DemoHandler.CHAT_PATH);
  }

  /**
   * The function's own address (the local gateway's, or the platform server's), where Pushpin sends requests (a
   * request straight to it carries no {@code Grip-Sig}, so the chat refuses it).
   *
   * @return the function's base URI
   */
  public URI gatewayUri() {
    return originUri;
  }

  /**
   * Pushpin's publish side, e.g. {@code http://127.0.0.1:41235}; items are POSTed to its {@code /publish/}.
   *
   * @return the publish side's base URI
   */
  public URI controlUri() {
    return pushpin.controlUri();
  }

  /**
   * Every process the demo started: Pushpin's runner and its children (condure, zurl, proxy, handler).
   *
   * @return the live processes; empty once closed
   */
  public List<ProcessHandle> processes() {
    return pushpin.processes();
  }

  /**
   * Stops Pushpin (with every process it started), the gateway and the publisher, and forgets the shared
   * {@link FaasGrip} configuration. Safe to call more than once.
   */
  @Override
  public void close() {
    try {
      pushpin.close();
    } finally {
      try {
        origin.close();
      } catch (Exception e) {
        System.err.println("demo: stopping " + originUri + " failed: " + e);
      }
      publisher.close();
      FaasGrip.install(null);
    }
  }

  /**
   * Runs the demo until the process is stopped (Ctrl-C or SIGTERM), then stops everything it started.
   *
   * <pre>
   * --port N            the port browsers connect to on 127.0.0.1 (default 7999)
   * --platform NAME     where the function runs: lambda (default) or gcf
   * --quiet             no line per function invocation
   * </pre>
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    int port = DEFAULT_PORT;
    boolean accessLog = true;
    String platform = PLATFORMS.get(0);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port":
          if (i + 1 == args.length) {
            exit(2, "--port needs a number, e.g. --port 8000");
          }
          port = parsePort(args[++i]);
          break;
        case "--platform":
          if (i + 1 == args.length || !PLATFORMS.contains(args[i + 1])) {
            exit(2, "--platform needs one of " + String.join(", ", PLATFORMS) + ", e.g. --platform gcf");
          }
          platform = args[++i];
          break;
        case "--quiet":
          accessLog = false;
          break;
        case "-h":
        case "--help":
          System.out.println("Usage: scripts/demo [--port N] [--platform NAME] [--quiet]\n"
              + "  --port N          serve the chat on http://127.0.0.1:N/ (default " + DEFAULT_PORT + ")\n"
              + "  --platform NAME   run the function on lambda (the local gateway, default) or gcf (Google's\n"
              + "                    Functions Framework invoker)\n"
              + "  --quiet           no line per function invocation");
          return;
        default:
          exit(2, "unknown option " + args[i] + " (try --help)");
      }
    }

    AtomicReference<Demo> running = new AtomicReference<>();
    Thread hook = new Thread(() -> {
      Demo d = running.getAndSet(null);
      if (d != null) {
        d.close();
        System.out.println("\nStopped Pushpin and the " + (d.origin instanceof LocalGateway ? "local gateway."
            : "function's server."));
      }
    }, "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Demo demo;
    try {
      demo = start(platform, port, accessLog);
    } catch (RuntimeException e) {
      exit(1, e.getMessage());
      return;
    }
    running.set(demo);
    printBanner(System.out, demo);
    CountDownLatch forever = new CountDownLatch(1);
    while (true) {
      try {
        forever.await();
      } catch (InterruptedException e) {
        // only the shutdown hook ends the demo
      }
    }
  }

  static void printBanner(PrintStream out, Demo demo) {
    out.println();
    out.println("FaaS GRIP chat demo is running.");
    out.println();
    out.println("  Chat:            " + demo.pageUri() + "   (WebSocket " + demo.chatUri() + ")");
    out.println("  Streaming feed:  " + demo.feedUri());
    out.println();
    out.println("  Pushpin " + demo.pageUri().getAuthority() + " -> " + demo.route);
    out.println("  The function publishes to " + demo.controlUri() + "/publish/");
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

  private static void requireFree(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      probe.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalStateException("127.0.0.1:" + port + " is in use (another demo or Pushpin?); stop it, or"
          + " choose another port with --port N");
    }
  }

  private static void exit(int code, String message) {
    System.err.println("demo: " + message);
    System.exit(code);
  }
}
