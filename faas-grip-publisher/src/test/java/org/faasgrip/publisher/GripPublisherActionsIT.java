package org.faasgrip.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.faasgrip.publish.HttpResponseFormat;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.testkit.OriginServer;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinExtension;
import org.faasgrip.testkit.TestStream;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The actions and message types beyond plain content, against a real Pushpin (1.36): a published ping or pong
 * reaches a real WebSocket client as a control frame, a hint makes Pushpin fetch the content from the origin, a
 * response without body is accepted, and the refresh action is refused by this version.
 */
class GripPublisherActionsIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension static PushpinExtension rig = PushpinExtension.withOrigin();

  private static GripPublisher publisher;

  @BeforeAll
  static void publisher() {
    publisher = LiveClients.publisher(rig.pushpin());
  }

  @AfterAll
  static void closePublisher() {
    if (publisher != null) {
      publisher.close();
    }
  }

  private static Pushpin pushpin() {
    return rig.pushpin();
  }

  /** One WebSocket-over-HTTP request as the origin received it. */
  private record WsRequest(String connectionId, String events) {}

  /**
   * Like {@link LiveClients#subscribeWebSockets}, and records every request: which connection, which events.
   */
  private static LinkedBlockingQueue<WsRequest> recordWebSockets(String path, String channel) {
    LinkedBlockingQueue<WsRequest> requests = new LinkedBlockingQueue<>();
    rig.origin().handle(path, ex -> {
      String events = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
      requests.add(new WsRequest(ex.getRequestHeaders().getFirst("Connection-Id"), events));
      String out = "";
      if (events.startsWith("OPEN\r\n")) {
        String control = "c:{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}";
        out = "OPEN\r\nTEXT " + Integer.toHexString(control.length()) + "\r\n" + control + "\r\n";
      }
      OriginServer.reply(ex, 200,
          Map.of("Content-Type", "application/websocket-events", "Sec-WebSocket-Extensions", "grip"), out);
    });
    return requests;
  }

  /**
   * The connection id of the socket that is open: Java 17's client may need several handshakes (see
   * {@link TestWebSocket}), each of which reached the origin with an OPEN. Call it once {@code connect} returned:
   * the attempts are made one after another, and the live one's 101 comes only after the origin recorded its
   * OPEN, so the last OPEN recorded by then is the live one (each test has a path, and so a queue, of its own).
   */
  private static String liveConnection(LinkedBlockingQueue<WsRequest> requests) {
    String live = null;
    for (WsRequest r : requests) {
      if (r.events().startsWith("OPEN\r\n")) {
        live = r.connectionId();
      }
    }
    assertThat(live).as("an OPEN reached the origin").isNotNull();
    return live;
  }

  @Test
  void aPublishedPingReachesTheClientAsAPingFrameAndItsPongTheOrigin() throws Exception {
    String channel = LiveClients.channel();
    LinkedBlockingQueue<WsRequest> requests = recordWebSockets("/ws-ping", channel);
    try (TestWebSocket ws = TestWebSocket.connect(pushpin().wsUri("/ws-ping"))) {
      pushpin().awaitSubscribers(channel, 1, WAIT);
      String live = liveConnection(requests);
      byte[] payload = {'h', 'b', 0, (byte) 0xff, 7};

      publisher.publish(channel, WebSocketMessageFormat.ping(payload));

      assertThat(ws.awaitPing(WAIT)).as("the payload Listener.onPing saw").isEqualTo(payload);
      // The JDK client answers the ping itself; Pushpin passes the pong to the origin as a PONG event.
      String expectedPong = "PONG 5\r\nhb\u0000\u00ff\u0007\r\n";
      assertThat(awaitEvents(requests, live, expectedPong)).contains(expectedPong);
      assertThat(ws.pending()).as("a ping is not a message").isEmpty();
    }
  }

  @Test
  void aPublishedPongReachesTheClientAsAPongFrame() throws Exception {
    String channel = LiveClients.channel();
    recordWebSockets("/ws-pong", channel);
    try (TestWebSocket ws = TestWebSocket.connect(pushpin().wsUri("/ws-pong"))) {
      pushpin().awaitSubscribers(channel, 1, WAIT);
      byte[] full = new byte[WebSocketMessageFormat.MAX_CONTROL_PAYLOAD_BYTES];
      for (int i = 0; i < full.length; i++) {
        full[i] = (byte) i;
      }

      publisher.publish(channel, WebSocketMessageFormat.pong(new byte[0]));
      publisher.publish(channel, WebSocketMessageFormat.pong(full));

      assertThat(ws.awaitPong(WAIT)).isEmpty();
      assertThat(ws.awaitPong(WAIT)).isEqualTo(full);
      assertThat(ws.pending()).as("a pong is not a message").isEmpty();
    }
  }

  @Test
  void pushpin136RefusesTheRefreshActionWhichCameIn138() throws Exception {
    // Pushpin learnt "action": "refresh" in 1.38.0 (its CHANGELOG: "Publish refresh action for triggering
    // WebSocket-over-HTTP requests"); the 1.36 installed here refuses it while parsing the item, for every format.
    // When the rig's Pushpin is upgraded, this test fails: then assert the refresh's effect instead (a
    // WebSocket-over-HTTP request for the live connection).
    String channel = LiveClients.channel();
    recordWebSockets("/ws-refresh", channel);
    try (TestWebSocket ws = TestWebSocket.connect(pushpin().wsUri("/ws-refresh"))) {
      pushpin().awaitSubscribers(channel, 1, WAIT);

      assertThatThrownBy(() -> publisher.publish(channel, WebSocketMessageFormat.refresh()))
          .isInstanceOfSatisfying(PublishException.class, e -> {
            assertThat(e.failures()).singleElement().satisfies(f -> {
              assertThat(f.status()).isEqualTo(400);
              assertThat(f.body()).startsWith("Invalid format");
              assertThat(f.attempts()).as("a 400 is not retried").isEqualTo(1);
            });
          });
      publisher.publish(channel, WebSocketMessageFormat.text("still open"));
      assertThat(ws.awaitText(WAIT)).isEqualTo("still open");
    }
  }

  /** Waits until the origin received, for {@code connection}, events containing {@code expected}; returns them. */
  private static String awaitEvents(LinkedBlockingQueue<WsRequest> requests, String connection, String expected)
      throws InterruptedException {
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline && seen.indexOf(expected) < 0) {
      WsRequest r = requests.poll(100, TimeUnit.MILLISECONDS);
      if (r != null && connection.equals(r.connectionId())) {
        seen.append(r.events());
      }
    }
    return seen.toString();
  }

  @Test
  void aHintMakesPushpinFetchTheStreamsNextLinkAndAppendItsBody() throws Exception {
    String channel = LiveClients.channel();
    AtomicInteger fetches = new AtomicInteger();
    Map<String, String> hold = Map.of("Content-Type", "text/plain", "Grip-Hold", "stream", "Grip-Channel", channel,
        "Grip-Link", "</stream-hint/next>; rel=next");
    rig.origin().handle("/stream-hint", ex -> OriginServer.reply(ex, 200, hold, "start\n"));
    rig.origin().handle("/stream-hint/next", ex -> OriginServer.reply(ex, 200, hold,
        "fetched " + fetches.incrementAndGet() + "\n"));
    TestStream lines = TestStream.open(pushpin().httpUri("/stream-hint"));
    assertThat(lines.awaitLine(WAIT)).isEqualTo("start");
    pushpin().awaitSubscribers(channel, 1, WAIT);
    assertThat(fetches).as("no fetch before the hint").hasValue(0);

    publisher.publish(channel, HttpStreamFormat.hint());

    assertThat(lines.awaitLine(WAIT)).isEqualTo("fetched 1");
    // The answer held the stream again with the same next link: a second hint fetches again.
    pushpin().awaitSubscribers(channel, 1, WAIT);
    publisher.publish(channel, HttpStreamFormat.hint());
    assertThat(lines.awaitLine(WAIT)).isEqualTo("fetched 2");
    publisher.publish(channel, HttpStreamFormat.of("pushed\n"));
    assertThat(lines.awaitLine(WAIT)).isEqualTo("pushed");
    assertThat(fetches).hasValue(2);
  }

  @Test
  void aHintIsIgnoredByAStreamWithoutNextLink() throws Exception {
    String channel = LiveClients.channel();
    AtomicInteger requests = new AtomicInteger();
    rig.origin().handle("/stream-no-link", ex -> {
      requests.incrementAndGet();
      OriginServer.reply(ex, 200, Map.of("Content-Type", "text/plain", "Grip-Hold", "stream", "Grip-Channel", channel),
          "start\n");
    });
    TestStream lines = TestStream.open(pushpin().httpUri("/stream-no-link"));
    assertThat(lines.awaitLine(WAIT)).isEqualTo("start");
    pushpin().awaitSubscribers(channel, 1, WAIT);

    publisher.publish(channel, HttpStreamFormat.hint());
    publisher.publish(channel, HttpStreamFormat.of("after\n"));

    // Items of a channel are delivered in order: once "after" arrived, the hint was handled (and dropped).
    assertThat(lines.awaitLine(WAIT)).isEqualTo("after");
    assertThat(requests).as("the origin was not asked again").hasValue(1);
  }

  @Test
  void aHintMakesPushpinSendTheHeldRequestAgainAndDeliverTheOriginsAnswer() throws Exception {
    String channel = LiveClients.channel();
    AtomicInteger requests = new AtomicInteger();
    rig.origin().handle("/poll-hint", ex -> {
      String client = ex.getRequestHeaders().getFirst("X-Client");
      if (requests.incrementAndGet() == 1) {
        OriginServer.reply(ex, 200, Map.of("Content-Type", "text/plain", "Grip-Hold", "response",
            "Grip-Channel", channel, "Grip-Timeout", "60"), "timeout\n");
      } else {
        OriginServer.reply(ex, 200, Map.of("Content-Type", "text/plain"), "news for " + client + "\n");
      }
    });
    CompletableFuture<HttpResponse<String>> poll = LiveClients.HTTP.sendAsync(
        HttpRequest.newBuilder(pushpin().httpUri("/poll-hint")).header("X-Client", "alice").build(),
        HttpResponse.BodyHandlers.ofString());
    pushpin().awaitSubscribers(channel, 1, WAIT);
    assertThat(poll).as("held until the hint").isNotDone();

    publisher.publish(channel, HttpResponseFormat.hint());

    HttpResponse<String> response = poll.get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).as("made by the origin from the client's own request").isEqualTo("news for alice\n");
    assertThat(requests).hasValue(2);
  }

  @Test
  void aResponseWithoutBodyReleasesTheLongPollWithAnEmptyBody() throws Exception {
    String channel = LiveClients.channel();
    LiveClients.holdResponse(rig.origin(), "/poll-empty", channel);
    CompletableFuture<HttpResponse<String>> poll = LiveClients.longPoll(pushpin().httpUri("/poll-empty"));
    pushpin().awaitSubscribers(channel, 1, WAIT);

    publisher.publish(channel, HttpResponseFormat.builder().code(204).reason("No Content").build());

    HttpResponse<String> response = poll.get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
  }
}
