package org.faasgrip.demo;

import java.net.URI;
import org.faasgrip.localrun.LocalRun;

/**
 * One platform the demo's function runs on behind Pushpin ({@code scripts/demo --platform NAME}). Each puts its
 * function into the run, which starts it on a free loopback port with the run's configuration.
 * {@link Demo#PLATFORMS} lists them by name; a platform is one class and one line there.
 */
public interface Platform {
  /**
   * Puts the function into the run: a Lambda handler behind the local gateway, or a server of its own
   * ({@link LocalRun.Builder#origin(java.util.function.Function)}).
   *
   * @param run the run's builder
   * @param accessLog whether to write one line per function invocation to standard error
   */
  void configure(LocalRun.Builder run, boolean accessLog);

  /**
   * What runs at the function's address, for the banner, e.g.
   * {@code "local gateway 127.0.0.1:41234 -> DemoHandler (ChatHandler on /chat)"}.
   *
   * @param origin where Pushpin sends requests
   * @return a short description
   */
  String describe(URI origin);
}
