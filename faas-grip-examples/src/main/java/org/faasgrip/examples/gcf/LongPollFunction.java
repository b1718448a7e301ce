package org.faasgrip.examples.gcf;

import com.google.cloud.functions.HttpRequest;
import org.faasgrip.examples.LongPolling;
import org.faasgrip.gcf.GripHttpFunction;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;

/**
 * HTTP long-polling ({@link LongPolling}) as a Cloud Functions / Cloud Run functions HTTP function: deploy with
 * {@code --entry-point org.faasgrip.examples.gcf.LongPollFunction}. The {@code timeout} query parameter sets how
 * long the proxy holds the request.
 */
public final class LongPollFunction extends GripHttpFunction {
  /** Creates the function; the invoker makes one per function instance. */
  public LongPollFunction() {}

  /**
   * Answers one request.
   *
   * @param request the request
   * @param httpRequest the invoker's request, for its {@code timeout} query parameter
   * @return the hold response, or 400 for a bad timeout
   */
  @Override
  protected GripResponse handle(GripRequest request, HttpRequest httpRequest) {
    return LongPolling.hold(grip(), httpRequest.getFirstQueryParameter("timeout").orElse(null));
  }
}
