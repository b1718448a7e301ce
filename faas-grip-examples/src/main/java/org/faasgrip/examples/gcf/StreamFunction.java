package org.faasgrip.examples.gcf;

import com.google.cloud.functions.HttpRequest;
import org.faasgrip.examples.Streaming;
import org.faasgrip.gcf.GripHttpFunction;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;

/**
 * HTTP streaming ({@link Streaming}) as a Cloud Functions / Cloud Run functions HTTP function: deploy with
 * {@code --entry-point org.faasgrip.examples.gcf.StreamFunction}.
 */
public final class StreamFunction extends GripHttpFunction {
  /** Creates the function; the invoker makes one per function instance. */
  public StreamFunction() {}

  /**
   * Answers one request.
   *
   * @param request the request
   * @param httpRequest the invoker's request (unused)
   * @return the hold response that opens the stream
   */
  @Override
  protected GripResponse handle(GripRequest request, HttpRequest httpRequest) {
    return Streaming.open(grip());
  }
}
