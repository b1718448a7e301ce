package org.faasgrip.gcf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.faasgrip.testkit.FunctionsFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two conversions against Google's real Functions Framework invoker (its Jetty, its {@code HttpRequest} and
 * {@code HttpResponse}), in a JVM of its own, with {@link EchoFunction}: what the platform hands over and takes
 * back, byte for byte.
 */
class GcfHttpInvokerIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static FunctionsFramework invoker;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    invoker = FunctionsFramework.builder(EchoFunction.class.getName()).start();
  }

  @AfterAll
  static void stop() {
    if (invoker != null) {
      invoker.close();
    }
  }

  private static byte[] everyByte(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 7);
    }
    return b;
  }

  private HttpResponse<byte[]> post(HttpRequest.BodyPublisher body) throws Exception {
    return http.send(HttpRequest.newBuilder(invoker.uri().resolve("/chat/room"))
        .header("Content-Type", "application/websocket-events")
        .header("X-Echo", "one")
        .header("X-Echo", "two")
        .POST(body).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aBinaryBodyWithALengthComesBackByteForByteWithEveryHeader() throws Exception {
    byte[] body = everyByte(10_000);

    HttpResponse<byte[]> r = post(HttpRequest.BodyPublishers.ofByteArray(body));

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/websocket-events");
    assertThat(r.headers().firstValue("Content-Length")).hasValue("10000");
    assertThat(r.headers().allValues("X-Echo")).containsExactly("one", "two");
    assertThat(r.headers().firstValue("X-Method")).hasValue("POST");
    assertThat(r.headers().firstValue("X-Path")).hasValue("/chat/room");
  }

  @Test
  void aChunkedBodyIsReadWhole() throws Exception {
    byte[] body = everyByte(EchoFunction.MAX);

    // No length known up front: the client sends it chunked.
    HttpResponse<byte[]> r = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body()).isEqualTo(body);
  }

  @Test
  void aChunkedBodyOverTheLimitGets413() throws Exception {
    byte[] body = everyByte(EchoFunction.MAX + 1);

    HttpResponse<byte[]> r = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("larger than the limit of " + EchoFunction.MAX + " bytes");
  }

  @Test
  void aBodyWithALengthOverTheLimitGets413() throws Exception {
    HttpResponse<byte[]> r = post(HttpRequest.BodyPublishers.ofByteArray(everyByte(EchoFunction.MAX + 1)));

    assertThat(r.statusCode()).isEqualTo(413);
  }
}
