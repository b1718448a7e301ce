package org.faasgrip.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON tree for the measuring tools (event conversion, response checks): objects become ordered
 * {@code Map<String, Object>}, arrays {@code List<Object>}, and numbers {@code Long} or {@code Double}. It is
 * off every measured path; the library itself never builds trees.
 */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  /**
   * Parses one JSON document into a tree.
   *
   * @param json the document's bytes, UTF-8
   * @return the tree: a map, list, string, number, boolean or null
   * @throws IllegalArgumentException when the bytes are not one JSON document
   */
  public static Object parse(byte[] json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() == null) {
        throw new IllegalArgumentException("empty JSON document");
      }
      Object tree = read(p);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("trailing content after the JSON document at " + p.currentLocation());
      }
      return tree;
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }

  private static Object read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          map.put(name, read(p));
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(p));
        }
        return list;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IllegalArgumentException("unexpected JSON token " + t + " at " + p.currentLocation());
    }
  }

  /**
   * Writes a tree as compact JSON.
   *
   * @param tree a map, list, string, number, boolean or null, nested
   * @return the UTF-8 bytes
   * @throws IllegalArgumentException when the tree holds another kind of object
   */
  public static byte[] write(Object tree) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List) {
      g.writeStartArray();
      for (Object o : (List<?>) v) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof String) {
      g.writeString((String) v);
    } else if (v instanceof Long || v instanceof Integer) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Number) {
      g.writeNumber(((Number) v).doubleValue());
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else {
      throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
    }
  }

  /**
   * Returns a member of an object tree, or null when the tree is not an object or lacks it.
   *
   * @param tree the tree
   * @param name the member's name
   * @return the member's value, or null
   */
  public static Object get(Object tree, String name) {
    return tree instanceof Map ? ((Map<?, ?>) tree).get(name) : null;
  }

  /**
   * Returns a member that must be an object.
   *
   * @param tree the tree
   * @param name the member's name
   * @return the member as a map, or null when absent or null
   * @throws IllegalArgumentException when the member is there but is not an object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Object tree, String name) {
    Object v = get(tree, name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("\"" + name + "\" is not a JSON object");
    }
    return (Map<String, Object>) v;
  }
}
