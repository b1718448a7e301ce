package org.faasgrip.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.faasgrip.config.GripConfig;
import org.faasgrip.config.GripProxy;
import org.faasgrip.localrun.LocalRun;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.publisher.GripPublisher;
import org.faasgrip.sse.ServerSentEvent;

/**
 * The load tool ({@code scripts/load}): runs the demo ({@link Demo}, in a JVM of its own: Pushpin, the local
 * gateway and the chat behind it), connects N WebSocket clients to its chat and S HTTP streaming clients to its
 * feed ({@code /feed/live}), has each WebSocket client send K messages, and checks that every client receives
 * every message exactly once and each sender's messages in order. Then it runs the same clients with the messages
 * published straight to Pushpin, no function in the path: Pushpin's own ceiling on this machine, in the same run.
 *
 * <p>Both phases are a closed loop: at most {@code --window} messages in flight, each until it is back at its own
 * sender, whose next message goes then. {@code --burst} makes the function's phase an open loop,
 * every client writing all its messages at once.
 *
 * <p>It prints one JSON line: the clients, expected / delivered / lost / duplicates / out-of-order deliveries,
 * latency from send to arrival (p50, p99, max), deliveries and invocations per second, the statuses the gateway
 * answered, the same figures for the ceiling and the ratio of the two rates, and each process's peak memory.
 *
 * <pre>
 * --ws N          WebSocket clients (default 1000)
 * --streams S     HTTP streaming clients (default 1000)
 * --messages K    messages each WebSocket client sends (default 10)
 * --window W      messages in flight at once, each until it is back at its sender (default 16)
 * --burst         the open loop instead: every client writes all its messages at once
 * --proxies N     Pushpin instances, clients spread over them, every publish going to each (default 1)
 * --ci            a short run: 50 WebSocket clients, 50 streaming clients, 10 messages
 * --no-ceiling    skip the run with publishing straight to Pushpin
 * --idle SECONDS  give up waiting for deliveries after this long without one (default 30)
 * </pre>
 *
 * <p>The exit status is 0 when nothing was lost, duplicated or out of order, 1 otherwise, 2 for bad options.
 */
public final class Load {
  private static final Pattern ACCESS_LINE = Pattern.compile(" -> (\\d{3}) \\(");
  private static final Pattern PUBLISH_URL = Pattern.compile("publishes to (http://\\S+?)/publish/");
  private static final Pattern OTHER_PUSHPIN = Pattern.compile("Pushpin 127\\.0\\.0\\.1:(\\d+) -> the same function");
  private static final String PREFIX = "anonymous: ";
  private static final String PROBE = "probe";
  /**
   * Connections opening at once. Pushpin 1.36's proxy answers 502 when its queue of new requests to zurl is full
   * (about a thousand, less on a busy machine), so a thousand clients connecting in the same instant would see
   * some 502s that no gateway setting prevents: clients ramp up here, as real ones do.
   */
  private static final int OPENING_AT_ONCE = 100;

  private final int ws;
  private final int streams;
  private final int messages;
  private final int window;
  private final boolean burst;
  private final int proxies;
  private final Duration idle;
  private final boolean ceiling;

  private volatile Tally tally;
  private final LongAdder ready = new LongAdder();
  private final boolean[] isReady;
  private final LongAdder wsClosed = new LongAdder();
  private final LongAdder streamsEnded = new LongAdder();
  private final LongAdder reopened = new LongAdder();
  /** Set once every client is subscribed: from then on, an ended stream is not opened again. */
  private volatile boolean running;
  private volatile boolean closing;
  private final List<RawWebSocket> sockets = new ArrayList<>();
  private final List<Flow.Subscription> subscriptions = new ArrayList<>();
  private final List<HttpClient> clients = new ArrayList<>();

  private Load(Options o) {
    this.ws = o.ws;
    this.streams = o.streams;
    this.messages = o.messages;
    this.window = o.window;
    this.burst = o.burst;
    this.proxies = o.proxies;
    this.idle = Duration.ofSeconds(o.idleSeconds);
    this.ceiling = o.ceiling;
    this.isReady = new boolean[ws + streams];
  }

