package org.faasgrip.lambda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.faasgrip.grip.GripResponse;

/**
 * A {@link GripResponse} taken apart the way every Lambda response type needs it: headers grouped by name
 * (case-insensitively, first spelling kept, order kept), and the body as a string with its base64 flag. The one
 * place where the mapping rules live, so the typed responses and the stream handler's JSON agree.
 */
final class ResponseParts {
  final int status;
  /** Name (first spelling) to every value, in the order first seen. */
  final Map<String, List<String>> headers;
  final String body;
  final boolean base64;

  private ResponseParts(int status, Map<String, List<String>> headers, String body, boolean base64) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.base64 = base64;
  }

  static ResponseParts of(GripResponse response) {
    Map<String, List<String>> grouped = new LinkedHashMap<>();
    Map<String, String> spelling = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> h : response.headers()) {
      // No lambdas here: the first one in a JVM costs milliseconds of cold start.
      String name = spelling.get(h.getKey());
      if (name == null) {
        name = h.getKey();
        spelling.put(name, name);
        grouped.put(name, new ArrayList<>(1));
      }
      grouped.get(name).add(h.getValue());
    }
    byte[] bytes = response.body();
    boolean plain = Bodies.isPlainText(response.header("Content-Type"), bytes);
    return new ResponseParts(response.status(), grouped, Bodies.encode(bytes, plain), !plain);
  }

  /** Every name with its last value: the single-valued view API Gateway itself gives of repeated headers. */
  Map<String, String> lastValues() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      List<String> v = e.getValue();
      out.put(e.getKey(), v.get(v.size() - 1));
    }
    return out;
  }

  /** Every name with its values joined by commas, as payload 2.0 carries them; Set-Cookie left out. */
  Map<String, String> joinedValues(boolean skipSetCookie) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (skipSetCookie && e.getKey().equalsIgnoreCase("Set-Cookie")) {
        continue;
      }
      out.put(e.getKey(), String.join(",", e.getValue()));
    }
    return out;
  }

  /** Every name with a copy of its values. */
  Map<String, List<String>> multiValues() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      out.put(e.getKey(), new ArrayList<>(e.getValue()));
    }
    return out;
  }

  /** The Set-Cookie values, which payload 2.0 sends in {@code cookies} rather than in a header. */
  List<String> setCookies() {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase("Set-Cookie")) {
        return new ArrayList<>(e.getValue());
      }
    }
    return List.of();
  }

  /** The ALB's status line text, {@code "200 OK"}; the code alone for codes without a standard reason here. */
  static String statusDescription(int status) {
    String reason;
    switch (status) {
      case 200: reason = "OK"; break;
      case 201: reason = "Created"; break;
      case 202: reason = "Accepted"; break;
      case 204: reason = "No Content"; break;
      case 301: reason = "Moved Permanently"; break;
      case 302: reason = "Found"; break;
      case 304: reason = "Not Modified"; break;
      case 400: reason = "Bad Request"; break;
      case 401: reason = "Unauthorized"; break;
      case 403: reason = "Forbidden"; break;
      case 404: reason = "Not Found"; break;
      case 405: reason = "Method Not Allowed"; break;
      case 409: reason = "Conflict"; break;
      case 429: reason = "Too Many Requests"; break;
      case 500: reason = "Internal Server Error"; break;
      case 502: reason = "Bad Gateway"; break;
      case 503: reason = "Service Unavailable"; break;
      case 504: reason = "Gateway Timeout"; break;
      default: return Integer.toString(status);
    }
    return status + " " + reason;
  }
}
