package org.faasgrip.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;

/** The one shared, thread-safe JSON factory; created on first use so handlers that never read JSON skip it. */
final class Json {
  // The streams belong to the Lambda runtime (or the caller): reading an event must not close them.
  static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private Json() {}
}
