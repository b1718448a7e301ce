package org.faasgrip.docs;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.List;
import java.util.Map;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.Filters;
import org.faasgrip.grip.KeepAliveMode;
import org.faasgrip.lambda.GripStreamHandler;
import org.faasgrip.lambda.LambdaEvent;
import org.faasgrip.lambda.LambdaJsonResponse;
import org.faasgrip.lambda.LambdaWebSocketContext;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.websocket.WebSocketContext;
import org.faasgrip.websocket.WebSocketEvent;
import org.faasgrip.websocket.WebSocketMessage;

/** The samples of {@code docs/websockets.md}. */
public final class WebSocketSamples {
  private WebSocketSamples() {}

  /**
   * Echoes every message, keeping text and binary apart, and answers a close with the client's code.
   *
   * @param ws the context of one request
   * @param <R> the platform's response type
   * @return the response
   */
  public static <R> R echo(LambdaWebSocketContext<R> ws) {
    // tag::ws-typed[]
    if (ws.isOpening()) {
      ws.accept();
    }
    while (ws.canRecv()) {
      WebSocketMessage m = ws.recvMessage();
      switch (m.type()) {
        case TEXT -> ws.send("echo: " + m.text());
        case BINARY -> ws.sendBinary(m.bytes());
        case CLOSE -> {                                   // answer the close handshake with the client's code
          if (m.closeCode().isPresent()) {
            ws.close(m.closeCode().getAsInt());
          } else {
            ws.close();                                   // the client sent none: neither do we
          }
        }
        case DISCONNECT -> { }                            // gone without a handshake: nothing reaches it now
      }
    }
    return ws.toResponse();
    // end::ws-typed[]
  }

  /**
   * Reads and writes the connection's meta.
   *
   * @param ws the context of one request
   */
  public static void meta(WebSocketContext ws) {
    // tag::ws-meta[]
    Map<String, String> meta = ws.meta();     // starts with the request's Meta-* headers
    String nick = meta.get("nick");           // from Meta-Nick: names are lower case, compared without case
    if (nick == null) {
      meta.put("nick", "guest-" + ws.connectionId());   // response header Set-Meta-nick
    }
    meta.remove("invite");                    // Set-Meta-invite with an empty value: deleted at the proxy
    // end::ws-meta[]
  }

  /**
   * Accepts a connection with or without GRIP mode: subscribed when the request came through the proxy, answered
   * with messages only when it did not.
   *
   * @param ws the context of one request
   */
  public static void withOrWithoutGripMode(WebSocketContext ws) {
    // tag::ws-grip-mode[]
    if (ws.isOpening()) {
      ws.accept();
      if (ws.isGrip()) {
        ws.subscribe("room");            // through the proxy: what is published to room reaches this client
      } else {
        ws.send("connected without GRIP mode: answers only, nothing published");   // a client calling directly
      }
    }
    // end::ws-grip-mode[]
  }

  /**
   * Sends each control message once.
   *
   * @param ws the context of an opening request in GRIP mode
   */
  public static void control(WebSocketContext ws) {
    // tag::ws-control[]
    ws.accept();
    ws.subscribe("room");                          // {"type":"subscribe","channel":"room"}, with GRIP_PREFIX
    ws.subscribe("user-42", Filters.SKIP_SELF);    // with a filter: "filters":["skip-self"]
    ws.unsubscribe("lobby");                       // {"type":"unsubscribe","channel":"lobby"}
    ws.keepAlive("{}", 25);                        // the text {} to the client after 25 s of silence
    ws.keepAlive(WebSocketEvent.Type.PING, new byte[0], 30,
        KeepAliveMode.INTERVAL);                   // a PING every 30 s, whatever else is sent
    ws.setMeta("room", "lobby");                   // {"type":"set-meta",...}, in order with the others
    ws.session("s-7");                             // {"type":"session","id":"s-7"}
    ws.detach();                                   // stop forwarding the client's messages to the function
    // end::ws-control[]
  }

  /**
   * Addresses users: everyone in the room but the sender, and only some users.
   *
   * @param ws the context of a request in GRIP mode
   * @param grip publishes
   */
  public static void users(WebSocketContext ws, Grip grip) {
    // tag::ws-users[]
    if (ws.isOpening()) {
      ws.accept();
      ws.subscribeAs("alice", "room");   // user alice for the filters, room with skip-self, alice's own channel
    }
    // later, on any request of the connection: ws.user() is "alice"
    grip.publish(Item.builder("room").sender(ws.user())            // everyone in the room but alice
        .format(WebSocketMessageFormat.text("hello room")).build());
    grip.publish(Item.toUsers(List.of("bob", "carol"),             // only bob and carol, wherever they are
        WebSocketMessageFormat.text("psst")));
    // end::ws-users[]
  }

  /**
   * Closes in one of the four ways.
   *
   * @param ws the context of one request
   * @param how 0 to 3
   */
  public static void close(WebSocketContext ws, int how) {
    // tag::ws-close[]
    switch (how) {
      case 0 -> ws.close();                          // CLOSE without a code (Pushpin then closes with 1000)
      case 1 -> ws.close(1000);                      // normal closure
      case 2 -> ws.close(4001, "nickname taken");    // an application's code and a reason (<= 123 UTF-8 bytes)
      default -> ws.disconnect();                    // DISCONNECT: drop the client without a close handshake
    }
    // end::ws-close[]
  }

  // tag::ws-stream-handler[]
  /** A chat on a RequestStreamHandler: no AWS event classes, no reflection. */
  public static final class ChatStream extends GripStreamHandler {
    // end::ws-stream-handler[]
    /** Creates the handler; the Lambda runtime makes one per execution environment. */
    public ChatStream() {}

    // tag::ws-stream-handler[]
    @Override
    protected LambdaJsonResponse handle(LambdaEvent event, Context context) {
      LambdaWebSocketContext<LambdaJsonResponse> ws = webSocket(event);  // a GripException is answered for you
      if (ws.isOpening()) {
        ws.accept();
        ws.subscribe("room");
      }
      while (ws.canRecv()) {
        String message = ws.recv();
        if (message == null) {
          ws.close();
          break;
        }
        grip().publish("room", WebSocketMessageFormat.text(message));
      }
      return ws.toResponse();   // JSON in the shape of the event: REST, HTTP API or ALB
    }
  }
  // end::ws-stream-handler[]
}
