package org.faasgrip.lambda;

import org.faasgrip.function.Grip;
import com.amazonaws.services.lambda.runtime.Context;

/** The JavaScript faas-grip library's chat handler as a stream handler; used in-process and, without the AWS event classes, in a child JVM. */
public final class ChatStreamHandler extends GripStreamHandler {
  private final Grip grip;

  /** Uses the shared instance, as a deployed handler would. */
  public ChatStreamHandler() {
    this(null);
  }

  ChatStreamHandler(Grip grip) {
    this.grip = grip;
  }

  @Override
  protected Grip grip() {
    return grip != null ? grip : super.grip();
  }

  @Override
  protected LambdaJsonResponse handle(LambdaEvent event, Context context) {
    if (event.request().method().equals("GET") && event.request().path().equals("/stream")) {
      return respond(event, grip().holdStream("news", "stream opened\n"));
    }
    // The same chat as the typed handlers, so that both paths answer alike.
    return TypedChatHandlers.chat(webSocket(event), grip());
  }
}
