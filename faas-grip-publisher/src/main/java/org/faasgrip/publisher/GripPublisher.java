package org.faasgrip.publisher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.faasgrip.config.GripConfig;
import org.faasgrip.config.GripProxy;
import org.faasgrip.publish.Format;
import org.faasgrip.publish.InvalidItemException;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.PublishBody;

/**
 * Publishes items to every configured GRIP proxy (Pushpin, Fastly Fanout): one HTTP {@code POST} of the publish
 * JSON to each proxy's {@code /publish/}, all proxies in parallel.
 *
 * <pre>{@code
 * GripPublisher publisher = GripPublisher.fromEnvironment();   // GRIP_URL or GRIP_PROXIES, GRIP_PREFIX
 * publisher.publish("room", WebSocketMessageFormat.text("hello"));
 * publisher.publishAsync(Item.builder("feed").id("42").prevId("41")
 *     .format(HttpStreamFormat.of("data\n")).build());
 * }</pre>
 *
 * <p><b>Proxies and failures.</b> Every proxy receives every item. A publish succeeds when every proxy accepted
 * it (a {@code 2xx} answer); otherwise it fails with one {@link PublishException} that lists each proxy that
 * failed, with its HTTP status and the start of its answer, or its connection error. The other proxies have
 * published the items: publishing is not atomic across proxies.
 *
 * <p><b>Authorisation</b>, per proxy, from its configuration: with {@code iss} and a key, a JWT signed with
 * HS256 over {@code {"iss": iss, "exp": now + 600 s}}, kept and re-signed when half its life is gone; with a key
 * alone, the key as a bearer token (Fastly Fanout's API token); with a user and password in the control URI,
 * Basic. No key, token or password appears in an exception, a log or {@code toString()}.
 *
 * <p><b>Retries</b> follow the {@link RetryPolicy}: connection errors, timeouts, {@code 5xx} and {@code 429} are
 * retried with backoff and jitter, other {@code 4xx} never, and a publish to a proxy ends within the policy's time
 * budget, the attempt in flight included. A retry sends exactly the same bytes.
 *
 * <p><b>Item ids.</b> The publisher never gives an item an {@code id} of its own. Pushpin drops an item whose
 * {@code id} it has seen on that channel within {@code id_cache_ttl} (60 s by default), so an item with an
 * {@code id} is delivered once even when a retry follows a publish that had in fact succeeded (a timeout, a
 * connection lost before the answer); give ids to items that must not be delivered twice. Ids are not assigned
 * automatically because Pushpin also records each item's {@code id} as the channel's last id, against which it
 * checks {@code prev-id} (of later items and of held requests): an id the application never saw would make its
 * own {@code prev-id} chain look broken, delaying items by up to {@code message_wait} and sending clients to
 * recover. Without an {@code id}, a retry after an ambiguous failure may deliver an item twice.
 *
 * <p><b>Coalescing.</b> With {@link Builder#coalesce(Duration, int)}, publishes made within a short window go
 * out as one request per proxy (fewer requests for a high-rate publisher, at the price of up to one window of
 * latency); each caller's future completes with that request's result. Items keep their submission order:
 * one coalesced request is in flight at a time, and a window's items wait for the one before (a batch larger than
 * Pushpin's 1 MB body limit is split in two, sent in order). Without coalescing, publishes made concurrently may
 * reach a proxy in any order; wait for each one's future when order matters.
 *
 * <p><b>Resources.</b> One {@link java.net.http.HttpClient}, made on the first publish, with HTTP/1.1 keep-alive
 * connections reused across publishes (HTTP/2 over TLS). No thread waits for a request: blocking calls wait on
 * the asynchronous ones, and waits between retries are scheduled. Safe for use by many threads at once.
 * {@link #close()} sends what a coalescing window holds, waits for the publishes in flight (bounded by the retry
 * policy), and releases the client; publishing afterwards throws a {@link PublishException}.
 *
 * <p><b>In a function</b> (AWS Lambda), wait for every {@code publishAsync} future before the handler returns:
 * the platform freezes the process afterwards, and a request in flight may then never be sent, or time out when
 * the next invocation thaws it. Pushpin (1.36) closes the connection after every publish, so there the reuse of
 * connections does not apply and coalescing is what saves requests.
 */
public final class GripPublisher implements AutoCloseable {
  /** Pushpin's default {@code push_in_http_max_body_size}: a coalesced batch larger than this is split. */
  static final int MAX_COALESCED_BODY_BYTES = 1_000_000;

  private final Sender sender;
  private final String prefix;
  private final Coalescer coalescer;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object drained = new Object();
  private volatile boolean closed;
  private volatile boolean releaseWhenDrained;

