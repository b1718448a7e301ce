package org.faasgrip.examples;

import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.lambda.LambdaWebSocketContext;
import org.faasgrip.publish.WebSocketMessageFormat;

/**
 * The seed's chat: every connection is accepted and joins channel {@value #CHANNEL}; {@code /nick NAME} sets the
 * connection's nickname; any other message goes to every connection as {@code NAME: message}.
 *
 * <p>One method serves every Lambda payload: it works on a {@link LambdaWebSocketContext} of any response type,
 * and the entry points ({@link ChatHandler}, {@link ChatHttpApiHandler}, {@link ChatAlbHandler},
 * {@link ChatStreamHandler}) only get the context from their event.
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
        FaasGrip.publish(CHANNEL, WebSocketMessageFormat.text(nick + ": " + message));
      }
    }

    return ws.toResponse();
  }
}
