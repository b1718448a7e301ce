/**
 * Server-Sent Events ({@code text/event-stream}): {@link org.faasgrip.sse.ServerSentEvent} writes an event exactly as
 * the HTML standard's {@code EventSource} reads it, and refuses what it could not read back.
 */
package org.faasgrip.sse;
