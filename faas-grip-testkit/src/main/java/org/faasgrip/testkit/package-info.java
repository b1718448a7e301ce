/**
 * Test harness for FaaS GRIP: a real Pushpin on loopback ({@link org.faasgrip.testkit.Pushpin}, and the JUnit 5
 * extension {@link org.faasgrip.testkit.PushpinExtension} that runs one around a test class), a plain
 * origin server ({@link org.faasgrip.testkit.OriginServer}) for Pushpin's routes to point at, a WebSocket
 * client that records what it receives ({@link org.faasgrip.testkit.TestWebSocket}), and an HTTP streaming
 * client that reads the body line by line ({@link org.faasgrip.testkit.TestStream}), and Google's Functions
 * Framework invoker serving a Cloud Functions {@code HttpFunction} in a JVM of its own
 * ({@link org.faasgrip.testkit.FunctionsFramework}).
 *
 * <p>Pushpin comes from Debian's {@code pushpin} package; {@code scripts/install-deps} installs it.
 */
package org.faasgrip.testkit;
