package org.faasgrip.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.azure.functions.HttpResponseMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.faasgrip.config.GripConfigException;
import org.faasgrip.docs.AzureSamples.ChatFunction;
import org.faasgrip.docs.AzureSamples.NewsFunction;
import org.faasgrip.testkit.azure.StandInContext;
import org.faasgrip.testkit.azure.StandInRequest;
import org.faasgrip.testkit.azure.StandInResponse;
import org.junit.jupiter.api.Test;

/** The samples of docs/azure.md, run through the testkit's stand-ins for the worker's types. */
class AzureSamplesTest {
  @Test
  void theChatFunctionAcceptsAConnection() {
    // tag::azure-test[]
    StandInRequest request = StandInRequest.builder("POST", URI.create("http://localhost:7071/api/chat"))
        .header("Content-Type", "application/websocket-events")
        .header("Connection-Id", "c1")
        .header("Sec-WebSocket-Extensions", "grip")
        .body("OPEN\r\n".getBytes(StandardCharsets.US_ASCII))
        .build();
    StandInContext context = new StandInContext("chat");

    HttpResponseMessage response = new ChatFunction().run(request, context);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(new String(StandInResponse.bodyBytes(response), StandardCharsets.US_ASCII)).startsWith("OPEN\r\n");
    assertThat(context.lines()).isEmpty();              // no failure was logged
    // end::azure-test[]
  }

  @Test
  void theNewsFunctionStreamsOrHoldsALongPoll() {
    StandInContext context = new StandInContext("news");
    HttpResponseMessage stream = new NewsFunction().run(
        StandInRequest.builder("GET", URI.create("http://localhost:7071/api/news")).build(), context);
    HttpResponseMessage poll = new NewsFunction().run(
        StandInRequest.builder("GET", URI.create("http://localhost:7071/api/news?poll")).build(), context);

    assertThat(stream.getHeader("Grip-Hold")).isEqualTo("stream");
    assertThat(poll.getHeader("Grip-Hold")).isEqualTo("response");
    assertThat(poll.getHeader("Grip-Timeout")).isEqualTo("30");
  }

  @Test
  void theConfiguredAdapterRefusesToRequireSignaturesWithoutAVerifyKey() {
    // The build's environment configures no proxy, so there is no key to check a Grip-Sig with.
    assumeTrue(System.getenv("GRIP_URL") == null && System.getenv("GRIP_PROXIES") == null);
    assertThatThrownBy(AzureSamples::configured).isInstanceOf(GripConfigException.class)
        .hasMessageStartingWith("GRIP_VERIFY: signatures are required, but no proxy");
  }
}
