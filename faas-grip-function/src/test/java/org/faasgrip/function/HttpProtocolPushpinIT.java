package org.faasgrip.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.faasgrip.GripException;
import org.faasgrip.config.GripConfig;
import org.faasgrip.grip.Channel;
import org.faasgrip.grip.GripInstruct;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.publish.HttpResponseFormat;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.sse.ServerSentEvent;
import org.faasgrip.testkit.PushpinExtension;
import org.faasgrip.testkit.TestStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP side of GRIP against a real Pushpin 1.36 on loopback, each feature seen by a real HTTP client: what the
 * proxy announces in {@code Grip-Feature}, the {@code application/grip-instruct} body form, {@code Grip-Link} next
 * links, {@code no-seq}, {@code Grip-Last} on a retried long-poll, and {@link ReliableStream} recovering a publish
 * that never reached the proxy, for a plain stream and for Server-Sent Events resumed with {@code Last-Event-ID}.
 *
 * <p>The function answers through {@link Grip} with a channel prefix and required signatures, as deployed: so the
 * proxy's own requests (a recovery, a retry) are shown to be signed, and {@code Grip-Last} to carry prefixed names.
 */
class HttpProtocolPushpinIT {
  /** Pushpin holds an out-of-order item back this long (5000 by default); short, so the test of it is too. */
  private static final int MESSAGE_WAIT_MS = 3000;
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String PREFIX = "it-";

  @RegisterExtension
  static PushpinExtension rig = PushpinExtension.withOrigin(
      b -> b.config("handler", "message_wait", Integer.toString(MESSAGE_WAIT_MS)));

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Grip grip;
  /** Every request the function got, in order. */
  private final BlockingQueue<GripRequest> requests = new LinkedBlockingQueue<>();

  @BeforeEach
  void grip() {
    grip = Grip.builder()
        .config(GripConfig.fromEnvironment(Map.of(
            "GRIP_URL", rig.pushpin().gripUrl() + "&verify-iss=" + rig.pushpin().sigIss(),
            "GRIP_PREFIX", PREFIX)))
        .requireSignature(true)
        .build();
  }

  /** Serves a path with a function of the request, as an adapter would; a GripException gets Grip's answer. */
  private void serve(String path, Function<GripRequest, GripResponse> function) {
    rig.origin().handle(path, exchange -> {
      GripRequest request = read(exchange);
      requests.add(request);
      GripResponse response;
      try {
        response = function.apply(request);
      } catch (GripException e) {
        response = grip.errorResponse(e);
      }
      write(exchange, response);
    });
  }

