package org.faasgrip.lambda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.grip.Headers;

/**
 * A {@link GripResponse} taken apart the way every Lambda response type needs it: its {@link Headers} grouped by name
 * (case-insensitively, first spelling kept, order of first appearance kept), and the body with its base64 flag.
 * The one place where the mapping rules live (last value, values joined by commas, Set-Cookie apart, the ALB's
 * status text, when a body is base64), so the typed responses and the stream handler's JSON agree.
 *
 * <p>The groups are parallel arrays, not maps: the stream handler's JSON writer reads them directly, and only
 * the typed responses, whose setters take maps, pay for the maps ({@link #lastValues()} and friends).
 */
final class ResponseParts {
  private static final int[] ONE_EACH = {0, 1, 2, 3, 4, 5, 6, 7, 8};

  final int status;
  /** How many distinct names (groups). */
  final int count;
  /** Group i's name, as first spelled. */
  private final String[] names;
  /** Group i's values are {@code values[start[i]]} to {@code values[start[i + 1] - 1]}, in order received. */
  private final int[] start;
  private final String[] values;
  private final byte[] body;
  /** Whether the body goes out base64; otherwise it is textual and valid UTF-8, sent as a plain string. */
  final boolean base64;

  private ResponseParts(int status, int count, String[] names, int[] start, String[] values, byte[] body,
      boolean base64) {
    this.status = status;
    this.count = count;
    this.names = names;
    this.start = start;
    this.values = values;
    this.body = body;
    this.base64 = base64;
  }

  static ResponseParts of(GripResponse response) {
    Headers headers = response.headers();
    int n = headers.size();
    String[] names = new String[n];
    String[] values = new String[n];
    int[] group = null;
    int count = 0;
    String contentType = null;
    for (int k = 0; k < n; k++) {
      String name = headers.name(k);
      String value = headers.value(k);
      int g = 0;
      // Responses carry a handful of headers: a scan beats any map.
      while (g < count && !names[g].equalsIgnoreCase(name)) {
        g++;
      }
      if (g == count) {
        names[count++] = name;
      }
      if (g != k && group == null) {
        group = new int[n];
        for (int j = 0; j < k; j++) {
          group[j] = j;
        }
      }
      if (group != null) {
        group[k] = g;
      }
      values[k] = value;
      if (contentType == null && name.equalsIgnoreCase("Content-Type")) {
        contentType = value;
      }
    }
    int[] start;
    if (group == null) {
      // Every name once, the usual case: the values are already in group order.
      start = n < ONE_EACH.length ? ONE_EACH : one(n);
    } else {
      start = new int[count + 1];
      for (int k = 0; k < n; k++) {
        start[group[k] + 1]++;
      }
      for (int g = 0; g < count; g++) {
        start[g + 1] += start[g];
      }
      String[] grouped = new String[n];
      int[] next = new int[count];
      System.arraycopy(start, 0, next, 0, count);
      for (int k = 0; k < n; k++) {
        grouped[next[group[k]]++] = values[k];
      }
      values = grouped;
    }
    byte[] bytes = response.body();
    boolean plain = Bodies.isPlainText(contentType, bytes);
    return new ResponseParts(response.status(), count, names, start, values, bytes, !plain);
  }

  private static int[] one(int n) {
    int[] s = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      s[i] = i;
    }
    return s;
  }

  /** Group i's name, as first spelled. */
  /**
   * Whether some name has more than one value. A REST response then carries {@code multiValueHeaders} alone, and
   * otherwise {@code headers} alone: API Gateway merges the two maps, so one of them says everything, and the
   * plain {@code headers} is the smaller and the more familiar when it can say it.
   */
  boolean repeats() {
    return count < start[count];
  }

  String name(int i) {
    return names[i];
  }

  /** How many values group i has (at least one). */
  int valueCount(int i) {
    return start[i + 1] - start[i];
  }

  /** Value k of group i. */
  String value(int i, int k) {
    return values[start[i] + k];
  }

  /** The last value of group i: the single-valued view API Gateway itself gives of repeated headers. */
  String lastValue(int i) {
    return values[start[i + 1] - 1];
  }

  /** The values of group i joined by commas, as payload 2.0 and the ALB's single-valued headers carry them. */
  String joinedValues(int i) {
    int from = start[i];
    int to = start[i + 1];
    if (to - from == 1) {
      return values[from];
    }
    StringBuilder sb = new StringBuilder(values[from]);
    for (int k = from + 1; k < to; k++) {
      sb.append(',').append(values[k]);
    }
    return sb.toString();
  }

  /** Whether group i is Set-Cookie, which payload 2.0 sends in {@code cookies} rather than as a header. */
  boolean isSetCookie(int i) {
    return names[i].equalsIgnoreCase("Set-Cookie");
  }

  /** The body bytes, the response's own array. */
  byte[] bodyBytes() {
    return body;
  }

  /** The body field's value: the text, or base64. */
  String body() {
    return Bodies.encode(body, !base64);
  }

  /** Every name with its last value. */
  Map<String, String> lastValues() {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      out.put(names[i], lastValue(i));
    }
    return out;
  }

  /** Every name with its values joined by commas; Set-Cookie left out when asked (payload 2.0). */
  Map<String, String> joinedValues(boolean skipSetCookie) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      if (!(skipSetCookie && isSetCookie(i))) {
        out.put(names[i], joinedValues(i));
      }
    }
    return out;
  }

  /** Every name with a copy of its values. */
  Map<String, List<String>> multiValues() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      List<String> v = new ArrayList<>(valueCount(i));
      for (int k = start[i]; k < start[i + 1]; k++) {
        v.add(values[k]);
      }
      out.put(names[i], v);
    }
    return out;
  }

  /** The index of the Set-Cookie group, or -1. */
  int setCookieGroup() {
    for (int i = 0; i < count; i++) {
      if (isSetCookie(i)) {
        return i;
      }
    }
    return -1;
  }

  /** The Set-Cookie values, which payload 2.0 sends in {@code cookies}; empty when there are none. */
  List<String> setCookies() {
    int i = setCookieGroup();
    if (i < 0) {
      return List.of();
    }
    List<String> v = new ArrayList<>(valueCount(i));
    for (int k = start[i]; k < start[i + 1]; k++) {
      v.add(values[k]);
    }
    return v;
  }

  /** The ALB's status line text, {@code "200 OK"}; the code alone for codes without a standard reason here. */
  static String statusDescription(int status) {
    String reason;
    switch (status) {
      case 200: return "200 OK";
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
