package org.faasgrip.localgateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns what the function returned (its output JSON) into the HTTP response the AWS front door would send,
 * applying each front door's rules: REST's binary conversion by {@code Accept}, payload 2.0's cookies and
 * inferred responses, ALB's status description and header mode.
 */
final class ResponseDecoder {
  /** Framing and hop-by-hop headers the gateway sets itself; a function's values for them are dropped. */
  private static final Set<String> OWN_HEADERS =
      Set.of("content-length", "transfer-encoding", "connection", "keep-alive", "upgrade");

  private ResponseDecoder() {}

  /** A function result the front door would refuse; AWS answers it with its generic error response. */
  static final class MalformedResponse extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedResponse(String message) {
      super(message);
    }

    MalformedResponse(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static HttpMessage.Response decode(byte[] output, HttpMessage.Request request, Settings s, String requestId)
      throws MalformedResponse {
    Object json;
    try {
      json = Json.parse(output);
    } catch (IOException e) {
      throw new MalformedResponse("the function's output is not JSON: " + e.getMessage(), e);
    }
    switch (s.payload) {
      case V1:
        return decodeV1(json, request, s, requestId);
      case V2:
        return decodeV2(json, output, requestId);
      default:
        return decodeAlb(json, s);
    }
  }

  private static HttpMessage.Response decodeV1(Object json, HttpMessage.Request request, Settings s,
      String requestId) throws MalformedResponse {
    Map<String, Object> m = object(json);
    int status = status(m);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    Map<String, Object> single = map(m, "headers");
    Map<String, Object> multi = map(m, "multiValueHeaders");
    // REST APIs merge the two maps; for a name in both, only the multiValueHeaders values are kept.
    for (Map.Entry<String, Object> e : single.entrySet()) {
      if (!containsIgnoreCase(multi.keySet(), e.getKey()) && e.getValue() != null) {
        addHeader(headers, e.getKey(), scalar(e.getValue(), "headers." + e.getKey()));
      }
    }
    addMulti(headers, multi, "multiValueHeaders");
    byte[] body = body(m);
    if (bool(m, "isBase64Encoded")
        && MediaTypes.matchesAny(MediaTypes.firstAccept(request.first("Accept")), s.binaryMediaTypes)) {
      body = base64(body);
    }
    if (first(headers, "Content-Type") == null) {
      headers.add(LoopbackHttpServer.header("Content-Type", "application/json"));
    }
    headers.add(LoopbackHttpServer.header("x-amzn-RequestId", requestId));
    return new HttpMessage.Response(status, null, headers, body);
  }

  private static HttpMessage.Response decodeV2(Object json, byte[] raw, String requestId)
      throws MalformedResponse {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    if (!(json instanceof Map) || !((Map<?, ?>) json).containsKey("statusCode")) {
      // Payload 2.0: valid JSON without a statusCode is the body of a 200 application/json response.
      headers.add(LoopbackHttpServer.header("Content-Type", "application/json"));
      headers.add(LoopbackHttpServer.header("Apigw-Requestid", requestId));
      return new HttpMessage.Response(200, null, headers, raw);
    }
    Map<String, Object> m = object(json);
    int status = status(m);
    for (Map.Entry<String, Object> e : map(m, "headers").entrySet()) {
      if (e.getValue() != null) {
        addHeader(headers, e.getKey(), scalar(e.getValue(), "headers." + e.getKey()));
      }
    }
    if (!map(m, "multiValueHeaders").isEmpty()) {
      System.err.println("[local-gateway] warning: payload 2.0 has no multiValueHeaders in responses; HTTP API "
          + "ignores them (use headers with comma-joined values, and cookies for Set-Cookie)");
    }
    Object cookies = m.get("cookies");
    if (cookies != null) {
      if (!(cookies instanceof List)) {
        throw new MalformedResponse("cookies must be an array of strings");
      }
      for (Object c : (List<?>) cookies) {
        addHeader(headers, "Set-Cookie", scalar(c, "cookies[]"));
      }
    }
    byte[] body = body(m);
    if (bool(m, "isBase64Encoded")) {
      body = base64(body);
    }
    headers.add(LoopbackHttpServer.header("Apigw-Requestid", requestId));
    return new HttpMessage.Response(status, null, headers, body);
  }

  private static HttpMessage.Response decodeAlb(Object json, Settings s) throws MalformedResponse {
    Map<String, Object> m = object(json);
    int status = status(m);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    Map<String, Object> single = map(m, "headers");
    Map<String, Object> multi = map(m, "multiValueHeaders");
    // Use the map the target group's setting names; fall back to the other (with a warning) when only it is set.
    boolean useMulti = s.albMultiValueHeaders
        ? !multi.isEmpty() || single.isEmpty()
        : single.isEmpty() && !multi.isEmpty();
    if (useMulti != s.albMultiValueHeaders) {
      System.err.println("[local-gateway] warning: the target group has multi-value headers "
          + (s.albMultiValueHeaders ? "enabled but the response uses headers" : "disabled but the response uses "
          + "multiValueHeaders") + "; a real ALB may drop them");
    }
    if (useMulti) {
      addMulti(headers, multi, "multiValueHeaders");
    } else {
      for (Map.Entry<String, Object> e : single.entrySet()) {
        if (e.getValue() != null) {
          addHeader(headers, e.getKey(), scalar(e.getValue(), "headers." + e.getKey()));
        }
      }
    }
    String reason = null;
    Object description = m.get("statusDescription");
    if (description != null) {
      String d = scalar(description, "statusDescription").trim();
      String code = Integer.toString(status);
      reason = d.startsWith(code + " ") ? d.substring(code.length() + 1).trim() : d;
      checkHeaderText(reason, "statusDescription");
    }
    byte[] body = body(m);
    if (bool(m, "isBase64Encoded")) {
      body = base64(body);
    }
    return new HttpMessage.Response(status, reason, headers, body);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object json) throws MalformedResponse {
    if (!(json instanceof Map)) {
      throw new MalformedResponse("the function's output must be a JSON object with a statusCode");
    }
    return (Map<String, Object>) json;
  }

  private static int status(Map<String, Object> m) throws MalformedResponse {
    Object v = m.get("statusCode");
    int status;
    if (v instanceof Number) {
      status = ((Number) v).intValue();
    } else if (v instanceof String) {
      try {
        status = Integer.parseInt(((String) v).trim());
      } catch (NumberFormatException e) {
        throw new MalformedResponse("statusCode is not a number: " + v);
      }
    } else {
      throw new MalformedResponse("the function's output has no statusCode");
    }
    if (status < 200 || status > 599) {
      throw new MalformedResponse("statusCode " + status + " is not an HTTP status");
    }
    return status;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> m, String field) throws MalformedResponse {
    Object v = m.get(field);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map)) {
      throw new MalformedResponse(field + " must be a JSON object");
    }
    return (Map<String, Object>) v;
  }

  private static boolean bool(Map<String, Object> m, String field) throws MalformedResponse {
    Object v = m.get(field);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    if (v instanceof String) {
      return Boolean.parseBoolean((String) v);
    }
    throw new MalformedResponse(field + " must be true or false");
  }

  private static byte[] body(Map<String, Object> m) throws MalformedResponse {
    Object v = m.get("body");
    if (v == null) {
      return new byte[0];
    }
    if (!(v instanceof String)) {
      throw new MalformedResponse("body must be a string");
    }
    return ((String) v).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] base64(byte[] text) throws MalformedResponse {
    try {
      return Base64.getMimeDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedResponse("isBase64Encoded is true but the body is not base64: " + e.getMessage(), e);
    }
  }

  private static String scalar(Object v, String where) throws MalformedResponse {
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    throw new MalformedResponse(where + " must be a string");
  }

  private static void addMulti(List<Map.Entry<String, String>> headers, Map<String, Object> multi, String field)
      throws MalformedResponse {
    for (Map.Entry<String, Object> e : multi.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      if (!(e.getValue() instanceof List)) {
        throw new MalformedResponse(field + "." + e.getKey() + " must be an array of strings");
      }
      for (Object v : (List<?>) e.getValue()) {
        addHeader(headers, e.getKey(), scalar(v, field + "." + e.getKey()));
      }
    }
  }

  private static void addHeader(List<Map.Entry<String, String>> headers, String name, String value)
      throws MalformedResponse {
    if (name.isEmpty() || !name.chars().allMatch(ResponseDecoder::isTokenChar)) {
      throw new MalformedResponse("'" + name + "' is not a valid header name");
    }
    checkHeaderText(value, "header " + name);
    if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
      headers.add(LoopbackHttpServer.header(name, value));
    }
  }

  private static void checkHeaderText(String value, String where) throws MalformedResponse {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
        throw new MalformedResponse(where + " contains a character not allowed in an HTTP header");
      }
    }
  }

  private static boolean isTokenChar(int c) {
    return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
  }

  private static boolean containsIgnoreCase(Set<String> names, String name) {
    for (String n : names) {
      if (n.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static String first(List<Map.Entry<String, String>> headers, String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }
}
