package org.faasgrip.websocket;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.testkit.OriginServer;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinExtension;
import org.faasgrip.testkit.TestStream;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The control messages, frames and headers of {@link WebSocketContext} behind a real Pushpin 1.36 on loopback,
 * each shown by what a real WebSocket client ({@code java.net.http}) gets, or, where 1.36 lacks the feature, by
 * exactly how 1.36 answers. The function is {@link ScriptedOrigin}: the client sends it commands.
 */
class WebSocketControlPushpinIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  static PushpinExtension rig = PushpinExtension.withOrigin();

  private static final ScriptedOrigin origin = new ScriptedOrigin();
  private TestWebSocket client;

  /** The Grip-Session-Id header of each request /session saw ("none" when absent). */
  private static final BlockingQueue<String> sessionIdsSeen = new LinkedBlockingQueue<>();

  @BeforeAll
  static void route() {
    rig.origin().handle("/ws", origin::handle);
    // A stream hold that asks for a session (Grip-Session-Id) and how to find it in later requests
    // (Grip-Session-Detect: the sid member of a JSON body); Pushpin acts on them only with a session store.
    rig.origin().handle("/session", ex -> {
      String sid = ex.getRequestHeaders().getFirst("Grip-Session-Id");
      sessionIdsSeen.add(sid == null ? "none" : sid);
      OriginServer.reply(ex, 200, Map.of("Content-Type", "text/plain", "Grip-Hold", "stream",
          "Grip-Channel", "session-room", "Grip-Session-Id", "s-1",
          "Grip-Session-Detect", "path-prefix=/session; sid-ptr=/sid"), "held\n");
    });
  }

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  private static Pushpin pushpin() {
    return rig.pushpin();
  }

  /** Connects, and returns the connection's id as the function sees it. */
  private String connect() {
    client = TestWebSocket.connect(pushpin().wsUri("/ws"));
    client.send("id");
    return client.awaitText(WAIT);
  }

  /** Sends a command and waits for its {@code ok}: the response that carries the call has reached Pushpin. */
  private void command(String command) {
    client.send(command);
    assertThat(client.awaitText(WAIT)).isEqualTo("ok " + command);
  }

  private static Item text(String channel, String content) {
    return Item.of(channel, WebSocketMessageFormat.text(content));
  }

  /** Waits until Pushpin no longer counts a subscriber of the channel (it reports a change within a second). */
  private static void awaitNoSubscriber(String channel) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (pushpin().subscribers(channel) > 0) {
      assertThat(System.nanoTime() - deadline).as("channel %s still has a subscriber after %s", channel, WAIT)
          .isNegative();
      Thread.sleep(50);
    }
  }

  @Test
  void whatIsPublishedAfterUnsubscribeNoLongerReachesTheClient() throws Exception {
    connect();
    command("sub u-room");
    command("sub u-other");
    pushpin().awaitSubscribers("u-room", 1, WAIT);
    pushpin().awaitSubscribers("u-other", 1, WAIT);
    origin.publish(pushpin(), text("u-room", "before"));
    assertThat(client.awaitText(WAIT)).isEqualTo("before");

    command("unsub u-room");
    awaitNoSubscriber("u-room");
    // In one publish, in order: the first would come first, were the client still subscribed.
    origin.publish(pushpin(), text("u-room", "after"), text("u-other", "marker"));
    assertThat(client.awaitText(WAIT)).isEqualTo("marker");
  }

  @Test
  void afterDetachTheClientsMessagesNoLongerReachTheFunctionAndPublishesStillReachTheClient() throws Exception {
    String id = connect();
    command("sub d-room");
    pushpin().awaitSubscribers("d-room", 1, WAIT);
    command("detach");
    // Pushpin 1.36 closes its WebSocket-over-HTTP side: one more request, with a CLOSE, whose answer goes nowhere.
    ScriptedOrigin.Call closing = origin.awaitCall(id, c -> c.has(WebSocketEvent.Type.CLOSE), WAIT);
    assertThat(closing.ws().closeCode()).isEmpty();

    client.send("echo lost");
    origin.publish(pushpin(), text("d-room", "still here"));
    assertThat(client.awaitText(WAIT)).isEqualTo("still here");
    // Nothing more of this connection reaches the function: the echo goes nowhere, and nothing answers it.
    assertThat(client.pollMessage(Duration.ofSeconds(1))).isNull();
    assertThat(origin.calls.stream().filter(c -> c.connectionId().equals(id))).isEmpty();
  }

  @Test
  void aKeepAliveTextReachesAnIdleClientAgainAndAgain() {
    connect();
    command("ka are-you-there 1");
    // Pushpin 1.36 sends it within the timeout of idleness (up to a second early), and again each time.
    assertThat(client.awaitText(WAIT)).isEqualTo("are-you-there");
    assertThat(client.awaitText(WAIT)).isEqualTo("are-you-there");
  }

  @Test
  void anIntervalKeepAliveArrivesWhileOtherMessagesKeepTheConnectionBusy() throws Exception {
    connect();
    command("sub ka-busy");
    pushpin().awaitSubscribers("ka-busy", 1, WAIT);
    command("kaint tick 3");
    // A message every 250 ms never leaves the connection idle for 3 s: only the interval mode sends "tick".
    long deadline = System.nanoTime() + Duration.ofSeconds(9).toNanos();
    boolean ticked = false;
    for (int i = 0; !ticked && System.nanoTime() < deadline; i++) {
      origin.publish(pushpin(), text("ka-busy", "busy " + i));
      for (TestWebSocket.Message m; (m = client.pollMessage(Duration.ofMillis(250))) != null; ) {
        ticked |= m.text().equals("tick");
      }
    }
    assertThat(ticked).as("a keep-alive in interval mode within 9 s of steady traffic").isTrue();
  }

  @Test
  void aKeepAlivePingReachesTheClientAsAPingFrame() {
    connect();
    command("kaping 1");
    assertThat(new String(client.awaitPing(WAIT), UTF_8)).isEqualTo("ka");
  }

  @Test
  void pingAndPongEventsReachTheClientAsFrames() {
    connect();
    command("ping are-you-there");
    assertThat(new String(client.awaitPing(WAIT), UTF_8)).isEqualTo("are-you-there");
    command("pong heartbeat");
    assertThat(new String(client.awaitPong(WAIT), UTF_8)).isEqualTo("heartbeat");
  }

  @Test
  void setMetaIsForTheProxysFiltersAndNeverComesBackToTheFunction() {
    connect();
    command("setmeta color red");
    client.send("getmeta color");
    assertThat(client.awaitText(WAIT)).isEqualTo("null");
    // meta(), the Set-Meta-* headers, does come back.
    command("meta shape round");
    client.send("getmeta shape");
    assertThat(client.awaitText(WAIT)).isEqualTo("round");
  }

  @Test
  void aDelayedMessageArrivesAfterItsDelay() {
    connect();
    long start = System.nanoTime();
    command("delay later 2");
    assertThat(client.awaitText(WAIT)).isEqualTo("later");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void flushDelayedSendsTheHeldMessageAtOnceAndASecondDelayedMessageSendsTheFirst() {
    connect();
    command("delay first 60");
    long start = System.nanoTime();
    // Pushpin holds one delayed message per connection: a second one sends the first at once.
    client.send("delay second 60");
    assertThat(client.awaitMessages(2, WAIT)).extracting(TestWebSocket.Message::text)
        .containsExactlyInAnyOrder("ok delay second 60", "first");
    command("flush");
    assertThat(client.awaitText(WAIT)).isEqualTo("second");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void pushpin136AcceptsTheSessionMessageAndKeepsNoSessionWithoutASessionStore() {
    connect();
    command("session s-1");
    // No Grip-Session-Id comes back, and the connection works on.
    client.send("header Grip-Session-Id");
    assertThat(client.awaitText(WAIT)).isEqualTo("null");
    client.send("echo still open");
    assertThat(client.awaitText(WAIT)).isEqualTo("still open");
  }

  @Test
  void pushpin136KeepsNoHttpSessionWithoutASessionStore() throws Exception {
    try (TestStream stream = TestStream.open(pushpin().httpUri("/session"))) {
      assertThat(stream.awaitLine(WAIT)).isEqualTo("held");
      assertThat(sessionIdsSeen.poll(10, TimeUnit.SECONDS)).isEqualTo("none");
      // A later request that the detect rule matches (the sid member of its JSON body) carries no session either.
      // The hold keeps the response open: send returns with the head, the status and headers are all it needs.
      HttpResponse<InputStream> later = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              pushpin().httpUri("/session")).timeout(WAIT).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"sid\":\"s-1\"}")).build(), HttpResponse.BodyHandlers.ofInputStream());
      later.body().close();
      assertThat(later.statusCode()).isEqualTo(200);
      assertThat(later.headers().firstValue("Grip-Session-Id")).isEmpty();
      assertThat(sessionIdsSeen.poll(10, TimeUnit.SECONDS)).isEqualTo("none");
    }
  }

  @Test
  void pushpin136AdvertisesItsFeaturesInGripFeature() {
    connect();
    client.send("header Grip-Feature");
    assertThat(client.awaitText(WAIT)).isEqualTo("status, session, link:next, filter:skip-self, filter:skip-users, "
        + "filter:require-sub, filter:build-id, filter:var-subst");
  }

  @Test
  void pushpin136IgnoresContentBytesAcceptedAndNeverReplays() throws Exception {
    String id = connect();
    // Accept none of the 6 content bytes of "keep 0": Pushpin 1.41+ would send them again, before "id".
    command("keep 0");
    origin.awaitCall(id, c -> c.texts().contains("keep 0"), WAIT);
    client.send("id");
    assertThat(client.awaitText(WAIT)).isEqualTo(id);
    ScriptedOrigin.Call next = origin.awaitCall(id, c -> c.texts().contains("id"), WAIT);
    assertThat(next.texts()).containsExactly("id");
    assertThat(next.request().header("Content-Bytes-Replayed")).isNull();
    assertThat(next.ws().contentBytesReplayed()).isZero();
  }
}
