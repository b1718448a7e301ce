/**
 * Test harness for FaaS GRIP: a real Pushpin on loopback ({@link org.faasgrip.testkit.Pushpin}, and the JUnit 5
 * extension {@link org.faasgrip.testkit.PushpinExtension} that runs one around a test class), a plain
 * origin server ({@link org.faasgrip.testkit.OriginServer}) for Pushpin's routes to point at, and a WebSocket
 * client that records what it receives ({@link org.faasgrip.testkit.TestWebSocket}).
 *
 * <p>Pushpin comes from Debian's {@code pushpin} package; {@code scripts/install-deps} installs it.
 */
package org.faasgrip.testkit;
