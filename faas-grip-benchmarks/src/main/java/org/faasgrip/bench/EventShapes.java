package org.faasgrip.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the reference's API Gateway REST (payload 1.0) events into the same request as an HTTP API / Function
 * URL (payload 2.0) event and as an Application Load Balancer event, shaped as AWS delivers them (see
 * {@code shared/protocol.md} section 7): 2.0 has lower-case header names with repeated values joined by
 * {@code ,}; ALB has lower-case names with one value each. The body stays base64, as both deliver
 * {@code application/websocket-events}.
 */
public final class EventShapes {
  private static final DateTimeFormatter CLF_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private EventShapes() {}

  /** The three event shapes a Lambda behind a GRIP proxy receives. */
  public enum Shape {
    /** API Gateway REST API, payload format 1.0: the reference's own events. */
    V1(""),
    /** API Gateway HTTP API or Lambda Function URL, payload format 2.0. */
    V2("-v2"),
    /** Application Load Balancer. */
    ALB("-alb");

    private final String suffix;

    Shape(String suffix) {
      this.suffix = suffix;
    }

    /**
     * Returns the file name of a workload in this shape.
     *
     * @param base the 1.0 workload's name without {@code .json}, such as {@code lambda-open}
     * @return the file name, such as {@code lambda-open-v2.json}
     */
    public String fileName(String base) {
      return base + suffix + ".json";
    }
  }

  /**
   * Converts a payload 1.0 event to another shape.
   *
   * @param v1Json the 1.0 event's JSON
   * @param shape the shape wanted
   * @return the event's JSON in that shape (the input itself for {@link Shape#V1})
   * @throws IllegalArgumentException when the input is not a 1.0 proxy event
   */
  public static byte[] convert(byte[] v1Json, Shape shape) {
    if (shape == Shape.V1) {
      return v1Json;
    }
    Object v1 = Json.parse(v1Json);
    if (!(Json.get(v1, "httpMethod") instanceof String)) {
      throw new IllegalArgumentException("not an API Gateway payload 1.0 event: no httpMethod");
    }
    return Json.write(shape == Shape.V2 ? toV2(v1) : toAlb(v1));
  }

  private static Map<String, Object> toV2(Object v1) {
    Map<String, Object> ctx1 = Json.object(v1, "requestContext");
    Map<String, Object> identity = Json.object(ctx1, "identity");
    Map<String, Object> headers = new LinkedHashMap<>();
    Map<String, Object> multi = Json.object(v1, "multiValueHeaders");
    if (multi != null) {
      for (Map.Entry<String, Object> e : multi.entrySet()) {
        List<?> values = (List<?>) e.getValue();
        StringBuilder joined = new StringBuilder();
        for (Object v : values) {
          joined.append(joined.length() == 0 ? "" : ",").append(v);
        }
        headers.merge(e.getKey().toLowerCase(Locale.ROOT), joined.toString(), (a, b) -> a + "," + b);
      }
    } else {
      lowerCaseInto(Json.object(v1, "headers"), headers);
    }
    String path = (String) Json.get(v1, "path");
    Map<String, Object> http = new LinkedHashMap<>();
    http.put("method", Json.get(v1, "httpMethod"));
    http.put("path", path);
    http.put("protocol", Json.get(ctx1, "protocol"));
    http.put("sourceIp", Json.get(identity, "sourceIp"));
    http.put("userAgent", Json.get(identity, "userAgent"));
    Object epoch = Json.get(ctx1, "requestTimeEpoch");
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("accountId", Json.get(ctx1, "accountId"));
    ctx.put("apiId", Json.get(ctx1, "apiId"));
    ctx.put("domainName", headers.get("host"));
    ctx.put("domainPrefix", prefixOf((String) headers.get("host")));
    ctx.put("http", http);
    ctx.put("requestId", Json.get(ctx1, "requestId"));
    ctx.put("routeKey", "$default");
    ctx.put("stage", "$default");
    if (epoch instanceof Long) {
      ctx.put("time", CLF_TIME.format(Instant.ofEpochMilli((Long) epoch)));
      ctx.put("timeEpoch", epoch);
    }
    Map<String, Object> v2 = new LinkedHashMap<>();
    v2.put("version", "2.0");
    v2.put("routeKey", "$default");
    v2.put("rawPath", path);
    v2.put("rawQueryString", "");
    v2.put("headers", headers);
    v2.put("requestContext", ctx);
    v2.put("body", Json.get(v1, "body"));
    v2.put("isBase64Encoded", Json.get(v1, "isBase64Encoded"));
    return v2;
  }

  private static Map<String, Object> toAlb(Object v1) {
    Map<String, Object> headers = new LinkedHashMap<>();
    lowerCaseInto(Json.object(v1, "headers"), headers);
    Map<String, Object> elb = new LinkedHashMap<>();
    elb.put("targetGroupArn",
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/grip-chat/6d0ecf831eec9f09");
    Map<String, Object> alb = new LinkedHashMap<>();
    alb.put("requestContext", Map.of("elb", elb));
    alb.put("httpMethod", Json.get(v1, "httpMethod"));
    alb.put("path", Json.get(v1, "path"));
    alb.put("queryStringParameters", new LinkedHashMap<>());
    alb.put("headers", headers);
    alb.put("body", Json.get(v1, "body"));
    alb.put("isBase64Encoded", Json.get(v1, "isBase64Encoded"));
    return alb;
  }

  private static void lowerCaseInto(Map<String, Object> from, Map<String, Object> to) {
    if (from != null) {
      for (Map.Entry<String, Object> e : from.entrySet()) {
        to.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
      }
    }
  }

  private static String prefixOf(String host) {
    if (host == null) {
      return null;
    }
    int dot = host.indexOf('.');
    return dot < 0 ? host : host.substring(0, dot);
  }

  /**
   * Writes the 2.0 and ALB twins of every payload 1.0 event of {@link Workloads#LAMBDA_EVENTS} in a folder.
   *
   * @param dir the workload folder (written by the reference's {@code make-workloads.mjs})
   * @throws IOException when a file cannot be read or written
   */
  public static void writeTwins(Path dir) throws IOException {
    for (String base : Workloads.LAMBDA_EVENTS) {
      byte[] v1 = Files.readAllBytes(dir.resolve(Shape.V1.fileName(base)));
      for (Shape shape : new Shape[] {Shape.V2, Shape.ALB}) {
        Files.write(dir.resolve(shape.fileName(base)), convert(v1, shape));
      }
    }
  }
}
