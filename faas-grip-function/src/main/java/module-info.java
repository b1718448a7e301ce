/**
 * The platform-neutral function layer every adapter shares: configuration, the {@code Grip-Sig} policy,
 * publishing, hold responses and the answers to errors.
 */
module org.faasgrip.function {
  requires transitive org.faasgrip.core;
  requires transitive org.faasgrip.publisher;

  exports org.faasgrip.function;
}
