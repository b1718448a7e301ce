package org.faasgrip.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PushpinIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension static PushpinExtension rig = PushpinExtension.withOrigin();
  @RegisterExtension static PushpinExtension second = PushpinExtension.withOrigin(b -> b.sigIss("second"));

  private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static String channel() {
    return "ch-" + UUID.randomUUID();
  }

  private static HttpResponse<String> publish(Pushpin pushpin, String json) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(pushpin.controlUri() + "/publish/"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .timeout(WAIT)
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String streamItem(String channel, String content) {
    return "{\"items\":[{\"channel\":\"" + channel + "\",\"formats\":{\"http-stream\":{\"content\":\"" + content + "\\n\"}}}]}";
  }

  private static void holdStream(PushpinExtension ext, String path, String channel) {
    ext.origin().handle(path, ex -> OriginServer.reply(ex, 200,
        Map.of("Content-Type", "text/plain", "Grip-Hold", "stream", "Grip-Channel", channel), "start\n"));
  }

  @Test
  void proxiesAPlainGetToTheOriginWithAGripSig() throws Exception {
    AtomicReference<String> sig = new AtomicReference<>();
    rig.origin().handle("/hello", ex -> {
      sig.set(ex.getRequestHeaders().getFirst("Grip-Sig"));
      OriginServer.reply(ex, 200, Map.of("Content-Type", "text/plain"), "hello from origin");
    });

    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(rig.pushpin().httpUri("/hello")).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("hello from origin");
    assertThat(sig.get()).as("Pushpin signs what it forwards").isNotBlank();
    assertThat(rig.pushpin().httpUri().getHost()).isEqualTo("127.0.0.1");
    assertThat(rig.pushpin().gripUrl()).isEqualTo(rig.pushpin().controlUri() + "?iss=pushpin&key=changeme");
  }

  @Test
  void aPublishReachesAStreamingClientOnceSubscribed() throws Exception {
    String channel = channel();
    holdStream(rig, "/stream-one", channel);

    TestStream stream = TestStream.open(rig.pushpin().httpUri("/stream-one"));
    assertThat(stream.awaitLine(WAIT)).isEqualTo("start");
    rig.pushpin().awaitSubscribers(channel, 1, WAIT);

    HttpResponse<String> published = publish(rig.pushpin(), streamItem(channel, "first"));
    assertThat(published.statusCode()).isEqualTo(200);
    assertThat(stream.awaitLine(WAIT)).isEqualTo("first");
  }

  @Test
  void aTestStreamSeesTheEndOfTheStreamAndRefusesAnAnswerOtherThan200() throws Exception {
    String channel = channel();
    holdStream(rig, "/stream-end", channel);
    try (TestStream stream = TestStream.open(rig.pushpin().httpUri("/stream-end"))) {
      assertThat(stream.awaitLine(WAIT)).isEqualTo("start");
      rig.pushpin().awaitSubscribers(channel, 1, WAIT);
      publish(rig.pushpin(), streamItem(channel, "last"));
      publish(rig.pushpin(), "{\"items\":[{\"channel\":\"" + channel + "\",\"formats\":{\"http-stream\":{\"action\":\"close\"}}}]}");

      assertThatThrownBy(() -> stream.awaitEnd(WAIT)).isInstanceOf(AssertionError.class)
          .hasMessageContaining("got the line \"last\"");
      stream.awaitEnd(WAIT);
      // After the end, every wait ends at once with it instead of timing out.
      assertThatThrownBy(() -> stream.awaitLine(Duration.ofMinutes(5))).isInstanceOf(AssertionError.class)
          .hasMessageContaining("ended by the server");
      assertThat(stream.pollLine(Duration.ofMinutes(5))).isNull();
    }
    assertThatThrownBy(() -> TestStream.open(rig.pushpin().httpUri("/no-such-stream")))
        .isInstanceOf(PushpinException.class).hasMessageContaining("/no-such-stream answered 404");
  }

  @Test
  void countsSubscribersUpAndDownAndTimesOutClearly() throws Exception {
    String channel = channel();
    holdStream(rig, "/stream-count", channel);
    assertThat(rig.pushpin().subscribers(channel)).isZero();
    assertThatThrownBy(() -> rig.pushpin().awaitSubscribers(channel, 1, Duration.ofMillis(300)))
        .isInstanceOf(PushpinException.class)
        .hasMessageContaining("1 subscriber(s) of channel \"" + channel + "\"")
        .hasMessageContaining("Pushpin reports 0");

    TestStream.open(rig.pushpin().httpUri("/stream-count"));
    TestStream.open(rig.pushpin().httpUri("/stream-count"));
    rig.pushpin().awaitSubscribers(channel, 2, WAIT);

    // A close action ends both streams; the handler then reports the channel gone.
    publish(rig.pushpin(), "{\"items\":[{\"channel\":\"" + channel + "\",\"formats\":{\"http-stream\":{\"action\":\"close\"}}}]}");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (rig.pushpin().subscribers(channel) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(rig.pushpin().subscribers(channel)).isZero();
  }

  @Test
  void aWebSocketSubscribedOverHttpReceivesAPublish() throws Exception {
    String channel = channel();
    rig.origin().handle("/ws", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      String events = new String(body, StandardCharsets.UTF_8);
      String out = "";
      if (events.startsWith("OPEN")) {
        // The WebSocket-over-HTTP answer, written by hand: accept, then subscribe by a control message.
        String control = "c:{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}";
        out = "OPEN\r\nTEXT " + Integer.toHexString(control.length()) + "\r\n" + control + "\r\n";
      }
      OriginServer.reply(ex, 200, Map.of("Content-Type", "application/websocket-events", "Sec-WebSocket-Extensions", "grip"), out);
    });
    try (TestWebSocket ws = TestWebSocket.connect(rig.pushpin().wsUri("/ws"))) {
      rig.pushpin().awaitSubscribers(channel, 1, WAIT);
      publish(rig.pushpin(), "{\"items\":[{\"channel\":\"" + channel + "\",\"formats\":{\"ws-message\":{\"content\":\"hi ws\"}}}]}");
      assertThat(ws.awaitText(WAIT)).isEqualTo("hi ws");
    }
  }

  @Test
  void manyWebSocketsOpenAndWorkDespiteJava17HandshakeQuirk() throws Exception {
    // The origin echoes every WebSocket-over-HTTP request's events back (OPEN accepts; TEXT is sent back).
    rig.origin().handle("/ws-echo", ex -> {
      byte[] events = ex.getRequestBody().readAllBytes();
      OriginServer.reply(ex, 200, Map.of("Content-Type", "application/websocket-events"), events);
    });
    for (int i = 0; i < 20; i++) {
      // Java 17 quirk (see TestWebSocket): condure may turn the handshake's empty body into an empty TEXT
      // event, which this origin echoes like any other.
      try (TestWebSocket ws = TestWebSocket.builder(rig.pushpin().wsUri("/ws-echo")).client(client)
          .ignoreTexts(String::isEmpty).connect()) {
        ws.send("echo " + i);
        assertThat(ws.awaitText(WAIT)).isEqualTo("echo " + i);
      }
    }
    // A listener of the test's own: Pushpin.openWebSocket retries the same way.
    AtomicReference<String> opened = new AtomicReference<>();
    WebSocket own = rig.pushpin().openWebSocket(client, "/ws-echo", new WebSocket.Listener() {
      @Override
      public void onOpen(WebSocket webSocket) {
        opened.set("open");
        webSocket.request(1);
      }
    });
    own.abort();
    assertThat(opened.get()).isEqualTo("open");
    assertThatThrownBy(() -> rig.pushpin().openWebSocket(client, "/no-such-path", new WebSocket.Listener() { }))
        .isInstanceOf(PushpinException.class)
        .hasMessageContaining("attempt 1");
  }

  @Test
  void twoInstancesRunAtOnceEachWithItsOwnPortsAndSubscribers() throws Exception {
    assertThat(second.pushpin().httpUri()).isNotEqualTo(rig.pushpin().httpUri());
    assertThat(second.pushpin().controlUri()).isNotEqualTo(rig.pushpin().controlUri());
    String channel = channel();
    holdStream(rig, "/stream-two", channel);
    holdStream(second, "/stream-two", channel);
    TestStream a = TestStream.open(rig.pushpin().httpUri("/stream-two"));
    TestStream b = TestStream.open(second.pushpin().httpUri("/stream-two"));
    rig.pushpin().awaitSubscribers(channel, 1, WAIT);
    second.pushpin().awaitSubscribers(channel, 1, WAIT);
    assertThat(a.awaitLine(WAIT)).isEqualTo("start");
    assertThat(b.awaitLine(WAIT)).isEqualTo("start");

    publish(second.pushpin(), streamItem(channel, "only-second"));
    assertThat(b.awaitLine(WAIT)).isEqualTo("only-second");
    publish(rig.pushpin(), streamItem(channel, "only-first"));
    assertThat(a.awaitLine(WAIT)).isEqualTo("only-first");
    assertThat(b.pollLine(Duration.ofMillis(300))).as("a publish to one instance stays there").isNull();
  }

  @Test
  void closeStopsEveryProcessAndDeletesTheFolder() throws Exception {
    List<ProcessHandle> processes;
    java.nio.file.Path logDir;
    try (OriginServer origin = OriginServer.start(); Pushpin pushpin = Pushpin.start(PushpinOptions.forOrigin(origin.port()))) {
      processes = pushpin.processes();
      logDir = pushpin.logDir();
      assertThat(processes.stream().map(p -> p.info().command().orElse("")))
          .as("runner, condure, zurl, proxy and handler")
          .anySatisfy(c -> assertThat(c).endsWith("/condure"))
          .anySatisfy(c -> assertThat(c).endsWith("/zurl"))
          .anySatisfy(c -> assertThat(c).endsWith("/pushpin-proxy"))
          .anySatisfy(c -> assertThat(c).endsWith("/pushpin-handler"))
          .anySatisfy(c -> assertThat(c).endsWith("/pushpin"));
      assertThat(pushpin.logs()).contains("==> pushpin-handler.log <==");
    }
    assertThat(processes).noneMatch(ProcessHandle::isAlive);
    assertThat(Files.exists(logDir)).isFalse();
  }

  @Test
  void stopRefusesPublishesAndRestartServesOnTheSamePorts() throws Exception {
    try (Pushpin pushpin = Pushpin.start(PushpinOptions.builder().build())) {
      URI control = pushpin.controlUri();
      pushpin.stop();
      assertThat(pushpin.isRunning()).isFalse();
      assertThat(pushpin.processes()).isEmpty();
      assertThatThrownBy(() -> publish(pushpin, streamItem("x", "y"))).isInstanceOf(ConnectException.class);

      pushpin.restart();
      assertThat(pushpin.controlUri()).isEqualTo(control);
      assertThat(publish(pushpin, streamItem("x", "y")).statusCode()).isEqualTo(200);
      assertThat(pushpin.logs()).contains("==> pushpin-handler.log.1 <==");
    }
  }

  @Test
  void startsOnPortsNoOneElseUsesEvenWhenManyStartTogether() throws Exception {
    List<CompletableFuture<Pushpin>> starts = List.of(
        CompletableFuture.supplyAsync(() -> Pushpin.start(PushpinOptions.builder().build())),
        CompletableFuture.supplyAsync(() -> Pushpin.start(PushpinOptions.builder().build())),
        CompletableFuture.supplyAsync(() -> Pushpin.start(PushpinOptions.builder().build())));
    try {
      for (CompletableFuture<Pushpin> f : starts) {
        assertThat(publish(f.get(60, TimeUnit.SECONDS), streamItem("x", "y")).statusCode()).isEqualTo(200);
      }
    } finally {
      for (CompletableFuture<Pushpin> f : starts) {
        f.thenAccept(Pushpin::close).exceptionally(e -> null).get(60, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void bindsTheClientSideToAFixedPortWhenAsked() throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    try (OriginServer origin = OriginServer.start();
        Pushpin fixed = Pushpin.start(PushpinOptions.builder().origin(origin.port()).httpPort(port).build())) {
      origin.handle("/where", ex -> OriginServer.reply(ex, 200, Map.of("Content-Type", "text/plain"), "here"));

      assertThat(fixed.httpUri()).isEqualTo(URI.create("http://127.0.0.1:" + port));
      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/where")).timeout(WAIT).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.body()).isEqualTo("here");
      assertThat(fixed.controlUri().getPort()).isNotEqualTo(port);
    }
  }
}
