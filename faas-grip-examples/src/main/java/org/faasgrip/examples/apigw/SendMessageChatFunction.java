package org.faasgrip.examples.apigw;

import org.faasgrip.apigw.GripConnections;
import org.faasgrip.apigw.WebSocketApiHandler;

/**
 * {@link SendMessageChat} as the Lambda function behind an HTTP API route or a Function URL, with the
 * configuration of the environment ({@code GRIP_URL}, {@code GRIP_VERIFY}, {@code GRIP_PREFIX}): what
 * {@code sam/apigw-websocket.yaml} deploys.
 */
public final class SendMessageChatFunction extends WebSocketApiHandler {
  /** Created by the Lambda runtime, once per execution environment. */
  public SendMessageChatFunction() {
    super(SendMessageChat.api(GripConnections.fromEnvironment()));
  }
}
