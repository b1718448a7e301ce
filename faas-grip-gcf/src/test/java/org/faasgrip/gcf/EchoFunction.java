package org.faasgrip.gcf;

import com.google.cloud.functions.HttpRequest;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;

/**
 * What the adapter read, sent back: the body as it arrived, the request's {@code X-Echo} values as repeated
 * {@code X-Echo} response headers, and the method and path in headers. Bodies over 64 KiB are refused. Run by
 * {@link GcfHttpInvokerIT} in the real invoker.
 */
public final class EchoFunction extends GripHttpFunction {
  /** The body limit. */
  static final int MAX = 64 * 1024;

  /** Made by the invoker. */
  public EchoFunction() {
    super(Grip.builder().build(), MAX);
  }

  @Override
  protected GripResponse handle(GripRequest request, HttpRequest httpRequest) {
    GripResponse.Builder b = GripResponse.builder()
        .status(201)
        .addHeader("Content-Type", "application/websocket-events")
        .addHeader("X-Method", request.method())
        .addHeader("X-Path", request.path());
    for (String value : request.headers().values("X-Echo")) {
      b.addHeader("X-Echo", value);
    }
    return b.body(request.body()).build();
  }
}
