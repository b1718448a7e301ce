package org.faasgrip.examples.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.faasgrip.azure.AzureGrip;
import org.faasgrip.examples.Chat;
import org.faasgrip.examples.LongPolling;
import org.faasgrip.examples.Streaming;
import org.faasgrip.localrun.LocalRun;
import org.faasgrip.publish.HttpResponseFormat;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.TestStream;
import org.faasgrip.testkit.TestWebSocket;
import org.faasgrip.testkit.azure.LoopbackFunctionHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Azure Functions examples end to end: {@link ChatFunction}, {@link StreamFunction} and {@link LongPollFunction}
 * served over HTTP by the testkit's {@link LoopbackFunctionHost} (a stand-in for the Azure Functions host: the
 * real one cannot run here), behind a real Pushpin that signs what it forwards (the functions require it),
 * reached by real WebSocket and HTTP clients. Each request makes a new instance of the function's class, as the
 * Java worker does.
 */
class AzureExamplesIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static LocalRun run;
  private static Pushpin pushpin;
  private static LoopbackFunctionHost host;

  @BeforeAll
  static void start() {
    // The run makes the signing key, starts the host with its Grip, then Pushpin in front of it, then publishing.
    run = LocalRun.builder().port(0).origin(grip -> {
      AzureGrip azure = AzureGrip.of(grip);
      host = LoopbackFunctionHost.start()
          .function("chat", (request, context) -> new ChatFunction(azure).run(request, context))
          .function("stream", (request, context) -> new StreamFunction(azure).run(request, context))
          .function("poll", (request, context) -> new LongPollFunction(azure).run(request, context));
      return new LocalRun.Origin() {
        @Override
        public URI uri() {
          return URI.create("http://127.0.0.1:" + host.port());
        }

        @Override
        public String name() {
          return "the loopback Azure Functions host";
        }

        @Override
        public void close() {
          host.close();
        }
      };
    }).start();
    pushpin = run.pushpin();
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void twoClientsChat() {
    URI chat = pushpin.wsUri("/api/chat");
    // "anonymous: " is the empty message Java 17's client makes Pushpin pass after the handshake (TestWebSocket).
    try (TestWebSocket alice = TestWebSocket.builder(chat).client(http).ignoreTexts("anonymous: "::equals).connect();
         TestWebSocket bob = TestWebSocket.builder(chat).client(http).ignoreTexts("anonymous: "::equals).connect()) {
      alice.send("/nick alice");
      bob.send("/nick bob");
      assertThat(alice.awaitText(WAIT)).isEqualTo("nickname set to [alice]");
      assertThat(bob.awaitText(WAIT)).isEqualTo("nickname set to [bob]");
      pushpin.awaitSubscribers(Chat.CHANNEL, 2, WAIT);

      alice.send("hello bob");
      assertThat(bob.awaitText(WAIT)).isEqualTo("alice: hello bob");
      assertThat(alice.awaitText(WAIT)).isEqualTo("alice: hello bob");
      bob.send("hi alice");
      assertThat(alice.awaitText(WAIT)).isEqualTo("bob: hi alice");
    }
  }

  @Test
  void aStreamReceivesAPublish() {
    try (TestStream stream = TestStream.open(pushpin.httpUri("/api/stream"))) {
      assertThat(stream.awaitLine(WAIT)).isEqualTo(Streaming.OPENED.strip());
      pushpin.awaitSubscribers(Streaming.CHANNEL, 1, WAIT);

      run.grip().publish(Streaming.CHANNEL, HttpStreamFormat.of("headline\n"));

      assertThat(stream.awaitLine(WAIT)).isEqualTo("headline");
    }
  }

  @Test
  void aLongPollIsAnsweredByAPublishAndABadTimeoutIsRefused() throws Exception {
    HttpResponse<String> bad = http.send(HttpRequest.newBuilder(pushpin.httpUri("/api/poll?timeout=0")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);

    CompletableFuture<HttpResponse<String>> pending = http.sendAsync(
        HttpRequest.newBuilder(pushpin.httpUri("/api/poll?timeout=60")).build(), HttpResponse.BodyHandlers.ofString());
    pushpin.awaitSubscribers(LongPolling.CHANNEL, 1, WAIT);

    run.grip().publish(LongPolling.CHANNEL, HttpResponseFormat.of("released\n"));

    HttpResponse<String> released = pending.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(released.statusCode()).isEqualTo(200);
    assertThat(released.body()).isEqualTo("released\n");
  }

  @Test
  void aPlainRequestThroughPushpinGets400AndOneThatBypassesItGets403() throws Exception {
    // Through Pushpin, signed, but plain HTTP: not WebSocket-over-HTTP.
    HttpResponse<String> plain = http.send(HttpRequest.newBuilder(pushpin.httpUri("/api/chat"))
        .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(plain.statusCode()).isEqualTo(400);
    assertThat(plain.body()).isEqualTo("Not a WebSocket-over-HTTP request\n");

    // Straight to the function, as anyone who finds its URL can: no Grip-Sig.
    HttpResponse<String> direct = http.send(HttpRequest.newBuilder(
            run.gatewayUri().resolve("/api/chat"))
        .header("Content-Type", "application/websocket-events").header("Connection-Id", "x")
        .POST(HttpRequest.BodyPublishers.ofString("OPEN\r\n")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(direct.statusCode()).isEqualTo(403);
    assertThat(host.log()).anySatisfy(line -> assertThat(line).startsWith("WARNING 403")
        .contains("no Grip-Sig"));
  }
}
