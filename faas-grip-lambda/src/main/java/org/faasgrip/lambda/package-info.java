/**
 * FaaS GRIP on AWS Lambda: WebSockets (over WebSocket-over-HTTP), HTTP streaming and long-polling through a GRIP
 * proxy, for functions behind an API Gateway REST API (payload 1.0), an HTTP API or Function URL (payload 2.0),
 * or an Application Load Balancer.
 *
 * <p>The adapter is thin: a platform event becomes the core's {@link org.faasgrip.grip.GripRequest}, the core's
 * {@link org.faasgrip.websocket.WebSocketContext} does the protocol, {@link org.faasgrip.function.Grip} applies
 * the rules every function platform shares (configuration, {@code Grip-Sig}, publishing, hold and error
 * responses), and the {@link org.faasgrip.grip.GripResponse} is written as the platform's response type by
 * {@link org.faasgrip.lambda.LambdaResponses}, the one place where those rules live.
 *
 * <ul>
 *   <li>{@link org.faasgrip.lambda.FaasGrip}: the static entry point ({@code lambdaGetWebSocket}, {@code publish},
 *       {@code isFromProxy}, hold and error responses) over a shared {@link org.faasgrip.function.Grip} made
 *       from the environment once; {@link org.faasgrip.lambda.LambdaGrip} reads Lambda events for an instance of
 *       one's own.
 *   <li>{@link org.faasgrip.lambda.LambdaWebSocketContext}: the pseudo-socket whose {@code toResponse()} has the
 *       request's platform type.
 *   <li>{@link org.faasgrip.lambda.GripStreamHandler}: a {@code RequestStreamHandler} base class that reads the
 *       raw event JSON with a streaming parser, for the shortest cold start; it needs neither reflection nor the
 *       optional aws-lambda-java-events library.
 *   <li>Failures have the library's types: {@link org.faasgrip.websocket.NotWebSocketRequestException} and
 *       {@link org.faasgrip.websocket.WebSocketProtocolException} (400),
 *       {@link org.faasgrip.lambda.LambdaEventException} (400), {@link org.faasgrip.function.NotFromProxyException}
 *       (403); {@link org.faasgrip.function.Grip#errorResponse(org.faasgrip.GripException)} answers each.
 * </ul>
 */
package org.faasgrip.lambda;