  /** The command line's options. */
  private static final class Options {
    int ws = 1000;
    int streams = 1000;
    int messages = 10;
    int window = 16;
    int proxies = 1;
    int idleSeconds = 30;
    boolean ceiling = true;
    boolean burst;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--ws":
            o.ws = number(args, ++i);
            break;
          case "--streams":
            o.streams = number(args, ++i);
            break;
          case "--messages":
            o.messages = number(args, ++i);
            break;
          case "--window":
            o.window = number(args, ++i);
            break;
          case "--idle":
            o.idleSeconds = number(args, ++i);
            break;
          case "--proxies":
            o.proxies = number(args, ++i);
            break;
          case "--ci":
            o.ws = 50;
            o.streams = 50;
            o.messages = 10;
            break;
          case "--burst":
            o.burst = true;
            break;
          case "--no-ceiling":
            o.ceiling = false;
            break;
          default:
            return usage("unknown option " + args[i]);
        }
      }
      if (o.ws < 1 || o.messages < 1 || o.streams < 0 || o.window < 1) {
        return usage("--ws, --messages and --window must be at least 1, --streams at least 0");
      }
      if (o.proxies < 1 || o.proxies > LocalRun.MAX_PROXIES) {
        return usage("--proxies must be 1 to " + LocalRun.MAX_PROXIES);
      }
      return o;
    }

    private static int number(String[] args, int i) {
      try {
        return Integer.parseInt(args[i]);
      } catch (RuntimeException e) {
        usage(args[i - 1] + " needs a whole number");
        return -1;
      }
    }

    private static Options usage(String problem) {
      System.err.println("load: " + problem + " (options: --ws N --streams S --messages K --window W --burst --proxies N"
          + " --ci --no-ceiling --idle SECONDS)");
      System.exit(2);
      return null;
    }
  }

  /**
   * Runs the load and prints its JSON line.
   *
   * @param args the options above
   * @throws Exception when the demo does not start or the run fails outright
   */
  public static void main(String[] args) throws Exception {
    Map<String, Object> result = new Load(Options.parse(args)).run();
    System.out.println(json(result));
    boolean clean = result.get("lost").equals(0L) && result.get("duplicates").equals(0L)
        && result.get("out_of_order").equals(0L);
    System.exit(clean ? 0 : 1);
  }

  private Map<String, Object> run() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "load-client");
      t.setDaemon(true);
      return t;
    });
    try (DemoProcess demo = DemoProcess.start(proxies)) {
      log("demo up: " + demo.page + " (client ports " + demo.ports + "), publish side " + demo.controls);
      // One client's selector thread per 250 connections: one thread for 2,000 sockets would be the bottleneck.
      for (int i = 0; i < Math.max(2, (ws + streams + 249) / 250); i++) {
        // HTTP/1.1: the default (HTTP/2) would ask Pushpin for an h2c upgrade on every streaming request.
        clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
            .connectTimeout(Duration.ofSeconds(30)).build());
      }
      GripPublisher direct = demo.publisher();
      try {
        connect(demo);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", ws + streams);
        out.put("websocket_clients", (long) ws);
        out.put("streaming_clients", (long) streams);
        out.put("messages_per_client", (long) messages);
        out.put("proxies", (long) proxies);
        out.put("window", burst ? "burst" : (Object) (long) window);

        long before = demo.invocations();
        Map<String, Long> statusesBefore = demo.statuses();
        Phase function = phase('F', burst ? null : this::sendThroughTheWebSocket, demo);
        long invocations = demo.invocations() - before;
        out.putAll(function.figures());
        out.put("invocations", invocations);
        out.put("invocations_per_s", round(invocations / function.seconds));
        out.put("gateway_statuses", minus(demo.statuses(), statusesBefore));
        if (ceiling) {
          Phase pushpin = phase('P', (sender, text) -> publishStraight(direct, text), demo);
          Map<String, Object> c = new LinkedHashMap<>(pushpin.figures());
          out.put("pushpin_ceiling", c);
          out.put("ratio", Math.round(100 * function.rate() / Math.max(1e-9, pushpin.rate())) / 100.0);
        }
        out.put("websockets_closed", wsClosed.sum());
        out.put("streams_ended", streamsEnded.sum());
        out.put("streams_reopened_before_the_run", reopened.sum());
        out.put("memory_peak_mb", demo.memory());
        return out;
      } finally {
        direct.close();
        disconnect();
      }
    } finally {
      executor.shutdownNow();
    }
  }

  /** One phase's figures: the tally, and the time from the first send to the last arrival. */
  private final class Phase {
    final Tally t;
    final double seconds;
    final Map<String, Object> cpu;

    Phase(Tally t, double seconds, Map<String, Object> cpu) {
      this.t = t;
      this.seconds = seconds;
      this.cpu = cpu;
    }

    double rate() {
      return t.delivered.sum() / seconds;
    }

    Map<String, Object> figures() {
      Map<String, Object> m = new LinkedHashMap<>();
      long delivered = t.delivered.sum();
      m.put("expected", t.expected);
      m.put("delivered", delivered);
      m.put("lost", t.expected - delivered);
      m.put("duplicates", t.duplicates.sum());
      m.put("out_of_order", t.outOfOrder.sum());
      m.put("p50_ms", round(t.quantileMillis(0.50)));
      m.put("p99_ms", round(t.quantileMillis(0.99)));
      m.put("max_ms", round(t.maxMicros.get() / 1000.0));
      m.put("seconds", round(seconds));
      m.put("deliveries_per_s", round(rate()));
      m.put("cpu_s", cpu);
      return m;
    }
  }

  /** Runs one phase: paced sends through {@code send}, or the open loop through the WebSockets when it is null. */
  private Phase phase(char letter, Send send, DemoProcess demo) throws InterruptedException {
    Map<String, Double> cpuBefore = demo.cpu();
    Paced paced = send == null ? null : new Paced();
    Tally t = new Tally(letter, ws + streams, ws, messages, paced);
    tally = t;
    long started = System.nanoTime();
    log("phase " + letter + ": " + t.expected + " deliveries expected");
    if (paced == null) {
      burst(letter);
    } else {
      paced.start(letter, send);
    }
    long lastCount = -1;
    long lastProgress = System.nanoTime();
    while (t.delivered.sum() < t.expected) {
      Thread.sleep(100);
      long now = System.nanoTime();
      long count = t.delivered.sum() + t.duplicates.sum();
      if (count != lastCount) {
        lastCount = count;
        lastProgress = now;
      } else if (now - lastProgress > idle.toNanos()) {
        log("phase " + letter + ": no delivery for " + idle.toSeconds() + " s, giving up");
        break;
      }
    }
    if (paced != null) {
      paced.stop();
    }
    long last = t.lastArrival.get();
    double seconds = ((last == 0 ? System.nanoTime() : last) - started) / 1e9;
    log(String.format(Locale.ROOT, "phase %c: %d of %d delivered in %.1f s", letter, t.delivered.sum(),
        t.expected, seconds));
    Map<String, Object> cpu = new LinkedHashMap<>();
    demo.cpu().forEach((name, after) -> cpu.put(name, round(after - cpuBefore.getOrDefault(name, 0.0))));
    return new Phase(t, seconds, cpu);
  }

  // ---- clients ----

  private void connect(DemoProcess demo) throws Exception {
    Tally probe = new Tally('-', ws + streams, 1, 1, null); // nothing arrives for it: probes are counted as ready
    tally = probe;
    Semaphore opening = new Semaphore(OPENING_AT_ONCE / 2);
    ExecutorService openers = Executors.newFixedThreadPool(OPENING_AT_ONCE / 2);
    List<java.util.concurrent.Future<RawWebSocket>> opened = new ArrayList<>();
    for (int i = 0; i < ws; i++) {
      int index = i;
      opened.add(openers.submit(() -> RawWebSocket.open(demo.port(index), DemoHandler.CHAT_PATH,
          text -> onWebSocketText(index, text), why -> webSocketEnded(index, why))));
    }
    for (int j = 0; j < streams; j++) {
      opening.acquire();
      openStream(URI.create("http://127.0.0.1:" + demo.port(ws + j) + Feed.LIVE_PATH), ws + j, opening, 1);
    }
    int failed = 0;
    for (java.util.concurrent.Future<RawWebSocket> f : opened) {
      try {
        synchronized (sockets) {
          sockets.add(f.get(120, TimeUnit.SECONDS));
        }
      } catch (Exception e) {
        if (failed++ == 0) {
          log("a WebSocket client could not connect: " + e.getCause());
        }
      }
    }
    openers.shutdown();
    if (failed > 0) {
      log("gateway statuses so far: " + demo.statuses());
      throw new IllegalStateException(failed + " of " + ws + " WebSocket clients could not connect");
    }
    log("connected " + ws + " WebSocket and " + streams + " streaming clients; waiting until all are subscribed");
    // A subscription is live once Pushpin has processed the function's answer: publish probes straight to
    // Pushpin until every client has seen one, rather than guess with a sleep.
    GripPublisher p = demo.publisher();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (ready.sum() < ws + streams) {
        if (System.nanoTime() - deadline > 0) {
          int readyWs = 0;
          for (int i = 0; i < ws; i++) {
            readyWs += isReady[i] ? 1 : 0;
          }
          throw new IllegalStateException("only " + ready.sum() + " of " + (ws + streams) + " clients subscribed "
              + "after 120 s (" + readyWs + " of " + ws + " WebSocket clients; " + streamsEnded.sum()
              + " streams ended; " + wsClosed.sum() + " WebSockets closed)");
        }
        p.publish(List.of(Item.of(Feed.CHAT_CHANNEL, WebSocketMessageFormat.text(PREFIX + PROBE)),
            Item.of(Feed.CHANNEL, HttpStreamFormat.of(ServerSentEvent.of("chat", PREFIX + PROBE).text()))));
        Thread.sleep(300);
      }
    } finally {
      p.close();
    }
    // Late probes would be strays of the first phase: let them drain.
    Thread.sleep(500);
    running = true;
  }

  /**
   * Opens one streaming client. Pushpin 1.36 now and then cancels a stream it is handing from its proxy to its
   * handler when many open at once ("received message out of sequence, canceling" in its handler's log): a stream
   * that ends before the run has started opens again, as a browser's EventSource would, up to three times. One
   * that ends later stays ended and counts in {@code streams_ended}, its deliveries in {@code lost}.
   */
  private void openStream(URI feed, int index, Semaphore opening, int attempt) {
    HttpClient client = clients.get(index % clients.size());
    StreamReader reader = new StreamReader(index);
    if (opening != null) {
      reader.opened.whenComplete((v, e) -> opening.release());
    }
    client.sendAsync(HttpRequest.newBuilder(feed).header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.fromLineSubscriber(reader)).whenComplete((r, e) -> {
          reader.opened.complete(null);
          if (!running && attempt <= 3) {
            reopened.increment();
            log("stream " + index + " ended before the run, opening it again: "
                + (e != null ? e.getMessage() : "HTTP " + r.statusCode()));
            openStream(feed, index, null, attempt + 1);
          } else {
            streamsEnded.increment();
            if (!closing && streamsEnded.sum() <= 5) {
              log("stream " + index + " ended: " + (e != null ? e.getMessage() : "HTTP " + r.statusCode()));
            }
          }
        });
  }

  /** How a phase sends one message: through a WebSocket client (the function publishes it) or straight to Pushpin. */
  private interface Send {
    void send(int sender, String text) throws IOException;
  }

  private void sendThroughTheWebSocket(int sender, String text) throws IOException {
    RawWebSocket w;
    synchronized (sockets) {
      w = sockets.get(sender);
    }
    w.sendText(text);
  }

  private void publishStraight(GripPublisher direct, String message) {
    String text = PREFIX + message;
    direct.publishAsync(List.of(Item.of(Feed.CHAT_CHANNEL, WebSocketMessageFormat.text(text)),
        Item.of(Feed.CHANNEL, HttpStreamFormat.of(ServerSentEvent.of("chat", text).text()))))
        .whenComplete((v, e) -> {
          if (e != null) {
            log("a publish straight to Pushpin failed: " + e.getMessage());
          }
        });
  }

  /**
   * The open loop ({@code --burst}): every client writes all its messages at once, each stamped as it is written,
   * the clients side by side. Past what the path can carry, requests queue until they time out.
   */
  private void burst(char phase) {
    List<RawWebSocket> all;
    synchronized (sockets) {
      all = new ArrayList<>(sockets);
    }
    ExecutorService senders = Executors.newFixedThreadPool(8);
    for (int s = 0; s < all.size(); s++) {
      RawWebSocket w = all.get(s);
      int sender = s;
      senders.execute(() -> {
        try {
          for (int q = 0; q < messages; q++) {
            w.sendText(Tally.message(phase, sender, q, System.nanoTime()));
          }
        } catch (IOException e) {
          log("client " + sender + " could not send: " + e.getMessage());
        }
      });
    }
    senders.shutdown();
  }

  /**
   * The closed loop: at most {@code window} messages in flight, a message counting from its send until it has
   * reached its own sender, and a sender's next message going when its last has come back (as a load test's
   * virtual users wait for the answer). The path then runs at the rate it sustains, with a queue of
   * {@code window} messages instead of one that grows until requests time out; both phases run this way, so
   * their rates compare.
   */
  private final class Paced implements Tally.Echo {
    private final Semaphore permits = new Semaphore(window);
    private final BlockingQueue<Integer> ready = new LinkedBlockingQueue<>();
    private final int[] next = new int[ws];
    private volatile Thread thread;

    Paced() {
      for (int s = 0; s < ws; s++) {
        ready.add(s);
      }
    }

    @Override
    public void echoed(int sender, int seq) {
      permits.release();
      if (seq + 1 < messages) {
        ready.add(sender);
      }
    }

    void start(char phase, Send send) {
      thread = daemon(() -> {
        try {
          for (long n = (long) ws * messages; n > 0; n--) {
            int sender = ready.take();
            permits.acquire();
            try {
              send.send(sender, Tally.message(phase, sender, next[sender]++, System.nanoTime()));
            } catch (IOException e) {
              permits.release();
              log("client " + sender + " could not send: " + e.getMessage());
            }
          }
        } catch (InterruptedException e) {
          // the phase has ended
        }
      }, "load-sender");
    }

    void stop() {
      Thread t = thread;
      if (t != null) {
        t.interrupt();
      }
    }
  }

  private void disconnect() {
    closing = true;
    synchronized (sockets) {
      sockets.forEach(RawWebSocket::close);
    }
    synchronized (subscriptions) {
      subscriptions.forEach(Flow.Subscription::cancel);
    }
  }

  private void arrived(int receiver, String text) {
    if (text.equals(PROBE)) {
      if (!isReady[receiver]) {
        isReady[receiver] = true;
        ready.increment();
      }
      return;
    }
    tally.arrived(receiver, text, System.nanoTime());
  }

  private void webSocketEnded(int index, String why) {
    wsClosed.increment();
    if (!closing && wsClosed.sum() <= 5) {
      log("WebSocket client " + index + " ended: " + why);
    }
  }

  /** A WebSocket client's text message: from the chat's {@code anonymous: } on, it goes to the tally. */
  private void onWebSocketText(int index, String text) {
    if (text.startsWith(PREFIX)) {
      arrived(index, text.substring(PREFIX.length()));
    }
  }

  /** A streaming client: each {@code data: anonymous: ...} line of the feed goes to the tally. */
  private final class StreamReader implements Flow.Subscriber<String> {
    private static final String DATA = "data: " + PREFIX;
    private final int index;
    final CompletableFuture<Void> opened = new CompletableFuture<>();

    StreamReader(int index) {
      this.index = index;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      synchronized (subscriptions) {
        subscriptions.add(subscription);
      }
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (line.startsWith(DATA)) {
        arrived(index, line.substring(DATA.length()));
      } else if (line.startsWith("event: hello")) {
        opened.complete(null);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      opened.complete(null);
    }

    @Override
    public void onComplete() {
      opened.complete(null);
    }
  }

  // ---- the demo in its own JVM ----

  /** {@link Demo#main} in a JVM of its own, with its access log read to count invocations and statuses. */
  private static final class DemoProcess implements AutoCloseable {
    final Process process;
    /** Each Pushpin's client port, the first being the page's. */
    final List<Integer> ports;
    final URI page;
    /** Each Pushpin's publish side. */
    final List<URI> controls;
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final AtomicLong invocations = new AtomicLong();

    private DemoProcess(Process process, List<Integer> ports, List<URI> controls) {
      this.process = process;
      this.ports = List.copyOf(ports);
      this.page = URI.create("http://127.0.0.1:" + ports.get(0) + "/");
      this.controls = List.copyOf(controls);
    }

    static DemoProcess start(int proxies) throws IOException, InterruptedException {
      int port = freePort();
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
          Demo.class.getName(), "--port", Integer.toString(port), "--proxies", Integer.toString(proxies)));
      Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
          .toFile())).start();
      List<Integer> ports = new ArrayList<>(List.of(port));
      List<URI> controls = new ArrayList<>();
      CompletableFuture<Void> banner = new CompletableFuture<>();
      daemon(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            Matcher other = OTHER_PUSHPIN.matcher(line);
            if (other.find()) {
              ports.add(Integer.parseInt(other.group(1)));
            }
            Matcher m = PUBLISH_URL.matcher(line);
            if (m.find()) {
              controls.add(URI.create(m.group(1)));
              if (controls.size() == proxies) {
                banner.complete(null);
              }
            }
          }
        } catch (IOException e) {
          // the demo is gone
        }
        banner.completeExceptionally(new IllegalStateException("the demo ended before it printed its URLs"));
      }, "demo-stdout");
      DemoProcess d;
      try {
        banner.get(120, TimeUnit.SECONDS);
        d = new DemoProcess(p, ports, controls);
      } catch (Exception e) {
        p.destroy();
        throw new IllegalStateException("the demo did not start: " + e.getMessage(), e);
      }
      daemon(() -> d.readAccessLog(), "demo-stderr");
      return d;
    }

    /** The client port a client connects to: clients spread over the Pushpin instances in turn. */
    int port(int client) {
      return ports.get(client % ports.size());
    }

    /** A publisher to every Pushpin, as the function's own publishes go. */
    GripPublisher publisher() {
      List<GripProxy> endpoints = new ArrayList<>();
      controls.forEach(c -> endpoints.add(GripConfig.parseGripUrl(c.toString())));
      return GripPublisher.builder().config(GripConfig.of(endpoints, "")).build();
    }

    private void readAccessLog() {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          Matcher m = ACCESS_LINE.matcher(line);
          if (line.startsWith("[local-gateway] ") && m.find()) {
            invocations.incrementAndGet();
            statuses.computeIfAbsent(m.group(1), k -> new LongAdder()).increment();
          } else {
            System.err.println("demo: " + line);
          }
        }
      } catch (IOException e) {
        // the demo is gone
      }
    }

    long invocations() {
      return invocations.get();
    }

    Map<String, Long> statuses() {
      return statuses.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()));
    }

    /**
     * Peak resident memory (VmHWM) of this JVM, the demo's JVM and Pushpin's processes, in MB; with several
     * Pushpin instances, each kind of process summed over them.
     */
    Map<String, Object> memory() {
      Map<String, Object> m = new LinkedHashMap<>();
      processes().forEach((name, pids) -> m.put(name, round(pids.stream().mapToDouble(DemoProcess::peakMb).sum())));
      return m;
    }

    /** CPU seconds (user and system) each kind of those processes has used so far. */
    Map<String, Double> cpu() {
      Map<String, Double> m = new LinkedHashMap<>();
      processes().forEach((name, pids) -> m.put(name, pids.stream().mapToDouble(DemoProcess::cpuSeconds).sum()));
      return m;
    }

    /** This JVM, the demo's JVM, and the Pushpin processes under it (not the shells and sleeps of its watchdog). */
    private Map<String, List<Long>> processes() {
      Map<String, List<Long>> m = new LinkedHashMap<>();
      m.put("load-clients-jvm", List.of(ProcessHandle.current().pid()));
      m.put("gateway-function-jvm", List.of(process.pid()));
      for (ProcessHandle h : process.descendants().collect(Collectors.toList())) {
        String name = h.info().command().map(c -> c.substring(c.lastIndexOf('/') + 1)).orElse("");
        if (name.startsWith("pushpin") || name.equals("condure") || name.equals("zurl")) {
          m.computeIfAbsent(name, k -> new ArrayList<>()).add(h.pid());
        }
      }
      return m;
    }

    private static double cpuSeconds(long pid) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th of them.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // USER_HZ, 100 on Linux
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }

    private static double peakMb(long pid) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
          if (line.startsWith("VmHWM:")) {
            return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
          }
        }
      } catch (IOException | UncheckedIOException e) {
        // gone, or not Linux
      }
      return 0;
    }

    @Override
    public void close() {
      List<ProcessHandle> tree = process.descendants().collect(Collectors.toList());
      process.destroy(); // SIGTERM: the demo's shutdown hook stops Pushpin
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      tree.forEach(ProcessHandle::destroyForcibly);
    }
  }

  // ---- small things ----

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> out = new java.util.TreeMap<>();
    after.forEach((k, v) -> {
      long d = v - before.getOrDefault(k, 0L);
      if (d != 0) {
        out.put(k, d);
      }
    });
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static final long STARTED = System.nanoTime();

  private static void log(String s) {
    System.err.printf(Locale.ROOT, "load: %.1f s: %s%n", (System.nanoTime() - STARTED) / 1e9, s);
  }

  private static String json(Object o) {
    if (o instanceof Map) {
      StringBuilder sb = new StringBuilder("{");
      for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
        if (sb.length() > 1) {
          sb.append(',');
        }
        sb.append('"').append(e.getKey()).append("\":").append(json(e.getValue()));
      }
      return sb.append('}').toString();
    }
    if (o instanceof Number) {
      return o.toString();
    }
    return "\"" + o + "\"";
  }
}
