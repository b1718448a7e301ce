package org.faasgrip.servlet;

import org.faasgrip.GripException;

/** The failure for a request body over the limit, with a message that says by how much. */
final class BodyTooLarge {
  private BodyTooLarge() {}

  static GripException declared(long length, int max) {
    return new GripException("the request body is " + length + " bytes, over the limit of " + max + " bytes");
  }

  static GripException chunked(int max) {
    return new GripException("the request body is over the limit of " + max + " bytes");
  }
}
