package org.faasgrip.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import org.faasgrip.grip.GripRequest;

/**
 * Reads a typed Lambda HTTP event into the core's {@link GripRequest}, with the same conversion that
 * {@link LambdaGrip#lambdaGetWebSocket} uses: for code built on top of this adapter that needs the request itself
 * (its headers, its path) before or besides reading it as WebSocket-over-HTTP, such as another event model's
 * adapter. The query string is not part of a {@code GripRequest}; read it from the event.
 *
 * <p>Needs aws-lambda-java-events on the class path.
 */
public final class LambdaRequests {
  private LambdaRequests() {}

  /**
   * Reads an API Gateway REST API (payload 1.0) event: every value of {@code multiValueHeaders} (and
   * {@code headers}), the body decoded when {@code isBase64Encoded}.
   *
   * @param event the event
   * @return the request
   * @throws LambdaEventException if the event is null, lacks {@code httpMethod}, or has a body marked base64 that
   *     is not
   */
  public static GripRequest of(APIGatewayProxyRequestEvent event) {
    return RestEvents.toRequest(event);
  }

  /**
   * Reads an HTTP API or Function URL (payload 2.0) event: its headers (repeated values stay joined by commas),
   * {@code cookies} as a {@code Cookie} header, the body decoded when {@code isBase64Encoded}.
   *
   * @param event the event
   * @return the request
   * @throws LambdaEventException if the event is null, lacks {@code requestContext.http.method}, or has a body
   *     marked base64 that is not
   */
  public static GripRequest of(APIGatewayV2HTTPEvent event) {
    return HttpApiEvents.toRequest(event);
  }

  /**
   * Reads an Application Load Balancer event, in whichever header form its target group sends.
   *
   * @param event the event
   * @return the request
   * @throws LambdaEventException if the event is null, lacks {@code httpMethod}, or has a body marked base64 that
   *     is not
   */
  public static GripRequest of(ApplicationLoadBalancerRequestEvent event) {
    return AlbEvents.toRequest(event);
  }
}
