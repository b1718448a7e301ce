package org.faasgrip.apigw;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link Connections#getConnection(String)} knows of a connection: the fields of the {@code @connections}
 * API's {@code GetConnection} answer ({@code ConnectedAt}, {@code Identity.SourceIp}, {@code Identity.UserAgent},
 * {@code LastActiveAt}). Immutable.
 */
public final class ConnectionInfo {
  private final String connectionId;
  private final Instant connectedAt;
  private final Instant lastActiveAt;
  private final String sourceIp;
  private final String userAgent;

  ConnectionInfo(String connectionId, Instant connectedAt, Instant lastActiveAt, String sourceIp, String userAgent) {
    this.connectionId = connectionId;
    this.connectedAt = connectedAt;
    this.lastActiveAt = lastActiveAt;
    this.sourceIp = sourceIp;
    this.userAgent = userAgent;
  }

  /**
   * Returns the connection's id, as the proxy gave it.
   *
   * @return the id
   */
  public String connectionId() {
    return connectionId;
  }

  /**
   * Returns when the connection was opened: the time of its {@code $connect}, which the proxy keeps as connection
   * meta.
   *
   * @return the time
   */
  public Instant connectedAt() {
    return connectedAt;
  }

  /**
   * Returns when the connection was last active: the time of the request being handled.
   *
   * @return the time
   */
  public Instant lastActiveAt() {
    return lastActiveAt;
  }

  /**
   * Returns the client's address, as the event's {@code identity.sourceIp} has it.
   *
   * @return the address
   */
  public String sourceIp() {
    return sourceIp;
  }

  /**
   * Returns the client's {@code User-Agent}, or null when its handshake had none.
   *
   * @return the user agent, or null
   */
  public String userAgent() {
    return userAgent;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ConnectionInfo)) {
      return false;
    }
    ConnectionInfo c = (ConnectionInfo) o;
    return connectionId.equals(c.connectionId) && connectedAt.equals(c.connectedAt)
        && lastActiveAt.equals(c.lastActiveAt) && sourceIp.equals(c.sourceIp) && Objects.equals(userAgent, c.userAgent);
  }

  @Override
  public int hashCode() {
    return Objects.hash(connectionId, connectedAt, lastActiveAt, sourceIp, userAgent);
  }

  @Override
  public String toString() {
    return "ConnectionInfo{" + connectionId + ", connectedAt=" + connectedAt + ", lastActiveAt=" + lastActiveAt
        + ", sourceIp=" + sourceIp + "}";
  }
}
