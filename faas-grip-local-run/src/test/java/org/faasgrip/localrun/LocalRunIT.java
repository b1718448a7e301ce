package org.faasgrip.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.Test;

/** A run in this JVM: real Pushpin, the gateway, {@link TestChat}, and real WebSocket clients through Pushpin. */
class LocalRunIT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void twoClientsChatThroughPushpinAndTheHandlerRefusesWhatDidNotComeThroughIt() throws Exception {
    List<List<Item>> batches = new ArrayList<>();
    LocalRun run = LocalRun.builder()
        .handler(new TestChat())
        .port(0)
        .beforePublish(items -> {
          synchronized (batches) {
            batches.add(items);
          }
          return items;
        })
        .start();
    List<ProcessHandle> started;
    int port;
    try {
      port = run.port();
      assertThat(run.httpUri("/")).hasToString("http://127.0.0.1:" + port + "/");
      assertThat(run.wsUri("/chat")).hasToString("ws://127.0.0.1:" + port + "/chat");
      try (TestWebSocket alice = TestWebSocket.connect(run.wsUri("/chat"));
          TestWebSocket bob = TestWebSocket.connect(run.wsUri("/chat"))) {
        alice.send("/nick alice");
        bob.send("/nick bob");
        // Each reply comes in a later response than the one that subscribed the socket: Pushpin has it in the room.
        assertThat(alice.awaitText(WAIT)).isEqualTo("nickname set to [alice]");
        assertThat(bob.awaitText(WAIT)).isEqualTo("nickname set to [bob]");

        alice.send("hello bob");
        assertThat(bob.awaitText(WAIT)).isEqualTo("alice: hello bob");
        assertThat(alice.awaitText(WAIT)).isEqualTo("alice: hello bob");
      }
      synchronized (batches) {
        assertThat(batches).containsExactly(List.of(Item.of("room", WebSocketMessageFormat.text("alice: hello bob"))));
      }

      // Straight to the gateway, past Pushpin: no Grip-Sig, and the run requires one.
      HttpResponse<String> direct = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(run.gatewayUri().resolve("/chat"))
              .header("Content-Type", "application/websocket-events")
              .timeout(WAIT)
              .POST(HttpRequest.BodyPublishers.ofString("OPEN\r\n"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(direct.statusCode()).isEqualTo(403);

      assertThatThrownBy(() -> LocalRun.builder().handler(new TestChat()).port(0).start())
          .isInstanceOf(LocalRunException.class)
          .hasMessageStartingWith("another local run is active in this JVM (LocalRun{"
              + TestChat.class.getName() + " (payload 1.0), http=http://127.0.0.1:" + port);
      started = run.processes();
      assertThat(started).isNotEmpty();
    } finally {
      run.close();
    }

    assertThat(started.stream().filter(ProcessHandle::isAlive)).as("processes left running").isEmpty();
    assertThat(run.processes()).isEmpty();
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
    // Closed, it no longer holds the JVM's one run: another may start (and is closed at once).
    LocalRun.builder().handler(TestChat.class).port(0).start().close();
  }

  @Test
  void withTwoProxiesClientsOnEitherGetWhatTheHandlerPublishes() throws Exception {
    List<ProcessHandle> started;
    try (LocalRun run = LocalRun.builder().handler(new TestChat()).port(0).proxies(2).start()) {
      assertThat(run.proxies()).hasSize(2);
      assertThat(run.proxies().get(0)).isSameAs(run.pushpin());
      URI second = run.proxies().get(1).wsUri("/chat");
      assertThat(second.getPort()).isNotEqualTo(run.port());
      try (TestWebSocket alice = TestWebSocket.connect(run.wsUri("/chat"));
          TestWebSocket bob = TestWebSocket.connect(second)) {
        alice.send("/nick alice");
        bob.send("/nick bob");
        assertThat(alice.awaitText(WAIT)).isEqualTo("nickname set to [alice]");
        assertThat(bob.awaitText(WAIT)).isEqualTo("nickname set to [bob]");

        // One publish from the handler, to each Pushpin: bob, on the second, hears alice on the first.
        alice.send("hello bob");
        assertThat(bob.awaitText(WAIT)).isEqualTo("alice: hello bob");
        assertThat(alice.awaitText(WAIT)).isEqualTo("alice: hello bob");
        bob.send("hi alice");
        assertThat(alice.awaitText(WAIT)).isEqualTo("bob: hi alice");
      }
      started = run.processes();
      assertThat(started.stream().filter(p -> p.info().command().orElse("").endsWith("pushpin-handler")))
          .hasSize(2);
    }
    assertThat(started.stream().filter(ProcessHandle::isAlive)).as("processes left running").isEmpty();
  }
}
