package org.faasgrip.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.faasgrip.GripException;
import org.faasgrip.function.BodyTooLargeException;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.internal.Checks;

/**
 * FaaS GRIP in any servlet container: turns an {@link HttpServletRequest} into a {@link GripRequest}, and writes a
 * {@link GripResponse} into an {@link HttpServletResponse}, around a {@link Grip} that does everything else
 * (signatures, the channel prefix, publishing, answers to failures). For code that already has the servlet request
 * and response in hand, such as a Spring MVC controller; a servlet of one's own extends {@link GripServlet}.
 *
 * <pre>{@code
 * ServletGrip servletGrip = ServletGrip.of(Grip.fromEnvironment());   // once, kept for every request
 *
 * servletGrip.serve(request, response, gripRequest -> {
 *   WebSocketContext ws = servletGrip.grip().webSocket(gripRequest);   // 400 / 403 handled by serve
 *   if (ws.isOpening()) { ws.accept(); ws.subscribe("room"); }
 *   ...
 *   return ws.toGripResponse();
 * });
 * }</pre>
 *
 * <p>The body is read whole, as bytes (WebSocket-over-HTTP bodies are binary), and bounded by
 * {@link #maxBodyBytes()}. Immutable and thread-safe: make one and keep it.
 */
public final class ServletGrip {
  /**
   * The largest body read when none is set: 32 MiB, Cloud Run's documented limit for an HTTP/1 request, the
   * largest of the usual hosts (the Servlet API sets none).
   */
  public static final int DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
  /** The largest limit that can be set: the longest array the JVM makes, less the byte read past the limit. */
  public static final int MAX_BODY_BYTES_LIMIT = Integer.MAX_VALUE - 9;

  private final Grip grip;
  private final int maxBodyBytes;

  private ServletGrip(Builder b) {
    this.grip = b.grip;
    this.maxBodyBytes = b.maxBodyBytes;
  }

  /**
   * Returns an adapter for a {@link Grip}, with the default body limit.
   *
   * @param grip the configuration and rules, such as {@link Grip#fromEnvironment()}
   * @return the adapter
   * @throws GripException if {@code grip} is null
   */
  public static ServletGrip of(Grip grip) {
    return builder().grip(grip).build();
  }

  /**
   * Returns a builder, for a body limit of one's own.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the configuration and rules: {@code webSocket}, {@code publish}, the hold responses.
   *
   * @return the instance given to the builder
   */
  public Grip grip() {
    return grip;
  }

  /**
   * Returns the largest request body read; a larger one is answered 413.
   *
   * @return the limit, in bytes
   */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Reads a servlet request: method, path ({@link HttpServletRequest#getRequestURI()}, without the query string),
   * query string ({@link HttpServletRequest#getQueryString()}), every header value in the order the container gives them, and the body as bytes. The request's input stream is
   * read to its end, so its form parameters are gone afterwards; its query parameters are not.
   *
   * @param request the servlet request
   * @return the request
   * @throws BodyTooLargeException if the body is larger than {@link #maxBodyBytes()}: refused before reading when
   *     the request declares its length, and one byte past the limit when it is chunked
   * @throws IOException if the body cannot be read, or ends before its declared length
   * @throws GripException if {@code request} is null
   */
  public GripRequest read(HttpServletRequest request) throws IOException {
    return Exchange.read(Checks.notNull(request, "request"), maxBodyBytes);
  }

  /**
   * Writes a response: status, every header in order (a repeated name is sent repeated), {@code Content-Length}
   * and the body, through the output stream (never a writer, so the container adds no charset).
   *
   * @param response the response
   * @param servletResponse where to write it; not yet committed
   * @throws IOException if the body cannot be written
   * @throws GripException if an argument is null
   */
  public static void write(GripResponse response, HttpServletResponse servletResponse) throws IOException {
    Exchange.write(Checks.notNull(response, "response"), Checks.notNull(servletResponse, "servletResponse"));
  }

  /**
   * Serves one request: reads it, asks the handler for the response, and writes that. A {@link GripException}
   * from reading or from the handler is answered by {@link Grip#errorResponse(GripException)} (400, 403, 413,
   * 500), which logs it once; any other exception goes to the container.
   *
   * @param request the servlet request
   * @param response the servlet response
   * @param handler makes the response
   * @throws IOException if the body cannot be read or the response written
   * @throws GripException if an argument is null
   */
  public void serve(HttpServletRequest request, HttpServletResponse response, Handler handler) throws IOException {
    Checks.notNull(handler, "handler");
    GripResponse answer;
    try {
      answer = handler.handle(read(request));
    } catch (GripException e) {
      answer = grip.errorResponse(e);
    }
    write(answer, response);
  }

  /**
   * Describes the adapter: its {@link Grip} (without keys) and body limit.
   *
   * @return a short description
   */
  @Override
  public String toString() {
    return "ServletGrip{" + grip + ", maxBodyBytes=" + maxBodyBytes + "}";
  }

  /** Answers one request, as {@link ServletGrip#serve} calls it. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Answers a request.
     *
     * @param request the request, body read
     * @return the response to write
     * @throws GripException for a failure that {@link Grip#errorResponse(GripException)} answers
     */
    GripResponse handle(GripRequest request);
  }

  /** Builds a {@link ServletGrip}. Not thread-safe; what it builds is. */
  public static final class Builder {
    private Grip grip;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

    private Builder() {}

    /**
     * Sets the configuration and rules; required.
     *
     * @param grip the instance, such as {@link Grip#fromEnvironment()}
     * @return this builder
     * @throws GripException if {@code grip} is null
     */
    public Builder grip(Grip grip) {
      this.grip = Checks.notNull(grip, "grip");
      return this;
    }

    /**
     * Sets the largest request body read; {@link #DEFAULT_MAX_BODY_BYTES} unless set.
     *
     * @param bytes from 0 to {@link #MAX_BODY_BYTES_LIMIT}
     * @return this builder
     * @throws GripException if {@code bytes} is out of that range
     */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 0 || bytes > MAX_BODY_BYTES_LIMIT) {
        throw new GripException("maxBodyBytes must be 0 to " + MAX_BODY_BYTES_LIMIT + ", was " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * Builds the adapter.
     *
     * @return the adapter
     * @throws GripException if no {@link Grip} was set
     */
    public ServletGrip build() {
      if (grip == null) {
        throw new GripException("ServletGrip needs a Grip: call grip(Grip.fromEnvironment()) or grip(...) first");
      }
      return new ServletGrip(this);
    }
  }
}
