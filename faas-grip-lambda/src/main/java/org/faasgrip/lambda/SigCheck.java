package org.faasgrip.lambda;

import org.faasgrip.config.GripConfig;

/** Checks one Grip-Sig token against the configured verify keys. */
final class SigCheck {
  private SigCheck() {}

  static SigCheck forConfig(GripConfig config) {
    return new SigCheck();
  }

  // Fails closed until the core's GripSigValidator is wired in.
  boolean isFromProxy(String token) {
    return false;
  }
}
