package org.faasgrip.bench;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.faasgrip.examples.servlet.ChatServlet;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.Headers;
import org.faasgrip.lambda.LambdaEvent;

/**
 * The servlet chat ({@code ChatServlet} on {@code GripServlet}) as the benchmarks drive it: a servlet request made
 * in memory from a Lambda event's method, path, headers and body, through {@code service}, into a response kept in
 * memory, with publishing counted. What is measured is the adapter and the library, not a container's HTTP parsing.
 *
 * <p>The request and response are the Servlet API's own wrappers around a stand-in that refuses every call: only
 * the methods the adapter uses are answered, so a call to any other fails the run rather than passing unseen.
 */
public final class ServletInvoker {
  private final HttpServlet servlet;
  private final AtomicLong published = new AtomicLong();
  private final String method;
  private final String path;
  private final String query;
  private final List<String> names = new ArrayList<>();
  private final List<List<String>> values = new ArrayList<>();
  private final byte[] body;
  private final HttpServletRequest refusing = refusing(HttpServletRequest.class);
  private final HttpServletResponse refusingResponse = refusing(HttpServletResponse.class);

  /**
   * Makes the servlet, with counted publishing, and the request from an API Gateway REST (payload 1.0) event.
   *
   * @param eventJson the event's JSON
   */
  public ServletInvoker(byte[] eventJson) {
    Grip grip = Grip.builder().publishWith(items -> {
      published.addAndGet(items.size());
      return CompletableFuture.completedFuture(null);
    }).build();
    servlet = new ChatServlet(grip);
    GripRequest r = LambdaEvent.parse(eventJson).request();
    method = r.method();
    path = r.path();
    query = r.query().isEmpty() ? null : r.query();
    body = r.body();
    Headers h = r.headers();
    for (String name : h.names()) {
      names.add(name);
      values.add(h.values(name));
    }
  }

  /**
   * Serves the request once.
   *
   * @return the response: status, then every header and the body, as written
   */
  public byte[] invoke() {
    Response res = new Response(refusingResponse);
    try {
      servlet.service(new Request(refusing), res);
    } catch (IOException | jakarta.servlet.ServletException e) {
      throw new UncheckedIOException(new IOException(e));
    }
    return res.out.toByteArray();
  }

  /**
   * Returns how many items have been published.
   *
   * @return the count
   */
  public long published() {
    return published.get();
  }

  private static <T> T refusing(Class<T> type) {
    return type.cast(Proxy.newProxyInstance(ServletInvoker.class.getClassLoader(), new Class<?>[] {type},
        (proxy, m, args) -> {
          throw new UnsupportedOperationException(type.getSimpleName() + "." + m.getName()
              + " is not answered by the benchmark's stand-in");
        }));
  }

  private final class Request extends HttpServletRequestWrapper {
    Request(HttpServletRequest refusing) {
      super(refusing);
    }

    @Override
    public String getMethod() {
      return method;
    }

    @Override
    public String getRequestURI() {
      return path;
    }

    @Override
    public String getQueryString() {
      return query; // null for none, as a container answers
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      return Collections.enumeration(names);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return Collections.enumeration(values.get(names.indexOf(name)));
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      return new ServletInputStream() {
        private int pos;

        @Override
        public int read() {
          return pos < body.length ? body[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
          if (pos == body.length) {
            return -1;
          }
          int n = Math.min(len, body.length - pos);
          System.arraycopy(body, pos, b, off, n);
          pos += n;
          return n;
        }

        @Override
        public boolean isFinished() {
          return pos == body.length;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }
  }

  private static final class Response extends HttpServletResponseWrapper {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    Response(HttpServletResponse refusing) {
      super(refusing);
    }

    @Override
    public void setStatus(int sc) {
      out.writeBytes(Integer.toString(sc).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public void addHeader(String name, String value) {
      out.writeBytes((name + ": " + value + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Override
    public void setContentLength(int len) {
      // the body's length is what is written
    }

    @Override
    public ServletOutputStream getOutputStream() {
      return new ServletOutputStream() {
        @Override
        public void write(int b) {
          out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          out.write(b, off, len);
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }
  }
}
