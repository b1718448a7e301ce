package org.faasgrip.localgateway;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The HTTP request and response as the gateway's own server reads and writes them: header names as sent. */
final class HttpMessage {
  private HttpMessage() {}

  /** One request, exactly as it came off the socket (header names in the case and order sent). */
  static final class Request {
    final String method;
    final String target;
    final String protocol;
    final List<Map.Entry<String, String>> headers;
    /** Null when the request had no body (no Content-Length, or Content-Length 0, and not chunked). */
    final byte[] body;
    final String remoteAddress;
    final int localPort;

    Request(String method, String target, String protocol, List<Map.Entry<String, String>> headers,
        byte[] body, String remoteAddress, int localPort) {
      this.method = method;
      this.target = target;
      this.protocol = protocol;
      this.headers = Collections.unmodifiableList(new ArrayList<>(headers));
      this.body = body;
      this.remoteAddress = remoteAddress;
      this.localPort = localPort;
    }

    /** The path part of the request target, percent-encoding kept. */
    String rawPath() {
      String t = target;
      if (t.startsWith("http://") || t.startsWith("https://")) {
        int slash = t.indexOf('/', t.indexOf("//") + 2);
        t = slash < 0 ? "/" : t.substring(slash);
      }
      int q = t.indexOf('?');
      String p = q < 0 ? t : t.substring(0, q);
      return p.isEmpty() ? "/" : p;
    }

    /** The query string without '?', as sent; empty when there is none. */
    String rawQuery() {
      int q = target.indexOf('?');
      return q < 0 ? "" : target.substring(q + 1);
    }

    /** All values of a header, matched without regard to case, in the order sent. */
    List<String> values(String name) {
      List<String> out = new ArrayList<>(2);
      for (Map.Entry<String, String> h : headers) {
        if (h.getKey().equalsIgnoreCase(name)) {
          out.add(h.getValue());
        }
      }
      return out;
    }

    /** The first value of a header, or null. */
    String first(String name) {
      for (Map.Entry<String, String> h : headers) {
        if (h.getKey().equalsIgnoreCase(name)) {
          return h.getValue();
        }
      }
      return null;
    }
  }

  /** One response to write: status, optional reason phrase, ordered headers (repeats allowed), body bytes. */
  static final class Response {
    final int status;
    final String reason;
    final List<Map.Entry<String, String>> headers;
    final byte[] body;

    Response(int status, String reason, List<Map.Entry<String, String>> headers, byte[] body) {
      this.status = status;
      this.reason = reason;
      this.headers = Collections.unmodifiableList(new ArrayList<>(headers));
      this.body = body == null ? new byte[0] : body;
    }

    String first(String name) {
      for (Map.Entry<String, String> h : headers) {
        if (h.getKey().equalsIgnoreCase(name)) {
          return h.getValue();
        }
      }
      return null;
    }
  }
}
