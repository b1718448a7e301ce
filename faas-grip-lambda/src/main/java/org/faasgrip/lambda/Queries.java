package org.faasgrip.lambda;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The query string of an event that carries only its parameters (API Gateway REST API, ALB), put back together for
 * {@code GripRequest.query()}: {@code name=value} pairs joined by {@code &}, every value of a repeated name, a
 * parameter without a value as {@code name=}. API Gateway REST API decodes the parameters, so they are encoded again
 * ({@code application/x-www-form-urlencoded}, a space as {@code +}); ALB passes them as the client sent them.
 */
final class Queries {
  private Queries() {}

  /**
   * Joins the parameters of a typed event: every value from {@code multi} when the event has it, else the one value
   * per name of {@code single}. A null value is left out, as the event reader leaves out a member that is null.
   */
  static String of(Map<String, List<String>> multi, Map<String, String> single, boolean encode) {
    StringBuilder sb = new StringBuilder();
    if (multi != null) {
      for (Map.Entry<String, List<String>> e : multi.entrySet()) {
        if (e.getKey() == null || e.getValue() == null) {
          continue;
        }
        for (String v : e.getValue()) {
          if (v != null) {
            append(sb, e.getKey(), v, encode);
          }
        }
      }
    } else if (single != null) {
      for (Map.Entry<String, String> e : single.entrySet()) {
        if (e.getKey() != null && e.getValue() != null) {
          append(sb, e.getKey(), e.getValue(), encode);
        }
      }
    }
    return sb.toString();
  }

  /** Appends one parameter. */
  static void append(StringBuilder sb, String name, String value, boolean encode) {
    if (sb.length() > 0) {
      sb.append('&');
    }
    if (encode) {
      sb.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    } else {
      sb.append(name).append('=').append(value);
    }
  }
}