  private GripPublisher(Builder b) {
    this.prefix = b.prefix == null ? "" : b.prefix;
    this.sender = new Sender(b.endpoints, b.connectTimeout, b.requestTimeout, b.retry, b.executor);
    this.coalescer = b.coalesceWindow == null ? null
        : new Coalescer(b.coalesceWindow.toNanos(), b.coalesceMaxItems,
            b.executor == null ? Runnable::run : b.executor, new Coalescer.Hooks() {
              @Override
              public void checkOpen() {
                GripPublisher.this.checkOpen();
              }

              @Override
              public void begin() {
                inFlight.incrementAndGet();
              }

              @Override
              public void end() {
                GripPublisher.this.end();
              }

              @Override
              public CompletableFuture<Void> send(List<Item> items) {
                return sendCoalesced(items);
              }

              @Override
              public void beginCompleting() {
                sender.beginCompleting();
              }

              @Override
              public void endCompleting() {
                sender.endCompleting();
              }
            });
  }

  /**
   * Returns a builder of a publisher.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a publisher to the proxies of the environment's configuration ({@code GRIP_URL} or
   * {@code GRIP_PROXIES}, and {@code GRIP_PREFIX}), with default timeouts and retries.
   *
   * @return the publisher
   * @throws org.faasgrip.config.GripConfigException if the configuration is malformed
   * @throws PublishException if no proxy is configured
   */
  public static GripPublisher fromEnvironment() {
    return builder().config(GripConfig.fromEnvironment()).build();
  }

  /**
   * Publishes an item to every proxy and waits until every proxy has accepted it.
   *
   * @param item the item
   * @throws PublishException if a proxy did not accept it (after retries), or the publisher is closed
   * @throws org.faasgrip.publish.InvalidItemException if the item is null
   */
  public void publish(Item item) {
    await(publishAsync(item));
  }

  /**
   * Publishes formats on a channel to every proxy and waits until every proxy has accepted them; the shorthand of
   * {@code publish(Item.of(channel, formats))}.
   *
   * @param channel the channel, without the configured prefix
   * @param formats one or more formats, at most one of each kind
   * @throws PublishException if a proxy did not accept the item (after retries), or the publisher is closed
   * @throws org.faasgrip.publish.InvalidItemException if the channel is empty or there is no format
   */
  public void publish(String channel, Format... formats) {
    await(publishAsync(Item.of(channel, formats)));
  }

  /**
   * Publishes items, in order, in one request to each proxy, and waits until every proxy has accepted them.
   *
   * @param items the items, at least one
   * @throws PublishException if a proxy did not accept them (after retries), or the publisher is closed
   * @throws org.faasgrip.publish.InvalidItemException if the list is null or empty or holds a null
   */
  public void publish(List<Item> items) {
    await(publishAsync(items));
  }

  /**
   * Publishes an item to every proxy without waiting.
   *
   * @param item the item
   * @return a future that completes when every proxy has accepted the item, or fails with a
   *     {@link PublishException} listing the proxies that did not
   * @throws PublishException if the publisher is closed
   * @throws org.faasgrip.publish.InvalidItemException if the item is null
   */
  public CompletableFuture<Void> publishAsync(Item item) {
    if (coalescer != null) {
      return coalescer.add(List.of(checkItem(item, -1)));
    }
    return start(PublishBody.toJson(item, prefix));
  }

  /**
   * Publishes formats on a channel to every proxy without waiting; the shorthand of
   * {@code publishAsync(Item.of(channel, formats))}.
   *
   * @param channel the channel, without the configured prefix
   * @param formats one or more formats, at most one of each kind
   * @return a future that completes when every proxy has accepted the item, or fails with a
   *     {@link PublishException} listing the proxies that did not
   * @throws PublishException if the publisher is closed
   * @throws org.faasgrip.publish.InvalidItemException if the channel is empty or there is no format
   */
  public CompletableFuture<Void> publishAsync(String channel, Format... formats) {
    return publishAsync(Item.of(channel, formats));
  }

  /**
   * Publishes items, in order, in one request to each proxy, without waiting.
   *
   * @param items the items, at least one
   * @return a future that completes when every proxy has accepted the items, or fails with a
   *     {@link PublishException} listing the proxies that did not
   * @throws PublishException if the publisher is closed
   * @throws org.faasgrip.publish.InvalidItemException if the list is null or empty or holds a null
   */
  public CompletableFuture<Void> publishAsync(List<Item> items) {
    if (coalescer != null) {
      if (items == null || items.isEmpty()) {
        throw new InvalidItemException("nothing to publish: the item list is " + (items == null ? "null" : "empty"));
      }
      List<Item> copy = new ArrayList<>(items);
      for (int i = 0; i < copy.size(); i++) {
        checkItem(copy.get(i), i);
      }
      return coalescer.add(copy);
    }
    return start(PublishBody.toJson(items, prefix));
  }

