package org.faasgrip.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.faasgrip.localrun.LocalRun;
import org.faasgrip.publish.HttpResponseFormat;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.TestStream;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter end to end: real Pushpin on loopback in front of a real embedded Jetty 12 running {@link TestApp},
 * reached by real WebSocket clients ({@code java.net.http}) and a real streaming HTTP client.
 */
class ServletPushpinIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  // HTTP/1.1: a default client asks for cleartext HTTP/2 (Upgrade: h2c), which Pushpin passes on and Jetty refuses.
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static LocalRun run;
  private static Pushpin pushpin;

  @BeforeAll
  static void start() {
    // The run makes the signing key (the servlet requires Pushpin's signature), starts Jetty with its Grip, then
    // Pushpin in front of it, then publishing to Pushpin's publish side.
    run = LocalRun.builder().port(0).origin(grip -> Jetty.start(new TestApp(grip))).start();
    pushpin = run.pushpin();
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void twoClientsChatThroughPushpinAndTheServlet() throws Exception {
    URI chat = pushpin.wsUri("/chat");
    try (TestWebSocket alice = client(chat); TestWebSocket bob = client(chat)) {
      alice.send("/nick alice");
      bob.send("/nick bob");
      // The reply comes in a response after the one that subscribed the socket: Pushpin has subscribed it.
      assertThat(alice.awaitText(WAIT)).isEqualTo("nickname set to [alice]");
      assertThat(bob.awaitText(WAIT)).isEqualTo("nickname set to [bob]");

      alice.send("hello bob");
      assertThat(bob.awaitText(WAIT)).isEqualTo("alice: hello bob");
      assertThat(alice.awaitText(WAIT)).isEqualTo("alice: hello bob");
      bob.send("hi alice");
      assertThat(alice.awaitText(WAIT)).isEqualTo("bob: hi alice");
      assertThat(bob.awaitText(WAIT)).isEqualTo("bob: hi alice");

      // Binary frames reach the servlet byte for byte and come back as they went.
      byte[] bytes = {0, (byte) 0xff, '\r', '\n', (byte) 0xc3, 0x28};
      bob.sendBinary(bytes);
      TestWebSocket.Message echo = bob.awaitMessage(WAIT);
      assertThat(echo.type()).isEqualTo(TestWebSocket.Message.Type.BINARY);
      assertThat(echo.bytes()).isEqualTo(bytes);

      bob.sendClose(1000, "bye");
      assertThat(bob.awaitClose(WAIT).code()).isEqualTo(1000);
    }
  }

  @Test
  void aStreamReceivesWhatIsPublished() throws Exception {
    try (TestStream stream = TestStream.open(pushpin.httpUri("/stream"))) {
      assertThat(stream.awaitLine(WAIT)).isEqualTo("stream open");
      pushpin.awaitSubscribers(TestApp.STREAM_CHANNEL, 1, WAIT);

      run.grip().publish(TestApp.STREAM_CHANNEL, HttpStreamFormat.of("first\n"));
      run.grip().publish(TestApp.STREAM_CHANNEL, HttpStreamFormat.of("second\n"));

      assertThat(stream.awaitLine(WAIT)).isEqualTo("first");
      assertThat(stream.awaitLine(WAIT)).isEqualTo("second");
    }
  }

  @Test
  void aLongPollIsAnsweredByAPublish() throws Exception {
    var pending = http.sendAsync(HttpRequest.newBuilder(pushpin.httpUri("/poll")).build(),
        HttpResponse.BodyHandlers.ofString());
    pushpin.awaitSubscribers(TestApp.POLL_CHANNEL, 1, WAIT);

    run.grip().publish(TestApp.POLL_CHANNEL, HttpResponseFormat.of("the answer\n"));

    HttpResponse<String> response = pending.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("the answer\n");
  }

  @Test
  void anUnansweredLongPollTimesOutWithTheServletsBody() throws Exception {
    // A channel of its own: Pushpin reports a subscriber that left for about a second, which would let the other
    // long-poll test publish before its own request is held.
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(pushpin.httpUri("/poll?timeout=1&channel=unanswered")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("timed out\n");
  }

  /**
   * A chat client. It ignores {@code anonymous: }: Java 17's client sends {@code Content-Length: 0} with the
   * upgrade, which makes Pushpin pass an empty message after the handshake (see {@link TestWebSocket}).
   */
  private static TestWebSocket client(URI uri) {
    return TestWebSocket.builder(uri).client(http).ignoreTexts("anonymous: "::equals).connect();
  }
}
