package org.faasgrip.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.testkit.PushpinExtension;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link WebSocketContext#keepAliveInterval(int)} behind a real Pushpin on loopback, with a real WebSocket client:
 * a connection whose opening response sets the interval gets a request with no events from the proxy once it has
 * been idle that long, and the function's answer to it reaches the client; {@code keepAliveInterval(0)} turns
 * that off again.
 *
 * <p>Each test takes 20 to 35 seconds: the protocol's minimum interval, which Pushpin enforces (a shorter one is
 * raised to 20), so they cannot be shortened.
 */
class WebSocketKeepAliveIntervalPushpinIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** The minimum interval, and the slack for the idle call to come after it. */
  private static final Duration INTERVAL = Duration.ofSeconds(20);
  private static final Duration IDLE_CALL_WAIT = INTERVAL.plusSeconds(15);

  @RegisterExtension
  static PushpinExtension rig = PushpinExtension.withOrigin();

  /**
   * One request the origin answered, and how long after the origin's previous response to the same connection it
   * came (from the start of the test for a connection's first request).
   */
  private record Call(GripRequest request, WebSocketContext context, long nanosSincePreviousResponse) { }

  private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
  private final long startNanos = System.nanoTime();
  // Per connection: the DISCONNECT of a connection given up during a retried handshake (see TestWebSocket) may be
  // answered after the live connection's last response, and must not shorten the live connection's silence.
  private final Map<String, Long> lastResponseNanos = new ConcurrentHashMap<>();

  /** The function: accepts with the minimum interval, answers "hello", and says "tick" on an idle call. */
  private void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    GripRequest request = ExchangeGrip.request(exchange);
    WebSocketContext ws = WebSocketContext.from(request);
    if (ws.isOpening()) {
      ws.accept();
      ws.keepAliveInterval(20);   // only here: Pushpin keeps it for the connection
      ws.meta().put("user", "u-1");
    } else if (ws.events().isEmpty()) {
      ws.send("tick");
    }
    while (ws.canRecv()) {
      String message = ws.recv();
      if ("hello".equals(message)) {
        ws.send("hello back");
      }
      // Anything else (Pushpin 1.36's empty TEXT after OPEN with Java 17's client, see TestWebSocket) needs no answer.
    }
    calls.add(new Call(request, ws, arrived - lastResponseNanos.getOrDefault(ws.connectionId(), startNanos)));
    ExchangeGrip.respond(exchange, ws.toGripResponse());
    lastResponseNanos.put(ws.connectionId(), System.nanoTime());
  }

  @Test
  void anIdleConnectionGetsARequestWithNoEventsAfterTheIntervalAndItsAnswerReachesTheClient() throws Exception {
    rig.origin().handle("/ka/", this::handle);
    try (TestWebSocket client = TestWebSocket.builder(rig.pushpin().wsUri("/ka/room"))
        .ignoreTexts(String::isEmpty).connect()) {
      // A response without the header between the opening one and the idle call: the interval still holds.
      client.send("hello");
      assertThat(client.awaitText(WAIT)).isEqualTo("hello back");
      // The connection is the one that carried "hello": with Java 17's client, TestWebSocket may have retried the
      // handshake, and the origin then saw the OPEN (and DISCONNECT) of a connection that no longer exists.
      String connectionId = null;
      while (connectionId == null) {
        Call c = calls.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(c).as("the request that carried hello").isNotNull();
        if (c.context().events().stream().anyMatch(e -> e.type() == WebSocketEvent.Type.TEXT
            && e.text().equals("hello"))) {
          connectionId = c.context().connectionId();
        }
      }

      // From here on the client is silent.
      Call idle = null;
      long deadline = System.nanoTime() + IDLE_CALL_WAIT.toNanos();
      while (idle == null) {
        Call c = calls.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        assertThat(c).as("a request with no events within %s of silence", IDLE_CALL_WAIT).isNotNull();
        if (c.context().events().isEmpty() && connectionId.equals(c.context().connectionId())) {
          idle = c;
        }
      }
      assertThat(idle.request().body()).isEmpty();
      assertThat(idle.context().canRecv()).isFalse();
      assertThat(idle.context().isOpening()).isFalse();
      assertThat(idle.request().method()).isEqualTo("POST");
      assertThat(idle.request().header("Content-Type")).isEqualTo("application/websocket-events");
      assertThat(idle.context().meta()).containsEntry("user", "u-1");
      assertThat(idle.request().header("Grip-Sig")).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
      // About the interval after the previous response, not at once. Pushpin 1.36's timer was seen firing a little
      // early (19.65 s after the origin had written a response, for 20), hence the slack.
      assertThat(Duration.ofNanos(idle.nanosSincePreviousResponse())).isGreaterThanOrEqualTo(INTERVAL.minusSeconds(2));

      // The answer to the idle call (200, the event Content-Type, one TEXT) is valid: it reaches the client.
      assertThat(client.awaitText(WAIT)).isEqualTo("tick");
      assertThat(client.pending()).isEmpty();
    }
  }

  /** The function for the "off" test: accepts with the minimum interval, and turns it off on "off". */
  private void handleOff(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    GripRequest request = ExchangeGrip.request(exchange);
    WebSocketContext ws = WebSocketContext.from(request);
    if (ws.isOpening()) {
      ws.accept();
      ws.keepAliveInterval(20);
    }
    while (ws.canRecv()) {
      if ("off".equals(ws.recv())) {
        ws.keepAliveInterval(0);   // Keep-Alive-Interval: 0
        ws.send("off");
      }
    }
    calls.add(new Call(request, ws, arrived - lastResponseNanos.getOrDefault(ws.connectionId(), startNanos)));
    ExchangeGrip.respond(exchange, ws.toGripResponse());
    lastResponseNanos.put(ws.connectionId(), System.nanoTime());
  }

  @Test
  void keepAliveIntervalZeroTurnsTheIdleCallsOff() throws Exception {
    rig.origin().handle("/off/", this::handleOff);
    try (TestWebSocket client = TestWebSocket.builder(rig.pushpin().wsUri("/off/room"))
        .ignoreTexts(String::isEmpty).connect()) {
      client.send("off");
      assertThat(client.awaitText(WAIT)).isEqualTo("off");
      String connectionId = null;
      while (connectionId == null) {
        Call c = calls.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(c).as("the request that carried off").isNotNull();
        if (c.context().events().stream().anyMatch(e -> e.type() == WebSocketEvent.Type.TEXT
            && e.text().equals("off"))) {
          connectionId = c.context().connectionId();
        }
      }
      // The interval was 20 s, and the previous test saw the idle call come then: silence until well past it.
      long deadline = System.nanoTime() + IDLE_CALL_WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        Call c = calls.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (c != null) {
          assertThat(c.context().connectionId()).as("a request of the connection whose interval is off")
              .isNotEqualTo(connectionId);
        }
      }
      // The connection is still there: it answers.
      client.send("off");
      assertThat(client.awaitText(WAIT)).isEqualTo("off");
    }
  }
}
