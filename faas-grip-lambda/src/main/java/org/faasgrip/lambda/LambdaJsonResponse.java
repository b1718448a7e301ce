package org.faasgrip.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A response as JSON in the shape one Lambda event format expects (API Gateway REST, HTTP API / Function URL,
 * ALB): what a {@code RequestStreamHandler} writes to its output. Immutable.
 */
public final class LambdaJsonResponse {
  /** The JSON is {@code json[0..length)}: the writer's own buffer, kept as it is rather than trimmed by a copy. */
  private final byte[] json;
  private final int length;
  private final int status;

  LambdaJsonResponse(byte[] json, int length, int status) {
    this.json = json;
    this.length = length;
    this.status = status;
  }

  /**
   * Returns the response's HTTP status, as written in {@code statusCode}.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * Returns a copy of the JSON bytes.
   *
   * @return the JSON, UTF-8
   */
  public byte[] toByteArray() {
    return Arrays.copyOf(json, length);
  }

  /**
   * Writes the JSON to a stream, such as a stream handler's output. The stream is not closed.
   *
   * @param out where to write
   * @throws IOException when the stream fails
   */
  public void writeTo(OutputStream out) throws IOException {
    out.write(json, 0, length);
  }

  /**
   * Returns the JSON text.
   *
   * @return the JSON
   */
  @Override
  public String toString() {
    return new String(json, 0, length, StandardCharsets.UTF_8);
  }
}
