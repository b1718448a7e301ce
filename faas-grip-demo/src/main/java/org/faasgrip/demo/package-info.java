/**
 * The chat demo ({@code scripts/demo}): {@link org.faasgrip.demo.Demo} runs Pushpin on loopback, the local gateway,
 * and {@link org.faasgrip.demo.DemoHandler} behind it, which serves a browser chat client, hands the chat's
 * WebSocket-over-HTTP to {@code ChatHandler} (the JavaScript faas-grip chat example), and runs an HTTP streaming feed
 * ({@link org.faasgrip.demo.Feed}). {@link org.faasgrip.demo.Load} ({@code scripts/load}) drives WebSocket and
 * streaming clients through that stack and checks that every message arrives once and in order.
 */
package org.faasgrip.demo;
