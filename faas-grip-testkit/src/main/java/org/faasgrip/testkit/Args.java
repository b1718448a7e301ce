package org.faasgrip.testkit;

/**
 * The testkit's one rule for arguments: a null, like any other bad value, is refused where it enters with an
 * {@link IllegalArgumentException} that names the parameter, before anything is started or sent, instead of a
 * bare {@link NullPointerException} from somewhere inside.
 */
final class Args {
  private Args() {}

  /** Returns {@code value}, or throws "NAME must not be null". */
  static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }
}
