package org.faasgrip.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;

/**
 * HTTP API and Function URL (payload 2.0) events to and from the core's types. The only place that reads them.
 */
final class HttpApiEvents {
  static final ResponseWriter<APIGatewayV2HTTPResponse> WRITER = new ResponseWriter<APIGatewayV2HTTPResponse>() {
    @Override
    public APIGatewayV2HTTPResponse write(GripResponse response) {
      return toResponse(ResponseParts.of(response));
    }
  };

  private HttpApiEvents() {}

  static GripRequest toRequest(APIGatewayV2HTTPEvent event) {
    if (event == null) {
      throw new LambdaEventException("the HTTP API event is null");
    }
    APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
    APIGatewayV2HTTPEvent.RequestContext.Http http = context == null ? null : context.getHttp();
    if (http == null || http.getMethod() == null) {
      throw new LambdaEventException("payload 2.0 event without 'requestContext.http.method'");
    }
    String path = event.getRawPath() != null ? event.getRawPath() : http.getPath();
    GripRequest.Builder b = GripRequest.builder().method(http.getMethod()).path(path == null ? "/" : path)
        .query(event.getRawQueryString());
    // Repeated headers arrive joined by commas; they stay joined, since a Meta-* value may itself hold a comma.
    EventHeaders.addEach(b, event.getHeaders());
    String cookie = EventHeaders.joinCookies(event.getCookies());
    if (cookie != null && !EventHeaders.has(event.getHeaders(), "Cookie")) {
      b.addHeader("Cookie", cookie);
    }
    return b.body(Bodies.decode(event.getBody(), event.getIsBase64Encoded())).build();
  }

  static APIGatewayV2HTTPResponse toResponse(ResponseParts parts) {
    APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
    r.setStatusCode(parts.status);
    r.setHeaders(parts.joinedValues(true));
    List<String> cookies = parts.setCookies();
    if (!cookies.isEmpty()) {
      r.setCookies(cookies);
    }
    r.setBody(parts.body());
    r.setIsBase64Encoded(parts.base64);
    return r;
  }
}
