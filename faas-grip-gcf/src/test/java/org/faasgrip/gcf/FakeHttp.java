package org.faasgrip.gcf;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The invoker's request and response, in memory, as the Functions Framework's own implementations behave. */
final class FakeHttp {
  private FakeHttp() {}

  static Request request(String method, String path) {
    return new Request(method, path);
  }

  static final class Request implements HttpRequest {
    final String method;
    final String path;
    // The invoker's getHeaders() is a case-insensitive map, one entry per name, values in arrival order.
    final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byte[] body = new byte[0];
    /** -1 when the client sent no Content-Length (chunked). */
    long contentLength;
    String query;
    int bytesRead;

    Request(String method, String path) {
      this.method = method;
      this.path = path;
    }

    Request header(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    Request body(byte[] bytes, boolean withLength) {
      body = bytes;
      contentLength = withLength ? bytes.length : -1;
      return this;
    }

    Request query(String q) {
      query = q;
      return this;
    }

    @Override
    public String getMethod() {
      return method;
    }

    @Override
    public String getUri() {
      return "http://127.0.0.1" + path + (query == null ? "" : "?" + query);
    }

    @Override
    public String getPath() {
      return path;
    }

    @Override
    public Optional<String> getQuery() {
      return Optional.ofNullable(query);
    }

    @Override
    public Map<String, List<String>> getQueryParameters() {
      Map<String, List<String>> out = new TreeMap<>();
      if (query != null) {
        for (String pair : query.split("&")) {
          int eq = pair.indexOf('=');
          out.computeIfAbsent(eq < 0 ? pair : pair.substring(0, eq), k -> new ArrayList<>())
              .add(eq < 0 ? "" : pair.substring(eq + 1));
        }
      }
      return out;
    }

    @Override
    public Map<String, HttpPart> getParts() {
      throw new IllegalStateException("not multipart");
    }

    @Override
    public Optional<String> getContentType() {
      return getFirstHeader("Content-Type");
    }

    @Override
    public long getContentLength() {
      return contentLength;
    }

    @Override
    public Optional<String> getCharacterEncoding() {
      return Optional.empty();
    }

    @Override
    public InputStream getInputStream() {
      // Counts what the function reads, so a test can tell that an oversized body was not read to its end.
      return new ByteArrayInputStream(body) {
        @Override
        public synchronized int read() {
          int b = super.read();
          bytesRead += b < 0 ? 0 : 1;
          return b;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
          int n = super.read(b, off, len);
          bytesRead += Math.max(n, 0);
          return n;
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return headers;
    }
  }

  static final class Response implements HttpResponse {
    int status = 200;
    final List<Map.Entry<String, String>> headers = new ArrayList<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();

    @Override
    public void setStatusCode(int code) {
      status = code;
    }

    @Override
    public void setStatusCode(int code, String message) {
      status = code;
    }

    @Override
    public void setContentType(String contentType) {
      headers.removeIf(h -> h.getKey().equalsIgnoreCase("Content-Type"));
      headers.add(Map.entry("Content-Type", contentType));
    }

    @Override
    public Optional<String> getContentType() {
      return Optional.ofNullable(header("Content-Type"));
    }

    @Override
    public void appendHeader(String name, String value) {
      headers.add(Map.entry(name, value));
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.forEach(h -> out.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
      return out;
    }

    @Override
    public OutputStream getOutputStream() {
      return body;
    }

    @Override
    public BufferedWriter getWriter() {
      return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
    }

    String header(String name) {
      return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst()
          .orElse(null);
    }

    String text() {
      return body.toString(StandardCharsets.UTF_8);
    }
  }
}
