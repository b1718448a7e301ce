package org.faasgrip.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event's JSON as jackson reads it, for the typed-event fuzz target: whether a member is repeated anywhere,
 * and whether a header or cookie value is a number (which a deserializer writes out in its own way).
 */
final class EventJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** A number as written. */
  private record Number(String text) {}

  final boolean duplicates;
  final Object tree;

  private EventJson(Object tree, boolean duplicates) {
    this.tree = tree;
    this.duplicates = duplicates;
  }

  /** Reads the JSON; null when jackson cannot (then no reader can agree on anything but refusing it). */
  static EventJson read(byte[] json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      boolean[] dup = new boolean[1];
      Object tree = value(p, p.nextToken(), dup);
      if (p.nextToken() != null) {
        return null;
      }
      return new EventJson(tree, dup[0]);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Object value(JsonParser p, JsonToken t, boolean[] dup) throws IOException {
    if (t == null) {
      throw new IOException("no value");
    }
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          Object v = value(p, p.nextToken(), dup);
          dup[0] |= m.containsKey(name);
          m.remove(name); // the last one wins, in its own place
          m.put(name, v);
        }
        return m;
      }
      case START_ARRAY: {
        List<Object> l = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          l.add(value(p, e, dup));
        }
        return l;
      }
      case VALUE_STRING: return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT: return new Number(p.getText());
      case VALUE_TRUE: return true;
      case VALUE_FALSE: return false;
      case VALUE_NULL: return null;
      default: throw new IOException("unexpected " + t);
    }
  }

  /** Whether a value of headers, multiValueHeaders or cookies is a number. */
  boolean numberInHeaders() {
    if (!(tree instanceof Map<?, ?> event)) {
      return false;
    }
    for (String member : new String[] {"headers", "multiValueHeaders", "cookies"}) {
      if (holdsNumber(event.get(member))) {
        return true;
      }
    }
    return false;
  }

  private static boolean holdsNumber(Object v) {
    if (v instanceof Number) {
      return true;
    }
    if (v instanceof Map<?, ?> m) {
      return m.values().stream().anyMatch(EventJson::holdsNumber);
    }
    if (v instanceof List<?> l) {
      return l.stream().anyMatch(EventJson::holdsNumber);
    }
    return false;
  }
}
