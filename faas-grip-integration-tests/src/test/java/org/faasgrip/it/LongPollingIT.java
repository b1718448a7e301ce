package org.faasgrip.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.faasgrip.examples.LongPolling;
import org.faasgrip.it.Payload.Example;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The long-polling example end to end, for each payload: a real HTTP client's request is held by Pushpin and
 * released by a publish, or by the timeout with the function's timeout body.
 */
class LongPollingIT {
  private static final Duration TIMEOUT = RigExtension.TIMEOUT;

  @RegisterExtension
  final RigExtension rig = new RigExtension();

  private final HttpClient http = HttpClient.newHttpClient();

  private CompletableFuture<HttpResponse<String>> poll(Payload payload, String query) {
    return http.sendAsync(
        HttpRequest.newBuilder(rig.http(payload, Example.POLL, query)).timeout(TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @EnumSource(Payload.class)
  void publishReleasesTheHeldRequest(Payload payload) throws Exception {
    CompletableFuture<HttpResponse<String>> pending = poll(payload, "timeout=60");
    rig.awaitSubscribers(LongPolling.CHANNEL, 1);
    assertThat(pending).isNotDone();

    LongPolling.publish("here is your news\n");

    HttpResponse<String> response = pending.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("here is your news\n");
  }

  @ParameterizedTest
  @EnumSource(Payload.class)
  void timeoutReleasesTheHeldRequestWithTheTimeoutBody(Payload payload) throws Exception {
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<String>> pending = poll(payload, "timeout=1");

    HttpResponse<String> response = pending.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(LongPolling.TIMED_OUT);
    assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("grip-"));
    // Held by Pushpin for the timeout, not answered at once.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @ParameterizedTest
  @EnumSource(Payload.class)
  void badTimeoutIsRefusedWith400(Payload payload) throws Exception {
    HttpResponse<String> response = poll(payload, "timeout=soon").get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("timeout must be a whole number of seconds");
  }
}
