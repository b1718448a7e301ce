package org.faasgrip.grip;

import org.faasgrip.GripException;
import org.faasgrip.internal.Http;
import org.faasgrip.internal.Users;

/**
 * The subscription filters a GRIP proxy applies to what is published, and the meta names they compare: a
 * subscription names its filters ({@code WebSocketContext.subscribe(channel, Filters.SKIP_SELF)}, or
 * {@link Channel.Builder#filter(String)} on a hold), the connection's meta and the item's meta say who is who.
 *
 * <p>What Pushpin 1.36 does with them (its {@code src/handler/filter.cpp}, and the integration tests):
 * <ul>
 *   <li>{@link #SKIP_SELF}: an item whose {@code sender} meta equals the subscriber's {@code user} meta is not
 *       delivered to it, so a client does not get its own messages back;
 *   <li>{@link #SKIP_USERS}: an item whose {@code skip_users} meta (names separated by commas) lists the
 *       subscriber's {@code user} is not delivered to it;
 *   <li>{@link #REQUIRE_SUB}: an item whose {@code require_sub} meta names a channel is delivered only to
 *       subscribers that hold that channel too. On WebSockets, Pushpin up to 1.41 never sees the channels of the
 *       subscriber here, so it drops <em>every</em> such item; it works for HTTP holds;
 *   <li>{@link #BUILD_ID}: writes ids into the content ({@code %(name)I}, hex with the {@code id_encoding=hex}
 *       meta); the subscriber needs an {@code id_format} meta, or nothing is delivered;
 *   <li>{@link #VAR_SUBST}: replaces {@code %(name)s} in the content with the subscriber's meta {@code name};
 *       an item that names meta the subscriber lacks is not delivered to it.
 * </ul>
 *
 * <p>On a WebSocket, the subscriber's meta that these filters read is what the {@code set-meta} control message
 * set ({@code WebSocketContext.setMeta}, {@code setUser}), <b>not</b> the {@code Set-Meta-*} response headers
 * ({@code meta()}): those stay in the proxy's WebSocket-over-HTTP layer and come back to the function as
 * {@code Meta-*}, which the filters never see. On an HTTP hold it is {@code Grip-Set-Meta}.
 */
public final class Filters {
  /** Skip the subscriber whose {@code user} meta is the item's {@code sender} meta. */
  public static final String SKIP_SELF = "skip-self";
  /** Skip the subscribers whose {@code user} meta the item's {@code skip_users} meta lists. */
  public static final String SKIP_USERS = "skip-users";
  /** Deliver only to subscribers of the channel that the item's {@code require_sub} meta names. */
  public static final String REQUIRE_SUB = "require-sub";
  /** Write ids into the content, as the subscriber's {@code id_format} meta says. */
  public static final String BUILD_ID = "build-id";
  /** Replace {@code %(name)s} in the content with the subscriber's meta {@code name}. */
  public static final String VAR_SUBST = "var-subst";

  /** The subscriber's meta that {@link #SKIP_SELF} and {@link #SKIP_USERS} compare. */
  public static final String USER = "user";
  /** The item's meta that {@link #SKIP_SELF} compares with the subscriber's {@link #USER}. */
  public static final String SENDER = "sender";
  /** The item's meta that {@link #SKIP_USERS} reads: user names separated by commas. */
  public static final String SKIP_USERS_META = "skip_users";
  /** The item's meta that {@link #REQUIRE_SUB} reads: a channel name. */
  public static final String REQUIRE_SUB_META = "require_sub";

  /** What a user's own channel starts with: see {@link #userChannel(String)}. */
  public static final String USER_CHANNEL_PREFIX = "user:";

  private Filters() {}

  /**
   * Returns the channel that only one user's connections subscribe to, {@code user:<user>}: what reaches "only
   * these users", which no filter does. {@code WebSocketContext.setUser} subscribes the connection to it, and
   * {@code Item.toUsers} publishes to it.
   *
   * @param user the user, as {@code setUser} takes it
   * @return the channel name, without {@code GRIP_PREFIX} (subscribe and publish put it in front)
   * @throws GripException if the user is null, empty, or holds a comma, a control character, or white space at
   *     either end
   */
  public static String userChannel(String user) {
    String problem = Users.problem(user);
    if (problem != null) {
      throw new GripException("user '" + (user == null ? "null" : Http.printable(user)) + "' " + problem);
    }
    return USER_CHANNEL_PREFIX + user;
  }
}
