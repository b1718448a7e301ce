/**
 * Handlers written for an API Gateway WebSocket API, run behind a GRIP proxy by {@code faas-grip-apigw-websocket}:
 * AWS's tutorial chat ({@link org.faasgrip.examples.apigw.SendMessageChat}, deployed by
 * {@code sam/apigw-websocket.yaml} as {@link org.faasgrip.examples.apigw.SendMessageChatFunction}) and the demo's
 * plain-text chat ({@link org.faasgrip.examples.apigw.PlainTextChat}, {@code scripts/demo --platform
 * apigw-websocket}).
 */
package org.faasgrip.examples.apigw;