  /**
   * Stops publishing: sends the items a coalescing window holds, waits for every publish in flight to finish
   * (each request bounded by the retry policy's time budget), and releases the HTTP client and its connections.
   * Publishing afterwards throws a {@link PublishException}. Calling it again does nothing.
   * Called from a callback of a publish future, it does not wait (that publish ends only once the callback
   * returns); the client is then released when the last publish ends.
   */
  @Override
  public void close() {
    synchronized (drained) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (coalescer != null) {
      coalescer.flush();
    }
    if (sender.isCompletingHere()) {
      // Called from a publish future's callback: that publish ends only after this returns, so waiting would
      // never end. The last publish to end releases the client instead.
      releaseWhenDrained = true;
      if (inFlight.get() == 0) {
        release();
      }
      return;
    }
    boolean interrupted = false;
    synchronized (drained) {
      while (inFlight.get() > 0) {
        try {
          drained.wait();
        } catch (InterruptedException e) {
          // Release now: the publishes in flight fail, which is what an interrupt asks for.
          interrupted = true;
          break;
        }
      }
    }
    if (interrupted) {
      // Set before closing the client: from Java 21 its close() then stops what is in flight instead of waiting.
      Thread.currentThread().interrupt();
    }
    sender.close();
  }

  /**
   * Describes the publisher by its proxies' publish URIs (no secrets).
   *
   * @return the proxies, their authorisation scheme, and whether the publisher is closed
   */
  @Override
  public String toString() {
    return "GripPublisher" + sender.endpoints() + (prefix.isEmpty() ? "" : " prefix=" + prefix)
        + (closed ? " (closed)" : "");
  }

  private CompletableFuture<Void> start(byte[] body) {
    inFlight.incrementAndGet();
    if (closed) {
      end();
      checkOpen();
    }
    return sender.send(body, this::end);
  }

  /**
   * Sends a coalesced batch; one the proxy would refuse as too large goes out as two halves, one after the
   * other, so that coalescing never makes a publish fail that would have passed alone.
   */
  private CompletableFuture<Void> sendCoalesced(List<Item> items) {
    byte[] body = PublishBody.toJson(items, prefix);
    if (body.length <= MAX_COALESCED_BODY_BYTES || items.size() == 1) {
      return sender.send(body, null);
    }
    int half = items.size() / 2;
    List<Item> rest = items.subList(half, items.size());
    return sendCoalesced(items.subList(0, half)).thenCompose(v -> sendCoalesced(rest));
  }

  private void end() {
    if (inFlight.decrementAndGet() == 0 && closed) {
      synchronized (drained) {
        drained.notifyAll();
      }
      if (releaseWhenDrained) {
        release();
      }
    }
  }

  /** Releases the client off this thread, which may be one of the client's own (it must not wait for itself). */
  private void release() {
    CompletableFuture.runAsync(sender::close);
  }

  private void checkOpen() {
    if (closed) {
      throw new PublishException("the publisher is closed; create a new GripPublisher to publish");
    }
  }

  private static Item checkItem(Item item, int index) {
    if (item == null) {
      throw new InvalidItemException(index < 0 ? "nothing to publish: the item is null"
          : "item " + index + " of the publish list is null");
    }
    return item;
  }

