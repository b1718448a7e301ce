package org.faasgrip.apigw;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.faasgrip.GripException;
import org.faasgrip.function.Grip;
import org.faasgrip.publish.WebSocketMessageFormat;

/**
 * The {@code @connections} API over GRIP. Every connection that a {@link WebSocketApi} accepts is subscribed to
 * a channel of its own, {@value #CONNECTION_CHANNEL_PREFIX}{@code <connectionId>}, so that:
 *
 * <ul>
 *   <li>{@link #postToConnection} publishes a {@code ws-message} to that channel;
 *   <li>{@link #deleteConnection} publishes a {@code close} action to it;
 *   <li>{@link #broadcast} publishes once to a shared channel that connections joined with {@link #subscribe},
 *       where API Gateway needs a scan of a table and one {@code PostToConnection} per client.
 * </ul>
 *
 * <p>A connection whose event is being handled right now (in this function instance) gets posts, deletes and
 * subscriptions in the answer to that event instead: in order with the route's own reply, and even in
 * {@code $connect}, before the connection is subscribed to anything. {@link #getConnection} knows only such a
 * connection: the proxy has no API to ask about others, so it is empty for them.
 *
 * <p>Differences from the {@code @connections} API: posting to a connection that is gone is not an error (the
 * publish reaches nobody; there is no {@code GoneException}); there is no 128 KB limit of this library's own
 * (the proxy's publish limit applies: Pushpin's default is 1,000,000 bytes per publish request).
 *
 * <p>Thread-safe: make one per function instance, with the {@link Grip} the {@link WebSocketApi} uses, and give
 * the same instance to the handlers and to {@link WebSocketApi#builder(GripConnections)}.
 */
public final class GripConnections implements Connections {
  /** What the name of every connection's own channel starts with (before {@code GRIP_PREFIX}, if set). */
  public static final String CONNECTION_CHANNEL_PREFIX = "connection:";

  private final Grip grip;
  private final ConcurrentHashMap<String, Invocation> handling = new ConcurrentHashMap<>();

  private GripConnections(Grip grip) {
    this.grip = grip;
  }

  /**
   * Returns the connections of a configuration: publishing goes through it.
   *
   * @param grip the configuration, publisher and logger
   * @return a new instance
   */
  public static GripConnections of(Grip grip) {
    return new GripConnections(Args.notNull(grip, "grip"));
  }

  /**
   * Reads the configuration from the environment ({@code GRIP_URL} or {@code GRIP_PROXIES}, {@code GRIP_PREFIX},
   * {@code GRIP_VERIFY}), as {@link Grip#fromEnvironment()} does.
   *
   * @return a new instance
   * @throws org.faasgrip.config.GripConfigException if a variable is malformed
   */
  public static GripConnections fromEnvironment() {
    return of(Grip.fromEnvironment());
  }

  /**
   * Returns the configuration this instance publishes with.
   *
   * @return the configuration
   */
  public Grip grip() {
    return grip;
  }

  /**
   * Returns the channel a connection is subscribed to from its {@code $connect} on, without {@code GRIP_PREFIX}:
   * publish to it to reach that connection alone from code that has no {@code Connections}.
   *
   * @param connectionId the connection
   * @return the channel name
   */
  public static String channelOf(String connectionId) {
    return CONNECTION_CHANNEL_PREFIX + Args.notNull(connectionId, "connectionId");
  }

  @Override
  public void postToConnection(String connectionId, String text) {
    Args.notNull(text, "text");
    Invocation now = handling.get(Args.notNull(connectionId, "connectionId"));
    if (now == null || !now.post(text)) {
      grip.publish(channelOf(connectionId), WebSocketMessageFormat.text(text));
    }
  }

  @Override
  public void postToConnection(String connectionId, byte[] data) {
    Args.notNull(data, "data");
    Invocation now = handling.get(Args.notNull(connectionId, "connectionId"));
    if (now == null || !now.post(data)) {
      grip.publish(channelOf(connectionId), WebSocketMessageFormat.binary(data));
    }
  }

  @Override
  public void deleteConnection(String connectionId) {
    Invocation now = handling.get(Args.notNull(connectionId, "connectionId"));
    if (now == null || !now.delete()) {
      grip.publish(channelOf(connectionId), WebSocketMessageFormat.close());
    }
  }

  @Override
  public Optional<ConnectionInfo> getConnection(String connectionId) {
    Invocation now = handling.get(Args.notNull(connectionId, "connectionId"));
    return now == null ? Optional.empty() : Optional.ofNullable(now.info());
  }

  @Override
  public void broadcast(String channel, String text) {
    grip.publish(Args.notNull(channel, "channel"), WebSocketMessageFormat.text(Args.notNull(text, "text")));
  }

  @Override
  public void broadcast(String channel, byte[] data) {
    grip.publish(Args.notNull(channel, "channel"), WebSocketMessageFormat.binary(Args.notNull(data, "data")));
  }

  @Override
  public void subscribe(String connectionId, String channel) {
    join(connectionId, channel, true);
  }

  @Override
  public void unsubscribe(String connectionId, String channel) {
    join(connectionId, channel, false);
  }

  private void join(String connectionId, String channel, boolean join) {
    Args.notNull(channel, "channel");
    Invocation now = handling.get(Args.notNull(connectionId, "connectionId"));
    if (now == null || !now.channel(channel, join)) {
      throw new IllegalStateException("connection " + connectionId + " has no event being handled here: a"
          + " connection is " + (join ? "subscribed" : "unsubscribed") + " in the answer to one of its own events"
          + " (its $connect, or any route it calls), while the handler runs");
    }
  }

  /** Registers the request being handled for its connection. */
  void begin(Invocation invocation) {
    handling.put(invocation.connectionId(), invocation);
  }

  /** Forgets it, unless a later request of the same connection took its place. */
  void end(Invocation invocation) {
    handling.remove(invocation.connectionId(), invocation);
  }

  /** How many requests are being handled: for tests, which check that none is left behind. */
  int handlingCount() {
    return handling.size();
  }

  @Override
  public String toString() {
    return "GripConnections{" + grip + "}";
  }

  /** Null checks with the library's own exception, naming the argument. */
  static final class Args {
    private Args() {}

    static <T> T notNull(T value, String name) {
      if (value == null) {
        throw new GripException(name + " is null");
      }
      return value;
    }
  }
}
