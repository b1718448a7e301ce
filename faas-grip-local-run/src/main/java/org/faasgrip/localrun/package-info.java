/**
 * A Lambda handler on a laptop, as on AWS behind a GRIP proxy: {@link org.faasgrip.localrun.LocalRun} starts
 * Pushpin on loopback, the local gateway with the handler behind it, and points the handler's {@code FaasGrip}
 * at that Pushpin with a signing key made for the run; from a project's own build
 * ({@code mvn exec:java}), or from a test.
 */
package org.faasgrip.localrun;
