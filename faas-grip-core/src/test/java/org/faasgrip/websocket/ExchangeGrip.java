package org.faasgrip.websocket;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;

/** The Pushpin ITs' origins: the JDK's HTTP exchange read as a {@link GripRequest}, and answered with a response. */
final class ExchangeGrip {
  private ExchangeGrip() {}

  /** The exchange's method, path, every header value and body, as the proxy sent them. */
  static GripRequest request(HttpExchange exchange) throws IOException {
    GripRequest.Builder rb = GripRequest.builder()
        .method(exchange.getRequestMethod())
        .path(exchange.getRequestURI().getPath())
        .body(exchange.getRequestBody().readAllBytes());
    exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> rb.addHeader(name, v)));
    return rb.build();
  }

  /** Answers with the response's status, every header (repeated names too) and body, and ends the exchange. */
  static void respond(HttpExchange exchange, GripResponse r) throws IOException {
    for (Map.Entry<String, String> h : r.headers()) {
      exchange.getResponseHeaders().add(h.getKey(), h.getValue());
    }
    exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
    exchange.getResponseBody().write(r.body());
    exchange.close();
  }
}
