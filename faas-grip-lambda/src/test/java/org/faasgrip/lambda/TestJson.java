package org.faasgrip.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: JSON to maps and lists with the streaming parser (the project uses no jackson-databind). */
final class TestJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private TestJson() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      p.nextToken();
      return (Map<String, Object>) value(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in = TestJson.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          m.put(name, value(p));
        }
        return m;
      }
      case START_ARRAY: {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p));
        }
        return l;
      }
      case VALUE_STRING: return p.getText();
      case VALUE_NUMBER_INT: return p.getIntValue();
      case VALUE_TRUE: return true;
      case VALUE_FALSE: return false;
      case VALUE_NULL: return null;
      default: throw new IllegalStateException("unexpected " + t);
    }
  }
}
