package org.faasgrip.gcf;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;
import org.faasgrip.GripException;
import org.faasgrip.function.Grip;
import org.faasgrip.function.LazyGrip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;

/**
 * A Cloud Functions HTTP function behind a GRIP proxy: it reads the invoker's request into a {@link GripRequest},
 * calls {@link #handle}, and writes the {@link GripResponse} it returns; a failure of the library's own types is
 * answered by {@link Grip#errorResponse(GripException)} (400 not WebSocket-over-HTTP or a malformed body, 403 not
 * signed by the proxy when signatures are required, 413 a body over the limit, 500 a configuration error), with
 * the reason logged once.
 *
 * <pre>{@code
 * public final class ChatFunction extends GripHttpFunction {
 *   protected GripResponse handle(GripRequest request, HttpRequest httpRequest) {
 *     WebSocketContext ws = grip().webSocket(request);  // 400 / 403 answered by the base class
 *     if (ws.isOpening()) { ws.accept(); ws.subscribe("room"); }
 *     while (ws.canRecv()) { ... grip().publish("room", WebSocketMessageFormat.text(message)); }
 *     return ws.toGripResponse();
 *   }
 * }
 * }</pre>
 *
 * <p>The invoker makes one instance per function instance and calls it from many threads at once (Cloud Run
 * functions send several requests to one instance): subclasses keep no per-request state in fields.
 */
public abstract class GripHttpFunction implements HttpFunction {
  private final int maxBodyBytes;
  private final LazyGrip grip;

  /**
   * Uses the configuration in the environment ({@code GRIP_URL} or {@code GRIP_PROXIES}, {@code GRIP_PREFIX},
   * {@code GRIP_VERIFY}), read once, on the first request ({@link LazyGrip}), and bodies up to
   * {@link GcfHttp#DEFAULT_MAX_BODY_BYTES}. A malformed variable is answered 500 on every request, each time with
   * one line in the log that names it, not thrown from the constructor, where it would keep the function from being
   * loaded at all.
   */
  protected GripHttpFunction() {
    this.grip = LazyGrip.fromEnvironment();
    this.maxBodyBytes = GcfHttp.DEFAULT_MAX_BODY_BYTES;
  }

  /**
   * Uses a configured instance, and bodies up to {@link GcfHttp#DEFAULT_MAX_BODY_BYTES}.
   *
   * @param grip the configuration, publisher and rules
   * @throws IllegalArgumentException if {@code grip} is null
   */
  protected GripHttpFunction(Grip grip) {
    this(grip, GcfHttp.DEFAULT_MAX_BODY_BYTES);
  }

  /**
   * Uses a configured instance and a body limit of its own.
   *
   * @param grip the configuration, publisher and rules
   * @param maxBodyBytes the largest request body accepted, 0 or more; a larger one is answered 413
   * @throws IllegalArgumentException if {@code grip} is null or {@code maxBodyBytes} is negative
   */
  protected GripHttpFunction(Grip grip, int maxBodyBytes) {
    if (grip == null) {
      throw new IllegalArgumentException("grip must not be null");
    }
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes must be 0 or more, got " + maxBodyBytes);
    }
    this.grip = LazyGrip.of(grip);
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Serves one request: reads it, calls {@link #handle}, writes the response. Not to be overridden.
   *
   * @param request the invoker's request
   * @param response the invoker's response
   * @throws IOException if the body cannot be read or written
   */
  @Override
  public final void service(HttpRequest request, HttpResponse response) throws IOException {
    GripResponse out;
    try {
      grip.get();
      out = handle(GcfHttp.readRequest(request, maxBodyBytes), request);
      if (out == null) {
        throw new IllegalStateException(getClass().getName() + ".handle returned null");
      }
    } catch (GripException e) {
      // Without an instance (the environment's configuration is malformed) the answer is the same, logged to
      // standard error, which Cloud Logging collects.
      out = grip.errorResponse(e);
    }
    GcfHttp.writeResponse(out, response);
  }

  /**
   * Answers one request. Read WebSocket-over-HTTP with {@code grip().webSocket(request)}; hold a stream or a
   * long-poll with {@code grip().holdStream(...)} / {@code grip().holdResponse(...)}; the query string is
   * {@code request.query()}, and anything else the platform carries is on {@code httpRequest}.
   *
   * @param request the request: method, path, query string, headers, body bytes
   * @param httpRequest the invoker's request, for its query parameters and the like (its body is already read)
   * @return the response to write
   * @throws IOException if the handler's own I/O fails
   */
  protected abstract GripResponse handle(GripRequest request, HttpRequest httpRequest) throws IOException;

  /**
   * The instance this function works with: configuration, signature policy, publishing.
   *
   * @return the instance
   * @throws org.faasgrip.config.GripConfigException if it comes from the environment and a variable is malformed
   */
  protected final Grip grip() {
    return grip.get();
  }
}
