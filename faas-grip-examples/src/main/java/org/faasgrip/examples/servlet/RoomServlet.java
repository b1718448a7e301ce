package org.faasgrip.examples.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.faasgrip.GripException;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.publish.InvalidItemException;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.servlet.GripServlet;
import org.faasgrip.websocket.WebSocketContext;

/**
 * A chat room of users, with the proxy's filters doing the addressing: a message goes to everyone in the room
 * but its sender, and {@code /to bob,carol text} goes to those users only. The user comes from the {@code user}
 * query parameter of the WebSocket's URI ({@code /room?user=alice}); a real application takes it from a token it
 * has verified. A connection without a usable user is not accepted.
 */
public class RoomServlet extends GripServlet {
  private static final long serialVersionUID = 1L;
  /** The room's channel. */
  public static final String ROOM = "room";

  /** Creates the servlet, configured from the environment when the container initialises it. */
  public RoomServlet() {}

  /**
   * Creates the servlet with a configuration of its own.
   *
   * @param grip the configuration
   */
  public RoomServlet(Grip grip) {
    super(grip);
  }

  /**
   * Answers one batch of WebSocket activity.
   *
   * @param request the WebSocket-over-HTTP request
   * @param servletRequest the same request, for its {@code user} query parameter
   * @return the outgoing events
   */
  @Override
  protected GripResponse handle(GripRequest request, HttpServletRequest servletRequest) {
    WebSocketContext ws = grip().webSocket(request);
    if (ws.isOpening()) {
      try {
        // One call: the user for the proxy's filters, the room with skip-self, and the user's own channel.
        ws.subscribeAs(servletRequest.getParameter("user"), ROOM);
      } catch (GripException e) {   // no user, or one the filters could not compare (a comma, ...)
        return ws.toGripResponse();   // not accepted: the proxy refuses the client's handshake
      }
      ws.accept();
    }
    while (ws.canRecv()) {
      String message = ws.recv();
      if (message == null) {
        ws.close();
        break;
      }
      String user = ws.user();
      if (message.startsWith("/to ") && message.indexOf(' ', 4) > 4) {
        // Only these users: one item on each one's own channel, in one publish.
        int space = message.indexOf(' ', 4);
        List<String> users = List.of(message.substring(4, space).split(","));
        try {
          grip().publish(Item.toUsers(users, WebSocketMessageFormat.text(user + " to you: "
              + message.substring(space + 1))));
        } catch (InvalidItemException e) {
          ws.send("not sent: " + e.getMessage());
        }
      } else {
        // Everyone in the room but the sender.
        grip().publish(Item.builder(ROOM).sender(user).format(WebSocketMessageFormat.text(user + ": " + message))
            .build());
      }
    }
    return ws.toGripResponse();
  }
}