  private static GripRequest read(HttpExchange exchange) throws IOException {
    GripRequest.Builder b = GripRequest.builder().method(exchange.getRequestMethod())
        .path(exchange.getRequestURI().getPath()).body(exchange.getRequestBody().readAllBytes());
    exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> b.addHeader(name, v)));
    return b.build();
  }

  private static void write(HttpExchange exchange, GripResponse r) throws IOException {
    for (Map.Entry<String, String> h : r.headers()) {
      exchange.getResponseHeaders().add(h.getKey(), h.getValue());
    }
    exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
    exchange.getResponseBody().write(r.body());
    exchange.close();
  }

  private GripRequest nextRequest(String path) throws InterruptedException {
    for (GripRequest r; (r = requests.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)) != null; ) {
      if (r.path().equals(path)) {
        return r;
      }
    }
    throw new AssertionError("the function got no request for " + path + " within " + WAIT);
  }

  private static List<String> lines(TestStream stream, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(stream.awaitLine(WAIT));
    }
    return out;
  }

  @Test
  void gripFeatureTellsTheFunctionWhatTheProxyDoes() throws Exception {
    serve("/features", request -> GripResponse.builder().addHeader("Content-Type", "text/plain")
        .body("link:next " + (request.hasGripFeature("LINK:NEXT") ? "yes" : "no") + "\n"
            + String.join(",", request.gripFeatures()) + "\n")
        .build());
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(rig.pushpin().httpUri("/features")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).isEqualTo("link:next yes\nstatus,session,link:next,filter:skip-self,filter:skip-users,"
        + "filter:require-sub,filter:build-id,filter:var-subst\n");
  }

  @Test
  void theInstructBodyFormHoldsAStreamAsTheHeadersDo() throws Exception {
    serve("/instruct-body", request -> grip.holdInstructBody(
        GripInstruct.builder().holdStream().channel("instruct-body").build(), "text/plain", "open\n"));
    try (TestStream stream = TestStream.open(rig.pushpin().httpUri("/instruct-body"))) {
      // Not the JSON: Pushpin read it, answered with the response inside, and held the stream.
      assertThat(stream.awaitLine(WAIT)).isEqualTo("open");
      assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/plain");
      rig.pushpin().awaitSubscribers(PREFIX + "instruct-body", 1, WAIT);
      grip.publish("instruct-body", HttpStreamFormat.of("published\n"));
      assertThat(stream.awaitLine(WAIT)).isEqualTo("published");
    }
  }

  @Test
  void aNextLinkAppendsTheNextResponseToTheBody() throws Exception {
    serve("/chunks/1", request -> grip.hold(GripInstruct.builder().nextLink(URI.create("/chunks/2")).build(),
        "text/plain", "part 1\n"));
    serve("/chunks/2", request -> GripResponse.builder().addHeader("Content-Type", "text/plain").body("part 2\n")
        .build());
    try (TestStream stream = TestStream.open(rig.pushpin().httpUri("/chunks/1"))) {
      assertThat(lines(stream, 2)).containsExactly("part 1", "part 2");
      stream.awaitEnd(WAIT);
    }
    // The proxy's own request is signed: required signatures let it through.
    assertThat(grip.isFromProxy(nextRequest("/chunks/2"))).isTrue();
  }

  @Test
  void aNextLinkTimeoutRefreshesAQuietStream() throws Exception {
    serve("/quiet", request -> grip.hold(GripInstruct.builder().holdStream().channel("quiet")
        .nextLink(URI.create("/quiet/next"), 1).build(), "text/plain", "open\n"));
    serve("/quiet/next", request -> grip.hold(GripInstruct.builder().holdStream().channel("quiet")
        .nextLink(URI.create("/quiet/next"), 300).build(), "text/plain", "refreshed\n"));
    try (TestStream stream = TestStream.open(rig.pushpin().httpUri("/quiet"))) {
      assertThat(stream.awaitLine(WAIT)).isEqualTo("open");
      // Nothing is published: after a quiet second the proxy asks the next link, and appends its body.
      assertThat(stream.awaitLine(WAIT)).isEqualTo("refreshed");
      assertThat(stream.pollLine(Duration.ofSeconds(2))).isNull();
    }
  }

  @Test
  void pushpin136IgnoresAGoneLink() throws Exception {
    serve("/goes", request -> grip.hold(GripInstruct.builder().holdStream().channel("goes")
        .goneLink(URI.create("/goes/gone")).build(), "text/plain", "open\n"));
    serve("/goes/gone", request -> GripResponse.builder().status(204).build());
    try (TestStream stream = TestStream.open(rig.pushpin().httpUri("/goes"))) {
      assertThat(stream.awaitLine(WAIT)).isEqualTo("open");
      rig.pushpin().awaitSubscribers(PREFIX + "goes", 1, WAIT);
    }
    // The client has gone and Pushpin dropped its subscription; 1.41 would now POST to the gone link, 1.36 does not.
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (rig.pushpin().subscribers(PREFIX + "goes") > 0) {
      assertThat(System.nanoTime() - deadline).as("the subscription outlived its client").isNegative();
      Thread.sleep(50);
    }
    nextRequest("/goes");
    assertThat(requests.poll(3, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void noSeqDeliversAnOutOfOrderItemAtOnceWhereSequencingWaits() throws Exception {
    serve("/seq", request -> grip.holdStream("seq", "open\n"));
    try (TestStream stream = TestStream.open(rig.pushpin().httpUri("/seq"))) {
      assertThat(stream.awaitLine(WAIT)).isEqualTo("open");
      rig.pushpin().awaitSubscribers(PREFIX + "seq", 1, WAIT);
      grip.publish(Item.builder("seq").id("a").format(HttpStreamFormat.of("a\n")).build());
      assertThat(stream.awaitLine(WAIT)).isEqualTo("a");

      // "b" is never published. With no-seq, "c" (after "b") goes out at once...
      long start = System.nanoTime();
      grip.publish(Item.builder("seq").id("c").prevId("b").noSeq(true).format(HttpStreamFormat.of("c\n")).build());
      assertThat(stream.awaitLine(WAIT)).isEqualTo("c");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(MESSAGE_WAIT_MS / 2));

      // ...without it, "e" (after the unpublished "d") waits for "d" until message_wait has passed.
      start = System.nanoTime();
      grip.publish(Item.builder("seq").id("e").prevId("d").format(HttpStreamFormat.of("e\n")).build());
      assertThat(stream.pollLine(Duration.ofMillis(MESSAGE_WAIT_MS / 2))).isNull();
      assertThat(stream.awaitLine(WAIT)).isEqualTo("e");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(MESSAGE_WAIT_MS - 1000));
    }
  }

  @Test
  void aRetriedLongPollCarriesGripLastAndIsAnsweredFromTheStore() throws Exception {
    InMemoryItemStore store = InMemoryItemStore.create(10, 1);
    store.append("inbox", StoredItem.of("1", "message 1\n".getBytes(StandardCharsets.UTF_8)));
    serve("/inbox", request -> {
      String last = grip.lastId(request, "inbox");
      if (last != null) {
        StringBuilder b = new StringBuilder();
        for (StoredItem i : store.itemsAfter("inbox", last, 100)) {
          b.append(new String(i.content(), StandardCharsets.UTF_8));
        }
        return GripResponse.builder().addHeader("Content-Type", "text/plain").body(b.toString()).build();
      }
      return grip.hold(GripInstruct.builder().holdResponse().channel(Channel.of("inbox", store.lastId("inbox")))
          .timeout(30).build(), "text/plain", "nothing new\n");
    });
    CompletableFuture<HttpResponse<String>> poll = HTTP.sendAsync(
        HttpRequest.newBuilder(rig.pushpin().httpUri("/inbox")).build(), HttpResponse.BodyHandlers.ofString());
    rig.pushpin().awaitSubscribers(PREFIX + "inbox", 1, WAIT);
    // Two new messages; only the second is published, and its prev-id is not the hold's.
    store.append("inbox", StoredItem.of("2", "message 2\n".getBytes(StandardCharsets.UTF_8)));
    store.append("inbox", StoredItem.of("3", "message 3\n".getBytes(StandardCharsets.UTF_8)));
    grip.publish(Item.builder("inbox").id("3").prevId("2").noSeq(true)
        .format(HttpResponseFormat.of("message 3\n")).build());

    // Pushpin retries the client's request with the id it has, and the function answers with what came after.
    HttpResponse<String> r = poll.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(r.body()).isEqualTo("message 2\nmessage 3\n");
    nextRequest("/inbox");
    GripRequest retry = nextRequest("/inbox");
    assertThat(retry.headers().values("Grip-Last")).containsExactly(PREFIX + "inbox; last-id=1");
  }

  @Test
  void aPublishThatNeverReachedTheProxyIsRecoveredInOrder() throws Exception {
    ReliableStream news = ReliableStream.builder(grip, InMemoryItemStore.create(100, 10))
        .nextLink(URI.create("/news")).noSeq(true).build();
    serve("/news", request -> news.hold(request, "news", "open\n"));
    try (TestStream stream = TestStream.open(rig.pushpin().httpUri("/news"))) {
      assertThat(stream.awaitLine(WAIT)).isEqualTo("open");
      rig.pushpin().awaitSubscribers(PREFIX + "news", 1, WAIT);
      news.publish("news", "1", "item 1\n");
      assertThat(stream.awaitLine(WAIT)).isEqualTo("item 1");

      news.item("news", "2", "item 2\n");            // stored, never published: lost on the way to the proxy
      news.publish("news", "3", "item 3\n");
      assertThat(lines(stream, 2)).containsExactly("item 2", "item 3");
      news.publish("news", "4", "item 4\n");
      assertThat(stream.awaitLine(WAIT)).isEqualTo("item 4");
      assertThat(stream.pollLine(Duration.ofMillis(500))).isNull();
      news.close("news");
      stream.awaitEnd(WAIT);
    }
    nextRequest("/news");
    GripRequest recovery = nextRequest("/news");
    assertThat(recovery.headers().values("Grip-Last")).containsExactly(PREFIX + "news; last-id=1");
  }

  @Test
  void withSequencingTheLostPublishIsRecoveredAfterTheReorderWait() throws Exception {
    ReliableStream sports = ReliableStream.builder(grip, InMemoryItemStore.create(100, 10))
        .nextLink(URI.create("/sports")).build();
    serve("/sports", request -> sports.hold(request, "sports"));
    try (TestStream stream = TestStream.open(rig.pushpin().httpUri("/sports"))) {
      rig.pushpin().awaitSubscribers(PREFIX + "sports", 1, WAIT);
      sports.publish("sports", "1", "goal 1\n");
      assertThat(stream.awaitLine(WAIT)).isEqualTo("goal 1");
      sports.item("sports", "2", "goal 2\n");
      sports.publish("sports", "3", "goal 3\n");
      assertThat(lines(stream, 2)).containsExactly("goal 2", "goal 3");
    }
  }

  @Test
  void anEventStreamResumesFromLastEventIdAndRecoversAGap() throws Exception {
    ReliableStream feed = ReliableStream.eventStream(grip, InMemoryItemStore.create(100, 10))
        .nextLink(URI.create("/events")).noSeq(true).build();
    String preamble = ServerSentEvent.builder().retry(2000).build().text();
    serve("/events", request -> feed.hold(request, "events", preamble));
    feed.item("events", ServerSentEvent.builder().id("e1").data("one").build());
    feed.item("events", ServerSentEvent.builder().id("e2").event("note").data("two\nlines").build());

    // A browser that reconnects after "e1" sends Last-Event-ID: it gets "e2" first.
    HttpRequest reconnect = HttpRequest.newBuilder(rig.pushpin().httpUri("/events"))
        .header("Accept", "text/event-stream").header("Last-Event-ID", "e1").build();
    try (TestStream stream = TestStream.open(reconnect)) {
      assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");
      assertThat(stream.headers().map().keySet()).noneMatch(k -> k.toLowerCase().startsWith("grip-"));
      assertThat(lines(stream, 6)).containsExactly("retry: 2000", "", "event: note", "id: e2", "data: two",
          "data: lines");
      assertThat(stream.awaitLine(WAIT)).isEmpty();
      rig.pushpin().awaitSubscribers(PREFIX + "events", 1, WAIT);

      feed.item("events", ServerSentEvent.builder().id("e3").data("three").build());     // lost
      feed.publish("events", ServerSentEvent.builder().id("e4").data("four").build());
      assertThat(lines(stream, 6)).containsExactly("id: e3", "data: three", "", "id: e4", "data: four", "");
    }
  }
}
