package org.faasgrip.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.faasgrip.config.GripConfig;
import org.faasgrip.publish.HttpResponseFormat;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinExtension;
import org.faasgrip.testkit.TestStream;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The publisher against a real Pushpin: each format reaches real clients held by Pushpin. */
class GripPublisherPushpinIT {
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

  @Test
  void anHttpStreamPublishReachesAStreamingClient() throws Exception {
    String channel = LiveClients.channel();
    TestStream lines = LiveClients.subscribedStream(rig.origin(), pushpin(), "/stream-a", channel);

    publisher.publish(channel, HttpStreamFormat.of("first\n"));
    publisher.publish(Item.of(channel, HttpStreamFormat.of("second\n".getBytes(StandardCharsets.UTF_8))));

    assertThat(lines.awaitLine(WAIT)).isEqualTo("first");
    assertThat(lines.awaitLine(WAIT)).isEqualTo("second");
  }

  @Test
  void anHttpResponsePublishReleasesAHeldLongPollWithItsStatusHeadersAndBody() throws Exception {
    String channel = LiveClients.channel();
    LiveClients.holdResponse(rig.origin(), "/poll", channel);
    CompletableFuture<HttpResponse<String>> poll = LiveClients.longPoll(pushpin().httpUri("/poll"));
    pushpin().awaitSubscribers(channel, 1, WAIT);
    assertThat(poll).as("held until a publish").isNotDone();

    publisher.publish(channel, HttpResponseFormat.builder()
        .code(202).reason("Accepted").header("Content-Type", "application/json").header("X-Answer", "42")
        .body("{\"news\":true}").build());

    HttpResponse<String> response = poll.get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("X-Answer")).hasValue("42");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo("{\"news\":true}");
  }

  @Test
  void aWebSocketMessagePublishReachesAWebSocketSubscribedOverHttp() throws Exception {
    String channel = LiveClients.channel();
    LiveClients.subscribeWebSockets(rig.origin(), "/ws-a", channel);
    try (TestWebSocket ws = TestWebSocket.connect(pushpin().wsUri("/ws-a"))) {
      pushpin().awaitSubscribers(channel, 1, WAIT);

      publisher.publish(channel, WebSocketMessageFormat.text("héllo ✓"));
      publisher.publish(channel, WebSocketMessageFormat.binary(new byte[] {0, 1, 2, (byte) 0xff}));

      assertThat(ws.awaitText(WAIT)).isEqualTo("héllo ✓");
      assertThat(ws.awaitMessage(WAIT).bytes()).containsExactly(0, 1, 2, 0xff);
    }
  }

  @Test
  void aCloseActionEndsTheStream() throws Exception {
    String channel = LiveClients.channel();
    TestStream lines = LiveClients.subscribedStream(rig.origin(), pushpin(), "/stream-close", channel);

    publisher.publish(channel, HttpStreamFormat.of("last\n"));
    publisher.publish(channel, HttpStreamFormat.close());

    assertThat(lines.awaitLine(WAIT)).isEqualTo("last");
    lines.awaitEnd(WAIT);
  }

  @Test
  void aCloseActionClosesTheWebSocketWithItsCodeAndReason() throws Exception {
    String channel = LiveClients.channel();
    LiveClients.subscribeWebSockets(rig.origin(), "/ws-close", channel);
    try (TestWebSocket ws = TestWebSocket.connect(pushpin().wsUri("/ws-close"))) {
      pushpin().awaitSubscribers(channel, 1, WAIT);

      publisher.publish(channel, WebSocketMessageFormat.close(4001, "bye"));

      assertThat(ws.awaitClose(WAIT)).isEqualTo(new TestWebSocket.Close(4001, "bye"));
    }
  }

  @Test
  void oneBatchReachesEveryChannelInOrderAndAsyncPublishesComplete() throws Exception {
    String a = LiveClients.channel();
    String b = LiveClients.channel();
    LiveClients.holdStream(rig.origin(), "/stream-batch-a", a);
    LiveClients.subscribeWebSockets(rig.origin(), "/ws-batch-b", b);
    TestStream lines = TestStream.open(pushpin().httpUri("/stream-batch-a"));
    try (TestWebSocket ws = TestWebSocket.connect(pushpin().wsUri("/ws-batch-b"))) {
      pushpin().awaitSubscribers(a, 1, WAIT);
      pushpin().awaitSubscribers(b, 1, WAIT);

      List<Item> batch = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        batch.add(Item.of(a, HttpStreamFormat.of("line " + i + "\n")));
        batch.add(Item.of(b, WebSocketMessageFormat.text("message " + i)));
      }
      publisher.publish(batch);
      publisher.publishAsync(a, HttpStreamFormat.of("async\n")).get(10, TimeUnit.SECONDS);

      assertThat(lines.awaitLine(WAIT)).isEqualTo("start");
      for (int i = 0; i < 50; i++) {
        assertThat(lines.awaitLine(WAIT)).isEqualTo("line " + i);
        assertThat(ws.awaitText(WAIT)).isEqualTo("message " + i);
      }
      assertThat(lines.awaitLine(WAIT)).isEqualTo("async");
    }
  }

  @Test
  void theChannelPrefixIsPutInFrontOfEveryChannel() throws Exception {
    String channel = LiveClients.channel();
    LiveClients.holdStream(rig.origin(), "/stream-prefixed", "tenant1-" + channel);
    TestStream lines = TestStream.open(pushpin().httpUri("/stream-prefixed"));
    pushpin().awaitSubscribers("tenant1-" + channel, 1, WAIT);

    try (GripPublisher prefixed = GripPublisher.builder()
        .config(GripConfig.fromEnvironment(Map.of("GRIP_URL", pushpin().controlUri().toString(), "GRIP_PREFIX", "tenant1-")))
        .build()) {
      prefixed.publish(channel, HttpStreamFormat.of("prefixed\n"));
    }

    assertThat(lines.awaitLine(WAIT)).isEqualTo("start");
    assertThat(lines.awaitLine(WAIT)).isEqualTo("prefixed");
  }
}
