package org.faasgrip.localgateway;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the Lambda event an AWS front door would send for one HTTP request: payload 1.0 (REST API), 2.0
 * (HTTP API, Function URL) or ALB. The JSON is written field by field with jackson-core, in the field order of
 * AWS's documented examples.
 */
final class EventEncoder {
  static final String ACCOUNT_ID = "123456789012";
  static final String API_ID = "localgw";
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private EventEncoder() {}

  static byte[] encode(HttpMessage.Request r, Settings s, String requestId, long epochMillis) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + (r.body == null ? 0 : r.body.length * 4 / 3));
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      List<Map.Entry<String, String>> headers = withForwardingHeaders(r);
      switch (s.payload) {
        case V1:
          writeV1(g, r, headers, s, requestId, epochMillis);
          break;
        case V2:
          writeV2(g, r, headers, s, requestId, epochMillis);
          break;
        default:
          writeAlb(g, r, headers, s);
          break;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing the event JSON to memory failed", e);
    }
    return out.toByteArray();
  }

  /**
   * AWS adds X-Forwarded-For (appending the client address), X-Forwarded-Port and X-Forwarded-Proto to what it
   * forwards; so does the gateway, so that code reading them runs the same way locally.
   */
  static List<Map.Entry<String, String>> withForwardingHeaders(HttpMessage.Request r) {
    List<Map.Entry<String, String>> out = new ArrayList<>(r.headers.size() + 3);
    boolean sawFor = false;
    for (Map.Entry<String, String> h : r.headers) {
      String name = h.getKey();
      if (name.equalsIgnoreCase("X-Forwarded-Port") || name.equalsIgnoreCase("X-Forwarded-Proto")) {
        continue;
      }
      if (name.equalsIgnoreCase("X-Forwarded-For") && !sawFor) {
        sawFor = true;
        out.add(LoopbackHttpServer.header(name, h.getValue() + ", " + r.remoteAddress));
        continue;
      }
      out.add(h);
    }
    if (!sawFor) {
      out.add(LoopbackHttpServer.header("X-Forwarded-For", r.remoteAddress));
    }
    out.add(LoopbackHttpServer.header("X-Forwarded-Port", Integer.toString(r.localPort)));
    out.add(LoopbackHttpServer.header("X-Forwarded-Proto", "http"));
    return out;
  }

  /** Header values grouped by name without regard to case; each group keyed by its first spelling. */
  private static Map<String, List<String>> group(List<Map.Entry<String, String>> headers, boolean lowerCase) {
    Map<String, List<String>> byLower = new LinkedHashMap<>();
    Map<String, String> spelling = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : headers) {
      String lower = h.getKey().toLowerCase(Locale.ROOT);
      spelling.putIfAbsent(lower, lowerCase ? lower : h.getKey());
      byLower.computeIfAbsent(lower, k -> new ArrayList<>(1)).add(h.getValue());
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : byLower.entrySet()) {
      out.put(spelling.get(e.getKey()), e.getValue());
    }
    return out;
  }

  /** Query parameters in order; names and values percent-decoded when {@code decode}, kept as sent otherwise. */
  static Map<String, List<String>> query(String rawQuery, boolean decode) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      if (decode) {
        name = decode(name);
        value = decode(value);
      }
      out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a stray '%': pass it on as sent rather than refuse the request
    }
  }

  private static String last(List<String> values) {
    return values.get(values.size() - 1);
  }

  private static void writeV1(JsonGenerator g, HttpMessage.Request r, List<Map.Entry<String, String>> headers,
      Settings s, String requestId, long epochMillis) throws IOException {
    String path = r.rawPath();
    boolean root = path.equals("/");
    String resource = root ? "/" : "/{proxy+}";
    Map<String, List<String>> grouped = group(headers, false);
    Map<String, List<String>> query = query(r.rawQuery(), true);
    String contentType = r.first("Content-Type");
    // A REST API without a Content-Type treats the body as application/json when matching binary media types.
    boolean binary = r.body != null
        && MediaTypes.matchesAny(contentType == null ? "application/json" : contentType, s.binaryMediaTypes);

    g.writeStartObject();
    g.writeStringField("resource", resource);
    g.writeStringField("path", path);
    g.writeStringField("httpMethod", r.method);
    g.writeObjectFieldStart("headers");
    for (Map.Entry<String, List<String>> e : grouped.entrySet()) {
      g.writeStringField(e.getKey(), last(e.getValue()));
    }
    g.writeEndObject();
    writeMulti(g, "multiValueHeaders", grouped);
    if (query.isEmpty()) {
      g.writeNullField("queryStringParameters");
      g.writeNullField("multiValueQueryStringParameters");
    } else {
      g.writeObjectFieldStart("queryStringParameters");
      for (Map.Entry<String, List<String>> e : query.entrySet()) {
        g.writeStringField(e.getKey(), last(e.getValue()));
      }
      g.writeEndObject();
      writeMulti(g, "multiValueQueryStringParameters", query);
    }
    if (root) {
      g.writeNullField("pathParameters");
    } else {
      g.writeObjectFieldStart("pathParameters");
      g.writeStringField("proxy", path.substring(1));
      g.writeEndObject();
    }
    g.writeNullField("stageVariables");
    g.writeObjectFieldStart("requestContext");
    g.writeStringField("resourceId", "local");
    g.writeStringField("resourcePath", resource);
    g.writeStringField("httpMethod", r.method);
    g.writeStringField("extendedRequestId", requestId);
    g.writeStringField("requestTime", REQUEST_TIME.format(Instant.ofEpochMilli(epochMillis)));
    g.writeStringField("path", "/" + s.stage + path);
    g.writeStringField("accountId", ACCOUNT_ID);
    g.writeStringField("protocol", r.protocol);
    g.writeStringField("stage", s.stage);
    g.writeStringField("domainPrefix", API_ID);
    g.writeNumberField("requestTimeEpoch", epochMillis);
    g.writeStringField("requestId", requestId);
    g.writeObjectFieldStart("identity");
    g.writeNullField("cognitoIdentityPoolId");
    g.writeNullField("accountId");
    g.writeNullField("cognitoIdentityId");
    g.writeNullField("caller");
    g.writeStringField("sourceIp", r.remoteAddress);
    g.writeNullField("principalOrgId");
    g.writeNullField("accessKey");
    g.writeNullField("cognitoAuthenticationType");
    g.writeNullField("cognitoAuthenticationProvider");
    g.writeNullField("userArn");
    writeNullable(g, "userAgent", r.first("User-Agent"));
    g.writeNullField("user");
    g.writeEndObject();
    g.writeStringField("domainName", domainName(r));
    g.writeStringField("apiId", API_ID);
    g.writeEndObject();
    writeBody(g, r.body, binary, false);
    g.writeEndObject();
  }

  private static void writeV2(JsonGenerator g, HttpMessage.Request r, List<Map.Entry<String, String>> headers,
      Settings s, String requestId, long epochMillis) throws IOException {
    List<String> cookies = new ArrayList<>();
    List<Map.Entry<String, String>> others = new ArrayList<>(headers.size());
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase("Cookie")) {
        for (String c : h.getValue().split(";")) {
          String t = c.trim();
          if (!t.isEmpty()) {
            cookies.add(t);
          }
        }
      } else {
        others.add(h);
      }
    }
    Map<String, List<String>> grouped = group(others, true);
    Map<String, List<String>> query = query(r.rawQuery(), true);
    boolean binary = r.body != null && !MediaTypes.isTextForHttpApiAndAlb(r.first("Content-Type"));

    g.writeStartObject();
    g.writeStringField("version", "2.0");
    g.writeStringField("routeKey", "$default");
    g.writeStringField("rawPath", r.rawPath());
    g.writeStringField("rawQueryString", r.rawQuery());
    if (!cookies.isEmpty()) {
      g.writeArrayFieldStart("cookies");
      for (String c : cookies) {
        g.writeString(c);
      }
      g.writeEndArray();
    }
    g.writeObjectFieldStart("headers");
    for (Map.Entry<String, List<String>> e : grouped.entrySet()) {
      g.writeStringField(e.getKey(), String.join(",", e.getValue()));
    }
    g.writeEndObject();
    if (!query.isEmpty()) {
      g.writeObjectFieldStart("queryStringParameters");
      for (Map.Entry<String, List<String>> e : query.entrySet()) {
        g.writeStringField(e.getKey(), String.join(",", e.getValue()));
      }
      g.writeEndObject();
    }
    g.writeObjectFieldStart("requestContext");
    g.writeStringField("accountId", ACCOUNT_ID);
    g.writeStringField("apiId", API_ID);
    g.writeStringField("domainName", domainName(r));
    g.writeStringField("domainPrefix", API_ID);
    g.writeObjectFieldStart("http");
    g.writeStringField("method", r.method);
    g.writeStringField("path", r.rawPath());
    g.writeStringField("protocol", r.protocol);
    g.writeStringField("sourceIp", r.remoteAddress);
    writeNullable(g, "userAgent", r.first("User-Agent"));
    g.writeEndObject();
    g.writeStringField("requestId", requestId);
    g.writeStringField("routeKey", "$default");
    g.writeStringField("stage", s.stage);
    g.writeStringField("time", REQUEST_TIME.format(Instant.ofEpochMilli(epochMillis)));
    g.writeNumberField("timeEpoch", epochMillis);
    g.writeEndObject();
    writeBody(g, r.body, binary, true);
    g.writeEndObject();
  }

  private static void writeAlb(JsonGenerator g, HttpMessage.Request r, List<Map.Entry<String, String>> headers,
      Settings s) throws IOException {
    Map<String, List<String>> grouped = group(headers, true);
    // ALB passes query parameters as the client sent them: it does not percent-decode them.
    Map<String, List<String>> query = query(r.rawQuery(), false);
    boolean binary = r.body != null && !MediaTypes.isTextForHttpApiAndAlb(r.first("Content-Type"));

    g.writeStartObject();
    g.writeObjectFieldStart("requestContext");
    g.writeObjectFieldStart("elb");
    g.writeStringField("targetGroupArn", s.targetGroupArn);
    g.writeEndObject();
    g.writeEndObject();
    g.writeStringField("httpMethod", r.method);
    g.writeStringField("path", r.rawPath());
    if (s.albMultiValueHeaders) {
      writeMulti(g, "multiValueQueryStringParameters", query);
      writeMulti(g, "multiValueHeaders", grouped);
    } else {
      g.writeObjectFieldStart("queryStringParameters");
      for (Map.Entry<String, List<String>> e : query.entrySet()) {
        g.writeStringField(e.getKey(), last(e.getValue()));
      }
      g.writeEndObject();
      g.writeObjectFieldStart("headers");
      for (Map.Entry<String, List<String>> e : grouped.entrySet()) {
        g.writeStringField(e.getKey(), last(e.getValue()));
      }
      g.writeEndObject();
    }
    if (r.body == null) {
      g.writeStringField("body", ""); // ALB sends an empty string, not null, for a request without a body
      g.writeBooleanField("isBase64Encoded", false);
    } else {
      writeBody(g, r.body, binary, false);
    }
    g.writeEndObject();
  }

  private static void writeMulti(JsonGenerator g, String field, Map<String, List<String>> values)
      throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      g.writeArrayFieldStart(e.getKey());
      for (String v : e.getValue()) {
        g.writeString(v);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void writeBody(JsonGenerator g, byte[] body, boolean binary, boolean omitWhenAbsent)
      throws IOException {
    if (body == null) {
      if (!omitWhenAbsent) {
        g.writeNullField("body");
      }
      g.writeBooleanField("isBase64Encoded", false);
      return;
    }
    g.writeStringField("body",
        binary ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8));
    g.writeBooleanField("isBase64Encoded", binary);
  }

  private static void writeNullable(JsonGenerator g, String field, String value) throws IOException {
    if (value == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, value);
    }
  }

  private static String domainName(HttpMessage.Request r) {
    String host = r.first("Host");
    if (host == null || host.isBlank()) {
      return "localhost";
    }
    host = host.trim();
    int colon = host.lastIndexOf(':');
    return colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
  }
}
