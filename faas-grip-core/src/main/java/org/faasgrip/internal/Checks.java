package org.faasgrip.internal;

import org.faasgrip.GripException;

/** Argument checks that fail with the library's own exception, naming the argument. */
public final class Checks {
  private Checks() {}

  /**
   * Returns the value, or fails when it is null: a null where a value is required is a caller's mistake that
   * should read as one, not as a NullPointerException from somewhere inside the library.
   *
   * @param value the argument
   * @param name the argument's name, for the message
   * @param <T> the argument's type
   * @return the value
   * @throws GripException if the value is null
   */
  public static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new GripException(name + " is null");
    }
    return value;
  }
}
