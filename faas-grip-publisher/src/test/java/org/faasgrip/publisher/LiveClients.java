package org.faasgrip.publisher;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.faasgrip.testkit.OriginServer;

/**
 * Real clients and origin handlers for the publisher's tests against a real Pushpin: a streaming HTTP client and
 * a long-polling client ({@code java.net.http}; WebSockets use the testkit's {@code TestWebSocket}), and origin
 * handlers that answer with GRIP hold instructions or WebSocket-over-HTTP events written by hand.
 */
final class LiveClients {
  static final String EOF = "<eof>";

  static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private LiveClients() {}

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

  /** Opens a streaming GET; its lines arrive in the queue, then {@link #EOF} when the stream ends. */
  static LinkedBlockingQueue<String> openStream(URI uri) throws Exception {
    HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new AssertionError("stream " + uri + " answered " + response.statusCode());
    }
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          lines.add(line);
        }
        lines.add(EOF);
      } catch (Exception e) {
        lines.add("<error " + e + ">");
      }
    }, "stream-reader");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  /** Sends a GET that Pushpin holds; the future completes when a publish (or the timeout) releases it. */
  static CompletableFuture<HttpResponse<String>> longPoll(URI uri) {
    return HTTP.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
