/**
 * FaaS GRIP for any function platform: what an adapter (AWS Lambda, a Servlet container, Google Cloud Functions,
 * Azure Functions, ...) shares, so that it only converts the platform's request into a
 * {@link org.faasgrip.grip.GripRequest} and a {@link org.faasgrip.grip.GripResponse} into the platform's
 * response.
 *
 * <ul>
 *   <li>{@link org.faasgrip.function.Grip}: configuration from the environment ({@code GRIP_URL} or
 *       {@code GRIP_PROXIES}, {@code GRIP_PREFIX}, {@code GRIP_VERIFY}), WebSocket-over-HTTP requests with the
 *       {@code Grip-Sig} policy, hold responses with the channel prefix, publishing, and the answer to every
 *       failure ({@link org.faasgrip.function.Grip#errorResponse(org.faasgrip.GripException)}).
 *   <li>Failures an adapter throws or answers: {@link org.faasgrip.function.BadRequestException} (400),
 *       {@link org.faasgrip.function.BodyTooLargeException} (413),
 *       {@link org.faasgrip.function.NotFromProxyException} (403).
 *   <li>{@link org.faasgrip.function.GripLogger}: where the one line about each failure goes.
 * </ul>
 */
package org.faasgrip.function;
