package org.faasgrip.localgateway;

import java.util.Locale;

/**
 * Which AWS front door the gateway imitates, and so which Lambda event shape the handler receives.
 *
 * <p>Arguments: a null label, like one that names no payload version, is a {@link LocalGatewayException} that
 * names the parameter.
 */
public enum PayloadVersion {
  /** API Gateway REST API with Lambda proxy integration: {@code APIGatewayProxyRequestEvent}. */
  V1("1.0"),
  /** API Gateway HTTP API payload 2.0, also the Lambda Function URL shape: {@code APIGatewayV2HTTPEvent}. */
  V2("2.0"),
  /** Application Load Balancer with a Lambda target group: {@code ApplicationLoadBalancerRequestEvent}. */
  ALB("alb");

  private final String label;

  PayloadVersion(String label) {
    this.label = label;
  }

  /**
   * The name used on the command line: {@code 1.0}, {@code 2.0} or {@code alb}.
   *
   * @return the command-line label of this payload
   */
  public String label() {
    return label;
  }

  /**
   * Parses a command-line label: {@code 1.0}, {@code 2.0}, {@code alb} (also {@code v1}, {@code v2}, {@code rest},
   * {@code http}), without regard to case.
   *
   * @param text the label
   * @return the payload version it names
   * @throws LocalGatewayException when the label is null or names no payload version
   */
  public static PayloadVersion parse(String text) {
    String t = LocalGatewayException.notNull(text, "text").trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "1.0": case "1": case "v1": case "rest":
        return V1;
      case "2.0": case "2": case "v2": case "http": case "url":
        return V2;
      case "alb": case "elb":
        return ALB;
      default:
        throw new LocalGatewayException("--payload must be 1.0, 2.0 or alb, not '" + text + "'");
    }
  }
}
