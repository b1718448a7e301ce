package org.faasgrip.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.List;
import java.util.Map;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;

/** API Gateway REST (payload 1.0) events to and from the core's types. The only place that reads this event. */
final class RestEvents {
  static final ResponseWriter<APIGatewayProxyResponseEvent> WRITER =
      new ResponseWriter<APIGatewayProxyResponseEvent>() {
        @Override
        public APIGatewayProxyResponseEvent write(GripResponse response) {
          return toResponse(ResponseParts.of(response));
        }
      };

  private RestEvents() {}

  static GripRequest toRequest(APIGatewayProxyRequestEvent event) {
    if (event == null) {
      throw new LambdaEventException("the API Gateway event is null");
    }
    if (event.getHttpMethod() == null) {
      throw new LambdaEventException("API Gateway event without 'httpMethod'");
    }
    GripRequest.Builder b = GripRequest.builder()
        .method(event.getHttpMethod())
        .path(event.getPath() == null ? "/" : event.getPath());
    // multiValueHeaders holds every value; headers only the last of each.
    Map<String, List<String>> multi = event.getMultiValueHeaders();
    EventHeaders.addMerged(b, multi, event.getHeaders());
    // API Gateway passes the parameters decoded: encoded again, they are a query string that means the same.
    b.query(Queries.of(event.getMultiValueQueryStringParameters(), event.getQueryStringParameters(), true));
    Boolean base64 = event.getIsBase64Encoded();
    return b.body(Bodies.decode(event.getBody(), base64 != null && base64)).build();
  }

  static APIGatewayProxyResponseEvent toResponse(ResponseParts parts) {
    APIGatewayProxyResponseEvent r = new APIGatewayProxyResponseEvent();
    r.setStatusCode(parts.status);
    if (parts.repeats()) {
      r.setMultiValueHeaders(parts.multiValues());
    } else {
      r.setHeaders(parts.lastValues());
    }
    r.setBody(parts.body());
    r.setIsBase64Encoded(parts.base64);
    return r;
  }
}
