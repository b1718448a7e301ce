package org.faasgrip.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.faasgrip.config.GripConfig;
import org.faasgrip.testkit.OriginServer;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.TestStream;

/**
 * Real clients and origin handlers for the publisher's tests against a real Pushpin: a long-polling client
 * ({@code java.net.http}; streams and WebSockets use the testkit's {@link TestStream} and {@code TestWebSocket}),
 * origin handlers that answer with GRIP hold instructions or WebSocket-over-HTTP events written by hand, and the
 * publisher and channel names the tests share.
 */
final class LiveClients {
  static final Duration WAIT = Duration.ofSeconds(10);

  static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private LiveClients() {}

  /** A channel name no other test uses: Pushpin counts a subscriber that left for about a second. */
  static String channel() {
    return "ch-" + UUID.randomUUID();
  }

  /** A publisher for {@code pushpin} configured as a function would be: from GRIP_URL, with iss and key (a JWT). */
  static GripPublisher publisher(Pushpin pushpin) {
    return GripPublisher.builder()
        .config(GripConfig.fromEnvironment(Map.of("GRIP_URL", pushpin.gripUrl())))
        .build();
  }

  /** The origin holds {@code path} as a stream on {@code channel}, after a first line {@code start}. */
  static void holdStream(OriginServer origin, String path, String channel) {
    origin.handle(path, ex -> OriginServer.reply(ex, 200,
        Map.of("Content-Type", "text/plain", "Grip-Hold", "stream", "Grip-Channel", channel), "start\n"));
  }

  /** The origin holds {@code path} as a long-poll on {@code channel}; a timeout answers 204 {@code timeout}. */
  static void holdResponse(OriginServer origin, String path, String channel) {
    origin.handle(path, ex -> OriginServer.reply(ex, 200,
        Map.of("Content-Type", "text/plain", "Grip-Hold", "response", "Grip-Channel", channel, "Grip-Timeout", "60"),
        "timeout\n"));
  }

  /**
   * The origin accepts WebSockets on {@code path} (WebSocket-over-HTTP, through Pushpin's {@code over_http}
   * route) and subscribes each to {@code channel} with a control message; the events are written by hand.
   */
  static void subscribeWebSockets(OriginServer origin, String path, String channel) {
    origin.handle(path, ex -> {
      String events = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String out = "";
      if (events.startsWith("OPEN\r\n")) {
        String control = "c:{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}";
        out = "OPEN\r\nTEXT " + Integer.toHexString(control.getBytes(StandardCharsets.UTF_8).length) + "\r\n"
            + control + "\r\n";
      }
      OriginServer.reply(ex, 200,
          Map.of("Content-Type", "application/websocket-events", "Sec-WebSocket-Extensions", "grip"), out);
    });
  }

  /**
   * Holds {@code path} as a stream on {@code channel} (see {@link #holdStream}), opens it through
   * {@code pushpin}, and returns once its first line came and Pushpin counts it as a subscriber: from then on a
   * publish reaches it.
   */
  static TestStream subscribedStream(OriginServer origin, Pushpin pushpin, String path, String channel) {
    holdStream(origin, path, channel);
    TestStream stream = TestStream.open(pushpin.httpUri(path));
    assertThat(stream.awaitLine(WAIT)).isEqualTo("start");
    pushpin.awaitSubscribers(channel, 1, WAIT);
    return stream;
  }

  /** Sends a GET that Pushpin holds; the future completes when a publish (or the timeout) releases it. */
  static CompletableFuture<HttpResponse<String>> longPoll(URI uri) {
    return HTTP.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
