/**
 * WebSocket-over-HTTP: how a GRIP proxy turns a client's WebSocket into short HTTP requests, and how a function
 * answers them.
 *
 * <ul>
 *   <li>{@link org.faasgrip.websocket.WebSocketContext} is what handlers use: the JavaScript faas-grip library's pseudo-socket
 *       ({@code isOpening}, {@code accept}, {@code canRecv}, {@code recv}, {@code send}, {@code subscribe},
 *       {@code close}, {@code meta}) over one request, producing the response with
 *       {@link org.faasgrip.websocket.WebSocketContext#toGripResponse()}.
 *   <li>{@link org.faasgrip.websocket.WebSocketEventDecoder} and
 *       {@link org.faasgrip.websocket.WebSocketEventEncoder} are the codec of the body format
 *       ({@code TYPE [hex length]\r\n[content]\r\n} per {@link org.faasgrip.websocket.WebSocketEvent}): binary-safe,
 *       linear, zero-copy on decode, one allocation on encode.
 *   <li>Failures are {@link org.faasgrip.GripException}s: {@link org.faasgrip.websocket.WebSocketProtocolException}
 *       (a malformed body, with the byte offset), {@link org.faasgrip.websocket.NotWebSocketRequestException}
 *       (not a WebSocket-over-HTTP request at all) and {@link org.faasgrip.websocket.InvalidMetaException} (a meta
 *       entry that could inject headers).
 * </ul>
 */
package org.faasgrip.websocket;
