package org.faasgrip.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import org.faasgrip.grip.GripResponse;

/**
 * Writes a {@link GripResponse} as each Lambda platform's response type. Every response of this library, a
 * WebSocket-over-HTTP answer, a hold for streaming or long-polling, an error, goes through here, so they all
 * follow the same rules (an error is answered by {@code Grip.errorResponse}, then written here):
 *
 * <ul>
 *   <li>the body is a plain string when its Content-Type is textual and it is valid UTF-8, and base64 with
 *       {@code isBase64Encoded: true} otherwise ({@code application/websocket-events} is always base64);
 *   <li>repeated headers keep every value: in {@code multiValueHeaders} (REST, and ALB when its requests carry
 *       them), or joined by commas (payload 2.0, and ALB without multi-value headers); payload 2.0 moves
 *       {@code Set-Cookie} to {@code cookies}.
 * </ul>
 *
 * <p>The typed methods need aws-lambda-java-events; {@link #toJson(GripResponse, LambdaEvent)} does not.
 */
public final class LambdaResponses {
  private LambdaResponses() {}

  /**
   * Writes a response for an API Gateway REST API (payload 1.0).
   *
   * @param response the response
   * @return the API Gateway response, with {@code headers} when every header name has one value, and
   *     {@code multiValueHeaders} (every value of every name) instead when some name repeats
   */
  public static APIGatewayProxyResponseEvent toApiGateway(GripResponse response) {
    return RestEvents.toResponse(ResponseParts.of(Args.require(response, "response")));
  }

  /**
   * Writes a response for an HTTP API or a Function URL (payload 2.0).
   *
   * @param response the response
   * @return the payload 2.0 response
   */
  public static APIGatewayV2HTTPResponse toV2(GripResponse response) {
    return HttpApiEvents.toResponse(ResponseParts.of(Args.require(response, "response")));
  }

  /**
   * Writes a response for an Application Load Balancer whose target group does not enable multi-value headers:
   * repeated headers are joined by commas.
   *
   * @param response the response
   * @return the ALB response
   */
  public static ApplicationLoadBalancerResponseEvent toAlb(GripResponse response) {
    return AlbEvents.toResponse(ResponseParts.of(Args.require(response, "response")), false);
  }

  /**
   * Writes a response for an Application Load Balancer, in the header form its request used: the load balancer
   * reads {@code multiValueHeaders} only when its target group enables them, and {@code headers} otherwise.
   *
   * @param response the response
   * @param request the request being answered
   * @return the ALB response
   */
  public static ApplicationLoadBalancerResponseEvent toAlb(
      GripResponse response, ApplicationLoadBalancerRequestEvent request) {
    return AlbEvents.toResponse(
        ResponseParts.of(Args.require(response, "response")), AlbEvents.usesMultiValueHeaders(request));
  }

  /**
   * Writes a response as the JSON a stream handler returns for the given event, in that event's shape.
   *
   * @param response the response
   * @param event the event being answered
   * @return the response JSON
   */
  public static LambdaJsonResponse toJson(GripResponse response, LambdaEvent event) {
    return Args.event(event, "event").respond(Args.require(response, "response"));
  }

  /**
   * Writes a response as the JSON of a given event format (for ALB, with single-valued {@code headers}).
   *
   * @param response the response
   * @param format the shape to write
   * @return the response JSON
   */
  public static LambdaJsonResponse toJson(GripResponse response, EventFormat format) {
    return LambdaJsonWriter.write(
        Args.require(response, "response"), Args.require(format, "format"), false);
  }
}
