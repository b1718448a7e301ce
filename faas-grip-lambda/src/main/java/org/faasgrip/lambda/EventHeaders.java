package org.faasgrip.lambda;

import java.util.List;
import java.util.Map;
import org.faasgrip.grip.GripRequest;

/** Copies event header maps into a request, skipping the nulls a hand-built or partial event may hold. */
final class EventHeaders {
  private EventHeaders() {}

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

  /**
   * Adds every value of {@code multiValueHeaders}, then the {@code headers} entries whose names it lacks: API
   * Gateway sends both with the same content, but a hand-made or test event may fill only one, or each partly.
   */
  static void addMerged(GripRequest.Builder b, Map<String, List<String>> multi, Map<String, String> single) {
    if (multi == null) {
      addEach(b, single);
      return;
    }
    addAll(b, multi);
    if (single != null) {
      for (Map.Entry<String, String> e : single.entrySet()) {
        if (e.getKey() != null && e.getValue() != null && !hasKey(multi, e.getKey())) {
          b.addHeader(e.getKey(), e.getValue());
        }
      }
    }
  }

  /** Whether the map has a value for the name, compared without case; a null value is no value, as above. */
  private static boolean hasKey(Map<String, ?> map, String name) {
    if (map.get(name) != null) {
      return true;
    }
    for (Map.Entry<String, ?> e : map.entrySet()) {
      if (name.equalsIgnoreCase(e.getKey()) && e.getValue() != null) {
        return true;
      }
    }
    return false;
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
