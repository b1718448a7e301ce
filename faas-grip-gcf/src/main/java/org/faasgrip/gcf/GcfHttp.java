package org.faasgrip.gcf;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.faasgrip.function.BodyTooLargeException;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.Headers;
import org.faasgrip.grip.GripResponse;

/**
 * The two ends of a Cloud Functions invocation: an {@link HttpRequest} read into a {@link GripRequest}, and a
 * {@link GripResponse} written to the {@link HttpResponse}. For functions that implement {@code HttpFunction}
 * themselves; {@link GripHttpFunction} does both for its subclasses.
 *
 * <p>The body is read as bytes, never as text, so WebSocket-over-HTTP bodies with binary messages pass unchanged,
 * and it is bounded: a body over the maximum is refused with {@link BodyTooLargeException} before more of it is
 * read than the maximum.
 */
public final class GcfHttp {
  /**
   * The largest request body read by default: 32 MiB, the request size limit of Cloud Run functions (2nd gen)
   * HTTP functions. The platform refuses larger requests before they reach the function; the check here holds
   * the same line for the Functions Framework run anywhere else.
   */
  public static final int DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

  private static final byte[] EMPTY = new byte[0];
  private static final int CHUNK = 8192;
  private static final String BODY = "the request body";

  private GcfHttp() {}

  /**
   * Reads a request with a body of at most {@link #DEFAULT_MAX_BODY_BYTES}.
   *
   * @param request the request the invoker passed to the function
   * @return the platform-neutral request: method, path, query string, every header value, body bytes
   * @throws BodyTooLargeException if the body is larger than the maximum (answered 413)
   * @throws IOException if the body cannot be read
   */
  public static GripRequest readRequest(HttpRequest request) throws IOException {
    return readRequest(request, DEFAULT_MAX_BODY_BYTES);
  }

  /**
   * Reads a request with a body of at most {@code maxBodyBytes}.
   *
   * @param request the request the invoker passed to the function
   * @param maxBodyBytes the largest body accepted, 0 or more
   * @return the platform-neutral request: method, path, query string, every header value, body bytes
   * @throws BodyTooLargeException if the body is larger than {@code maxBodyBytes} (answered 413)
   * @throws IOException if the body cannot be read
   * @throws IllegalArgumentException if {@code request} is null or {@code maxBodyBytes} is negative
   */
  public static GripRequest readRequest(HttpRequest request, int maxBodyBytes) throws IOException {
    if (request == null) {
      throw new IllegalArgumentException("request must not be null");
    }
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes must be 0 or more, got " + maxBodyBytes);
    }
    GripRequest.Builder b = GripRequest.builder().method(request.getMethod()).path(request.getPath())
        .query(request.getQuery().orElse(null));
    // The invoker's map has one entry per name, compared without case; arrival order across names is lost.
    for (Map.Entry<String, List<String>> h : request.getHeaders().entrySet()) {
      for (String value : h.getValue()) {
        b.addHeader(h.getKey(), value);
      }
    }
    return b.body(readBody(request, maxBodyBytes)).build();
  }

  /**
   * Reads the body into an array of exactly its size. A declared {@code Content-Length} over the maximum is
   * refused before a byte is read; a body without one (chunked) is read in steps and refused at the first byte
   * past the maximum, so no more than the maximum is ever held.
   */
  private static byte[] readBody(HttpRequest request, int max) throws IOException {
    long declared = request.getContentLength();
    if (declared > max) {
      throw new BodyTooLargeException(max, "the request body (Content-Length " + declared + ")");
    }
    try (InputStream in = request.getInputStream()) {
      if (declared >= 0) {
        // One array of the declared size, filled in place: the usual case, with no copy.
        byte[] body = declared == 0 ? EMPTY : new byte[(int) declared];
        int n = in.readNBytes(body, 0, body.length);
        if (n < body.length) {
          return Arrays.copyOf(body, n);
        }
        if (in.read() != -1) {
          throw new BodyTooLargeException(max, BODY);
        }
        return body;
      }
      byte[] buf = new byte[Math.min(CHUNK, max + 1)];
      int size = 0;
      while (true) {
        if (size == buf.length) {
          if (size > max) {
            throw new BodyTooLargeException(max, BODY);
          }
          buf = Arrays.copyOf(buf, (int) Math.min((long) max + 1, 2L * size));
        }
        int n = in.read(buf, size, buf.length - size);
        if (n < 0) {
          break;
        }
        size += n;
      }
      if (size > max) {
        throw new BodyTooLargeException(max, BODY);
      }
      return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }
  }

  /**
   * Writes a response: its status, every header in order (a name may repeat), a {@code Content-Length}, and the
   * body bytes as they are.
   *
   * @param response the response to send
   * @param out the invoker's response
   * @throws IOException if the body cannot be written
   * @throws IllegalArgumentException if an argument is null
   */
  public static void writeResponse(GripResponse response, HttpResponse out) throws IOException {
    if (response == null || out == null) {
      throw new IllegalArgumentException((response == null ? "response" : "out") + " must not be null");
    }
    out.setStatusCode(response.status());
    Headers headers = response.headers();
    for (int i = 0, n = headers.size(); i < n; i++) {
      out.appendHeader(headers.name(i), headers.value(i));
    }
    byte[] body = response.body();
    // With a length the invoker sends the body as one piece instead of chunked: the proxy reads a response it
    // must parse (WebSocket events, a hold's initial body) without reassembling chunks.
    if (headers.get("Content-Length") == null) {
      out.appendHeader("Content-Length", Integer.toString(body.length));
    }
    if (body.length > 0) {
      OutputStream os = out.getOutputStream();
      os.write(body);
    }
  }
}
