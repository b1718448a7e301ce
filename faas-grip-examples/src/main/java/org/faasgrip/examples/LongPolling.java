package org.faasgrip.examples;

import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.publish.HttpResponseFormat;

/**
 * HTTP long-polling, as in the JavaScript faas-grip library: a request is held by the proxy on channel {@value #CHANNEL} until something
 * is published there, which becomes its response, or until the timeout, when the proxy sends the response given
 * here, {@code request timed out}. The function returns at once.
 *
 * <p>The timeout is {@value #DEFAULT_TIMEOUT} seconds, or the {@code timeout} query parameter (1 to
 * {@value #MAX_TIMEOUT}). The entry points {@link LongPollHandler}, {@link LongPollHttpApiHandler} and
 * {@link LongPollAlbHandler} only read that parameter from their event and turn {@link #hold(String)} into their
 * platform's response type.
 */
public final class LongPolling {
  /** The channel the requests wait on. */
  public static final String CHANNEL = "poll";
  /** The body of a request that timed out. */
  public static final String TIMED_OUT = "request timed out\n";
  /** The default timeout, in seconds. */
  public static final int DEFAULT_TIMEOUT = 20;
  /** The longest timeout a client may ask for, in seconds. */
  public static final int MAX_TIMEOUT = 300;

  private LongPolling() {}

  /**
   * The response that holds a request: {@code Grip-Hold: response} on {@value #CHANNEL} (with the configured
   * {@code GRIP_PREFIX}) and {@code Grip-Timeout}, and {@link #TIMED_OUT} as the body sent when it times out. A {@code timeout} that is
   * not a whole number of seconds from 1 to {@value #MAX_TIMEOUT} is answered with 400.
   *
   * @param timeout the {@code timeout} query parameter, or null for the default
   * @return the hold response, or a 400 response
   */
  public static GripResponse hold(String timeout) {
    return hold(null, timeout);
  }

  /**
   * The same response, with {@code grip}'s channel prefix: for platforms other than Lambda.
   *
   * @param grip the instance whose configuration applies; null for {@code FaasGrip}'s shared instance
   * @param timeout the {@code timeout} query parameter, or null for the default
   * @return the hold response, or a 400 response
   */
  public static GripResponse hold(Grip grip, String timeout) {
    int seconds = DEFAULT_TIMEOUT;
    if (timeout != null) {
      try {
        seconds = Integer.parseInt(timeout.trim());
      } catch (NumberFormatException e) {
        seconds = -1;
      }
      if (seconds < 1 || seconds > MAX_TIMEOUT) {
        return GripResponse.builder()
            .status(400)
            .addHeader("Content-Type", "text/plain")
            .body("timeout must be a whole number of seconds from 1 to " + MAX_TIMEOUT + "\n")
            .build();
      }
    }
    return grip == null ? FaasGrip.holdResponse(CHANNEL, seconds, TIMED_OUT)
        : grip.holdResponse(CHANNEL, seconds, TIMED_OUT);
  }

  /**
   * Releases every waiting request with this body as its response (status 200).
   *
   * @param body the response body
   * @throws org.faasgrip.GripException if no proxy accepted it
   */
  public static void publish(String body) {
    FaasGrip.publish(CHANNEL, HttpResponseFormat.of(body));
  }
}
