package org.faasgrip.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client ({@code java.net.http.WebSocket}) that records what it receives, so tests can wait for
 * the next text message, pong or close with a timeout.
 */
final class WsClient implements AutoCloseable {
  private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
  private final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private WsClient(WebSocket.Builder builder, URI uri, Duration timeout) throws Exception {
    socket = builder.buildAsync(uri, new Listener()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Connects; returns once the server accepted the connection (the handshake answered 101). */
  static WsClient connect(HttpClient http, URI uri, Duration timeout) throws Exception {
    try {
      return new WsClient(http.newWebSocketBuilder().connectTimeout(timeout), uri, timeout);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException) {
        HttpResponse<?> r = ((WebSocketHandshakeException) e.getCause()).getResponse();
        throw new AssertionError("WebSocket handshake with " + uri + " failed: " + r.statusCode() + " "
            + r.headers().map() + " " + r.body(), e);
      }
      throw e;
    }
  }

  void send(String text) throws Exception {
    socket.sendText(text, true).get(RigExtension.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  void ping(byte[] payload) throws Exception {
    socket.sendPing(ByteBuffer.wrap(payload)).get(RigExtension.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  void sendClose(int code, String reason) throws Exception {
    socket.sendClose(code, reason).get(RigExtension.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next text message, or null if none came within the timeout. */
  String nextText(Duration timeout) throws InterruptedException {
    return texts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next pong's payload, or null if none came within the timeout. */
  byte[] nextPong(Duration timeout) throws InterruptedException {
    ByteBuffer b = pongs.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (b == null) {
      return null;
    }
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /** Completes with the status code of the server's close frame. */
  CompletableFuture<Integer> closed() {
    return closed;
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
      ByteBuffer copy = ByteBuffer.allocate(message.remaining());
      copy.put(message).flip();
      pongs.add(copy);
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.completeExceptionally(error);
    }
  }
}
