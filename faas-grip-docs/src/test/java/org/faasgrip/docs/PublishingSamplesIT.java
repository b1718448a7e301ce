package org.faasgrip.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import org.faasgrip.config.GripConfig;
import org.faasgrip.config.GripProxy;
import org.faasgrip.publisher.GripPublisher;
import org.faasgrip.publisher.RetryPolicy;
import org.faasgrip.testkit.PushpinExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The publishing samples against a real Pushpin, and against a proxy that is not there. */
class PublishingSamplesIT {
  @RegisterExtension
  static final PushpinExtension RIG = PushpinExtension.withOrigin();

  @Test
  void batchAndAsyncPublishesAreAcceptedAndNoFailureIsReported() {
    GripProxy proxy = GripConfig.parseGripUrl(RIG.pushpin().gripUrl());
    try (GripPublisher publisher = GripPublisher.builder().proxy(proxy).build()) {
      PublishingSamples.batchAndAsync(publisher, List.of("a", "b", "c"));   // throws unless Pushpin said 200
      assertThat(PublishingSamples.failures(publisher)).isEmpty();
    }
  }

  @Test
  void aProxyThatIsNotThereIsReportedWithItsError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {   // a free port, closed again: nothing listens there
      port = s.getLocalPort();
    }
    GripProxy nowhere = GripProxy.builder(URI.create("http://127.0.0.1:" + port)).build();
    try (GripPublisher publisher = GripPublisher.builder().proxy(nowhere).retry(RetryPolicy.none()).build()) {
      assertThat(PublishingSamples.failures(publisher)).singleElement().asString()
          .startsWith("http://127.0.0.1:" + port + "/publish/ -1 after 1 attempts: ");
    }
  }
}
