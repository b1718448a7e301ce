package org.faasgrip.publisher;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import org.faasgrip.testkit.OriginServer;
import org.faasgrip.testkit.Pushpin;

/**
 * Real clients and origin handlers for the publisher's tests against a real Pushpin: a streaming HTTP client, a
 * long-polling client and a WebSocket client (all {@code java.net.http}), and origin handlers that answer with
 * GRIP hold instructions or WebSocket-over-HTTP events written by hand.
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

  /** Opens a WebSocket to {@code path} through {@code pushpin} and records what it receives. */
  static Ws openWebSocket(Pushpin pushpin, String path) {
    Ws ws = new Ws();
    // Pushpin.openWebSocket retries the handshake Java 17's client refuses through condure (see its Javadoc).
    ws.socket = pushpin.openWebSocket(HTTP, path, ws);
    return ws;
  }

  /** A WebSocket client's record: texts and binaries as they arrive, and the close it received. */
  static final class Ws implements WebSocket.Listener, AutoCloseable {
    final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer binary = ByteBuffer.allocate(0);
    WebSocket socket;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        texts.add(text.toString());
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
      joined.put(binary).put(data).flip();
      binary = joined;
      if (last) {
        byte[] bytes = new byte[binary.remaining()];
        binary.get(bytes);
        binaries.add(bytes);
        binary = ByteBuffer.allocate(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete("error " + error);
    }

    @Override
    public void close() {
      if (socket != null) {
        socket.abort();
      }
    }
  }
}
