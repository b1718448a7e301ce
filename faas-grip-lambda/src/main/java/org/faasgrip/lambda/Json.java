package org.faasgrip.lambda;

import com.fasterxml.jackson.core.JsonFactory;

/** The one shared, thread-safe JSON factory; created on first use so handlers that never read JSON skip it. */
final class Json {
  static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}
}
