/**
 * Lambda handlers written for an API Gateway WebSocket API, run unchanged behind a GRIP proxy (Pushpin, Fastly
 * Fanout): the proxy holds the sockets, and this package turns its WebSocket-over-HTTP requests into the
 * {@code APIGatewayV2WebSocketEvent}s of {@code $connect}, the message routes and {@code $disconnect}, and the
 * {@code @connections} API into publishes.
 *
 * <ul>
 *   <li>{@link org.faasgrip.apigw.WebSocketApi}: the routes, the route selection expression, and the conversion;
 *       {@link org.faasgrip.apigw.WebSocketApiHandler} is the Lambda function around it.
 *   <li>{@link org.faasgrip.apigw.Connections} and {@link org.faasgrip.apigw.GripConnections}:
 *       {@code postToConnection}, {@code deleteConnection}, {@code getConnection}, and {@code broadcast} to a
 *       channel with one publish.
 *   <li>{@link org.faasgrip.apigw.WebSocketRequestContext}: the events' request context, with
 *       {@code disconnectStatusCode} and {@code disconnectReason}.
 * </ul>
 *
 * <p>See {@code docs/migrating-from-api-gateway-websockets.md}.
 */
package org.faasgrip.apigw;
