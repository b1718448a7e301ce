package org.faasgrip.examples.gcf;

import com.google.cloud.functions.HttpRequest;
import org.faasgrip.examples.Chat;
import org.faasgrip.function.Grip;
import org.faasgrip.gcf.GripHttpFunction;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;

/**
 * The chat ({@link Chat}, as in the JavaScript faas-grip library) as a Cloud Functions / Cloud Run functions HTTP function: deploy with
 * {@code --entry-point org.faasgrip.examples.gcf.ChatFunction}. Configured by {@code GRIP_URL},
 * {@code GRIP_PREFIX} and {@code GRIP_VERIFY} in the function's environment.
 */
public final class ChatFunction extends GripHttpFunction {
  /** Creates the function; the invoker makes one per function instance. */
  public ChatFunction() {}

  /**
   * Creates the function with a configuration of its own instead of the environment's, for tests and
   * benchmarks.
   *
   * @param grip the configuration, publisher and rules
   */
  public ChatFunction(Grip grip) {
    super(grip);
  }

  /**
   * Handles one WebSocket-over-HTTP request.
   *
   * @param request the request
   * @param httpRequest the invoker's request (unused)
   * @return the events for the client
   */
  @Override
  protected GripResponse handle(GripRequest request, HttpRequest httpRequest) {
    return Chat.handle(grip().webSocket(request), grip());
  }
}
