package org.faasgrip.internal;

import com.fasterxml.jackson.core.JsonFactory;

/**
 * The one {@link JsonFactory} of the library. A factory is thread-safe and costly to build (it sets up symbol
 * tables and buffer recyclers), so it is made once, on first use, and shared by every reader and writer.
 *
 * <p>Internal: not part of the public API.
 */
public final class Json {
  /** The shared factory: streaming parser and generator only, no data binding. */
  public static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}
}
