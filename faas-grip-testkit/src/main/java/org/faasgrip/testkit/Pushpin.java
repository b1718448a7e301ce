package org.faasgrip.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Pushpin (Debian's package) running on loopback for a test: started by {@link #start(PushpinOptions)},
 * stopped with its whole process tree (the runner, condure, zurl, the proxy and the handler) by
 * {@link #close()}.
 *
 * <p>Each instance has its own folder (configuration, routes, rundir, logdir) and its own free loopback ports,
 * so several can run at once on one machine. The configuration fixes the package's defaults for use as a
 * non-service: the proxy talks to a zurl the runner starts in the instance's rundir (the packaged
 * {@code internal.conf} points at a system-wide zurl that does not run here), and every port binds 127.0.0.1.
 *
 * <p>{@link #awaitSubscribers(String, int, Duration)} waits until a publish would reach a given number of
 * subscribers, so tests never publish into the void nor sleep blindly.
 *
 * <p>Thread-safe. A JVM shutdown hook stops instances a test forgot to close.
 *
 * <p>Arguments: a null, like any other bad value, is refused at once with an {@link IllegalArgumentException}
 * that names the parameter ({@code "options must not be null"}), never a bare {@link NullPointerException}.
 */
public final class Pushpin implements AutoCloseable {
  private static final int START_ATTEMPTS = 3;
  private static final String PROBE_HOST = "faasgrip-rig-probe.invalid";
  private static final String PROBE_CHANNEL = "faasgrip-rig-probe";
  private static final Set<Pushpin> LIVE = ConcurrentHashMap.newKeySet();
  // Said wherever Pushpin is run from, a user's project as much as this repository (whose scripts/install-deps
  // runs the apt-get line). Debian's package brings condure and zurl with Pushpin.
  private static final String INSTALL_HINT = "Install Pushpin: apt-get install pushpin (Debian, Ubuntu),"
      + " brew install pushpin (macOS), or see https://pushpin.org/docs/install/";

  static {
    Thread hook = new Thread(() -> List.copyOf(LIVE).forEach(Pushpin::close), "pushpin-rig-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private final PushpinOptions options;
  private final Path dir;
  private final Path logDir;
  private final Path runDir;
  private final int httpPort;
  private final int controlPort;
  // The handler's ZeroMQ ports (push in, push in sub, command, stats), which only the configuration names.
  private final int[] zmqPorts;
  private final SubscriberCounts subscribers;
  private final OriginServer probeOrigin;
  private Process runner;
  private int generation;
  private boolean exitedEarly;
  private boolean closed;

  private Pushpin(PushpinOptions options, Path dir, int[] ports) {
    this.options = options;
    this.dir = dir;
    this.logDir = dir.resolve("log");
    this.runDir = dir.resolve("run");
    this.httpPort = options.httpPort() != 0 ? options.httpPort() : ports[0];
    this.controlPort = ports[1];
    this.zmqPorts = new int[] {ports[2], ports[3], ports[4], ports[5]};
    this.subscribers = new SubscriberCounts(logDir.resolve("pushpin-handler.log"));
    // Readiness probes end here (see awaitReady): it answers with a stream hold, which only succeeds once the
    // proxy can hand requests over to the handler.
    this.probeOrigin = OriginServer.start().handle("/", ex -> OriginServer.reply(ex, 200,
        Map.of("Content-Type", "text/plain", "Grip-Hold", "stream", "Grip-Channel", PROBE_CHANNEL), "ready\n"));
  }

  /**
   * Starts Pushpin with these options on free loopback ports and waits until both its client side and its
   * publish side answer. If start-up fails (most often because another process took a chosen port between
   * the probe and Pushpin's bind), it tries again with other ports, up to three times.
   *
   * @param options routes, keys and configuration
   * @return the running instance; close it when done
   * @throws PushpinException if {@code pushpin} (or {@code condure}, {@code zurl}) is not on the PATH, or
   *     Pushpin did not become ready in time; the message ends with the tail of its logs
   * @throws IllegalArgumentException if {@code options} is null
   */
  public static Pushpin start(PushpinOptions options) {
    Args.notNull(options, "options");
    requireInstalled();
    PushpinException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      Path dir;
      try {
        dir = Files.createTempDirectory(tempRoot(), "pushpin-");
      } catch (IOException e) {
        throw new PushpinException("Cannot create a folder for Pushpin: " + e.getMessage(), e);
      }
      Pushpin pushpin = new Pushpin(options, dir, freePorts(6));
      try {
        pushpin.writeConfig();
        pushpin.launch();
        LIVE.add(pushpin);
        return pushpin;
      } catch (PushpinException e) {
        pushpin.close();
        if (!pushpin.exitedEarly) {
          throw e; // it ran but never answered: other ports would not help
        }
        last = e;
      } catch (IOException e) {
        pushpin.close();
        throw new PushpinException("Cannot write Pushpin's configuration in " + dir + ": " + e.getMessage(), e);
      }
    }
    throw last;
  }

  /**
   * The client side: where browsers and test clients connect, e.g. {@code http://127.0.0.1:41234}.
   *
   * @return the base URI of the client side, without a trailing slash
   */
  public URI httpUri() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  /**
   * A URI on the client side for {@code path}, e.g. {@code http://127.0.0.1:41234/stream}.
   *
   * @param path an absolute path, with query if wanted
   * @return the URI
   * @throws IllegalArgumentException if the path does not start with {@code /}
   */
  public URI httpUri(String path) {
    return URI.create(httpUri() + checkPath(path));
  }

  /**
   * A WebSocket URI on the client side for {@code path}, e.g. {@code ws://127.0.0.1:41234/ws}.
   *
   * @param path an absolute path, with query if wanted
   * @return the URI
   * @throws IllegalArgumentException if the path does not start with {@code /}
   */
  public URI wsUri(String path) {
    return URI.create("ws://127.0.0.1:" + httpPort + checkPath(path));
  }

  /**
   * Opens a WebSocket to {@code path} on the client side with the JDK's client and {@code listener}, and waits
   * until it is open. {@link TestWebSocket} does the same and records what arrives, for tests that need no
   * listener of their own: {@code TestWebSocket.connect(pushpin.wsUri(path))}.
   *
   * <p>Why not just {@code client.newWebSocketBuilder().buildAsync(...)}: Java 17's client sends
   * {@code Content-Length: 0} with its opening handshake; Pushpin 1.36's condure then often (about every second
   * handshake, here) answers {@code 101} with {@code Connection: Upgrade} and {@code Connection: close}, which
   * the JDK rejects ({@code WebSocketHandshakeException}: "Response field 'Connection' multivalued"). Java 19+
   * sends no such header and is not affected. This retries exactly that failure (a {@code 101} the client
   * refused), up to 20 times; any other failure is thrown at once. Each refused handshake reached the origin
   * as an {@code OPEN} followed by a disconnect. The same header makes condure pass, on some connections, an
   * empty message to the proxy right after the handshake: the origin then sees an empty {@code TEXT} event
   * after {@code OPEN}, which Java 17 clients' tests must tolerate.
   *
   * @param client the client to connect with
   * @param path an absolute path, with query if wanted
   * @param listener receives the socket's events (never called for a refused handshake)
   * @return the open WebSocket
   * @throws PushpinException if the handshake failed, or did not complete within 10 seconds
   * @throws IllegalArgumentException if the path does not start with {@code /}, or an argument is null
   */
  public WebSocket openWebSocket(HttpClient client, String path, WebSocket.Listener listener) {
    Args.notNull(client, "client");
    Args.notNull(listener, "listener");
    return TestWebSocket.open(client, wsUri(path), listener, TestWebSocket.DEFAULT_TIMEOUT);
  }

  /**
   * The publish side (Pushpin's control API), e.g. {@code http://127.0.0.1:41235}: items are POSTed to
   * {@code controlUri() + "/publish/"}. This is the base URI a {@code GRIP_URL} names.
   *
   * @return the base URI of the publish side, without a trailing slash
   */
  public URI controlUri() {
    return URI.create("http://127.0.0.1:" + controlPort);
  }

  /**
   * The handler's ZeroMQ stats socket ({@code stats_spec}), where Pushpin publishes {@code sub}, {@code conn}
   * and report messages as tnetstrings: a tcp endpoint on loopback, e.g. {@code tcp://127.0.0.1:41236}, or the
   * value set with {@code config("handler", "stats_spec", ...)}.
   *
   * @return the stats endpoint
   */
  public String statsEndpoint() {
    String configured = options.config().getOrDefault("handler", Map.of()).get("stats_spec");
    return configured != null ? configured : "tcp://127.0.0.1:" + zmqPorts[3];
  }

  /**
   * A {@code GRIP_URL} for this instance: {@link #controlUri()} with {@code iss} and {@code key} set to
   * {@link #sigIss()} and {@link #sigKey()}, the key that also verifies the {@code Grip-Sig} Pushpin sends.
   *
   * @return the {@code GRIP_URL} value
   */
  public String gripUrl() {
    return controlUri() + "?iss=" + URLEncoder.encode(sigIss(), StandardCharsets.UTF_8)
        + "&key=" + URLEncoder.encode(sigKey(), StandardCharsets.UTF_8);
  }

  /**
   * The key Pushpin signs {@code Grip-Sig} with.
   *
   * @return the key
   */
  public String sigKey() {
    return options.sigKey();
  }

  /**
   * The issuer Pushpin puts in {@code Grip-Sig}.
   *
   * @return the issuer
   */
  public String sigIss() {
    return options.sigIss();
  }

  /**
   * The options this instance runs with.
   *
   * @return the options
   */
  public PushpinOptions options() {
    return options;
  }

  /**
   * The folder Pushpin writes its logs to (runner, condure, zurl, proxy, handler); deleted by {@link #close()}.
   *
   * @return the log folder
   */
  public Path logDir() {
    return logDir;
  }

  /**
   * All of Pushpin's logs so far, each file under a {@code ==> name <==} heading, for a failed test to print.
   *
   * @return the logs' text
   */
  public String logs() {
    return logs(Integer.MAX_VALUE);
  }

  /**
   * The last {@code lines} lines of each of Pushpin's logs, each under a {@code ==> name <==} heading.
   *
   * @param lines how many lines of each file, at most
   * @return the logs' text
   */
  public String logs(int lines) {
    StringBuilder out = new StringBuilder();
    List<Path> files;
    try (Stream<Path> s = Files.list(logDir)) {
      files = s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).collect(Collectors.toList());
    } catch (IOException e) {
      return "(no logs in " + logDir + ": " + e + ")";
    }
    for (Path f : files) {
      out.append("==> ").append(f.getFileName()).append(" <==\n");
      try {
        List<String> all = Files.readAllLines(f, StandardCharsets.UTF_8);
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.append(l).append('\n'));
      } catch (IOException | UncheckedIOException e) {
        out.append("(unreadable: ").append(e).append(")\n");
      }
    }
    return out.toString();
  }

  /**
   * How many subscribers of {@code channel} Pushpin's handler last reported, over all hold modes (stream,
   * response, WebSocket): the number of receivers a publish to it would reach. Needs log level 3.
   *
   * @param channel the channel, as published to (with any prefix)
   * @return the reported number of subscribers
   * @throws IllegalStateException if the log level is below 3
   */
  public int subscribers(String channel) {
    Args.notNull(channel, "channel");
    requireDebugLog();
    try {
      return subscribers.count(channel);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Pushpin's handler log", e);
    }
  }

  /**
   * Waits until a publish to {@code channel} would reach at least {@code n} subscribers.
   *
   * <p>How: the handler, at log level 3, logs its subscription stats ({@code stats: OUT sub {...}}) with the
   * live count per channel and mode; this follows that log, polling every 20 ms. A new channel shows at
   * once; a change of count on a known channel within about a second. A subscriber that left is counted
   * until the handler reports it (again about a second), so give each test its own channel names.
   *
   * @param channel the channel, as published to (with any prefix)
   * @param n how many subscribers to wait for, at least 1
   * @param timeout how long to wait at most
   * @throws PushpinException if the count stayed below {@code n} until the timeout; the message has the
   *     count seen and the tail of the handler's log
   * @throws IllegalStateException if the log level is below 3
   */
  public void awaitSubscribers(String channel, int n, Duration timeout) {
    Args.notNull(channel, "channel");
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    long deadline = System.nanoTime() + Args.notNull(timeout, "timeout").toNanos();
    int seen;
    while ((seen = subscribers(channel)) < n) {
      if (System.nanoTime() - deadline > 0) {
        throw new PushpinException("Timed out after " + timeout + " waiting for " + n + " subscriber(s) of channel \""
            + channel + "\"; Pushpin reports " + seen + ".\n" + logs(60));
      }
      if (!isRunning()) {
        throw new PushpinException("Pushpin stopped while waiting for subscribers of \"" + channel + "\".\n" + logs(60));
      }
      pause(20);
    }
  }

  /**
   * Whether Pushpin's runner process is alive.
   *
   * @return true while it runs
   */
  public synchronized boolean isRunning() {
    return runner != null && runner.isAlive();
  }

  /**
   * Every live process of this instance: the runner and what it started (condure, zurl, proxy, handler),
   * found as the runner's descendants and as any process whose command line names this instance's folder.
   *
   * @return the live processes; empty once stopped
   */
  public synchronized List<ProcessHandle> processes() {
    Set<ProcessHandle> all = new LinkedHashSet<>();
    if (runner != null && runner.isAlive()) {
      all.add(runner.toHandle());
      runner.descendants().forEach(all::add);
    }
    String mark = dir.toString();
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(mark)).orElse(false))
        .forEach(all::add);
    return all.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList());
  }

  /**
   * Stops Pushpin (the whole process tree) but keeps its folder and ports, so that {@link #restart()} can
   * start it again where clients and publishers expect it. Used to test how publishers behave when the proxy
   * goes away.
   */
  public synchronized void stop() {
    List<ProcessHandle> tree = processes();
    if (runner != null) {
      runner.destroy(); // SIGTERM: the runner stops its children in order
      waitFor(List.of(runner.toHandle()), Duration.ofSeconds(5));
    }
    tree.forEach(ProcessHandle::destroy);
    waitFor(tree, Duration.ofSeconds(3));
    tree.forEach(ProcessHandle::destroyForcibly);
    waitFor(tree, Duration.ofSeconds(3));
    runner = null;
  }

  /**
   * Starts a stopped instance again on the same ports, with the same configuration, and waits until it is
   * ready. Logs of the previous run are kept with a {@code .N} suffix; subscriber counts start from zero.
   *
   * @throws PushpinException if it does not become ready in time (e.g. another process took one of its ports)
   * @throws IllegalStateException if it was closed
   */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("This Pushpin was closed");
    }
    stop();
    generation++;
    try (Stream<Path> s = Files.list(logDir)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".log")).collect(Collectors.toList())) {
        Files.move(f, f.resolveSibling(f.getFileName() + "." + generation));
      }
    } catch (IOException e) {
      throw new PushpinException("Cannot keep Pushpin's previous logs in " + logDir + ": " + e.getMessage(), e);
    }
    subscribers.reset();
    launch();
  }

  /**
   * Stops every process of this instance (runner, condure, zurl, proxy, handler; forcibly if they do not
   * stop within a few seconds) and deletes its folder, logs included. Safe to call more than once.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LIVE.remove(this);
    try {
      stop();
    } finally {
      probeOrigin.close();
      deleteTree(dir);
    }
  }

  @Override
  public String toString() {
    return "Pushpin{http=" + httpUri() + ", control=" + controlUri() + ", dir=" + dir + "}";
  }

  // ---- start-up ----

  private void writeConfig() throws IOException {
    Files.createDirectories(logDir);
    Files.createDirectories(runDir);
    int[] p = zmqPorts;
    Map<String, Map<String, String>> conf = new LinkedHashMap<>();
    Map<String, String> global = section(conf, "global");
    global.put("include", "{libdir}/internal.conf");
    global.put("rundir", runDir.toString());
    global.put("ipc_prefix", "pushpin-");
    // Ports are chosen one by one (below), so no offset: an offset would also move http_port only when it
    // has no address, and the client side must bind loopback.
    global.put("port_offset", "0");
    global.put("stats_connection_ttl", "120");
    Map<String, String> runnerConf = section(conf, "runner");
    runnerConf.put("services", "condure,zurl,pushpin-proxy,pushpin-handler");
    runnerConf.put("http_port", "127.0.0.1:" + httpPort);
    runnerConf.put("logdir", logDir.toString());
    runnerConf.put("log_level", Integer.toString(options.logLevel()));
    runnerConf.put("client_buffer_size", "8192");
    runnerConf.put("client_maxconn", "10000");
    runnerConf.put("condure_bin", "condure");
    runnerConf.put("zurl_bin", "zurl");
    Map<String, String> proxy = section(conf, "proxy");
    proxy.put("routesfile", dir.resolve("routes").toString());
    proxy.put("debug", options.logLevel() >= 3 ? "true" : "false");
    proxy.put("auto_cross_origin", "false");
    proxy.put("sig_iss", options.sigIss());
    proxy.put("sig_key", options.sigKey());
    proxy.put("updates_check", "off");
    // The packaged internal.conf points these at a system-wide zurl under /var/run/zurl, which does not run
    // here; the runner starts a zurl of our own that binds these paths in our rundir.
    proxy.put("zurl_out_specs", "ipc://{rundir}/{ipc_prefix}zurl-in");
    proxy.put("zurl_out_stream_specs", "ipc://{rundir}/{ipc_prefix}zurl-in-stream");
    proxy.put("zurl_in_specs", "ipc://{rundir}/{ipc_prefix}zurl-out");
    Map<String, String> handler = section(conf, "handler");
    handler.put("push_in_spec", "tcp://127.0.0.1:" + p[0]);
    handler.put("push_in_sub_specs", "tcp://127.0.0.1:" + p[1]);
    handler.put("push_in_sub_connect", "false");
    handler.put("push_in_http_addr", "127.0.0.1");
    handler.put("push_in_http_port", Integer.toString(controlPort));
    // tcp, not Pushpin's default ipc: JeroMQ (a pure-Java ZeroMQ) implements ipc:// over TCP and cannot reach a
    // Unix socket, and tests read this socket with it.
    handler.put("stats_spec", "tcp://127.0.0.1:" + p[3]);
    handler.put("command_spec", "tcp://127.0.0.1:" + p[2]);
    options.config().forEach((name, entries) -> section(conf, name).putAll(entries));

    StringBuilder text = new StringBuilder("# Written by org.faasgrip.testkit.Pushpin for one test run.\n");
    conf.forEach((name, entries) -> {
      text.append('\n').append('[').append(name).append("]\n");
      entries.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    });
    Files.writeString(dir.resolve("pushpin.conf"), text, StandardCharsets.UTF_8);

    // The probe route comes first: a domain route that sends readiness probes to the rig's own probe origin,
    // so start-up never touches the test's origin.
    StringBuilder routes = new StringBuilder(PROBE_HOST + " 127.0.0.1:" + probeOrigin.port() + "\n");
    options.routes().forEach(r -> routes.append(r).append('\n'));
    Files.writeString(dir.resolve("routes"), routes, StandardCharsets.UTF_8);
  }

  private static Map<String, String> section(Map<String, Map<String, String>> conf, String name) {
    return conf.computeIfAbsent(name, n -> new LinkedHashMap<>());
  }

  private synchronized void launch() {
    Path runnerLog = logDir.resolve("runner.log");
    ProcessBuilder pb = new ProcessBuilder("pushpin", "--config", dir.resolve("pushpin.conf").toString())
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(runnerLog.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    try {
      runner = pb.start();
    } catch (IOException e) {
      throw new PushpinException("Cannot run pushpin: " + e.getMessage() + ". " + INSTALL_HINT, e);
    }
    startWatchdog();
    awaitReady();
  }

  /**
   * Starts a small shell that stops this Pushpin if the JVM dies without running its shutdown hooks (killed by
   * a build tool's timeout, say), so that no Pushpin outlives its test run. It ends by itself once the runner
   * is gone, and {@link #stop()} ends it too (its command line names this instance's folder).
   */
  private void startWatchdog() {
    String script = "while kill -0 \"$1\" 2>/dev/null && kill -0 \"$2\" 2>/dev/null; do sleep 1; done;"
        + " if kill -0 \"$2\" 2>/dev/null; then kill -TERM \"$2\"; sleep 3;"
        + " for f in \"$3\"/*.pid; do kill -KILL \"$(cat \"$f\")\" 2>/dev/null; done; kill -KILL \"$2\" 2>/dev/null; rm -rf \"$4\"; fi";
    try {
      new ProcessBuilder("sh", "-c", script, "pushpin-watchdog", Long.toString(ProcessHandle.current().pid()),
          Long.toString(runner.pid()), runDir.toString(), dir.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      // Without sh the shutdown hook still stops Pushpin on a normal exit; only a killed JVM would leak it.
    }
  }

  private void awaitReady() {
    Duration timeout = options.startTimeout();
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean controlReady = false;
    String lastProbe = "no answer yet";
    while (true) {
      if (!runner.isAlive()) {
        exitedEarly = true;
        throw new PushpinException("Pushpin exited during start-up (code " + runner.exitValue()
            + "); a port may have been taken by another process.\n" + logs(40));
      }
      if (!controlReady) {
        String status = request(controlPort, "POST", "/publish/", "127.0.0.1", "{\"items\":[]}");
        controlReady = status.startsWith("HTTP/1.1 200") || status.startsWith("HTTP/1.0 200");
        lastProbe = "publish side: " + status;
      }
      if (controlReady) {
        String status = request(httpPort, "GET", "/", PROBE_HOST, null);
        // A 200 is the probe origin's stream hold, taken over by the handler: condure, the proxy, zurl and the
        // handler all work. Before that: 502 (no zurl yet) or 500 "Accept service unavailable" (no handler).
        if (status.startsWith("HTTP/1.1 200")) {
          return;
        }
        lastProbe = "client side: " + status;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new PushpinException("Pushpin did not become ready within " + timeout + " (" + lastProbe + ").\n" + logs(40));
      }
      pause(50);
    }
  }

  /** One HTTP/1.1 request on a fresh connection; returns the status line, or a short reason it failed. */
  private static String request(int port, String method, String path, String host, String body) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      s.setSoTimeout(3000);
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
          + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n") + "\r\n";
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(content);
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\n' && line.length() < 200) {
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.length() == 0 ? "connection closed without answer" : line.toString();
    } catch (IOException e) {
      return e.toString();
    }
  }

  // ---- helpers ----

  private static void requireInstalled() {
    requireInstalled(System.getenv("PATH"));
  }

  /** Fails with what to run when Pushpin's programs are not on {@code path}; package-private for a test. */
  static void requireInstalled(String path) {
    List<String> missing = new ArrayList<>();
    for (String bin : List.of("pushpin", "condure", "zurl")) {
      if (findOnPath(path, bin).isEmpty()) {
        missing.add(bin);
      }
    }
    if (!missing.isEmpty()) {
      throw new PushpinException(String.join(", ", missing) + " not found on the PATH. " + INSTALL_HINT);
    }
  }

  private static Optional<Path> findOnPath(String path, String name) {
    if (path == null) {
      return Optional.empty();
    }
    for (String d : path.split(File.pathSeparator)) {
      if (d.isEmpty()) {
        continue;
      }
      Path candidate = Paths.get(d, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Path tempRoot() {
    // ZeroMQ's ipc:// paths are Unix socket paths (at most 107 bytes): keep the folder short.
    Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
    return tmp.toString().length() <= 40 || !Files.isDirectory(Paths.get("/tmp")) ? tmp : Paths.get("/tmp");
  }

  /**
   * Free loopback ports, all held open at once so they differ, then released for Pushpin to bind. Another
   * process may take one in between; start-up then fails and {@link #start} tries other ports.
   */
  private static int[] freePorts(int n) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new PushpinException("Cannot find free loopback ports: " + e.getMessage(), e);
    } finally {
      for (ServerSocket s : sockets) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing a listening socket that was never used cannot lose anything
        }
      }
    }
  }

  private void requireDebugLog() {
    if (options.logLevel() < 3) {
      throw new IllegalStateException("Counting subscribers needs Pushpin's debug log: use logLevel(3), not "
          + options.logLevel());
    }
  }

  private static String checkPath(String path) {
    if (!Args.notNull(path, "path").startsWith("/")) {
      throw new IllegalArgumentException("path must start with /, got " + path);
    }
    return path;
  }

  private static void waitFor(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() - deadline < 0) {
      pause(20);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PushpinException("Interrupted", e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a leftover folder in the temporary directory harms nothing; the processes are what matter
    }
  }
}
