package org.faasgrip.demo;

import java.net.URI;
import org.faasgrip.function.Grip;

/**
 * One platform the demo's function runs on behind Pushpin ({@code scripts/demo --platform NAME}): it starts the
 * function's server on a free loopback port, answering with the run's {@link Grip}, before Pushpin starts, since
 * Pushpin's routes name that port. A function that reads its configuration when its own process starts, and so
 * needs Pushpin's publish address, starts at {@link Origin#proxyReady(String)} on a port chosen here.
 * {@link Demo#PLATFORMS} lists them by name; a platform is one class and one line there.
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
     * Called once, when Pushpin runs and before the demo is used: the function's server starts here if it needs
     * the run's {@code GRIP_URL} in its environment, as a function in a process of its own does. An in-process
     * function needs nothing: its {@link Grip} already publishes through the demo.
     *
     * @param gripUrl Pushpin's publish side with the run's key, to publish with and to verify {@code Grip-Sig}
     *     with ({@code http://127.0.0.1:N?iss=...&key=...&verify-iss=...&verify-key=...}); a secret, never to be
     *     printed
     * @throws IllegalStateException if the server does not start
     */
    default void proxyReady(String gripUrl) {}

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
