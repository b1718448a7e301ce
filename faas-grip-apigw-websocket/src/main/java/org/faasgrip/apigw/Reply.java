package org.faasgrip.apigw;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * What a route's handler returned, in the Lambda proxy integration's terms: {@code statusCode}, {@code headers},
 * {@code body}, {@code isBase64Encoded}. Handlers written for API Gateway return any of the response event classes,
 * a {@code Map} (what a Lambda returning JSON amounts to), a bare string, or nothing.
 */
final class Reply {
  static final Reply OK = new Reply(200, Map.of(), null, false);

  final int status;
  final Map<?, ?> headers;
  final String body;
  final boolean base64;

  private Reply(int status, Map<?, ?> headers, String body, boolean base64) {
    this.status = status == 0 ? 200 : status;
    this.headers = headers == null ? Map.of() : headers;
    this.body = body;
    this.base64 = base64;
  }

  /**
   * Reads a handler's result. A missing status code (0 or null) counts as 200.
   *
   * @throws IllegalStateException for a result of another type: the integration failed
   */
  static Reply of(Object result) {
    if (result == null) {
      return OK;
    }
    if (result instanceof APIGatewayV2WebSocketResponse) {
      APIGatewayV2WebSocketResponse r = (APIGatewayV2WebSocketResponse) result;
      return new Reply(r.getStatusCode(), r.getHeaders(), r.getBody(), r.isIsBase64Encoded());
    }
    if (result instanceof APIGatewayProxyResponseEvent) {
      APIGatewayProxyResponseEvent r = (APIGatewayProxyResponseEvent) result;
      return new Reply(r.getStatusCode() == null ? 0 : r.getStatusCode(), r.getHeaders(), r.getBody(),
          Boolean.TRUE.equals(r.getIsBase64Encoded()));
    }
    if (result instanceof APIGatewayV2HTTPResponse) {
      APIGatewayV2HTTPResponse r = (APIGatewayV2HTTPResponse) result;
      return new Reply(r.getStatusCode(), r.getHeaders(), r.getBody(), r.getIsBase64Encoded());
    }
    if (result instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) result;
      Object status = m.get("statusCode");
      Object headers = m.get("headers");
      Object body = m.get("body");
      return new Reply(status instanceof Number ? ((Number) status).intValue() : 0,
          headers instanceof Map ? (Map<?, ?>) headers : null, body == null ? null : body.toString(),
          Boolean.TRUE.equals(m.get("isBase64Encoded")));
    }
    if (result instanceof CharSequence) {
      return new Reply(200, null, result.toString(), false);
    }
    throw new IllegalStateException("the handler returned a " + result.getClass().getName() + "; a route returns an"
        + " APIGatewayV2WebSocketResponse, an APIGatewayProxyResponseEvent, a Map with statusCode and body, a"
        + " String, or null");
  }

  boolean isSuccess() {
    return status >= 200 && status <= 299;
  }

  boolean hasBody() {
    return body != null && !body.isEmpty();
  }

  /**
   * The body's bytes: decoded when base64.
   *
   * @throws IllegalStateException when marked base64 and it is not
   */
  byte[] bytes() {
    if (!base64) {
      return body.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the handler's body is marked isBase64Encoded but is not base64", e);
    }
  }

  /** A header of the reply, looked up without case, or null. */
  String header(String name) {
    for (Map.Entry<?, ?> e : headers.entrySet()) {
      if (e.getKey() != null && e.getValue() != null && name.equalsIgnoreCase(e.getKey().toString())) {
        return e.getValue().toString();
      }
    }
    return null;
  }
}
