package org.faasgrip.apigw;

import java.util.Optional;

/**
 * The {@code @connections} API of an API Gateway WebSocket API, for handlers run behind a GRIP proxy: what
 * {@code ApiGatewayManagementApiClient}'s {@code postToConnection}, {@code deleteConnection} and
 * {@code getConnection} do, plus what the proxy does better than a loop over a table of connection ids:
 * {@link #broadcast(String, String)} to every connection subscribed to a channel, with one publish.
 *
 * <pre>{@code
 * // before: ApiGatewayManagementApiClient api = ApiGatewayManagementApiClient.builder().endpointOverride(...).build();
 * //         api.postToConnection(PostToConnectionRequest.builder().connectionId(id)
 * //             .data(SdkBytes.fromUtf8String(message)).build());
 * connections.postToConnection(id, message);
 * }</pre>
 *
 * <p>Implemented by {@link GripConnections}; a test can implement it to record what a handler does.
 */
public interface Connections {
  /**
   * Sends a text message to one connection.
   *
   * @param connectionId the connection, as {@code requestContext.connectionId} gave it
   * @param text the message
   * @throws org.faasgrip.GripException if the proxy did not take it
   */
  void postToConnection(String connectionId, String text);

  /**
   * Sends a binary message to one connection.
   *
   * @param connectionId the connection, as {@code requestContext.connectionId} gave it
   * @param data the message's bytes
   * @throws org.faasgrip.GripException if the proxy did not take it
   */
  void postToConnection(String connectionId, byte[] data);

  /**
   * Closes a connection; its {@code $disconnect} route runs when the close completes.
   *
   * @param connectionId the connection
   * @throws org.faasgrip.GripException if the proxy did not take it
   */
  void deleteConnection(String connectionId);

  /**
   * Describes a connection.
   *
   * @param connectionId the connection
   * @return what is known of it; empty when nothing is
   */
  Optional<ConnectionInfo> getConnection(String connectionId);

  /**
   * Sends a text message to every connection subscribed to a channel.
   *
   * @param channel the channel
   * @param text the message
   * @throws org.faasgrip.GripException if the proxy did not take it
   */
  void broadcast(String channel, String text);

  /**
   * Sends a binary message to every connection subscribed to a channel.
   *
   * @param channel the channel
   * @param data the message's bytes
   * @throws org.faasgrip.GripException if the proxy did not take it
   */
  void broadcast(String channel, byte[] data);

  /**
   * Subscribes a connection to a channel, so that {@link #broadcast} to it reaches the connection. Only a
   * connection whose event is being handled can be subscribed: the subscription travels in the answer to that
   * event (in {@code $connect}, say).
   *
   * @param connectionId the connection whose event is being handled
   * @param channel the channel
   * @throws IllegalStateException if no event of that connection is being handled
   */
  void subscribe(String connectionId, String channel);

  /**
   * Unsubscribes a connection from a channel; like {@link #subscribe}, only while one of its events is handled.
   *
   * @param connectionId the connection whose event is being handled
   * @param channel the channel
   * @throws IllegalStateException if no event of that connection is being handled
   */
  void unsubscribe(String connectionId, String channel);
}
