package org.faasgrip.examples.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.faasgrip.examples.LongPolling;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.servlet.GripServlet;

/**
 * HTTP long-polling as a servlet, as {@link LongPolling} is for Lambda: a request is held by the proxy on channel
 * {@value LongPolling#CHANNEL} until something is published there, or until the timeout ({@code timeout} query
 * parameter, 1 to {@value LongPolling#MAX_TIMEOUT} seconds, default {@value LongPolling#DEFAULT_TIMEOUT}), when
 * the proxy answers {@code request timed out}.
 */
public class LongPollServlet extends GripServlet {
  private static final long serialVersionUID = 1L;

  /** Creates the servlet, configured from the environment when the container initialises it. */
  public LongPollServlet() {}

  /**
   * Creates the servlet with a configuration of its own.
   *
   * @param grip the configuration
   */
  public LongPollServlet(Grip grip) {
    super(grip);
  }

  /**
   * Holds the request, or answers 400 for a bad {@code timeout}.
   *
   * @param request the request
   * @param servletRequest the same request, for its {@code timeout} query parameter
   * @return the hold response, or 400
   */
  @Override
  protected GripResponse handle(GripRequest request, HttpServletRequest servletRequest) {
    String timeout = servletRequest.getParameter("timeout");
    int seconds = LongPolling.DEFAULT_TIMEOUT;
    if (timeout != null) {
      try {
        seconds = Integer.parseInt(timeout.trim());
      } catch (NumberFormatException e) {
        seconds = -1;
      }
      if (seconds < 1 || seconds > LongPolling.MAX_TIMEOUT) {
        return GripResponse.builder().status(400).addHeader("Content-Type", "text/plain")
            .body("timeout must be a whole number of seconds from 1 to " + LongPolling.MAX_TIMEOUT + "\n").build();
      }
    }
    return grip().holdResponse(LongPolling.CHANNEL, seconds, LongPolling.TIMED_OUT);
  }
}
