package org.faasgrip.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.faasgrip.examples.Chat;
import org.faasgrip.examples.LongPolling;
import org.faasgrip.function.Grip;
import org.faasgrip.localrun.LocalRun;
import org.faasgrip.publish.HttpResponseFormat;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinException;
import org.faasgrip.testkit.TestStream;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The servlet examples end to end: {@link ChatServlet}, {@link StreamServlet}, {@link LongPollServlet} and
 * {@link RoomServlet} in a real
 * embedded Jetty 12, behind a real Pushpin that signs what it forwards (the servlets require it), reached by real
 * WebSocket and HTTP clients.
 */
class ServletExamplesIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  // HTTP/1.1: a default client asks for cleartext HTTP/2 (Upgrade: h2c), which Pushpin passes on and Jetty refuses.
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static LocalRun run;
  private static Pushpin pushpin;

  @BeforeAll
  static void start() {
    // The run makes the signing key, starts Jetty with its Grip, then Pushpin in front of it, then publishing.
    run = LocalRun.builder().port(0).origin(ServletExamplesIT::startJetty).start();
    pushpin = run.pushpin();
  }

  private static LocalRun.Origin startJetty(Grip grip) {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new ChatServlet(grip)), "/chat");
    context.addServlet(new ServletHolder(new StreamServlet(grip)), "/stream");
    context.addServlet(new ServletHolder(new LongPollServlet(grip)), "/poll");
    context.addServlet(new ServletHolder(new RoomServlet(grip)), "/room");
    jetty.setHandler(context);
    try {
      jetty.start();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not start", e);
    }
    return new LocalRun.Origin() {
      @Override
      public URI uri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
      }

      @Override
      public String name() {
        return "Jetty";
      }

      @Override
      public void close() {
        try {
          jetty.stop();
        } catch (Exception e) {
          throw new IllegalStateException("Jetty did not stop", e);
        }
      }
    };
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
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

      run.grip().publish(StreamServlet.CHANNEL, HttpStreamFormat.of("headline\n"));

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

    run.grip().publish(LongPolling.CHANNEL, HttpResponseFormat.of("released\n"));

    HttpResponse<String> released = pending.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(released.statusCode()).isEqualTo(200);
    assertThat(released.body()).isEqualTo("released\n");
  }

  /** A user in the room; drops the empty message Java 17's client makes Pushpin pass (TestWebSocket), as "x: ". */
  private static TestWebSocket roomUser(String user) {
    return TestWebSocket.builder(pushpin.wsUri("/room?user=" + user)).client(http)
        .ignoreTexts(t -> t.matches("[a-z]+: ")).connect();
  }

  /** Waits until a user's connection takes messages: what it sends to itself comes back. */
  private static void awaitReady(TestWebSocket ws, String user) {
    ws.send("/to " + user + " ready");
    assertThat(ws.awaitText(WAIT)).isEqualTo(user + " to you: ready");
  }

  @Test
  void inTheRoomEveryoneButTheSenderGetsAMessageAndOnlyTheListedUsersGetAPrivateOne() {
    try (TestWebSocket alice = roomUser("alice"); TestWebSocket bob = roomUser("bob");
         TestWebSocket carol = roomUser("carol")) {
      awaitReady(alice, "alice");
      awaitReady(bob, "bob");
      awaitReady(carol, "carol");
      pushpin.awaitSubscribers(RoomServlet.ROOM, 3, WAIT);

      alice.send("hello room");
      assertThat(bob.awaitText(WAIT)).isEqualTo("alice: hello room");
      assertThat(carol.awaitText(WAIT)).isEqualTo("alice: hello room");
      // Alice's next message is what bob sends her, not her own "hello room": the proxy skipped her.
      bob.send("/to alice hi alice");
      assertThat(alice.awaitText(WAIT)).isEqualTo("bob to you: hi alice");

      bob.send("/to alice,carol lunch?");
      assertThat(alice.awaitText(WAIT)).isEqualTo("bob to you: lunch?");
      assertThat(carol.awaitText(WAIT)).isEqualTo("bob to you: lunch?");
      // Bob's next message is what carol sends him: he was not among the users of his own private message.
      carol.send("/to bob sure");
      assertThat(bob.awaitText(WAIT)).isEqualTo("carol to you: sure");
      assertThat(alice.pending()).isEmpty();
    }
  }

  @Test
  void aConnectionWithoutAUserIsNotAccepted() {
    assertThatThrownBy(() -> TestWebSocket.builder(pushpin.wsUri("/room")).client(http).connect())
        .isInstanceOf(PushpinException.class).hasMessageContaining("failed");
    assertThatThrownBy(() -> TestWebSocket.builder(pushpin.wsUri("/room?user=a,b")).client(http).connect())
        .isInstanceOf(PushpinException.class);
  }
}
