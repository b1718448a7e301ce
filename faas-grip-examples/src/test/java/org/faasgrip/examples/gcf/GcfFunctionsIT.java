package org.faasgrip.examples.gcf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.faasgrip.config.GripConfig;
import org.faasgrip.examples.Chat;
import org.faasgrip.examples.LongPolling;
import org.faasgrip.examples.Streaming;
import org.faasgrip.publish.HttpResponseFormat;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publisher.GripPublisher;
import org.faasgrip.testkit.FunctionsFramework;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinOptions;
import org.faasgrip.testkit.TestStream;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Cloud Functions examples end to end: each runs in Google's Functions Framework invoker (the server Cloud
 * Functions and Cloud Run functions run Java functions in), in a JVM of its own, behind a real Pushpin that signs
 * what it forwards; the functions require that signature ({@code GRIP_VERIFY=required}). Real WebSocket and HTTP
 * clients talk to Pushpin; the test publishes to Pushpin's publish side.
 */
class GcfFunctionsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final String SECRET_IN_BAD_URL = "s3cr3t-never-logged";
  private static Pushpin pushpin;
  private static FunctionsFramework chat;
  private static FunctionsFramework stream;
  private static FunctionsFramework poll;
  private static FunctionsFramework misconfigured;
  private static GripPublisher publisher;
  /**
   * HTTP/1.1: by default Java's client asks to upgrade a plain-HTTP request to HTTP/2 ({@code Upgrade: h2c}),
   * Pushpin 1.36 passes the {@code Upgrade} and {@code HTTP2-Settings} headers on without the {@code Connection}
   * that named them, and the invoker's Jetty answers such a request "400 Bad Message". Browsers never ask.
   */
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String key = HexFormat.of().formatHex(random);
    // Pushpin's routes name the functions' ports, and the functions' GRIP_URL names Pushpin's: ports first.
    int chatPort = FunctionsFramework.freePort();
    int streamPort = FunctionsFramework.freePort();
    int pollPort = FunctionsFramework.freePort();
    pushpin = Pushpin.start(PushpinOptions.builder()
        .sigKey(key)
        .routeLine("*,path_beg=/chat 127.0.0.1:" + chatPort + ",over_http")
        .routeLine("*,path_beg=/stream 127.0.0.1:" + streamPort)
        .routeLine("*,path_beg=/poll 127.0.0.1:" + pollPort)
        .build());
    String gripUrl = pushpin.gripUrl() + "&verify-iss=" + pushpin.sigIss() + "&verify-key=" + key;
    chat = invoker(ChatFunction.class, chatPort, gripUrl);
    stream = invoker(StreamFunction.class, streamPort, gripUrl);
    poll = invoker(LongPollFunction.class, pollPort, gripUrl);
    misconfigured = invoker(ChatFunction.class, 0, "http://127.0.0.1:1/?iss=pushpin&key=" + SECRET_IN_BAD_URL
        + "&verify-key=base64:%%%");
    publisher = GripPublisher.builder().config(GripConfig.fromEnvironment(Map.of("GRIP_URL", gripUrl)))
        .build();
  }

  private static FunctionsFramework invoker(Class<?> function, int port, String gripUrl) {
    return FunctionsFramework.builder(function.getName())
        .port(port)
        .env("GRIP_URL", gripUrl)
        .env("GRIP_VERIFY", "required")
        .start();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {publisher, chat, stream, poll, misconfigured, pushpin}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  /**
   * Java 17's client sends {@code Content-Length: 0} with its upgrade, which Pushpin forwards as an empty TEXT
   * message on connect; the chat, as written, broadcasts it from "anonymous". Browsers send none.
   */
  private TestWebSocket chatClient() {
    return TestWebSocket.builder(pushpin.wsUri("/chat")).client(http).timeout(TIMEOUT)
        .ignoreTexts("anonymous: "::equals).connect();
  }

  @Test
  void twoClientsChatThroughPushpinAndTheInvoker() throws Exception {
    try (TestWebSocket alice = chatClient(); TestWebSocket bob = chatClient()) {
      alice.send("/nick alice");
      bob.send("/nick bob");
      assertThat(alice.awaitText(TIMEOUT)).isEqualTo("nickname set to [alice]");
      assertThat(bob.awaitText(TIMEOUT)).isEqualTo("nickname set to [bob]");
      pushpin.awaitSubscribers(Chat.CHANNEL, 2, TIMEOUT);

      alice.send("hello bob");
      assertThat(bob.awaitText(TIMEOUT)).isEqualTo("alice: hello bob");
      assertThat(alice.awaitText(TIMEOUT)).isEqualTo("alice: hello bob");
      // The nickname came back from Pushpin as connection meta: a new invocation, the same name.
      bob.send("hi alice");
      assertThat(alice.awaitText(TIMEOUT)).isEqualTo("bob: hi alice");

      bob.sendClose(1000, "bye");
      assertThat(bob.awaitClose(TIMEOUT).code()).isEqualTo(1000);
    }
  }

  @Test
  void aBinaryMessageAndAPingPassThroughUnchanged() throws Exception {
    try (TestWebSocket carol = chatClient()) {
      carol.send("/nick carol");
      assertThat(carol.awaitText(TIMEOUT)).isEqualTo("nickname set to [carol]");
      byte[] payload = {0, 1, (byte) 0xff, (byte) 0xfe, 13, 10};
      carol.ping(payload);
      assertThat(carol.awaitPong(TIMEOUT)).isEqualTo(payload);
    }
  }

  @Test
  void aStreamReceivesAPublish() throws Exception {
    try (TestStream s = TestStream.open(pushpin.httpUri("/stream"))) {
      assertThat(s.awaitLine(TIMEOUT)).isEqualTo(Streaming.OPENED.strip());
      pushpin.awaitSubscribers(Streaming.CHANNEL, 1, TIMEOUT);

      publisher.publish(Streaming.CHANNEL, HttpStreamFormat.of("first news\n"));

      assertThat(s.awaitLine(TIMEOUT)).isEqualTo("first news");
    }
  }

  @Test
  void aLongPollIsAnsweredByAPublish() throws Exception {
    CompletableFuture<HttpResponse<String>> pending = http.sendAsync(
        HttpRequest.newBuilder(pushpin.httpUri("/poll?timeout=60")).timeout(TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());
    pushpin.awaitSubscribers(LongPolling.CHANNEL, 1, TIMEOUT);
    assertThat(pending).isNotDone();

    publisher.publish(LongPolling.CHANNEL, HttpResponseFormat.of("here is your news\n"));

    HttpResponse<String> response = pending.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("here is your news\n");
  }

  @Test
  void aLongPollWithABadTimeoutGets400FromTheFunction() throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(pushpin.httpUri("/poll?timeout=soon")).timeout(TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("timeout must be a whole number of seconds");
  }

  @Test
  void aPlainRequestToTheChatGets400WithTheReason() throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(pushpin.httpUri("/chat")).timeout(TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("Not a WebSocket-over-HTTP request\n");
  }

  @Test
  void aRequestThatBypassesPushpinGets403() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(chat.uri().resolve("/chat"))
            .header("Content-Type", "application/websocket-events")
            .header("Connection-Id", "forged")
            .header("Grip-Sig", "not.a.token")
            .POST(HttpRequest.BodyPublishers.ofString("OPEN\r\n"))
            .timeout(TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void aBodyOverTheLimitGets413BeforeItIsSent() throws Exception {
    // Declares 40 MB, sends 6 bytes: the function refuses on the declared length, never waiting for the rest.
    String head = "POST /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/websocket-events\r\n"
        + "Content-Length: 40000000\r\nConnection: close\r\n\r\nOPEN\r\n";
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), chat.port())) {
      s.setSoTimeout((int) TIMEOUT.toMillis());
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = readHead(s.getInputStream());
      assertThat(response).startsWith("HTTP/1.1 413");
    }
  }

  @Test
  void aConfigurationErrorGets500AndTheReasonIsLoggedWithoutTheKey() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(misconfigured.uri().resolve("/chat"))
            .header("Content-Type", "application/websocket-events")
            .POST(HttpRequest.BodyPublishers.ofString("OPEN\r\n"))
            .timeout(TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).doesNotContain(SECRET_IN_BAD_URL);
    String logs = awaitLog(misconfigured, "GRIP_URL");
    assertThat(logs).contains("GRIP_URL").doesNotContain(SECRET_IN_BAD_URL);
  }

  private static String awaitLog(FunctionsFramework f, String text) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    String logs = f.logs();
    while (!logs.contains(text) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      logs = f.logs();
    }
    return logs;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != -1; ) {
      head.write(b);
      String text = head.toString(StandardCharsets.US_ASCII);
      if (text.endsWith("\r\n\r\n")) {
        return text;
      }
    }
    return head.toString(StandardCharsets.US_ASCII);
  }
}
