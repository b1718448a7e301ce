package org.faasgrip.examples;

import com.amazonaws.services.lambda.runtime.Context;
import org.faasgrip.lambda.GripStreamHandler;
import org.faasgrip.lambda.LambdaEvent;
import org.faasgrip.lambda.LambdaJsonResponse;

/**
 * The JavaScript faas-grip chat example as a {@code RequestStreamHandler}: it reads the raw event JSON of any payload (1.0, 2.0, ALB)
 * without the AWS event classes or reflection, for the shortest cold start. The base class answers a request
 * that is not WebSocket-over-HTTP with 400 {@code Not a WebSocket-over-HTTP request}, a malformed event or body
 * with 400, and a bad {@code Grip-Sig} with 403.
 */
public final class ChatStreamHandler extends GripStreamHandler {

  /** Creates the handler; the Lambda runtime makes one per execution environment. */
  public ChatStreamHandler() {}

  /**
   * Handles one WebSocket-over-HTTP request.
   *
   * @param event the request
   * @param context the invocation's context
   * @return the events for the client, in the event's shape
   */
  @Override
  protected LambdaJsonResponse handle(LambdaEvent event, Context context) {
    return Chat.handle(webSocket(event));
  }
}
