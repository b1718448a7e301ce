package org.faasgrip.demo;

import org.faasgrip.function.Grip;
import org.faasgrip.localrun.LocalRun;

/**
 * One platform the demo's function runs on behind Pushpin ({@code scripts/demo --platform NAME}): it starts the
 * function's server on a free loopback port, answering with the run's {@link Grip}, before Pushpin starts, since
 * Pushpin's routes name that port. A function that reads its configuration when its own process starts, and so
 * needs Pushpin's publish address, starts at {@link LocalRun.Origin#proxyReady(String)} on a port chosen here.
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

  /**
   * The function's server as one platform runs it: where Pushpin sends requests, its name for the shutdown message
   * and, for a server in a JVM of its own, {@link LocalRun.Origin#proxyReady(String)}; and what the banner says.
   */
  interface Origin extends LocalRun.Origin {
    /**
     * What runs there, for the banner, e.g. {@code "local gateway -> DemoHandler (ChatHandler on /chat)"}.
     *
     * @return a short description
     */
    String describe();
  }
}
