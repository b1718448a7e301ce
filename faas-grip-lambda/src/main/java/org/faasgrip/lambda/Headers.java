package org.faasgrip.lambda;

import java.util.List;
import java.util.Map;
import org.faasgrip.grip.GripRequest;

/** Copies event header maps into a request, skipping the nulls a hand-built or partial event may hold. */
final class Headers {
  private Headers() {}

  static void addEach(GripRequest.Builder b, Map<String, String> headers) {
    if (headers == null) {
      return;
    }
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey() != null && e.getValue() != null) {
        b.addHeader(e.getKey(), e.getValue());
      }
    }
  }

  static void addAll(GripRequest.Builder b, Map<String, List<String>> headers) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        continue;
      }
      for (String v : e.getValue()) {
        if (v != null) {
          b.addHeader(e.getKey(), v);
        }
      }
    }
  }

  static boolean has(Map<String, String> headers, String name) {
    if (headers != null) {
      for (String key : headers.keySet()) {
        if (name.equalsIgnoreCase(key)) {
          return true;
        }
      }
    }
    return false;
  }
}
