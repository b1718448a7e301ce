package org.faasgrip.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import org.faasgrip.publish.WebSocketMessageFormat;

/** The seed's chat handler as a stream handler; used in-process and, without the AWS event classes, in a child JVM. */
public final class ChatStreamHandler extends GripStreamHandler {
  private final LambdaGrip grip;

  /** Uses the shared instance, as a deployed handler would. */
  public ChatStreamHandler() {
    this(null);
  }

  ChatStreamHandler(LambdaGrip grip) {
    this.grip = grip;
  }

  @Override
  protected LambdaGrip grip() {
    return grip != null ? grip : super.grip();
  }

  @Override
  protected LambdaJsonResponse handle(LambdaEvent event, Context context) {
    if (event.request().method().equals("GET") && event.request().path().equals("/stream")) {
      return respond(event, grip().holdStream("news", "stream opened\n"));
    }
    LambdaWebSocketContext<LambdaJsonResponse> ws = webSocket(event);
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
      if (message.startsWith("/nick ")) {
        String nick = message.substring(6);
        ws.meta().put("nick", nick);
        ws.send("nickname set to [" + nick + "]");
      } else {
        String nick = ws.meta().getOrDefault("nick", "anonymous");
        grip().publish("room", WebSocketMessageFormat.text(nick + ": " + message));
      }
    }
    return ws.toResponse();
  }
}
