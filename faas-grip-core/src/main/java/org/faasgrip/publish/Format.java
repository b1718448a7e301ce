package org.faasgrip.publish;

/**
 * One way of delivering a published item: to HTTP streaming connections ({@link HttpStreamFormat}), to held
 * long-polling requests ({@link HttpResponseFormat}), or to WebSocket connections
 * ({@link WebSocketMessageFormat}). An {@link Item} carries at most one format of each kind; the proxy hands each
 * subscriber the one that fits its connection.
 *
 * <p>Every format is an immutable value.
 */
public sealed interface Format permits HttpStreamFormat, HttpResponseFormat, WebSocketMessageFormat {
  /**
   * Returns the format's name in the publish API: {@code http-stream}, {@code http-response} or
   * {@code ws-message}. Two formats with the same name cannot go in one item.
   *
   * @return the format name
   */
  String name();

  /**
   * Returns what the proxy does with the format, in the publish API's words: {@code send} (deliver content, the
   * default, left out of the JSON), {@code close}, {@code hint} (fetch the content from the origin) or
   * {@code refresh} (call the origin now). Each format class offers only the actions Pushpin carries out for it.
   *
   * @return the action
   */
  String action();
}
