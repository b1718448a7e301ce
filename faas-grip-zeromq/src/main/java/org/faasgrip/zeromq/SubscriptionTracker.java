package org.faasgrip.zeromq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Which channels have subscribers, as Pushpin reports them on its ZeroMQ stats socket ({@code stats_spec}): a
 * long-running publisher can skip work for channels nobody holds, or start a feed when a channel's first
 * subscriber arrives.
 *
 * <p>What it reads: Pushpin's handler publishes a {@code sub} message per channel, hold mode and instance when a
 * channel gains subscribers and again before its {@code ttl} (seconds, {@code stats_subscription_ttl}) runs
 * out; {@code sub} with {@code unavailable: true} (or an {@code unsub} message) when it has none left. A channel
 * has subscribers while any instance has a live report for it in any mode. A report not refreshed within its
 * {@code ttl} plus one second expires, so an instance that died is forgotten without a word from it.
 *
 * <p>{@link Builder#connect(String...)} starts a tracker with its own daemon thread and SUB socket on the stats
 * endpoint (tcp only: JeroMQ's {@code ipc://} is not a Unix socket); ZeroMQ reconnects by itself if Pushpin
 * restarts. {@link Builder#build()} makes one without a socket, fed by {@link #accept(byte[])}, for a program
 * that reads the stats socket itself. One tracker can follow several Pushpin instances: give
 * {@code connect} each one's stats endpoint.
 *
 * <p>Bounded: a message longer than {@link Builder#maxMessageBytes(int)} is dropped by the socket (and refused
 * by {@code accept}); at most {@link Builder#maxChannels(int)} channels are tracked, reports of further ones
 * are counted in {@link #droppedReports()} and ignored. Thread-safe.
 */
public final class SubscriptionTracker implements AutoCloseable {
  /** How long the tracker's thread waits for a message before it looks for expired reports. */
  private static final int POLL_MILLIS = 200;
  /** Pushpin's default {@code stats_subscription_ttl}, for a report that has none. */
  private static final long DEFAULT_TTL_SECONDS = 60;
  /** Slack over a report's ttl, for the time the refresh takes to arrive. */
  private static final long TTL_GRACE_NANOS = Duration.ofSeconds(1).toNanos();

  private final String prefix;
  private final int maxChannels;
  private final int maxMessageBytes;
  private final LongSupplier clock;
  private final List<SubscriptionListener> listeners = new CopyOnWriteArrayList<>();
  /** Channel (without prefix) to its live reports, by instance and mode. Guarded by {@code this}. */
  private final Map<String, Map<String, Report>> channels = new HashMap<>();
  private final Object eventLock = new Object();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  private final ZContext context;
  private final ZMQ.Socket socket;
  private final Thread thread;
  private volatile boolean closed;

  private record Report(long expiresAt, long subscribers) {}

  private SubscriptionTracker(Builder b, String[] endpoints) {
    this.prefix = b.prefix;
    this.maxChannels = b.maxChannels;
    this.maxMessageBytes = b.maxMessageBytes;
    this.clock = b.clock;
    this.listeners.addAll(b.listeners);
    if (endpoints == null) {
      this.context = null;
      this.socket = null;
      this.thread = null;
      return;
    }
    this.context = new ZContext(1);
    String endpoint = null;
    try {
      this.socket = context.createSocket(SocketType.SUB);
      socket.setMaxMsgSize(maxMessageBytes);
      socket.setReceiveTimeOut(POLL_MILLIS);
      socket.setLinger(0);
      // Only the messages this reads: Pushpin's stats socket also carries conn, report, activity, message.
      socket.subscribe("sub ".getBytes(StandardCharsets.US_ASCII));
      socket.subscribe("unsub ".getBytes(StandardCharsets.US_ASCII));
      for (String e : endpoints) {
        endpoint = e;
        socket.connect(Endpoints.check(e));
      }
    } catch (ZMQException | IllegalArgumentException | ZmqException e) {
      context.close();
      if (e instanceof ZmqException) {
        throw e;
      }
      throw new ZmqException("Cannot connect to Pushpin's stats socket at " + endpoint + ": " + e.getMessage(), e);
    }
    this.thread = new Thread(this::run, "faasgrip-zeromq-stats");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Starts a builder: no channel prefix, no listener, at most 100,000 channels and 64 KiB messages.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether the channel has at least one subscriber on some Pushpin instance, as last reported and not expired.
   *
   * @param channel the channel, without the channel prefix
   * @return true if someone holds it
   * @throws IllegalArgumentException if channel is null
   */
  public synchronized boolean hasSubscribers(String channel) {
    return subscribers(channel) > 0;
  }

  /**
   * How many subscribers the channel has over all instances and modes, as last reported (Pushpin refreshes the
   * count with each report, so it can lag behind by up to the report's {@code ttl}); 0 when none.
   *
   * @param channel the channel, without the channel prefix
   * @return the reported number of subscribers
   * @throws IllegalArgumentException if channel is null
   */
  public synchronized long subscribers(String channel) {
    if (channel == null) {
      throw new IllegalArgumentException("channel must not be null");
    }
    Map<String, Report> reports = channels.get(channel);
    if (reports == null) {
      return 0;
    }
    long now = clock.getAsLong();
    long n = 0;
    for (Report r : reports.values()) {
      if (r.expiresAt - now > 0) {
        // A report counts at least one: Pushpin leaves "subscribers" out of some.
        n += Math.max(1, r.subscribers);
      }
    }
    return n;
  }

  /**
   * Adds a listener, told of later changes only.
   *
   * @param listener the listener
   * @throws IllegalArgumentException if listener is null
   */
  public void addListener(SubscriptionListener listener) {
    if (listener == null) {
      throw new IllegalArgumentException("listener must not be null");
    }
    listeners.add(listener);
  }

  /**
   * Reads one message of Pushpin's stats socket ({@code TYPE T<tnetstring>}). {@code sub} and {@code unsub}
   * messages update the tracker, and listeners are told of changes; other types are ignored.
   *
   * @param message the message, one ZeroMQ frame
   * @throws TnetStringException if a {@code sub} or {@code unsub} message is malformed; the offset counts from
   *     the start of the message
   * @throws IllegalArgumentException if message is null
   */
  public void accept(byte[] message) {
    if (message == null) {
      throw new IllegalArgumentException("message must not be null");
    }
    if (message.length > maxMessageBytes) {
      throw new TnetStringException("stats message of " + message.length + " bytes is longer than "
          + maxMessageBytes, maxMessageBytes);
    }
    int space = indexOf(message, (byte) ' ');
    if (space < 0) {
      throw new TnetStringException("stats message has no space after its type", message.length);
    }
    String type = new String(message, 0, space, StandardCharsets.US_ASCII);
    boolean unsub = type.equals("unsub");
    if (!unsub && !type.equals("sub")) {
      return;
    }
    if (space + 1 >= message.length || message[space + 1] != 'T') {
      throw new TnetStringException("stats message is not tnetstring (stats_format=tnetstring)", space + 1);
    }
    Object parsed = TnetString.parse(message, space + 2, message.length - space - 2);
    if (!(parsed instanceof Map)) {
      throw new TnetStringException("a " + type + " message is not a dictionary", space + 2);
    }
    Map<?, ?> fields = (Map<?, ?>) parsed;
    String channel = text(fields, "channel", space);
    String from = fields.get("from") instanceof String ? (String) fields.get("from") : "";
    String mode = fields.get("mode") instanceof String ? (String) fields.get("mode") : "";
    if (!channel.startsWith(prefix)) {
      return;
    }
    channel = channel.substring(prefix.length());
    String source = from + '\0' + mode;
    boolean gone = unsub || Boolean.TRUE.equals(fields.get("unavailable"));
    List<Runnable> events = new ArrayList<>(1);
    synchronized (this) {
      long now = clock.getAsLong();
      expire(now, events);
      Map<String, Report> reports = channels.get(channel);
      if (gone) {
        if (reports != null && reports.remove(source) != null && reports.isEmpty()) {
          channels.remove(channel);
          events.add(unsubscribed(channel));
        }
      } else {
        long ttl = fields.get("ttl") instanceof Long ? (Long) fields.get("ttl") : DEFAULT_TTL_SECONDS;
        long count = fields.get("subscribers") instanceof Long ? (Long) fields.get("subscribers") : 1;
        long expiresAt = now + Duration.ofSeconds(Math.max(0, Math.min(ttl, 86_400))).toNanos() + TTL_GRACE_NANOS;
        if (reports == null) {
          if (channels.size() >= maxChannels) {
            dropped.incrementAndGet();
          } else {
            reports = new HashMap<>();
            channels.put(channel, reports);
            reports.put(source, new Report(expiresAt, count));
            events.add(subscribed(channel));
          }
        } else {
          reports.put(source, new Report(expiresAt, count));
        }
      }
    }
    fire(events);
  }

  /**
   * Forgets reports whose {@code ttl} ran out and tells listeners of channels left without subscribers. The
   * tracker's own thread does this several times a second; a tracker fed by {@link #accept(byte[])} does it
   * on each message, or when this is called.
   */
  public void expire() {
    List<Runnable> events = new ArrayList<>();
    synchronized (this) {
      expire(clock.getAsLong(), events);
    }
    fire(events);
  }

  /**
   * How many stats messages the tracker's thread dropped as malformed.
   *
   * @return the count since start
   */
  public long malformedMessages() {
    return malformed.get();
  }

  /**
   * How many reports of new channels were ignored because {@link Builder#maxChannels(int)} were tracked.
   *
   * @return the count since start
   */
  public long droppedReports() {
    return dropped.get();
  }

  /** Stops the tracker's thread and closes its socket; waits at most about a second. */
  @Override
  public void close() {
    closed = true;
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join(POLL_MILLIS * 5L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "SubscriptionTracker{prefix=" + prefix + ", connected=" + (socket != null) + ", closed=" + closed + "}";
  }

  private void run() {
    // Only this thread touches the socket (ZeroMQ sockets are not thread-safe).
    ZMQ.Poller poller = context.createPoller(1);
    try {
      poller.register(socket, ZMQ.Poller.POLLIN);
      while (!closed) {
        poller.poll(POLL_MILLIS);
        byte[] message;
        int n = 0;
        // A bounded batch, so that a flood cannot put off expiry.
        while (n++ < 1000 && !closed && (message = socket.recv(ZMQ.DONTWAIT)) != null) {
          try {
            accept(message);
          } catch (TnetStringException e) {
            malformed.incrementAndGet();
          }
        }
        expire();
      }
    } catch (RuntimeException e) {
      // The context was torn down under the thread (JVM exit) or JeroMQ failed: stop; the counts stay readable.
      malformed.incrementAndGet();
    } finally {
      poller.close();
      context.close();
    }
  }

  private void expire(long now, List<Runnable> events) {
    for (Iterator<Map.Entry<String, Map<String, Report>>> it = channels.entrySet().iterator(); it.hasNext();) {
      Map.Entry<String, Map<String, Report>> e = it.next();
      e.getValue().values().removeIf(r -> r.expiresAt - now <= 0);
      if (e.getValue().isEmpty()) {
        it.remove();
        events.add(unsubscribed(e.getKey()));
      }
    }
  }

  private Runnable subscribed(String channel) {
    return () -> listeners.forEach(l -> l.subscribed(channel));
  }

  private Runnable unsubscribed(String channel) {
    return () -> listeners.forEach(l -> l.unsubscribed(channel));
  }

  private void fire(List<Runnable> events) {
    if (events.isEmpty()) {
      return;
    }
    synchronized (eventLock) {
      events.forEach(Runnable::run);
    }
  }

  private static String text(Map<?, ?> fields, String key, int space) {
    Object v = fields.get(key);
    if (!(v instanceof String)) {
      throw new TnetStringException("a stats message has no text \"" + key + "\"", space + 2);
    }
    return (String) v;
  }

  private static int indexOf(byte[] a, byte b) {
    for (int i = 0; i < Math.min(a.length, 32); i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** Builds a {@link SubscriptionTracker}. Not thread-safe. */
  public static final class Builder {
    private String prefix = "";
    private int maxChannels = 100_000;
    private int maxMessageBytes = 64 * 1024;
    private LongSupplier clock = System::nanoTime;
    private final List<SubscriptionListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Tracks only channels that start with this prefix ({@code GRIP_PREFIX}), and names them without it.
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
     * Adds a listener told when channels gain their first or lose their last subscriber.
     *
     * @param listener the listener
     * @return this builder
     * @throws IllegalArgumentException if listener is null
     */
    public Builder listener(SubscriptionListener listener) {
      if (listener == null) {
        throw new IllegalArgumentException("listener must not be null");
      }
      listeners.add(listener);
      return this;
    }

    /**
     * The most channels tracked at once; reports of more are ignored and counted.
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
     * The longest stats message read, in bytes.
     *
     * @param max 64 to 1 MiB
     * @return this builder
     * @throws IllegalArgumentException if max is outside 64 to 1 MiB
     */
    public Builder maxMessageBytes(int max) {
      if (max < 64 || max > TnetString.MAX_INPUT_BYTES) {
        throw new IllegalArgumentException("maxMessageBytes must be 64 to " + TnetString.MAX_INPUT_BYTES + ", got " + max);
      }
      this.maxMessageBytes = max;
      return this;
    }

    /** The clock reports expire by (nanoseconds, as System.nanoTime); for tests. */
    Builder clock(LongSupplier clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Builds a tracker without a socket, fed by {@link SubscriptionTracker#accept(byte[])}.
     *
     * @return the tracker
     */
    public SubscriptionTracker build() {
      return new SubscriptionTracker(this, null);
    }

    /**
     * Builds a tracker that follows Pushpin's stats sockets at these endpoints (one per instance) on a daemon
     * thread of its own. Close it when done.
     *
     * @param endpoints each instance's {@code stats_spec}, tcp endpoints such as {@code tcp://127.0.0.1:5564}
     * @return the running tracker
     * @throws ZmqException if there is none, or one is not a tcp endpoint or cannot be connected to
     */
    public SubscriptionTracker connect(String... endpoints) {
      if (endpoints == null || endpoints.length == 0) {
        throw new ZmqException("Give at least one stats endpoint");
      }
      return new SubscriptionTracker(this, endpoints.clone());
    }
  }
}
