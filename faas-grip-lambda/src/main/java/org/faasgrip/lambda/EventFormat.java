package org.faasgrip.lambda;

/**
 * The shape of a Lambda HTTP event, which is also the shape its response must have.
 *
 * <p>API Gateway REST APIs send payload format 1.0; HTTP APIs and Lambda Function URLs send payload format 2.0;
 * an Application Load Balancer sends its own shape, close to 1.0.
 */
public enum EventFormat {
  /** API Gateway REST API, payload format 1.0: {@code httpMethod}, {@code headers}, {@code multiValueHeaders}. */
  API_GATEWAY_REST,
  /** API Gateway HTTP API or Lambda Function URL, payload format 2.0: lowercase, comma-joined {@code headers}. */
  HTTP_API,
  /** Application Load Balancer: {@code headers}, or {@code multiValueHeaders} when the target group enables them. */
  ALB
}
