package org.faasgrip.examples;

import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.lambda.LambdaWebSocketContext;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.websocket.WebSocketContext;

/**
 * The JavaScript faas-grip chat example: every connection is accepted and joins channel {@value #CHANNEL}; {@code /nick NAME} sets the
 * connection's nickname; any other message goes to every connection as {@code NAME: message}.
 *
 * <p>One method serves every Lambda payload: it works on a {@link LambdaWebSocketContext} of any response type,
 * and the entry points ({@link ChatHandler}, {@link ChatHttpApiHandler}, {@link ChatAlbHandler},
 * {@link ChatStreamHandler}) only get the context from their event. Other platforms' entry points (such as
 * {@code org.faasgrip.examples.gcf.ChatFunction}) use {@link #handle(WebSocketContext, Grip)}.
 *
 * <p>The while loop looks like it runs for the life of the connection, but it runs through the batch of
 * messages that this one HTTP request carried, often a single one; the context lives for one invocation. The
 * nickname survives between invocations because the proxy keeps it as connection meta and sends it back with
 * every request.
 */
public final class Chat {
  /** The channel every connection joins. */
  public static final String CHANNEL = "room";

  private Chat() {}

  /**
   * Handles one batch of WebSocket activity.
   *
   * @param ws the connection's context for this request
   * @param <R> the platform's response type
   * @return the response that carries the outgoing events
   */
  public static <R> R handle(LambdaWebSocketContext<R> ws) {
    run(ws, null);
    return ws.toResponse();
  }

  /**
   * Handles one batch of WebSocket activity on any platform, publishing through {@code grip}.
   *
   * @param ws the connection's context for this request, from {@code grip.webSocket(request)}
   * @param grip the instance to publish through
   * @return the response that carries the outgoing events
   */
  public static GripResponse handle(WebSocketContext ws, Grip grip) {
    run(ws, grip);
    return ws.toGripResponse();
  }

  /** The chat itself; {@code grip} null publishes through {@link FaasGrip}'s shared instance. */
  private static void run(WebSocketContext ws, Grip grip) {
    // if this is a new connection, accept it and subscribe it to a channel
    if (ws.isOpening()) {
      ws.accept();
      ws.subscribe(CHANNEL);
    }

    // here we loop over any messages
    while (ws.canRecv()) {
      String message = ws.recv();

      // if return value is null, then the connection is closed
      if (message == null) {
        ws.close();
        break;
      }

      if (message.startsWith("/nick ")) {
        String nick = message.substring(6);
        ws.meta().put("nick", nick);
        ws.send("nickname set to [" + nick + "]");
      } else {
        // send the message to all clients
        String nick = ws.meta().getOrDefault("nick", "anonymous");
        WebSocketMessageFormat text = WebSocketMessageFormat.text(nick + ": " + message);
        if (grip == null) {
          FaasGrip.publish(CHANNEL, text);
        } else {
          grip.publish(CHANNEL, text);
        }
      }
    }
  }
}
