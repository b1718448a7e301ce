package org.faasgrip.examples.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.servlet.GripServlet;

/**
 * HTTP streaming as a servlet: a GET is held open by the proxy on channel {@value #CHANNEL}, and everything
 * published there as {@code HttpStreamFormat} is appended to it. The servlet answers at once.
 */
public class StreamServlet extends GripServlet {
  private static final long serialVersionUID = 1L;
  /** The channel the streams follow. */
  public static final String CHANNEL = "news";
  /** What a client receives first. */
  public static final String OPENED = "stream open\n";

  /** Creates the servlet, configured from the environment when the container initialises it. */
  public StreamServlet() {}

  /**
   * Creates the servlet with a configuration of its own.
   *
   * @param grip the configuration
   */
  public StreamServlet(Grip grip) {
    super(grip);
  }

  /**
   * Opens a stream: {@code Grip-Hold: stream} on {@value #CHANNEL} (with the configured prefix).
   *
   * @param request the request
   * @param servletRequest the same request, unused
   * @return the hold response
   */
  @Override
  protected GripResponse handle(GripRequest request, HttpServletRequest servletRequest) {
    return grip().holdStream(CHANNEL, OPENED);
  }
}
