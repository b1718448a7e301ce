package org.faasgrip.demo;

import java.net.URI;
import org.faasgrip.function.Grip;
import org.faasgrip.testkit.FunctionsFramework;

/**
 * The demo on Google Cloud Functions' terms: {@link GcfDemo.Function} in Google's Functions Framework invoker, in a
 * JVM of its own, as the platform runs it. That function reads its configuration ({@code GRIP_URL}) from its
 * environment when its JVM starts, and {@code GRIP_URL} names Pushpin's publish side, known only once Pushpin runs:
 * so the port is chosen here, for Pushpin's routes, and the invoker starts at {@link #proxyReady(String)}. The
 * run's in-process {@link Grip} is not the function's; the function builds its own from the same key.
 */
final class GcfPlatform implements Platform.Origin {
  private final int port;
  private FunctionsFramework invoker;

  private GcfPlatform(int port) {
    this.port = port;
  }

  /**
   * Chooses the invoker's port; nothing runs until {@link #proxyReady(String)}. The invoker writes no line per
   * invocation, so {@code accessLog} has no effect.
   */
  static Platform.Origin start(Grip grip, boolean accessLog) {
    return new GcfPlatform(FunctionsFramework.freePort());
  }

  @Override
  public void proxyReady(String gripUrl) {
    if (invoker == null) {
      invoker = GcfDemo.start(port, gripUrl);
    }
  }

  @Override
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public String describe() {
    return "Functions Framework invoker " + uri().getAuthority() + " -> GcfDemo.Function (Chat on /chat)";
  }

  @Override
  public String name() {
    return "the Functions Framework invoker";
  }

  @Override
  public void close() {
    if (invoker != null) {
      invoker.close();
    }
  }
}
