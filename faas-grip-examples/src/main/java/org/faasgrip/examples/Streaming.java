package org.faasgrip.examples;

import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.publish.HttpStreamFormat;

/**
 * HTTP streaming, as in the JavaScript faas-grip library: a request is answered with some initial data and held open by the proxy,
 * subscribed to channel {@value #CHANNEL}; everything published to the channel is appended to every open
 * stream. The function returns at once: the proxy, not the function, keeps the connection.
 *
 * <p>The entry points {@link StreamHandler}, {@link StreamHttpApiHandler} and {@link StreamAlbHandler} only turn
 * {@link #open()} into their platform's response type.
 */
public final class Streaming {
  /** The channel the streams are subscribed to. */
  public static final String CHANNEL = "stream";
  /** The body every stream starts with. */
  public static final String OPENED = "stream opened, prepare yourself!\n";

  private Streaming() {}

  /**
   * The response that opens a stream: {@code Grip-Hold: stream} on {@value #CHANNEL} (with the configured
   * {@code GRIP_PREFIX}), and {@link #OPENED} as the first data.
   *
   * @return the hold response
   */
  public static GripResponse open() {
    return FaasGrip.holdStream(CHANNEL, OPENED);
  }

  /**
   * The same response, with {@code grip}'s channel prefix: for platforms other than Lambda.
   *
   * @param grip the instance whose configuration applies
   * @return the hold response
   */
  public static GripResponse open(Grip grip) {
    return grip.holdStream(CHANNEL, OPENED);
  }

  /**
   * Appends data to every open stream, from this or any other function.
   *
   * @param data the data to append
   * @throws org.faasgrip.GripException if no proxy accepted it
   */
  public static void publish(String data) {
    FaasGrip.publish(CHANNEL, HttpStreamFormat.of(data));
  }
}
