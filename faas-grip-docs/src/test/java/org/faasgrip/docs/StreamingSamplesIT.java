package org.faasgrip.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.faasgrip.config.GripConfig;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.lambda.LambdaResponses;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.localgateway.PayloadVersion;
import org.faasgrip.testkit.PushpinExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The samples of docs/http-streaming.md behind a real Pushpin: a stream that publishes extend and close, a long-poll. */
class StreamingSamplesIT {
  static final LocalGateway GATEWAY = LocalGateway.builder()
      .handler(new RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>() {
        private final StreamingSamples.News news = new StreamingSamples.News();

        @Override
        public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
          return event.getPath().equals("/poll")
              ? LambdaResponses.toApiGateway(StreamingSamples.longPoll())
              : news.handleRequest(event, context);
        }
      })
      .payload(PayloadVersion.V1)
      .port(0)
      .build()
      .start();

  @RegisterExtension
  static final PushpinExtension RIG = PushpinExtension.forOrigin(GATEWAY::port);

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void publishToThisPushpin() {
    FaasGrip.install(FaasGrip.with(GripConfig.of(List.of(GripConfig.parseGripUrl(RIG.pushpin().gripUrl())), "")));
  }

  @AfterAll
  static void stop() {
    FaasGrip.install(null);
    GATEWAY.close();
  }

  @Test
  void aPublishExtendsTheStreamAndCloseEndsIt() throws Exception {
    CompletableFuture<HttpResponse<String>> stream = HTTP.sendAsync(
        HttpRequest.newBuilder(RIG.pushpin().httpUri("/news")).build(), HttpResponse.BodyHandlers.ofString());
    RIG.pushpin().awaitSubscribers("news", 1, Duration.ofSeconds(10));

    StreamingSamples.publishToStream();   // "headline 1\n", then close

    HttpResponse<String> r = stream.get(10, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("grip-"));
    assertThat(r.body()).isEqualTo("stream open\nheadline 1\n");
  }

  @Test
  void aPublishReleasesTheLongPollWithItsResponse() throws Exception {
    CompletableFuture<HttpResponse<String>> poll = HTTP.sendAsync(
        HttpRequest.newBuilder(RIG.pushpin().httpUri("/poll")).build(), HttpResponse.BodyHandlers.ofString());
    RIG.pushpin().awaitSubscribers("inbox-42", 1, Duration.ofSeconds(10));

    StreamingSamples.releaseLongPolls();

    HttpResponse<String> r = poll.get(10, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.body()).isEqualTo("{\"messages\":[\"hello\"]}");
  }
}
