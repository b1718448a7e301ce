package org.faasgrip.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faasgrip.grip.GripRequest;

/**
 * The jackson-core reader the library used before {@code JsonCursor}, kept as the oracle of
 * {@code EventReaderDifferentialTest}: both readers must make the same request of every event, and refuse the same
 * malformed ones.
 *
 * <p>Reads the raw JSON of an API Gateway (1.0, 2.0), Function URL or ALB event with a streaming parser: one pass,
 * only the fields a GRIP request needs, everything else skipped unread. No reflection, no AWS event classes.
 *
 * <p>One change since: a repeated member replaces the earlier one whole, as when the event is read into a map or
 * the AWS event classes (a {@code null} header member removes the earlier one; a second {@code requestContext}
 * or {@code http} object leaves nothing of the first). Every occurrence is still checked as it is read.
 */
final class JacksonEventReader {
  private String version;
  private String httpMethod;
  private String path;
  private String rawPath;
  private Map<String, String> headers;
  private Map<String, List<String>> multiValueHeaders;
  private List<String> cookies;
  private String body;
  private boolean base64;
  private boolean elb;
  private String contextMethod;
  private String contextPath;

  private JacksonEventReader() {}

  private static final JsonFactory FACTORY = new JsonFactory();

  static LambdaEvent read(byte[] json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      return read(p);
    } catch (IOException e) {
      throw new LambdaEventException("cannot read the event JSON: " + e.getMessage(), e);
    }
  }

  static LambdaEvent read(JsonParser p) throws IOException {
    try {
      return new JacksonEventReader().readEvent(p);
    } catch (JsonProcessingException e) {
      throw new LambdaEventException("malformed event JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage(), e);
    }
  }

  private LambdaEvent readEvent(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new LambdaEventException("empty event: expected a JSON object");
    }
    if (t != JsonToken.START_OBJECT) {
      throw fault(p, "the event must be a JSON object, found " + describe(t));
    }
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "version": version = text(p, "version"); break;
        case "httpMethod": httpMethod = text(p, "httpMethod"); break;
        case "path": path = text(p, "path"); break;
        case "rawPath": rawPath = text(p, "rawPath"); break;
        case "headers": headers = stringMap(p, "headers"); break;
        case "multiValueHeaders": multiValueHeaders = listMap(p, "multiValueHeaders"); break;
        case "cookies": cookies = stringList(p, "cookies", null); break;
        case "body": body = text(p, "body"); break;
        case "isBase64Encoded": base64 = bool(p, "isBase64Encoded"); break;
        case "requestContext": requestContext(p); break;
        default: p.skipChildren();
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw fault(p, "unexpected " + describe(t) + " in the event object");
    }
    if (p.nextToken() != null) {
      throw fault(p, "unexpected content after the event object");
    }
    return build();
  }

  private LambdaEvent build() {
    EventFormat format;
    String method;
    String requestPath;
    if (elb) {
      format = EventFormat.ALB;
      method = httpMethod;
      requestPath = path;
    } else if ("2.0".equals(version) || (httpMethod == null && contextMethod != null)) {
      format = EventFormat.HTTP_API;
      method = contextMethod;
      requestPath = rawPath != null ? rawPath : contextPath;
    } else if (httpMethod != null) {
      format = EventFormat.API_GATEWAY_REST;
      method = httpMethod;
      requestPath = path;
    } else {
      throw new LambdaEventException("not an HTTP event: it has neither 'httpMethod' (API Gateway REST, ALB) nor"
          + " 'requestContext.http.method' (HTTP API, Function URL)");
    }
    if (method == null) {
      throw new LambdaEventException(format == EventFormat.HTTP_API
          ? "payload 2.0 event without 'requestContext.http.method'"
          : "event without 'httpMethod'");
    }
    GripRequest.Builder b = GripRequest.builder().method(method).path(requestPath == null ? "/" : requestPath);
    boolean multi = multiValueHeaders != null && format != EventFormat.HTTP_API;
    EventHeaders.addMerged(b, multi ? multiValueHeaders : null, headers);
    if (cookies != null && !cookies.isEmpty() && (headers == null || !hasCookieHeader())) {
      b.addHeader("Cookie", String.join("; ", cookies));
    }
    b.body(Bodies.decode(body, base64));
    return new LambdaEvent(format, b.build(), multi);
  }

  private boolean hasCookieHeader() {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase("Cookie") && e.getValue() != null) {
        return true;
      }
    }
    return false;
  }

  private void requestContext(JsonParser p) throws IOException {
    elb = false;
    contextMethod = null;
    contextPath = null;
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    expectObject(p, "requestContext");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      t = p.nextToken();
      if (name.equals("elb")) {
        elb = t != JsonToken.VALUE_NULL;
        p.skipChildren();
      } else if (name.equals("http")) {
        contextMethod = null;
        contextPath = null;
        if (t != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          if (field.equals("method")) {
            contextMethod = text(p, "requestContext.http.method");
          } else if (field.equals("path")) {
            contextPath = text(p, "requestContext.http.path");
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
  }

  private static String text(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw fault(p, "event field '" + field + "' must be a string, found " + describe(t));
  }

  private static boolean bool(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL) {
      return false;
    }
    if (t == JsonToken.VALUE_STRING && (p.getText().equals("true") || p.getText().equals("false"))) {
      return p.getText().equals("true");
    }
    throw fault(p, "event field '" + field + "' must be true or false, found " + describe(t));
  }

  private static Map<String, String> stringMap(JsonParser p, String field) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    expectObject(p, field);
    Map<String, String> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      // Kept when null: it replaces an earlier member of the name (and keeps its place, as a map does).
      out.put(name, scalar(p, field, name));
    }
    return out;
  }

  private static Map<String, List<String>> listMap(JsonParser p, String field) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    expectObject(p, field);
    Map<String, List<String>> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      out.put(name, stringList(p, field, name));
    }
    return out;
  }

  /** Field names are joined only for an error message: string concatenation on the hot path costs cold start. */
  private static List<String> stringList(JsonParser p, String field, String key) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_ARRAY) {
      throw fault(p, "event field '" + path(field, key) + "' must be an array of strings, found " + describe(t));
    }
    List<String> out = new ArrayList<>(2);
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      if (t == null || !t.isScalarValue()) {
        throw fault(p, "event field '" + path(field, key) + "[" + out.size() + "]' must be a string, found "
            + describe(t));
      }
      out.add(p.getText());
    }
    return out;
  }

  /** A header value: a string; numbers and booleans are taken as their text; null is skipped. */
  private static String scalar(JsonParser p, String field, String key) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != null && t.isScalarValue()) {
      return p.getText();
    }
    throw fault(p, "event field '" + path(field, key) + "' must be a string, found " + describe(t));
  }

  private static String path(String field, String key) {
    return key == null ? field : field + "." + key;
  }

  private static void expectObject(JsonParser p, String field) {
    JsonToken t = p.currentToken();
    if (t != JsonToken.START_OBJECT) {
      throw fault(p, "event field '" + field + "' must be an object, found " + describe(t));
    }
  }

  private static LambdaEventException fault(JsonParser p, String message) {
    return new LambdaEventException(message + where(p.currentTokenLocation()));
  }

  private static String where(JsonLocation at) {
    if (at == null || at.getLineNr() < 1) {
      return "";
    }
    return " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "the end of the input";
    }
    switch (t) {
      case START_OBJECT: return "an object";
      case START_ARRAY: return "an array";
      case VALUE_STRING: return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT: return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE: return "a boolean";
      case VALUE_NULL: return "null";
      default: return t.asString() == null ? t.name() : "'" + t.asString() + "'";
    }
  }
}
