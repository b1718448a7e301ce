package org.faasgrip.demo;

import java.net.URI;
import org.faasgrip.function.Grip;

/**
 * One platform the demo's function runs on behind Pushpin ({@code scripts/demo --platform NAME}): it starts the
 * function's server on a free loopback port, answering with the run's {@link Grip}. {@link Demo#PLATFORMS} lists
 * them by name; a platform is one class and one line there.
 */
@FunctionalInterface
public interface Platform {
  /**
   * Starts the function's server.
   *
   * @param grip the run's configuration: Pushpin's signing key (signatures required) and publishing
   * @param accessLog whether to write one line per function invocation to standard error
   * @return the running server
   */
  Origin start(Grip grip, boolean accessLog);

  /** The function's server as one platform runs it: where Pushpin sends requests. */
  interface Origin extends AutoCloseable {
    /**
     * Where Pushpin sends requests, e.g. {@code http://127.0.0.1:41234}.
     *
     * @return the base URI
     */
    URI uri();

    /**
     * What runs there, for the banner, e.g. {@code "local gateway -> DemoHandler (ChatHandler on /chat)"}.
     *
     * @return a short description
     */
    String describe();

    /**
     * What the shutdown message names besides Pushpin, e.g. {@code "the local gateway"}.
     *
     * @return the server's name
     */
    String name();

    /** Stops the server. Safe to call more than once. */
    @Override
    void close();
  }
}
