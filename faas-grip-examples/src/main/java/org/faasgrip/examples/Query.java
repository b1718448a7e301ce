package org.faasgrip.examples;

import java.util.List;
import java.util.Map;

/** Reads a query parameter from the maps the Lambda events carry, any of which may be absent. */
final class Query {
  private Query() {}

  static String get(Map<String, String> single, String name) {
    return single == null ? null : single.get(name);
  }

  /** An ALB sends one of the two maps, as the target group's multi-value setting says. */
  static String get(Map<String, String> single, Map<String, List<String>> multi, String name) {
    String value = get(single, name);
    if (value == null && multi != null) {
      List<String> values = multi.get(name);
      value = values == null || values.isEmpty() ? null : values.get(0);
    }
    return value;
  }
}
