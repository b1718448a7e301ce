package org.faasgrip.lambda;

import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import java.util.List;
import java.util.Map;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;

/** Application Load Balancer events to and from the core's types. The only place that reads them. */
final class AlbEvents {
  static final ResponseWriter<ApplicationLoadBalancerResponseEvent> SINGLE_VALUE = new Writer(false);
  static final ResponseWriter<ApplicationLoadBalancerResponseEvent> MULTI_VALUE = new Writer(true);

  private AlbEvents() {}

  static ResponseWriter<ApplicationLoadBalancerResponseEvent> writerFor(ApplicationLoadBalancerRequestEvent event) {
    return usesMultiValueHeaders(event) ? MULTI_VALUE : SINGLE_VALUE;
  }

  private static final class Writer implements ResponseWriter<ApplicationLoadBalancerResponseEvent> {
    private final boolean multiValueHeaders;

    Writer(boolean multiValueHeaders) {
      this.multiValueHeaders = multiValueHeaders;
    }

    @Override
    public ApplicationLoadBalancerResponseEvent write(GripResponse response) {
      return toResponse(ResponseParts.of(response), multiValueHeaders);
    }
  }

  static GripRequest toRequest(ApplicationLoadBalancerRequestEvent event) {
    if (event == null) {
      throw new LambdaEventException("the ALB event is null");
    }
    if (event.getHttpMethod() == null) {
      throw new LambdaEventException("ALB event without 'httpMethod'");
    }
    GripRequest.Builder b = GripRequest.builder()
        .method(event.getHttpMethod())
        .path(event.getPath() == null ? "/" : event.getPath());
    Map<String, List<String>> multi = event.getMultiValueHeaders();
    EventHeaders.addMerged(b, multi, event.getHeaders());
    // The target group passes the parameters as the client sent them, still percent-encoded.
    b.query(Queries.of(event.getMultiValueQueryStringParameters(), event.getQueryStringParameters(), false));
    return b.body(Bodies.decode(event.getBody(), event.getIsBase64Encoded())).build();
  }

  /** The target group reads only one of the two header fields: the one its requests carry. */
  static boolean usesMultiValueHeaders(ApplicationLoadBalancerRequestEvent event) {
    return event != null && event.getMultiValueHeaders() != null;
  }

  static ApplicationLoadBalancerResponseEvent toResponse(ResponseParts parts, boolean multiValueHeaders) {
    ApplicationLoadBalancerResponseEvent r = new ApplicationLoadBalancerResponseEvent();
    r.setStatusCode(parts.status);
    r.setStatusDescription(ResponseParts.statusDescription(parts.status));
    if (multiValueHeaders) {
      r.setMultiValueHeaders(parts.multiValues());
    } else {
      r.setHeaders(parts.joinedValues(false));
    }
    r.setBody(parts.body());
    r.setIsBase64Encoded(parts.base64);
    return r;
  }
}
