package org.faasgrip.examples.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.faasgrip.examples.Chat;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.servlet.GripServlet;

/**
 * The JavaScript faas-grip library's chat as a servlet: every connection is accepted and joins channel
 * {@value Chat#CHANNEL}; {@code /nick NAME} sets the connection's nickname; any other message goes to every
 * connection as {@code NAME: message}. The configuration comes from the environment ({@code GRIP_URL},
 * {@code GRIP_VERIFY}, ...) unless given.
 */
public class ChatServlet extends GripServlet {
  private static final long serialVersionUID = 1L;

  /** Creates the servlet, configured from the environment when the container initialises it. */
  public ChatServlet() {}

  /**
   * Creates the servlet with a configuration of its own.
   *
   * @param grip the configuration
   */
  public ChatServlet(Grip grip) {
    super(grip);
  }

  /**
   * Answers one batch of WebSocket activity.
   *
   * @param request the WebSocket-over-HTTP request
   * @param servletRequest the same request, unused
   * @return the outgoing events
   */
  @Override
  protected GripResponse handle(GripRequest request, HttpServletRequest servletRequest) {
    return respond(grip(), request);
  }

  /**
   * The chat itself, for servlets that route several paths ({@code DemoServlet}).
   *
   * @param grip the configuration to check signatures and publish with
   * @param request the WebSocket-over-HTTP request
   * @return the outgoing events
   * @throws org.faasgrip.GripException if the request is not WebSocket-over-HTTP, not signed when it must be, or
   *     a publish fails
   */
  public static GripResponse respond(Grip grip, GripRequest request) {
    return Chat.handle(grip.webSocket(request), grip);
  }
}
