package org.faasgrip.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.websocket.WebSocketContext;
import org.faasgrip.websocket.WebSocketMessage;

/**
 * The servlet the end-to-end tests run: the chat on {@code /chat} (binary messages echoed to the sender), an HTTP
 * stream on {@code /stream} and a long-poll on {@code /poll} (query: {@code timeout} in seconds, {@code channel}).
 */
final class TestApp extends GripServlet {
  private static final long serialVersionUID = 1L;
  static final String CHAT_CHANNEL = "room";
  static final String STREAM_CHANNEL = "news";
  static final String POLL_CHANNEL = "poll";

  TestApp(Grip grip) {
    super(grip);
  }

  @Override
  protected GripResponse handle(GripRequest request, HttpServletRequest servletRequest) {
    switch (request.path()) {
      case "/chat":
        return chat(grip().webSocket(request));
      case "/stream":
        return grip().holdStream(STREAM_CHANNEL, "stream open\n");
      case "/poll":
        String timeout = servletRequest.getParameter("timeout");
        String channel = servletRequest.getParameter("channel");
        return grip().holdResponse(channel == null ? POLL_CHANNEL : channel,
            timeout == null ? 20 : Integer.parseInt(timeout), "timed out\n");
      default:
        return GripResponse.builder().status(404).body("not found\n").build();
    }
  }

  private GripResponse chat(WebSocketContext ws) {
    if (ws.isOpening()) {
      ws.accept();
      ws.subscribe(CHAT_CHANNEL);
    }
    while (ws.canRecv()) {
      WebSocketMessage message = ws.recvMessage();
      if (message.type() == WebSocketMessage.Type.CLOSE || message.type() == WebSocketMessage.Type.DISCONNECT) {
        ws.close();
        break;
      }
      if (message.type() == WebSocketMessage.Type.BINARY) {
        ws.sendBinary(message.bytes());
      } else if (message.text().startsWith("/nick ")) {
        String nick = message.text().substring(6);
        ws.meta().put("nick", nick);
        ws.send("nickname set to [" + nick + "]");
      } else {
        String nick = ws.meta().getOrDefault("nick", "anonymous");
        grip().publish(CHAT_CHANNEL, WebSocketMessageFormat.text(nick + ": " + message.text()));
      }
    }
    return ws.toGripResponse();
  }
}
