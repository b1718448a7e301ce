package org.faasgrip.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.faasgrip.config.GripConfig;
import org.faasgrip.examples.Chat;
import org.faasgrip.examples.LongPolling;
import org.faasgrip.function.Grip;
import org.faasgrip.publish.HttpResponseFormat;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publisher.GripPublisher;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinOptions;
import org.faasgrip.testkit.TestStream;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The servlet examples end to end: {@link ChatServlet}, {@link StreamServlet} and {@link LongPollServlet} in a real
 * embedded Jetty 12, behind a real Pushpin that signs what it forwards (the servlets require it), reached by real
 * WebSocket and HTTP clients.
 */
class ServletExamplesIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  // HTTP/1.1: a default client asks for cleartext HTTP/2 (Upgrade: h2c), which Pushpin passes on and Jetty refuses.
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static Server jetty;
  private static Pushpin pushpin;
  private static GripPublisher publisher;

  @BeforeAll
  static void start() throws Exception {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String key = HexFormat.of().formatHex(random);
    // Publishing goes to Pushpin's publish side, known once Pushpin runs, which needs Jetty's port first.
    AtomicReference<GripPublisher> late = new AtomicReference<>();
    Grip grip = Grip.builder()
        .config(GripConfig.of(List.of(GripConfig.parseGripUrl(
            "http://127.0.0.1:1?verify-iss=pushpin&verify-key=" + key)), ""))
        .requireSignature(true)
        .publishWith(items -> late.get().publishAsync(items))
        .build();
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new ChatServlet(grip)), "/chat");
    context.addServlet(new ServletHolder(new StreamServlet(grip)), "/stream");
    context.addServlet(new ServletHolder(new LongPollServlet(grip)), "/poll");
    jetty.setHandler(context);
    jetty.start();
    pushpin = Pushpin.start(PushpinOptions.builder().origin(connector.getLocalPort()).sigKey(key).logLevel(3).build());
    publisher = GripPublisher.builder()
        .config(GripConfig.of(List.of(GripConfig.parseGripUrl(pushpin.gripUrl())), ""))
        .build();
    late.set(publisher);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (publisher != null) {
        publisher.close();
      }
      if (pushpin != null) {
        pushpin.close();
      }
    } finally {
      jetty.stop();
    }
  }

  @Test
  void twoClientsChat() {
    URI chat = pushpin.wsUri("/chat");
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
    try (TestStream stream = TestStream.open(pushpin.httpUri("/stream"))) {
      assertThat(stream.awaitLine(WAIT)).isEqualTo("stream open");
      pushpin.awaitSubscribers(StreamServlet.CHANNEL, 1, WAIT);

      publisher.publish(StreamServlet.CHANNEL, HttpStreamFormat.of("headline\n"));

      assertThat(stream.awaitLine(WAIT)).isEqualTo("headline");
    }
  }

  @Test
  void aLongPollIsAnsweredByAPublishAndABadTimeoutIsRefused() throws Exception {
    HttpResponse<String> bad = http.send(HttpRequest.newBuilder(pushpin.httpUri("/poll?timeout=0")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);

    CompletableFuture<HttpResponse<String>> pending = http.sendAsync(
        HttpRequest.newBuilder(pushpin.httpUri("/poll?timeout=60")).build(), HttpResponse.BodyHandlers.ofString());
    pushpin.awaitSubscribers(LongPolling.CHANNEL, 1, WAIT);

    publisher.publish(LongPolling.CHANNEL, HttpResponseFormat.of("released\n"));

    HttpResponse<String> released = pending.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(released.statusCode()).isEqualTo(200);
    assertThat(released.body()).isEqualTo("released\n");
  }
}
