package org.faasgrip.zeromq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.faasgrip.publish.InvalidItemException;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.PublishBody;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Publishes items to a cluster of Pushpin instances over ZeroMQ PUB/SUB: this binds a PUB socket and each
 * instance connects to it ({@code push_in_sub_specs=tcp://HOST:PORT} with {@code push_in_sub_connect=true}), so
 * one {@link #publish(Item)} reaches every instance, and instances can come and go without the publisher's
 * configuration changing. Each item goes as two frames, as Pushpin's handler reads them: the channel, then
 * {@code J} and the item's JSON.
 *
 * <p>Pushpin subscribes its SUB socket to a channel when a client there holds it, and unsubscribes when the last
 * one leaves. The socket is an XPUB, so this sees those subscriptions: {@link #subscribers(String)} counts the
 * instances subscribed to a channel and {@link #awaitSubscribers(String, int, Duration)} waits for them. That
 * is the answer to ZeroMQ's slow joiner: a message sent before an instance's subscription has arrived is
 * dropped without a word, so a publisher that must not lose the first items waits for the subscription first.
 *
 * <p>Delivery is at most once, with no acknowledgement: an instance that is not connected or not subscribed
 * misses the item, and past {@link Builder#sendHighWaterMark(int)} queued messages per instance ZeroMQ drops
 * new ones. Use {@code GripPublisher} (HTTP) where each publish must be confirmed. Thread-safe: the socket is
 * used under a lock. No JeroMQ type appears in the API.
 */
public final class ZmqPublisher implements AutoCloseable {
  /** Pause between looks at the socket while waiting for subscribers. */
  private static final long AWAIT_POLL_MILLIS = 10;

  private final String prefix;
  private final int maxChannels;
  private final ReentrantLock lock = new ReentrantLock();
  private final ZContext context;
  private final ZMQ.Socket socket;
  private final String endpoint;
  /** Channel (with prefix) to the number of instances subscribed. Guarded by {@code lock}. */
  private final Map<String, Integer> subscriptions = new HashMap<>();
  private boolean closed;

  private ZmqPublisher(Builder b, String bindEndpoint) {
    this.prefix = b.prefix;
    this.maxChannels = b.maxChannels;
    this.context = new ZContext(1);
    try {
      this.socket = context.createSocket(SocketType.XPUB);
      // Every subscribe and unsubscribe, not only a topic's first and last: so that instances can be counted.
      socket.setXpubVerbose(true);
      socket.setXpubVerboser(true);
      socket.setSndHWM(b.sendHighWaterMark);
      int linger = (int) Math.min(Integer.MAX_VALUE, b.linger.toMillis());
      // The context sets its own linger on each socket it closes: both must say it.
      context.setLinger(linger);
      socket.setLinger(linger);
      // A subscription frame is a byte and a channel name; refuse anything much longer from a peer.
      socket.setMaxMsgSize(64 * 1024);
      socket.bind(bindEndpoint);
      this.endpoint = socket.getLastEndpoint();
    } catch (ZMQException | IllegalArgumentException e) {
      context.close();
      throw new ZmqException("Cannot bind the ZeroMQ publish socket to " + bindEndpoint + ": " + e.getMessage(), e);
    }
  }

  /**
   * Starts a builder: no channel prefix, a send high-water mark of 100,000 messages per instance, one second
   * to flush on close.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The endpoint the socket is bound to, with the port chosen when bound to {@code :*}: give it to each Pushpin
   * instance as {@code push_in_sub_specs}.
   *
   * @return the bound endpoint, e.g. {@code tcp://127.0.0.1:41234}
   */
  public String endpoint() {
    return endpoint;
  }

  /**
   * Sends one item to every Pushpin instance subscribed to its channel. Returns at once: the item is queued.
   *
   * @param item the item
   * @throws InvalidItemException if the item is null or the prefix is not valid
   * @throws ZmqException if the publisher is closed
   */
  public void publish(Item item) {
    if (item == null) {
      throw new InvalidItemException("nothing to publish: the item is null");
    }
    byte[] channel = (prefix + item.channel()).getBytes(StandardCharsets.UTF_8);
    byte[] json = PublishBody.itemJson(item, prefix);
    byte[] body = new byte[json.length + 1];
    body[0] = 'J';
    System.arraycopy(json, 0, body, 1, json.length);
    lock.lock();
    try {
      checkOpen();
      // PUB never blocks: with nobody subscribed, or past the high-water mark, the frames are dropped.
      socket.send(channel, ZMQ.SNDMORE);
      socket.send(body, 0);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sends items in order, each as {@link #publish(Item)} does.
   *
   * @param items the items
   * @throws InvalidItemException if the list is null or empty or holds a null (nothing is sent then)
   * @throws ZmqException if the publisher is closed
   */
  public void publish(List<Item> items) {
    if (items == null || items.isEmpty()) {
      throw new InvalidItemException("nothing to publish: the item list is " + (items == null ? "null" : "empty"));
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) {
        throw new InvalidItemException("item " + i + " of the publish list is null");
      }
    }
    items.forEach(this::publish);
  }

  /**
   * How many connected Pushpin instances are subscribed to the channel now: those that have a client holding it.
   *
   * @param channel the channel, without the prefix
   * @return the number of instances, 0 if none
   * @throws IllegalArgumentException if channel is null
   * @throws ZmqException if the publisher is closed
   */
  public int subscribers(String channel) {
    if (channel == null) {
      throw new IllegalArgumentException("channel must not be null");
    }
    lock.lock();
    try {
      checkOpen();
      drainSubscriptions();
      return subscriptions.getOrDefault(prefix + channel, 0);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until at least {@code instances} Pushpin instances are subscribed to the channel, so that a publish
   * reaches them all.
   *
   * @param channel the channel, without the prefix
   * @param instances how many instances, 1 or more
   * @param timeout how long to wait at most
   * @throws ZmqException if fewer were subscribed when the timeout passed (the message has the count), or the
   *     publisher is closed
   * @throws IllegalArgumentException if channel or timeout is null, or instances is below 1
   */
  public void awaitSubscribers(String channel, int instances, Duration timeout) {
    if (instances < 1) {
      throw new IllegalArgumentException("instances must be at least 1, got " + instances);
    }
    if (timeout == null) {
      throw new IllegalArgumentException("timeout must not be null");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen;
    while ((seen = subscribers(channel)) < instances) {
      if (System.nanoTime() - deadline > 0) {
        throw new ZmqException("Timed out after " + timeout + " waiting for " + instances
            + " instance(s) to subscribe to channel \"" + channel + "\" on " + endpoint + "; " + seen + " did");
      }
      try {
        Thread.sleep(AWAIT_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ZmqException("Interrupted while waiting for subscribers of channel \"" + channel + "\"", e);
      }
    }
  }

  /** Closes the socket, after up to the linger time to send what is queued. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        context.close();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "ZmqPublisher{endpoint=" + endpoint + ", prefix=" + prefix + "}";
  }

  /** Reads the subscription frames queued on the XPUB socket. Called under the lock. */
  private void drainSubscriptions() {
    byte[] frame;
    while ((frame = socket.recv(ZMQ.DONTWAIT)) != null) {
      if (frame.length == 0 || (frame[0] != 0 && frame[0] != 1)) {
        continue; // not a subscription: XPUB peers send nothing else that matters here
      }
      String channel = new String(frame, 1, frame.length - 1, StandardCharsets.UTF_8);
      if (frame[0] == 1) {
        if (subscriptions.containsKey(channel) || subscriptions.size() < maxChannels) {
          subscriptions.merge(channel, 1, Integer::sum);
        }
      } else {
        subscriptions.computeIfPresent(channel, (c, n) -> n > 1 ? n - 1 : null);
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new ZmqException("The ZeroMQ publisher on " + endpoint + " is closed");
    }
  }

  /** Builds a {@link ZmqPublisher}. Not thread-safe. */
  public static final class Builder {
    private String prefix = "";
    private int sendHighWaterMark = 100_000;
    private int maxChannels = 100_000;
    private Duration linger = Duration.ofSeconds(1);

    private Builder() {}

    /**
     * Puts this prefix in front of every channel name ({@code GRIP_PREFIX}).
     *
     * @param prefix the prefix; empty for none
     * @return this builder
     * @throws IllegalArgumentException if prefix is null
     */
    public Builder channelPrefix(String prefix) {
      if (prefix == null) {
        throw new IllegalArgumentException("prefix must not be null");
      }
      this.prefix = prefix;
      return this;
    }

    /**
     * How many messages may queue per instance before ZeroMQ drops new ones.
     *
     * @param messages 1 or more
     * @return this builder
     * @throws IllegalArgumentException if messages is below 1
     */
    public Builder sendHighWaterMark(int messages) {
      if (messages < 1) {
        throw new IllegalArgumentException("sendHighWaterMark must be at least 1, got " + messages);
      }
      this.sendHighWaterMark = messages;
      return this;
    }

    /**
     * The most channels whose subscriptions are counted; subscriptions to further channels still work but are
     * not counted.
     *
     * @param max 1 or more
     * @return this builder
     * @throws IllegalArgumentException if max is below 1
     */
    public Builder maxChannels(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxChannels must be at least 1, got " + max);
      }
      this.maxChannels = max;
      return this;
    }

    /**
     * How long {@link ZmqPublisher#close()} may take to send what is still queued.
     *
     * @param linger zero or more
     * @return this builder
     * @throws IllegalArgumentException if linger is null or negative
     */
    public Builder linger(Duration linger) {
      if (linger == null || linger.isNegative()) {
        throw new IllegalArgumentException("linger must be zero or more, got " + linger);
      }
      this.linger = linger;
      return this;
    }

    /**
     * Binds the publish socket, for Pushpin instances to connect to.
     *
     * @param endpoint a tcp endpoint, e.g. {@code tcp://127.0.0.1:5562}, or {@code tcp://127.0.0.1:*} for a free
     *     port ({@link ZmqPublisher#endpoint()} then says which)
     * @return the publisher
     * @throws ZmqException if the endpoint is not tcp, or cannot be bound (e.g. the port is taken)
     */
    public ZmqPublisher bind(String endpoint) {
      return new ZmqPublisher(this, Endpoints.check(endpoint));
    }
  }
}
