package org.faasgrip.demo;

import java.net.URI;
import org.faasgrip.localgateway.PayloadVersion;
import org.faasgrip.localrun.LocalRun;

/**
 * The demo on AWS Lambda's terms: the local gateway turns each request into an API Gateway (payload 1.0) event
 * for {@link DemoHandler}, whose shared {@code FaasGrip} instance the run sets to its configuration.
 */
final class LambdaPlatform implements Platform {
  @Override
  public void configure(LocalRun.Builder run, boolean accessLog) {
    run.handler(new DemoHandler()).payload(PayloadVersion.V1).functionName("faas-grip-demo");
  }

  @Override
  public String describe(URI origin) {
    return "local gateway " + origin.getAuthority() + " -> DemoHandler (ChatHandler on /chat)";
  }
}
