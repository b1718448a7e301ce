package org.faasgrip.testkit.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.faasgrip.testkit.OriginServer;

/**
 * A stand-in for the Azure Functions host, for end-to-end tests: HTTP-triggered functions served on 127.0.0.1 and a
 * free port, each at {@code /api/NAME} (the host's default route prefix) and below. Every request is turned into a
 * {@link StandInRequest} as the host and the Java worker make one (lower-case header names, repeated values joined,
 * the body as bytes), given to the function with a {@link StandInContext} of its own, and the
 * {@link HttpResponseMessage} it returns is written back: status, headers, body.
 *
 * <p>It is not the host: no function.json, bindings, keys, scaling or timeouts. A body over the host's limit,
 * 100 MiB, is refused with 413 before the function runs, as the host refuses it. Put a real Pushpin in front of it
 * to run a function end to end.
 *
 * <pre>{@code
 * try (LoopbackFunctionHost host = LoopbackFunctionHost.start()
 *     .function("chat", (request, context) -> new ChatFunction().run(request, context))) {
 *   Pushpin pushpin = Pushpin.start(PushpinOptions.builder().origin(host.port()).build());
 *   ...  // clients at pushpin.wsUri("/api/chat")
 * }
 * }</pre>
 */
public final class LoopbackFunctionHost implements AutoCloseable {
  /** The request length the Azure Functions host accepts for an HTTP trigger: 100 MiB. */
  public static final int HOST_MAX_BODY_BYTES = 100 * 1024 * 1024;

  private final OriginServer server;
  private final List<String> log = new CopyOnWriteArrayList<>();

  /** An HTTP-triggered function: the trigger's request and the invocation's context in, the response out. */
  @FunctionalInterface
  public interface HttpFunction {
    /**
     * Runs one invocation.
     *
     * @param request the trigger's request, body as bytes
     * @param context the invocation's context
     * @return the response
     */
    HttpResponseMessage run(HttpRequestMessage<Optional<byte[]>> request, ExecutionContext context);
  }

  private LoopbackFunctionHost(OriginServer server) {
    this.server = server;
  }

  /**
   * Starts a host with no functions on 127.0.0.1 and a free port.
   *
   * @return the running host; close it when done
   */
  public static LoopbackFunctionHost start() {
    return new LoopbackFunctionHost(OriginServer.start());
  }

  /**
   * Serves a function at {@code /api/NAME} and every path below it.
   *
   * @param name the function's name, as {@code @FunctionName} gives it
   * @param function the function; make a new instance of its class inside, as the worker does per invocation
   * @return this host
   * @throws IllegalArgumentException if an argument is null
   */
  public LoopbackFunctionHost function(String name, HttpFunction function) {
    if (name == null || function == null) {
      throw new IllegalArgumentException((name == null ? "name" : "function") + " must not be null");
    }
    server.handle("/api/" + name, exchange -> invoke(name, function, exchange));
    return this;
  }

  /**
   * Returns the port, for Pushpin's route.
   *
   * @return the port
   */
  public int port() {
    return server.port();
  }

  /**
   * Returns what the functions logged through their contexts, one {@code LEVEL message} line each, in order.
   *
   * @return the lines so far
   */
  public List<String> log() {
    return List.copyOf(log);
  }

  private void invoke(String name, HttpFunction function, HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(HOST_MAX_BODY_BYTES + 1);
    }
    if (body.length > HOST_MAX_BODY_BYTES) {
      OriginServer.reply(exchange, 413, Map.of(), new byte[0]);
      return;
    }
    String host = exchange.getRequestHeaders().getFirst("Host");
    URI uri = URI.create("http://" + (host != null ? host : "127.0.0.1:" + port()) + exchange.getRequestURI());
    StandInRequest.Builder b = StandInRequest.builder(exchange.getRequestMethod(), uri);
    exchange.getRequestHeaders().forEach((n, values) -> values.forEach(v -> b.header(n, v)));
    StandInContext context = new StandInContext(name);
    HttpResponseMessage response;
    try {
      response = function.run(b.body(body).build(), context);
    } finally {
      log.addAll(context.lines());
    }
    if (response == null) {
      // Nothing to send back: an empty answer.
      OriginServer.reply(exchange, 204, Map.of(), new byte[0]);
      return;
    }
    Map<String, String> headers = response instanceof StandInResponse ? ((StandInResponse) response).headers()
        : Map.of();
    OriginServer.reply(exchange, response.getStatusCode(), headers, StandInResponse.bodyBytes(response));
  }

  /** Stops serving. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "LoopbackFunctionHost{" + server.uri() + "}";
  }
}
