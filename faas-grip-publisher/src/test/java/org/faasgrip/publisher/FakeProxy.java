package org.faasgrip.publisher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server standing in for a GRIP proxy's publish endpoint in unit tests: it records every request
 * and answers as the test scripts it. A fake, because these tests are about the publisher's own behaviour
 * (retries, timeouts, headers, parallelism) under answers a real Pushpin cannot be made to give on demand (500,
 * 429, silence); the *IT tests publish to a real Pushpin.
 */
final class FakeProxy implements AutoCloseable {
  /** One request as the proxy saw it. */
  static final class Recorded {
    final String method;
    final String path;
    final Map<String, List<String>> headers;
    final byte[] body;
    final long receivedNanos;
    final int remotePort;
    final int index;

    Recorded(HttpExchange ex, byte[] body, int index) {
      this.method = ex.getRequestMethod();
      this.path = ex.getRequestURI().getRawPath();
      this.headers = Map.copyOf(ex.getRequestHeaders());
      this.body = body;
      this.receivedNanos = System.nanoTime();
      this.remotePort = ex.getRemoteAddress().getPort();
      this.index = index;
    }

    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** The answer to a request; a null answer closes the connection without one. */
  static final class Answer {
    final int status;
    final String body;
    final Map<String, String> headers;
    final CountDownLatch stallUntil;

    Answer(int status, String body, Map<String, String> headers) {
      this(status, body, headers, null);
    }

    private Answer(int status, String body, Map<String, String> headers, CountDownLatch stallUntil) {
      this.status = status;
      this.body = body;
      this.headers = headers;
      this.stallUntil = stallUntil;
    }

    /** Sends the headers and part of the body, then nothing until the latch opens. */
    static Answer stallingBody(int status, CountDownLatch until) {
      return new Answer(status, "partial", Map.of(), until);
    }

    static Answer of(int status, String body) {
      return new Answer(status, body, Map.of());
    }
  }

  /** How the fake answers; may block to play a slow proxy. */
  interface Script {
    Answer answer(Recorded request) throws Exception;
  }

  static final Answer PUBLISHED = Answer.of(200, "Published\n");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final AtomicInteger count = new AtomicInteger();
  final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private volatile Script script = r -> PUBLISHED;

  FakeProxy() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  FakeProxy script(Script s) {
    this.script = s;
    return this;
  }

  /** The proxy's {@code /publish/} endpoint. */
  URI publishUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/publish/");
  }

  ProxyEndpoint endpoint() {
    return new ProxyEndpoint(publishUri(), null, null, null);
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      Recorded r = new Recorded(ex, body, count.getAndIncrement());
      requests.add(r);
      Answer a;
      try {
        a = script.answer(r);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        a = Answer.of(599, "script failed: " + e);
      }
      if (a == null) {
        return; // closing the exchange without sending headers drops the connection
      }
      byte[] out = a.body.getBytes(StandardCharsets.UTF_8);
      a.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.getResponseHeaders().add("Content-Type", "text/plain");
      if (a.stallUntil != null) {
        ex.sendResponseHeaders(a.status, out.length + 100);
        OutputStream os = ex.getResponseBody();
        os.write(out);
        os.flush();
        try {
          a.stallUntil.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      ex.sendResponseHeaders(a.status, out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
    } finally {
      ex.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
