package org.faasgrip.testkit;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real WebSocket client for tests: the JDK's {@code java.net.http.WebSocket}, with everything it receives kept
 * in order, so that a test waits for the next message, ping, pong or close with a timeout instead of writing a
 * {@link WebSocket.Listener} of its own.
 *
 * <pre>{@code
 * try (TestWebSocket ws = TestWebSocket.connect(pushpin.wsUri("/chat"))) {
 *   ws.send("hello");
 *   assertThat(ws.awaitText(Duration.ofSeconds(10))).isEqualTo("hello");
 * }
 * }</pre>
 *
 * <p><b>Java 17 and Pushpin 1.36.</b> Java 17's client sends {@code Content-Length: 0} with its opening
 * handshake (JDK-8283544, fixed in Java 19). Pushpin's condure then now and then answers the {@code 101} with a
 * second {@code Connection: close} header, which the client refuses ({@code WebSocketHandshakeException},
 * "Response field 'Connection' multivalued"): {@link #connect} retries exactly that refused {@code 101}, up to
 * 20 times, and throws any other failure at once. The same header may make condure pass an empty message to the
 * origin right after {@code OPEN}; an origin that echoes or broadcasts it sends the client a message it never
 * asked for, which {@link Builder#ignoreTexts(Predicate)} drops. Browsers and Java 19+ are not affected.
 *
 * <p>Thread-safe: the JDK delivers events on its own threads, and the test waits on its own.
 *
 * <p>Arguments: a null, like any other bad value, is refused at once with an {@link IllegalArgumentException}
 * that names the parameter ({@code "uri must not be null"}), never a bare {@link NullPointerException}.
 */
public final class TestWebSocket implements AutoCloseable {
  /** How long {@link #connect(URI)} waits for the handshake, and each send for its completion, by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** How many handshakes {@link #open} tries when condure's {@code 101} is refused (about every second one). */
  static final int HANDSHAKE_ATTEMPTS = 20;

  // Put last on the message queue once the socket is closed or failed, so a wait ends at once instead of timing
  // out; put back after it is taken, so every later wait ends too.
  private static final Message END = new Message(Message.Type.TEXT, new byte[0]);

  private final URI uri;
  private final Duration timeout;
  private final Predicate<String> ignoredTexts;
  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  private final BlockingQueue<byte[]> pings = new LinkedBlockingQueue<>();
  private final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();
  private final CompletableFuture<Close> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private TestWebSocket(Builder b) {
    this.uri = b.uri;
    this.timeout = b.timeout;
    this.ignoredTexts = b.ignoredTexts;
    this.socket = open(b.client != null ? b.client : DefaultClient.INSTANCE, uri, new Recorder(), timeout);
  }

  /**
   * Connects to {@code uri} with the defaults (a shared HTTP/1.1 client, {@link #DEFAULT_TIMEOUT}, no text
   * ignored), and returns once the handshake completed.
   *
   * @param uri a {@code ws://} URI, e.g. {@link Pushpin#wsUri(String)}
   * @return the open socket; close it when done
   * @throws PushpinException if the handshake failed (the message has the status and headers of a refused
   *     answer) or did not complete in time
   * @throws IllegalArgumentException if {@code uri} is null
   */
  public static TestWebSocket connect(URI uri) {
    return builder(uri).connect();
  }

  /**
   * Starts a connection to {@code uri} with options: the HTTP client, the timeout, texts to ignore.
   *
   * @param uri a {@code ws://} URI, e.g. {@link Pushpin#wsUri(String)}
   * @return a builder; {@link Builder#connect()} opens the socket
   * @throws IllegalArgumentException if {@code uri} is null
   */
  public static Builder builder(URI uri) {
    return new Builder(Args.notNull(uri, "uri"));
  }

  /**
   * The URI this socket connected to.
   *
   * @return the URI
   */
  public URI uri() {
    return uri;
  }

  /**
   * The JDK's socket underneath, for what this class does not wrap (fragmented sends, say). Do not call its
   * {@code request(n)}: this class already asks for every message.
   *
   * @return the open (or closed) socket
   */
  public WebSocket webSocket() {
    return socket;
  }

  /**
   * Sends a whole text message and waits until it is written.
   *
   * @param text the message
   * @throws IllegalStateException if the socket is closed or the send failed or did not complete in time
   * @throws IllegalArgumentException if {@code text} is null
   */
  public void send(String text) {
    Args.notNull(text, "text");
    await(socket.sendText(text, true), "send a text");
  }

  /**
   * Sends a whole binary message and waits until it is written.
   *
   * @param data the message
   * @throws IllegalStateException if the socket is closed or the send failed or did not complete in time
   * @throws IllegalArgumentException if {@code data} is null
   */
  public void sendBinary(byte[] data) {
    Args.notNull(data, "data");
    await(socket.sendBinary(ByteBuffer.wrap(data.clone()), true), "send a binary message");
  }

  /**
   * Sends a ping; the server's pong arrives at {@link #awaitPong(Duration)}.
   *
   * @param payload at most 125 bytes
   * @throws IllegalStateException if the socket is closed or the send failed or did not complete in time
   * @throws IllegalArgumentException if the payload is null or longer than 125 bytes
   */
  public void ping(byte[] payload) {
    Args.notNull(payload, "payload");
    await(socket.sendPing(ByteBuffer.wrap(payload.clone())), "send a ping");
  }

  /**
   * Starts the closing handshake with a code and reason; the server's answer arrives at
   * {@link #awaitClose(Duration)}.
   *
   * @param code the close code, e.g. {@link WebSocket#NORMAL_CLOSURE}
   * @param reason the reason, at most 123 UTF-8 bytes
   * @throws IllegalStateException if the socket is closed or the send failed or did not complete in time
   * @throws IllegalArgumentException if the code or reason is not allowed in a close frame, or the reason is null
   */
  public void sendClose(int code, String reason) {
    Args.notNull(reason, "reason");
    await(socket.sendClose(code, reason), "send a close");
  }

  /**
   * Waits for the next message (text or binary) not yet taken.
   *
   * @param timeout how long to wait at most
   * @return the message
   * @throws AssertionError if none came in time, or the socket closed or failed first (the message says how)
   * @throws IllegalStateException if interrupted
   */
  public Message awaitMessage(Duration timeout) {
    Message m = take(timeout);
    if (m == null) {
      throw new AssertionError("No message from " + uri + " within " + timeout);
    }
    if (m == END) {
      throw new AssertionError("No message from " + uri + ": " + closeState());
    }
    return m;
  }

  /**
   * Waits for the next {@code n} messages (text or binary) not yet taken.
   *
   * @param n how many, at least 1
   * @param timeout how long to wait for all of them
   * @return the messages, in the order they arrived
   * @throws AssertionError if fewer came in time, or the socket closed or failed first; the message lists
   *     those that came
   * @throws IllegalArgumentException if {@code n} is less than 1
   * @throws IllegalStateException if interrupted
   */
  public List<Message> awaitMessages(int n, Duration timeout) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    long deadline = System.nanoTime() + Args.notNull(timeout, "timeout").toNanos();
    List<Message> out = new ArrayList<>(n);
    while (out.size() < n) {
      Message m = take(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (m == null || m == END) {
        throw new AssertionError("Only " + out.size() + " of " + n + " messages from " + uri + " "
            + (m == null ? "within " + timeout : "before: " + closeState()) + "; got " + out);
      }
      out.add(m);
    }
    return out;
  }

  /**
   * Waits for the next message, which must be a text message.
   *
   * @param timeout how long to wait at most
   * @return its text
   * @throws AssertionError if none came in time, the socket closed or failed first, or the next message is
   *     binary
   * @throws IllegalStateException if interrupted
   */
  public String awaitText(Duration timeout) {
    Message m = awaitMessage(timeout);
    if (m.type() != Message.Type.TEXT) {
      throw new AssertionError("Expected a text message from " + uri + ", got " + m);
    }
    return m.text();
  }

  /**
   * The next message if one comes within {@code timeout}, or null: for tests that a message does <em>not</em>
   * come.
   *
   * @param timeout how long to wait at most
   * @return the message, or null if none came in time or the socket closed first
   * @throws IllegalStateException if interrupted
   */
  public Message pollMessage(Duration timeout) {
    Message m = take(timeout);
    return m == END ? null : m;
  }

  /**
   * The messages that arrived and were not yet taken, without waiting and without taking them.
   *
   * @return a copy, in the order they arrived
   */
  public List<Message> pending() {
    List<Message> out = new ArrayList<>(messages);
    out.removeIf(m -> m == END);
    return out;
  }

  /**
   * Waits for the next ping the server sent and not yet taken. The JDK's client has already answered it with a
   * pong carrying the same payload.
   *
   * @param timeout how long to wait at most
   * @return its payload
   * @throws AssertionError if none came in time
   * @throws IllegalStateException if interrupted
   */
  public byte[] awaitPing(Duration timeout) {
    try {
      byte[] p = pings.poll(Args.notNull(timeout, "timeout").toNanos(), TimeUnit.NANOSECONDS);
      if (p == null) {
        throw new AssertionError("No ping from " + uri + " within " + timeout + " (" + closeState() + ")");
      }
      return p;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a ping from " + uri, e);
    }
  }

  /**
   * Waits for the next pong not yet taken.
   *
   * @param timeout how long to wait at most
   * @return its payload
   * @throws AssertionError if none came in time
   * @throws IllegalStateException if interrupted
   */
  public byte[] awaitPong(Duration timeout) {
    try {
      byte[] p = pongs.poll(Args.notNull(timeout, "timeout").toNanos(), TimeUnit.NANOSECONDS);
      if (p == null) {
        throw new AssertionError("No pong from " + uri + " within " + timeout + " (" + closeState() + ")");
      }
      return p;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a pong from " + uri, e);
    }
  }

  /**
   * Waits until the server closed the socket (its close frame arrived).
   *
   * @param timeout how long to wait at most
   * @return the server's close code and reason
   * @throws AssertionError if it did not close in time, or the connection failed instead (the cause says how)
   * @throws IllegalStateException if interrupted
   */
  public Close awaitClose(Duration timeout) {
    try {
      return closed.get(Args.notNull(timeout, "timeout").toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("No close from " + uri + " within " + timeout, e);
    } catch (ExecutionException e) {
      throw new AssertionError("The connection to " + uri + " failed instead of closing: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a close from " + uri, e);
    }
  }

  /**
   * Drops the connection at once (no closing handshake), as a client that goes away does. Safe to call more
   * than once; use {@link #sendClose(int, String)} first for an orderly close.
   */
  @Override
  public void close() {
    socket.abort();
  }

  @Override
  public String toString() {
    return "TestWebSocket{" + uri + ", " + closeState() + "}";
  }

  /**
   * Opens a WebSocket, retrying the handshake Java 17's client refuses through condure (see the class comment);
   * shared with {@link Pushpin#openWebSocket}. The listener is never called for a refused handshake.
   */
  static WebSocket open(HttpClient client, URI uri, WebSocket.Listener listener, Duration timeout) {
    for (int attempt = 1; ; attempt++) {
      CompletableFuture<WebSocket> f = client.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, listener);
      try {
        return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        boolean refused101 = cause instanceof WebSocketHandshakeException
            && ((WebSocketHandshakeException) cause).getResponse().statusCode() == 101;
        if (!refused101 || attempt == HANDSHAKE_ATTEMPTS) {
          throw new PushpinException("WebSocket handshake to " + uri + " failed (attempt " + attempt + "): "
              + describe(cause), cause);
        }
      } catch (TimeoutException e) {
        f.thenAccept(WebSocket::abort); // should it still open, it must not stay open unseen
        throw new PushpinException("WebSocket handshake to " + uri + " did not complete within " + timeout, e);
      } catch (InterruptedException e) {
        f.thenAccept(WebSocket::abort);
        Thread.currentThread().interrupt();
        throw new PushpinException("Interrupted while opening a WebSocket to " + uri, e);
      }
    }
  }

  private static String describe(Throwable cause) {
    if (cause instanceof WebSocketHandshakeException) {
      HttpResponse<?> r = ((WebSocketHandshakeException) cause).getResponse();
      return cause + "; the server answered " + r.statusCode() + " " + r.headers().map() + " " + r.body();
    }
    return String.valueOf(cause);
  }

  private Message take(Duration timeout) {
    return Queues.take(messages, END, timeout, "a message", uri);
  }

  private void await(CompletableFuture<WebSocket> send, String what) {
    try {
      send.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not " + what + " to " + uri + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Could not " + what + " to " + uri + " within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while trying to " + what + " to " + uri, e);
    }
  }

  private String closeState() {
    if (!closed.isDone()) {
      return "open";
    }
    try {
      return "closed by the server with " + closed.join();
    } catch (RuntimeException e) {
      return "failed: " + e.getCause();
    }
  }

  /** Options for a connection; {@link #connect()} opens it. Not thread-safe; use once. */
  public static final class Builder {
    private final URI uri;
    private HttpClient client;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Predicate<String> ignoredTexts = t -> false;

    private Builder(URI uri) {
      this.uri = uri;
    }

    /**
     * The HTTP client to connect with; by default one shared HTTP/1.1 client.
     *
     * @param client the client
     * @return this builder
     * @throws IllegalArgumentException if {@code client} is null
     */
    public Builder client(HttpClient client) {
      this.client = Args.notNull(client, "client");
      return this;
    }

    /**
     * How long the handshake (each attempt) and each send may take; {@link #DEFAULT_TIMEOUT} by default.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is null, zero or negative
     */
    public Builder timeout(Duration timeout) {
      Args.notNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Drops, as they arrive, the text messages that match: for answers to the empty message a Java 17 client's
     * handshake can make Pushpin pass to the origin (see the class comment), e.g. {@code String::isEmpty} for
     * an echo, or the chat's {@code "anonymous: "}.
     *
     * @param ignored which whole text messages to drop
     * @return this builder
     * @throws IllegalArgumentException if {@code ignored} is null
     */
    public Builder ignoreTexts(Predicate<String> ignored) {
      this.ignoredTexts = Args.notNull(ignored, "ignored");
      return this;
    }

    /**
     * Connects, and returns once the handshake completed.
     *
     * @return the open socket; close it when done
     * @throws PushpinException if the handshake failed (the message has the status and headers of a refused
     *     answer) or did not complete in time
     */
    public TestWebSocket connect() {
      return new TestWebSocket(this);
    }
  }

  /** A whole message received: its type and content. Immutable. */
  public static final class Message {
    /** What kind of message. */
    public enum Type {
      /** A text message (UTF-8). */
      TEXT,
      /** A binary message. */
      BINARY
    }

    private final Type type;
    private final byte[] content;

    private Message(Type type, byte[] content) {
      this.type = type;
      this.content = content;
    }

    /**
     * Whether it was a text or a binary message.
     *
     * @return the type
     */
    public Type type() {
      return type;
    }

    /**
     * The content as text: a text message's own, a binary message's decoded as UTF-8.
     *
     * @return the text
     */
    public String text() {
      return new String(content, StandardCharsets.UTF_8);
    }

    /**
     * The content as bytes: a binary message's own, a text message's encoded as UTF-8.
     *
     * @return a copy of the bytes
     */
    public byte[] bytes() {
      return content.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Message && ((Message) o).type == type && Arrays.equals(((Message) o).content, content);
    }

    @Override
    public int hashCode() {
      return type.hashCode() * 31 + Arrays.hashCode(content);
    }

    // text "hello" or binary 000102ff, for assertion messages
    @Override
    public String toString() {
      if (type == Type.TEXT) {
        return "text \"" + text() + "\"";
      }
      StringBuilder hex = new StringBuilder("binary ");
      for (byte b : content) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    }
  }

  /**
   * The server's close frame.
   *
   * @param code the close code (1005 when the frame had none)
   * @param reason the reason, empty when none
   */
  public record Close(int code, String reason) {
    /**
     * Checks the parts.
     *
     * @param code the close code
     * @param reason the reason
     * @throws IllegalArgumentException if {@code reason} is null
     */
    public Close {
      Args.notNull(reason, "reason");
    }

    // 1000 "bye", for assertion messages
    @Override
    public String toString() {
      return code + " \"" + reason + "\"";
    }
  }

  /** Collects whole messages: the JDK may deliver one in several parts. */
  private final class Recorder implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String whole = text.toString();
        text.setLength(0);
        if (!ignoredTexts.test(whole)) {
          messages.add(new Message(Message.Type.TEXT, whole.getBytes(StandardCharsets.UTF_8)));
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] part = new byte[data.remaining()];
      data.get(part);
      binary.write(part, 0, part.length);
      if (last) {
        messages.add(new Message(Message.Type.BINARY, binary.toByteArray()));
        binary.reset();
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
      // Recorded only: the JDK sends the pong itself, whatever the listener returns.
      byte[] bytes = new byte[message.remaining()];
      message.get(bytes);
      pings.add(bytes);
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
      byte[] bytes = new byte[message.remaining()];
      message.get(bytes);
      pongs.add(bytes);
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(new Close(statusCode, reason));
      messages.add(END);
      return null; // the JDK then answers with a close of its own
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.completeExceptionally(error);
      messages.add(END);
    }
  }

  /** Created on first use only; shared with {@link TestStream}. */
  static final class DefaultClient {
    static final HttpClient INSTANCE = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(DEFAULT_TIMEOUT)
        .build();
  }
}
