package org.faasgrip.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain HTTP origin for tests, on 127.0.0.1 and a free port: the JDK's {@link HttpServer} with handlers
 * registered by path prefix. Each request runs on its own thread, so a handler may block (e.g. a long-poll
 * origin) without stalling the others.
 *
 * <pre>{@code
 * try (OriginServer origin = OriginServer.start()) {
 *   origin.handle("/stream", ex -> OriginServer.reply(ex, 200,
 *       Map.of("Content-Type", "text/plain", "Grip-Hold", "stream", "Grip-Channel", "news"), "hi\n"));
 *   ...
 * }
 * }</pre>
 *
 * <p>Arguments: a null, like any other bad value, is refused at once with an {@link IllegalArgumentException}
 * that names the parameter ({@code "handler must not be null"}), never a bare {@link NullPointerException}.
 */
public final class OriginServer implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OriginServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts an origin with no handlers (every path answers 404) on 127.0.0.1 and a free port.
   *
   * @return the running origin; close it when done
   * @throws UncheckedIOException if no port can be bound
   */
  public static OriginServer start() {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot bind an origin on 127.0.0.1", e);
    }
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "origin-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.start();
    return new OriginServer(server, executor);
  }

  /**
   * Registers {@code handler} for requests whose path starts with {@code pathPrefix} (the longest matching
   * prefix wins). A handler that throws gets the request answered with 500.
   *
   * @param pathPrefix the path prefix, starting with {@code /}
   * @param handler what answers the requests
   * @return this origin
   * @throws IllegalArgumentException if a handler is already registered for that prefix, or an argument is null
   */
  public OriginServer handle(String pathPrefix, HttpHandler handler) {
    Args.notNull(pathPrefix, "pathPrefix");
    Args.notNull(handler, "handler");
    server.createContext(pathPrefix, exchange -> {
      try {
        handler.handle(exchange);
      } catch (IOException | RuntimeException e) {
        try {
          reply(exchange, 500, Map.of("Content-Type", "text/plain"), "origin handler failed: " + e + "\n");
        } catch (IOException | RuntimeException ignored) {
          // the response had begun already; closing the exchange below ends it
        }
        throw e;
      } finally {
        exchange.close();
      }
    });
    return this;
  }

  /**
   * The port the origin listens on, on 127.0.0.1.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The origin's base URI, e.g. {@code http://127.0.0.1:41236}.
   *
   * @return the base URI, without a trailing slash
   */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /**
   * Answers {@code exchange} with a status, headers and a UTF-8 text body, and ends it.
   *
   * @param exchange the request to answer
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the body, sent as UTF-8
   * @throws IOException if the client is gone
   * @throws IllegalArgumentException if an argument is null
   */
  public static void reply(HttpExchange exchange, int status, Map<String, String> headers, String body)
      throws IOException {
    reply(exchange, status, headers, Args.notNull(body, "body").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Answers {@code exchange} with a status, headers and a body, and ends it.
   *
   * @param exchange the request to answer
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the body
   * @throws IOException if the client is gone
   * @throws IllegalArgumentException if an argument is null
   */
  public static void reply(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    Args.notNull(exchange, "exchange");
    Args.notNull(headers, "headers");
    Args.notNull(body, "body");
    headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  /** Stops listening at once and ends the handler threads. Safe to call more than once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "OriginServer{" + uri() + "}";
  }
}
