package org.faasgrip.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import org.faasgrip.function.BodyTooLargeException;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.Headers;
import org.faasgrip.grip.GripResponse;

/**
 * The two conversions, and nothing else: a servlet request read into the core's {@link GripRequest}, and a
 * {@link GripResponse} written into a servlet response.
 */
final class Exchange {
  private Exchange() {}

  /**
   * Reads method, path, query string, every header value and the body as bytes. A body over {@code maxBodyBytes} is
   * refused before it is read when it declares its length, and once one byte past the limit has arrived when it is
   * chunked, so that no more than the limit plus one byte is ever held.
   */
  static GripRequest read(HttpServletRequest request, int maxBodyBytes) throws IOException {
    GripRequest.Builder b = GripRequest.builder()
        .method(request.getMethod())
        .path(request.getRequestURI())
        .query(request.getQueryString());
    Enumeration<String> names = request.getHeaderNames();
    while (names.hasMoreElements()) {
      String name = names.nextElement();
      Enumeration<String> values = request.getHeaders(name);
      while (values.hasMoreElements()) {
        b.addHeader(name, values.nextElement());
      }
    }
    return b.body(body(request, maxBodyBytes)).build();
  }

  private static byte[] body(HttpServletRequest request, int max) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared == 0) {
      return null;
    }
    if (declared > max) {
      throw new BodyTooLargeException(max, "the request body of " + declared + " bytes");
    }
    InputStream in = request.getInputStream();
    if (declared > 0) {
      byte[] body = new byte[(int) declared];
      int n = in.readNBytes(body, 0, body.length);
      if (n < body.length) {
        throw new EOFException("the request body ended after " + n + " of its " + declared + " bytes");
      }
      return body;
    }
    byte[] body = in.readNBytes(max + 1);
    if (body.length > max) {
      throw new BodyTooLargeException(max, "the request body");
    }
    return body;
  }

  /**
   * Writes status, every header in order (a repeated name stays repeated) and the body, with its length, through
   * the output stream: never a writer, which would make the container add a charset to the Content-Type.
   */
  static void write(GripResponse response, HttpServletResponse out) throws IOException {
    out.setStatus(response.status());
    Headers headers = response.headers();
    for (int i = 0, n = headers.size(); i < n; i++) {
      out.addHeader(headers.name(i), headers.value(i));
    }
    byte[] body = response.body();
    out.setContentLength(body.length);
    if (body.length > 0) {
      out.getOutputStream().write(body);
    }
  }
}