  private static void await(CompletableFuture<Void> f) {
    try {
      f.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof PublishException) {
        throw ((PublishException) c).onCallerThread();
      }
      throw new PublishException("publish failed: " + c, c);
    } catch (CancellationException e) {
      throw new PublishException("publish was cancelled", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while waiting for the proxies; the publish goes on without waiting",
          e);
    }
  }

  /** Builds a {@link GripPublisher}. Not thread-safe; the publisher it builds is. */
  public static final class Builder {
    private final List<ProxyEndpoint> endpoints = new ArrayList<>();
    private String prefix;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private RetryPolicy retry = RetryPolicy.defaults();
    private Duration coalesceWindow;
    private int coalesceMaxItems;
    private Executor executor;

    private Builder() {}

    /**
     * Adds every proxy of a configuration, and takes its channel prefix unless {@link #prefix(String)} sets one.
     *
     * @param config the configuration, e.g. {@link GripConfig#fromEnvironment()}
     * @return this builder
     * @throws PublishException if {@code config} is null, or a proxy's URI or key cannot be used to publish
     */
    public Builder config(GripConfig config) {
      if (config == null) {
        throw new PublishException("GripPublisher.Builder.config: the configuration is null");
      }
      for (GripProxy p : config.proxies()) {
        proxy(p);
      }
      if (prefix == null) {
        prefix = config.prefix();
      }
      return this;
    }

    /**
     * Adds one proxy to publish to.
     *
     * @param proxy the proxy, with its control URI and authorisation
     * @return this builder
     * @throws PublishException if {@code proxy} is null, or its URI or key cannot be used to publish
     */
    public Builder proxy(GripProxy proxy) {
      if (proxy == null) {
        throw new PublishException("GripPublisher.Builder.proxy: the proxy is null");
      }
      endpoints.add(ProxyEndpoint.of(proxy));
      return this;
    }

    /** Adds a proxy endpoint directly; for tests of this package. */
    Builder endpoint(ProxyEndpoint endpoint) {
      endpoints.add(endpoint);
      return this;
    }

    /**
     * Sets the prefix put in front of every channel name ({@code GRIP_PREFIX}), replacing the configuration's.
     *
     * @param prefix the prefix; null or empty for none
     * @return this builder
     */
    public Builder prefix(String prefix) {
      this.prefix = prefix == null ? "" : prefix;
      return this;
    }

    /**
     * Sets how long connecting to a proxy may take; default 5 s. A connection that is not made in time is retried
     * as the retry policy says.
     *
     * @param timeout positive
     * @return this builder
     * @throws PublishException if {@code timeout} is null, zero or negative
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /**
     * Sets how long one request to a proxy may take until its answer starts; default 10 s, and never more than
     * what is left of the retry policy's time budget. A request not answered in time is retried as the retry
     * policy says.
     *
     * @param timeout positive
     * @return this builder
     * @throws PublishException if {@code timeout} is null, zero or negative
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive("requestTimeout", timeout);
      return this;
    }

    /**
     * Sets when failed publishes are retried; default {@link RetryPolicy#defaults()}.
     *
     * @param retry the policy; {@link RetryPolicy#none()} to never retry
     * @return this builder
     * @throws PublishException if {@code retry} is null
     */
    public Builder retry(RetryPolicy retry) {
      if (retry == null) {
        throw new PublishException("GripPublisher.Builder.retry: the policy is null; use RetryPolicy.none()");
      }
      this.retry = retry;
      return this;
    }

    /**
     * Turns on coalescing: publishes made within {@code window} of the first one waiting go out as one request
     * per proxy, or sooner when {@code maxItems} items wait. Each caller's future completes with the result of
     * the request its items went in; if one item makes a proxy answer {@code 400}, every item of that request
     * fails with it.
     *
     * @param window how long the first publish waits for others; positive, a few milliseconds
     * @param maxItems the most items in one request, at least 1 (Pushpin accepts bodies up to 1 MB by default)
     * @return this builder
     * @throws PublishException if {@code window} is not positive or {@code maxItems} is less than 1
     */
    public Builder coalesce(Duration window, int maxItems) {
      positive("coalesce window", window);
      if (maxItems < 1) {
        throw new PublishException("GripPublisher.Builder.coalesce: maxItems must be at least 1, was " + maxItems);
      }
      this.coalesceWindow = window;
      this.coalesceMaxItems = maxItems;
      return this;
    }

    /**
     * Sets the executor the HTTP client and the publisher run their callbacks and retries on; by default the HTTP
     * client's own. The publisher does not shut it down.
     *
     * @param executor the executor
     * @return this builder
     * @throws PublishException if {@code executor} is null
     */
    public Builder executor(Executor executor) {
      if (executor == null) {
        throw new PublishException("GripPublisher.Builder.executor: the executor is null");
      }
      this.executor = executor;
      return this;
    }

    /**
     * Builds the publisher. No connection is made and no thread started until the first publish.
     *
     * @return the publisher
     * @throws PublishException if no proxy was given
     */
    public GripPublisher build() {
      if (endpoints.isEmpty()) {
        throw new PublishException("no GRIP proxy to publish to: set GRIP_URL or GRIP_PROXIES, or call"
            + " GripPublisher.Builder.proxy(...)");
      }
      return new GripPublisher(this);
    }

    private static Duration positive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new PublishException("GripPublisher.Builder." + name + " must be positive, was " + d);
      }
      try {
        d.toNanos();
      } catch (ArithmeticException e) {
        throw new PublishException("GripPublisher.Builder." + name + " is too long: " + d, e);
      }
      return d;
    }
  }
}
