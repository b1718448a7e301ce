package org.faasgrip.apigw;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.faasgrip.grip.Headers;

/**
 * Builds the events API Gateway sends a WebSocket API's Lambda integration, in the shapes of its documentation and
 * of captured events: {@code $connect} with the handshake's headers and query string, a message route with the
 * body, {@code $disconnect} with the close code. The fields of one request that every event shares are an
 * instance's; the builders are its methods.
 */
final class Events {
  static final String CONNECT = "CONNECT";
  static final String MESSAGE = "MESSAGE";
  static final String DISCONNECT = "DISCONNECT";
  /** API Gateway's {@code requestTime} format: {@code 20/Jan/2024:11:55:08 +0000}. */
  static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final String connectionId;
  private final long connectedAt;
  private final String stage;
  private final String apiId;
  private final String domainName;
  private final String sourceIp;
  private final String userAgent;
  private final Map<String, String> stageVariables;
  /** The last requestTime made, and its second: the events of one request mostly share it. */
  private long timeSecond = Long.MIN_VALUE;
  private String time;

  Events(String connectionId, long connectedAt, String stage, String apiId, String domainName, String sourceIp,
      String userAgent, Map<String, String> stageVariables) {
    this.connectionId = connectionId;
    this.connectedAt = connectedAt;
    this.stage = stage;
    this.apiId = apiId;
    this.domainName = domainName;
    this.sourceIp = sourceIp;
    this.userAgent = userAgent;
    this.stageVariables = stageVariables;
  }

  /** The {@code $connect} event: the handshake's headers (without the proxy's own) and query string. */
  APIGatewayV2WebSocketEvent connect(Headers headers, Map<String, List<String>> query, long now) {
    APIGatewayV2WebSocketEvent e = base(context(WebSocketApi.CONNECT, CONNECT, now));
    setHeaders(e, clientHeaders(headers));
    if (!query.isEmpty()) {
      Map<String, String> last = new TreeMap<>();
      Map<String, List<String>> all = new TreeMap<>();
      query.forEach((name, values) -> {
        last.put(name, values.get(values.size() - 1));
        all.put(name, List.copyOf(values));
      });
      e.setQueryStringParameters(last);
      e.setMultiValueQueryStringParameters(all);
    }
    return e;
  }

  /** A message event: the text as it came, or a binary message's bytes in base64 with isBase64Encoded. */
  APIGatewayV2WebSocketEvent message(String routeKey, String body, boolean base64, long now) {
    WebSocketRequestContext c = context(routeKey, MESSAGE, now);
    c.setMessageId(newId());
    APIGatewayV2WebSocketEvent e = base(c);
    e.setBody(body);
    e.setIsBase64Encoded(base64);
    return e;
  }

  /** The {@code $disconnect} event: the few headers API Gateway gives it, the close code and reason. */
  APIGatewayV2WebSocketEvent disconnect(Headers headers, int code, String reason, long now) {
    WebSocketRequestContext c = context(WebSocketApi.DISCONNECT, DISCONNECT, now);
    c.setDisconnectStatusCode(code);
    c.setDisconnectReason(reason);
    APIGatewayV2WebSocketEvent e = base(c);
    List<String[]> few = new ArrayList<>(2);
    String host = headers.get("Host");
    if (host != null) {
      few.add(new String[] {"Host", host});
    }
    String forwarded = headers.get("X-Forwarded-For");
    few.add(new String[] {"X-Forwarded-For", forwarded == null ? "" : forwarded});
    setHeaders(e, few);
    return e;
  }

  private APIGatewayV2WebSocketEvent base(WebSocketRequestContext context) {
    APIGatewayV2WebSocketEvent e = new APIGatewayV2WebSocketEvent();
    e.setRequestContext(context);
    e.setStageVariables(stageVariables);
    e.setIsBase64Encoded(false);
    return e;
  }

  private WebSocketRequestContext context(String routeKey, String eventType, long now) {
    WebSocketRequestContext c = new WebSocketRequestContext();
    c.setRouteKey(routeKey);
    c.setEventType(eventType);
    String id = newId();
    c.setRequestId(id);
    c.setExtendedRequestId(id);
    c.setRequestTime(requestTime(now));
    c.setRequestTimeEpoch(now);
    c.setMessageDirection("IN");
    c.setStage(stage);
    c.setConnectedAt(connectedAt);
    c.setConnectionId(connectionId);
    c.setDomainName(domainName);
    c.setApiId(apiId);
    APIGatewayV2WebSocketEvent.RequestIdentity identity = new APIGatewayV2WebSocketEvent.RequestIdentity();
    identity.setSourceIp(sourceIp);
    identity.setUserAgent(userAgent);
    c.setIdentity(identity);
    return c;
  }

  private String requestTime(long now) {
    long second = Math.floorDiv(now, 1000);
    if (second != timeSecond) {
      time = REQUEST_TIME.format(Instant.ofEpochMilli(now));
      timeSecond = second;
    }
    return time;
  }

  /**
   * An id in the form of API Gateway's request and message ids ({@code R1knPH17NjMFftw=}: 11 random bytes in
   * base64). Unique enough for logs and idempotency keys, not a secret.
   */
  static String newId() {
    byte[] b = new byte[11];
    ThreadLocalRandom.current().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  /** The request's headers without those the proxy added for the WebSocket-over-HTTP exchange. */
  static List<String[]> clientHeaders(Headers headers) {
    List<String[]> kept = new ArrayList<>(headers.size());
    for (int i = 0, n = headers.size(); i < n; i++) {
      String name = headers.name(i);
      String value = headers.value(i);
      if (isProxyHeader(name, value)) {
        continue;
      }
      if (name.equalsIgnoreCase("Sec-WebSocket-Extensions")) {
        value = withoutGrip(value);
        if (value.isEmpty()) {
          continue;
        }
      }
      kept.add(new String[] {name, value});
    }
    return kept;
  }

  private static boolean isProxyHeader(String name, String value) {
    return name.equalsIgnoreCase("Grip-Sig") || name.equalsIgnoreCase("Grip-Feature")
        || name.equalsIgnoreCase("Grip-Last") || name.equalsIgnoreCase("Connection-Id")
        || name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Content-Length")
        || name.equalsIgnoreCase("Content-Bytes-Replayed")
        || name.regionMatches(true, 0, "Meta-", 0, 5)
        || name.equalsIgnoreCase("Accept") && value.toLowerCase(Locale.ROOT).contains("application/websocket-events");
  }

  /** Removes the grip extension from a {@code Sec-WebSocket-Extensions} value, keeping any other. */
  private static String withoutGrip(String value) {
    StringBuilder sb = new StringBuilder();
    for (String ext : value.split(",")) {
      String t = ext.trim();
      int semi = t.indexOf(';');
      String name = (semi < 0 ? t : t.substring(0, semi)).trim();
      if (!name.equalsIgnoreCase("grip") && !t.isEmpty()) {
        sb.append(sb.length() == 0 ? "" : ", ").append(t);
      }
    }
    return sb.toString();
  }

  /**
   * Sets {@code headers} (the last value of each name) and {@code multiValueHeaders} (all of them). Both are
   * looked up without case, as header names are; API Gateway's own maps keep the client's spelling, which the keys
   * here keep too.
   */
  private static void setHeaders(APIGatewayV2WebSocketEvent e, List<String[]> pairs) {
    Map<String, String> last = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String[] p : pairs) {
      last.put(p[0], p[1]);
      all.computeIfAbsent(p[0], k -> new ArrayList<>(1)).add(p[1]);
    }
    e.setHeaders(last);
    e.setMultiValueHeaders(all);
  }
}
