package org.faasgrip.demo;

import java.net.URI;
import org.faasgrip.function.Grip;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.localgateway.PayloadVersion;

/**
 * The demo on AWS Lambda's terms: the local gateway turns each request into an API Gateway (payload 1.0) event
 * for {@link DemoHandler}, which uses the shared {@link FaasGrip} instance, set to the run's {@link Grip}.
 */
final class LambdaPlatform implements Platform.Origin {
  private final LocalGateway gateway;

  private LambdaPlatform(LocalGateway gateway) {
    this.gateway = gateway;
  }

  static Platform.Origin start(Grip grip, boolean accessLog) {
    FaasGrip.install(grip);
    try {
      return new LambdaPlatform(LocalGateway.builder()
          .handler(new DemoHandler())
          .payload(PayloadVersion.V1)
          .functionName("faas-grip-demo")
          .port(0)
          .accessLog(accessLog)
          .build()
          .start());
    } catch (RuntimeException e) {
      FaasGrip.install(null);
      throw e;
    }
  }

  @Override
  public URI uri() {
    return gateway.uri();
  }

  @Override
  public String describe() {
    return "local gateway " + gateway.uri().getAuthority() + " -> DemoHandler (ChatHandler on /chat)";
  }

  @Override
  public String name() {
    return "the local gateway";
  }

  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      FaasGrip.install(null);
    }
  }
}
