package org.faasgrip.demo;

import java.net.URI;
import org.faasgrip.function.Grip;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.localgateway.PayloadVersion;
import org.faasgrip.localrun.LocalRun;

/**
 * The demo on AWS Lambda's terms: the local gateway turns each request into an API Gateway (payload 1.0) event
 * for {@link DemoHandler}, which uses the shared {@code FaasGrip} instance, set to the run's {@link Grip}
 * ({@link LocalRun#gatewayOrigin}).
 */
final class LambdaPlatform implements Platform.Origin {
  private final LocalRun.Origin gateway;

  private LambdaPlatform(LocalRun.Origin gateway) {
    this.gateway = gateway;
  }

  static Platform.Origin start(Grip grip, boolean accessLog) {
    return new LambdaPlatform(LocalRun.gatewayOrigin(LocalGateway.builder()
        .handler(new DemoHandler())
        .payload(PayloadVersion.V1)
        .functionName("faas-grip-demo")
        .port(0)
        .accessLog(accessLog), grip));
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
    return gateway.name();
  }

  @Override
  public void close() {
    gateway.close();
  }
}
