package org.faasgrip.fuzz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON with jackson into plain values (maps in member order, lists, strings, numbers, booleans, null) for comparing what a writer wrote with what it was asked to write. Strict: a duplicate member or any
 * text after the value is an error.
 */
public final class JsonTree {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final JsonFactory LENIENT = new JsonFactory();

  private JsonTree() {}

  /**
   * Parses one JSON value.
   *
   * @throws UncheckedIOException when jackson refuses the text
   */
  public static Object parse(byte[] json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      Object v = value(p, p.nextToken());
      if (p.nextToken() != null) {
        throw new IOException("text after the JSON value");
      }
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What a lenient reader makes of JSON: the first value, a member repeated keeping its last value (as RFC 7515
   * asks of a JWS parser that does not refuse duplicates), and whether anything but white space follows it.
   *
   * @param value the value read
   * @param trailing whether text follows the value
   */
  public record Lenient(Object value, boolean trailing) {}

  /**
   * Reads the first JSON value leniently.
   *
   * @throws UncheckedIOException when jackson cannot read a first value
   */
  public static Lenient parseLenient(byte[] json) {
    Object v;
    try (JsonParser p = LENIENT.createParser(json)) {
      v = value(p, p.nextToken());
      try {
        return new Lenient(v, p.nextToken() != null);
      } catch (IOException e) {
        return new Lenient(v, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    if (t == null) {
      throw new IOException("no JSON value");
    }
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          m.put(name, value(p, p.nextToken()));
        }
        return m;
      }
      case START_ARRAY: {
        List<Object> l = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          l.add(value(p, e));
        }
        return l;
      }
      case VALUE_STRING: return p.getText();
      case VALUE_NUMBER_INT: return p.getNumberValue(); // Integer, Long or BigInteger, as large as written
      case VALUE_NUMBER_FLOAT: return p.getDoubleValue();
      case VALUE_TRUE: return true;
      case VALUE_FALSE: return false;
      case VALUE_NULL: return null;
      default: throw new IOException("unexpected " + t);
    }
  }
}
