/**
 * Examples of FaaS GRIP for AWS Lambda: the JavaScript faas-grip chat example over WebSocket-over-HTTP ({@link
 * org.faasgrip.examples.Chat}), HTTP streaming ({@link org.faasgrip.examples.Streaming}) and long-polling ({@link
 * org.faasgrip.examples.LongPolling}).
 *
 * <p>Each example is one piece of logic with a thin entry point per Lambda payload: {@code ...Handler} for an API
 * Gateway REST API (payload 1.0), {@code ...HttpApiHandler} for an HTTP API or Function URL (payload 2.0),
 * {@code ...AlbHandler} for an Application Load Balancer; {@link org.faasgrip.examples.ChatStreamHandler} is the
 * chat as a {@code RequestStreamHandler} for any of them. {@code sam/template.yaml} deploys them.
 */
package org.faasgrip.examples;
