/**
 * Pushpin over ZeroMQ. {@link org.faasgrip.zeromq.SubscriptionTracker} follows Pushpin's stats socket to know
 * which channels have subscribers; {@link org.faasgrip.zeromq.ZmqPublisher} publishes items to every Pushpin
 * instance that connects to it, and tells when each has subscribed to a channel. Both need tcp endpoints:
 * JeroMQ's {@code ipc://} is TCP underneath and cannot reach Pushpin's Unix-socket endpoints.
 */
package org.faasgrip.zeromq;
