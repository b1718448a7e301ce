package org.faasgrip.websocket;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.testkit.OriginServer;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinOptions;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link WebSocketContext} behind a real Pushpin on loopback, with a real WebSocket client
 * ({@code java.net.http}): what the context writes is what Pushpin understands. The origin is a plain JDK HTTP
 * server that turns each WebSocket-over-HTTP request into a {@link GripRequest} and writes the
 * {@link GripResponse} back, as a platform adapter would.
 */
class WebSocketContextPushpinIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static OriginServer origin;
  private static Pushpin pushpin;
  /**
   * What the origin saw end a connection, as "connection-id code reason", "connection-id none" for a close
   * without code, or "connection-id disconnect". Every connection's end lands here, also that of a connection
   * the client gave up during a retried handshake (see {@link TestWebSocket}) and those of earlier tests, so a
   * test looks only for its own connection's id.
   */
  private static final BlockingQueue<String> backendSawEnd = new LinkedBlockingQueue<>();

  private final HttpClient http = HttpClient.newHttpClient();
  private TestWebSocket ws;

  @BeforeAll
  static void start() {
    origin = OriginServer.start();
    origin.handle("/ws/", WebSocketContextPushpinIT::handle);
    pushpin = Pushpin.start(PushpinOptions.forOrigin(origin.port()));
  }

  @AfterAll
  static void stop() {
    if (pushpin != null) {
      pushpin.close();
    }
    if (origin != null) {
      origin.close();
    }
  }

  @AfterEach
  void closeClient() {
    if (ws != null) {
      ws.close();
    }
  }

  /** The function under test: a small command interpreter over the context. */
  private static void handle(HttpExchange exchange) throws IOException {
    WebSocketContext ws = WebSocketContext.from(ExchangeGrip.request(exchange));
    if (ws.isOpening()) {
      ws.accept();
      ws.subscribe(exchange.getRequestURI().getPath().substring("/ws/".length()));
    }
    while (ws.canRecv()) {
      String message = ws.recv();
      if (message == null) {
        backendSawEnd.add(ws.connectionId() + " " + (ws.isDisconnected() ? "disconnect"
            : ws.closeCode().isPresent() ? ws.closeCode().getAsInt() + " " + ws.closeReason() : "none"));
        ws.close();
        break;
      }
      if (message.isEmpty()) {
        // Pushpin 1.36 forwards an empty TEXT right after OPEN when the client is java.net.http's WebSocket
        // (seen on every connection here; the client sends no such frame). Nothing to answer.
        continue;
      }
      String[] words = message.split(" ", 3);
      switch (words[0]) {
        case "id":
          // Which connection the client really holds: the origin may also have seen the OPEN of one it gave up.
          ws.send(ws.connectionId());
          break;
        case "echo":
          ws.send(message.substring(5));
          break;
        case "bin":
          ws.sendBinary(new byte[] {0, 1, 2, (byte) 0xff});
          break;
        case "meta":
          ws.meta().put(words[1], words[2]);
          ws.send("ok");
          break;
        case "getmeta":
          ws.send(String.valueOf(ws.meta().get(words[1])));
          break;
        case "close":
          if (words.length == 1) {
            ws.close();
          } else {
            ws.close(Integer.parseInt(words[1]), words[2]);
          }
          break;
        default:
          ws.send("unknown: " + message);
      }
    }
    ExchangeGrip.respond(exchange, ws.toGripResponse());
  }

  private void connect(String channel) {
    ws = TestWebSocket.connect(pushpin.wsUri("/ws/" + channel));
  }

  @Test
  void messagesReachTheClientWithoutTheirPrefixSoGripModeIsOn() throws Exception {
    connect("c-echo");
    ws.send("echo hello \u00e9");
    assertThat(ws.awaitText(WAIT)).isEqualTo("hello \u00e9");
    ws.send("bin");
    assertThat(ws.awaitMessage(WAIT)).hasToString("binary 000102ff");
  }

  @Test
  void aPingIsAnsweredWithItsPayload() throws Exception {
    connect("c-ping");
    ws.ping("are you there".getBytes(UTF_8));
    assertThat(new String(ws.awaitPong(WAIT), UTF_8)).isEqualTo("are you there");
  }

  /** Asks the origin which connection this client holds (see {@link #backendSawEnd}). */
  private String connectionId() {
    ws.send("id");
    return ws.awaitText(WAIT);
  }

  @Test
  void aPublishToTheSubscribedChannelReachesTheClient() throws Exception {
    connect("c-room");
    // An answer to a later request shows that Pushpin has processed the opening response, with its subscribe, for
    // this connection: the subscriber count alone may still include a connection given up during the handshake.
    assertThat(connectionId()).isNotEmpty();
    pushpin.awaitSubscribers("c-room", 1, WAIT);
    HttpResponse<String> published = http.send(HttpRequest.newBuilder(URI.create(pushpin.controlUri() + "/publish/"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"items\":[{\"channel\":\"c-room\",\"formats\":{\"ws-message\":{\"content\":\"news\"}}}]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(published.statusCode()).isEqualTo(200);
    assertThat(ws.awaitText(WAIT)).isEqualTo("news");
  }

  @Test
  void metaSetInOneResponseComesBackOnTheNextRequest() throws Exception {
    connect("c-meta");
    ws.send("meta nick alice");
    assertThat(ws.awaitText(WAIT)).isEqualTo("ok");
    ws.send("getmeta nick");
    assertThat(ws.awaitText(WAIT)).isEqualTo("alice");
    ws.send("getmeta other");
    assertThat(ws.awaitText(WAIT)).isEqualTo("null");
  }

  @Test
  void closeWithoutCodeClosesTheClientNormallyNeverWithCodeZero() throws Exception {
    connect("c-close");
    ws.send("close");
    // The response carries CLOSE without a code (the unit tests check the bytes); Pushpin 1.36 then closes the
    // client with 1000. The JavaScript faas-grip library sent code 0 here, which RFC 6455 forbids.
    assertThat(ws.awaitClose(WAIT)).isEqualTo(new TestWebSocket.Close(1000, ""));
    assertThat(ws.pending()).isEmpty();
  }

  @Test
  void closeWithCodeAndReasonReachesTheClient() throws Exception {
    connect("c-close-reason");
    ws.send("close 4001 see you");
    assertThat(ws.awaitClose(WAIT)).isEqualTo(new TestWebSocket.Close(4001, "see you"));
    assertThat(ws.pending()).isEmpty();
  }

  @Test
  void theClientsCloseCodeAndReasonReachTheFunction() throws Exception {
    connect("c-client-close");
    String id = connectionId();
    ws.sendClose(4002, "done here");
    assertThat(awaitEnd(id)).isEqualTo(id + " 4002 done here");
    ws.awaitClose(WAIT);
    assertThat(ws.pending()).isEmpty();
  }

  /** The first end the origin saw of connection {@code id}, waiting for it. */
  private static String awaitEnd(String id) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      String end = backendSawEnd.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertThat(end).as("the origin saw connection %s end within %s", id, WAIT).isNotNull();
      if (end.startsWith(id + " ")) {
        return end;
      }
    }
  }
}
