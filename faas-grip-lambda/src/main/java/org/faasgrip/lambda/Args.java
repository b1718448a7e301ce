package org.faasgrip.lambda;

import org.faasgrip.GripException;

/** Null checks that fail with the library's own types, naming the argument, rather than a NullPointerException. */
final class Args {
  private Args() {}

  /** For events and requests: a missing one is a bad request. */
  static <T> T event(T value, String name) {
    if (value == null) {
      throw new LambdaEventException(name + " is null");
    }
    return value;
  }

  /** For everything else a caller passes. */
  static <T> T require(T value, String name) {
    if (value == null) {
      throw new GripException(name + " is null");
    }
    return value;
  }
}
