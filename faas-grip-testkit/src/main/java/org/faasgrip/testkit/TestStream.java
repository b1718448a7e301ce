package org.faasgrip.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real streaming HTTP client for tests: a GET with the JDK's {@code java.net.http} client whose body is read
 * line by line on a thread of its own, so that a test waits for the next line with a timeout. Made for HTTP
 * streaming through Pushpin ({@code Grip-Hold: stream}): the origin's first body, then each published chunk.
 *
 * <pre>{@code
 * try (TestStream stream = TestStream.open(pushpin.httpUri("/stream"))) {
 *   assertThat(stream.awaitLine(Duration.ofSeconds(10))).isEqualTo("start");
 *   pushpin.awaitSubscribers("news", 1, Duration.ofSeconds(10));
 *   // publish "hi\n" to news
 *   assertThat(stream.awaitLine(Duration.ofSeconds(10))).isEqualTo("hi");
 * }
 * }</pre>
 *
 * <p>Thread-safe: the body is read on its own thread, and the test waits on its own.
 *
 * <p>Arguments: a null, like any other bad value, is refused at once with an {@link IllegalArgumentException}
 * that names the parameter ({@code "uri must not be null"}), never a bare {@link NullPointerException}.
 */
public final class TestStream implements AutoCloseable {
  // Put last on the queue once the body ended or failed, so a wait ends at once instead of timing out; put back
  // after it is taken, so every later wait ends too. Compared by identity.
  private static final String END = new String("end of stream");

  private final URI uri;
  private final HttpHeaders headers;
  private final InputStream body;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> ended = new CompletableFuture<>();

  private TestStream(URI uri, HttpHeaders headers, InputStream body) {
    this.uri = uri;
    this.headers = headers;
    this.body = body;
    Thread reader = new Thread(this::read, "test-stream-" + uri.getPort() + uri.getPath());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Sends a GET to {@code uri} with a shared HTTP/1.1 client, and returns once the response's head arrived with
   * status 200; the body is then read as it comes.
   *
   * @param uri an {@code http://} URI, e.g. {@link Pushpin#httpUri(String)}
   * @return the open stream; close it when done
   * @throws PushpinException if the request failed, the head did not come within
   *     {@link TestWebSocket#DEFAULT_TIMEOUT}, or the status was not 200 (the message has the status and the
   *     start of the body)
   * @throws IllegalArgumentException if {@code uri} is null
   */
  public static TestStream open(URI uri) {
    Args.notNull(uri, "uri");
    return open(HttpRequest.newBuilder(uri).build());
  }

  /**
   * Sends a request of one's own (e.g. with a {@code Last-Event-ID} header) with a shared HTTP/1.1 client, and
   * returns once the response's head arrived with status 200, as {@link #open(URI)} does.
   *
   * @param request the request; give it no timeout, or the held body ends with it
   * @return the open stream; close it when done
   * @throws PushpinException if the request failed, the head did not come within
   *     {@link TestWebSocket#DEFAULT_TIMEOUT}, or the status was not 200
   * @throws IllegalArgumentException if {@code request} is null
   */
  public static TestStream open(HttpRequest request) {
    Args.notNull(request, "request");
    URI uri = request.uri();
    // No request timeout: whether the JDK applies it to the head only or to the whole exchange has varied, and
    // the body of a held stream lasts as long as the test. The head is waited for here instead.
    CompletableFuture<HttpResponse<InputStream>> head = TestWebSocket.DefaultClient.INSTANCE.sendAsync(
        request, HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<InputStream> response;
    try {
      response = head.get(TestWebSocket.DEFAULT_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new PushpinException("GET " + uri + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      head.thenAccept(r -> closeQuietly(r.body())); // should it still come, it must not stay open unseen
      throw new PushpinException("GET " + uri + " got no answer within " + TestWebSocket.DEFAULT_TIMEOUT, e);
    } catch (InterruptedException e) {
      head.thenAccept(r -> closeQuietly(r.body()));
      Thread.currentThread().interrupt();
      throw new PushpinException("Interrupted while opening a stream to " + uri, e);
    }
    if (response.statusCode() != 200) {
      String text;
      try (InputStream in = response.body()) {
        text = new String(in.readNBytes(2000), StandardCharsets.UTF_8);
      } catch (IOException e) {
        text = "(body unreadable: " + e + ")";
      }
      throw new PushpinException("GET " + uri + " answered " + response.statusCode() + " " + text);
    }
    return new TestStream(uri, response.headers(), response.body());
  }

  /**
   * The URI this stream was opened with.
   *
   * @return the URI
   */
  public URI uri() {
    return uri;
  }

  /**
   * The response's headers, as the client received them.
   *
   * @return the headers
   */
  public HttpHeaders headers() {
    return headers;
  }

  /**
   * Waits for the next line not yet taken.
   *
   * @param timeout how long to wait at most
   * @return the line, without its line end
   * @throws AssertionError if none came in time, or the stream ended or failed first (the message says how)
   * @throws IllegalStateException if interrupted
   * @throws IllegalArgumentException if {@code timeout} is null
   */
  public String awaitLine(Duration timeout) {
    String line = take(timeout);
    if (line == null) {
      throw new AssertionError("No line from " + uri + " within " + timeout);
    }
    if (line == END) {
      throw new AssertionError("No line from " + uri + ": " + state());
    }
    return line;
  }

  /**
   * The next line if one comes within {@code timeout}, or null: for tests that a line does <em>not</em> come.
   *
   * @param timeout how long to wait at most
   * @return the line, or null if none came in time or the stream ended first
   * @throws IllegalStateException if interrupted
   * @throws IllegalArgumentException if {@code timeout} is null
   */
  public String pollLine(Duration timeout) {
    String line = take(timeout);
    return line == END ? null : line;
  }

  /**
   * Waits until the server ended the body, with no line left untaken before the end.
   *
   * @param timeout how long to wait at most
   * @throws AssertionError if a line came first (the message has it), the body did not end in time, or the
   *     connection failed instead
   * @throws IllegalStateException if interrupted
   * @throws IllegalArgumentException if {@code timeout} is null
   */
  public void awaitEnd(Duration timeout) {
    String line = take(timeout);
    if (line == null) {
      throw new AssertionError("The stream from " + uri + " did not end within " + timeout);
    }
    if (line != END) {
      throw new AssertionError("Expected the end of the stream from " + uri + ", got the line \"" + line + "\"");
    }
    try {
      ended.join();
    } catch (RuntimeException e) {
      throw new AssertionError("The stream from " + uri + " failed instead of ending: " + e.getCause(), e.getCause());
    }
  }

  /**
   * Drops the connection at once, as a client that goes away does. Safe to call more than once. (The reading
   * thread is a daemon: should the JDK leave it waiting on the closed body, it does not keep the JVM alive.)
   */
  @Override
  public void close() {
    closeQuietly(body);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // the connection is gone either way
    }
  }

  @Override
  public String toString() {
    return "TestStream{" + uri + ", " + state() + "}";
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        lines.add(line);
      }
      ended.complete(null);
    } catch (IOException | RuntimeException e) {
      ended.completeExceptionally(e);
    }
    lines.add(END);
  }

  private String take(Duration timeout) {
    return Queues.take(lines, END, timeout, "a line", uri);
  }

  private String state() {
    if (!ended.isDone()) {
      return "open";
    }
    try {
      ended.get(0, TimeUnit.NANOSECONDS);
      return "ended by the server";
    } catch (ExecutionException e) {
      return "failed: " + e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      return "ending";
    }
  }
}
