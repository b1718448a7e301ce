package org.faasgrip.apigw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.faasgrip.config.GripConfig;
import org.faasgrip.function.Grip;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.localgateway.PayloadVersion;
import org.faasgrip.publisher.GripPublisher;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinException;
import org.faasgrip.testkit.PushpinOptions;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An API-Gateway-style handler end to end, as it would be deployed: real Pushpin on loopback, the local gateway
 * turning each WebSocket-over-HTTP request into an HTTP API (payload 2.0) event for a {@link WebSocketApiHandler}
 * (through the Lambda runtime's own serialization), the handler reaching clients only through
 * {@link Connections}; real WebSocket clients.
 */
class ApiGatewayWebSocketIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static Pushpin pushpin;
  private static LocalGateway gateway;
  private static GripPublisher publisher;
  private static TutorialHandler handler;

  /** The Lambda function as a user writes it; here the API is made by the test, with the test's Grip. */
  static final class Function extends WebSocketApiHandler {
    Function(WebSocketApi api) {
      super(api);
    }
  }

  @BeforeAll
  static void start() {
    String key = "apigw-it-" + Long.toHexString(new java.security.SecureRandom().nextLong());
    AtomicReference<GripPublisher> late = new AtomicReference<>();
    Grip grip = Grip.builder()
        .config(GripConfig.of(List.of(GripConfig.parseGripUrl("http://127.0.0.1:1?verify-iss=pushpin&verify-key=" + key)), ""))
        .requireSignature(true)
        .publishWith(items -> late.get().publishAsync(items))
        .build();
    GripConnections connections = GripConnections.of(grip);
    handler = new TutorialHandler(connections);
    WebSocketApi api = WebSocketApi.builder(connections)
        .routeSelectionExpression("$request.body.action")
        .route("sendmessage").route("broadcast").route("kick").route("whoami")
        .twoWay("whoami")
        .handler(handler)
        .build();
    gateway = LocalGateway.builder().handler(new Function(api)).payload(PayloadVersion.V2).port(0).build().start();
    pushpin = Pushpin.start(PushpinOptions.builder().origin(gateway.port()).sigKey(key).logLevel(3)
        .config("proxy", "x_forwarded_for", "truncate:0,append").build());
    publisher = GripPublisher.builder()
        .config(GripConfig.of(List.of(GripConfig.parseGripUrl(pushpin.gripUrl())), ""))
        .build();
    late.set(publisher);
  }

  @AfterAll
  static void stop() {
    try {
      if (publisher != null) {
        publisher.close();
      }
      if (pushpin != null) {
        pushpin.close();
      }
    } finally {
      if (gateway != null) {
        gateway.close();
      }
    }
  }

  private static TestWebSocket connect(String query) {
    return TestWebSocket.connect(pushpin.wsUri("/chat?" + query));
  }

  /** Asks for whoami and returns the reply: once here, every earlier answer (subscriptions too) was applied. */
  private static String whoami(TestWebSocket ws) {
    ws.send("{\"action\":\"whoami\"}");
    return ws.awaitText(WAIT);
  }

  private static String idOf(String whoami) {
    return TutorialHandler.field(whoami, "connectionId");
  }

  private static APIGatewayV2WebSocketEvent awaitDisconnect(String connectionId) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    APIGatewayV2WebSocketEvent e;
    while ((e = handler.events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
      if (e.getRequestContext().getRouteKey().equals("$disconnect")
          && e.getRequestContext().getConnectionId().equals(connectionId)) {
        return e;
      }
    }
    throw new AssertionError("no $disconnect for " + connectionId + " within " + WAIT);
  }

  @Test
  void connectRouteByActionReplyPostToEachAndBroadcast() {
    try (TestWebSocket alice = connect("name=alice"); TestWebSocket bob = connect("name=bob")) {
      String me = whoami(alice);
      assertThat(me).contains("\"name\":\"alice\"", "\"routeKey\":\"whoami\"", "\"sourceIp\":\"127.0.0.1\"");
      assertThat(idOf(whoami(bob))).isNotEqualTo(idOf(me));

      // AWS's tutorial: sendmessage scans the table and posts to every connection.
      alice.send("{\"action\":\"sendmessage\",\"message\":\"hi from alice\"}");
      assertThat(alice.awaitText(WAIT)).isEqualTo("hi from alice");
      assertThat(bob.awaitText(WAIT)).isEqualTo("hi from alice");

      // The same with one publish to the channel both joined in $connect.
      bob.send("{\"action\":\"broadcast\",\"message\":\"one publish\"}");
      assertThat(alice.awaitText(WAIT)).isEqualTo("one publish");
      assertThat(bob.awaitText(WAIT)).isEqualTo("one publish");

      // $default: a message that selects no route; the handler answers through postToConnection.
      alice.send("hello?");
      assertThat(alice.awaitText(WAIT)).startsWith("Use the sendmessage route to send a message. Your info: "
          + "ConnectionInfo{" + idOf(me) + ", connectedAt=");

      // A one-way route's body ("Data sent.") never reaches the client: the next message is the reply asked for.
      alice.send("{\"action\":\"sendmessage\",\"message\":\"again\"}");
      assertThat(alice.awaitText(WAIT)).isEqualTo("again");
      assertThat(bob.awaitText(WAIT)).isEqualTo("again");
      assertThat(whoami(alice)).contains("\"routeKey\":\"whoami\"");
    }
  }

  @Test
  void binaryMessagesRoundTripThroughDefault() {
    try (TestWebSocket carol = connect("name=carol")) {
      whoami(carol);
      byte[] bytes = {0, (byte) 0xff, '\r', '\n', (byte) 0xc3, 0x28};
      carol.sendBinary(bytes);
      TestWebSocket.Message echo = carol.awaitMessage(WAIT);
      assertThat(echo.type()).isEqualTo(TestWebSocket.Message.Type.BINARY);
      assertThat(echo.bytes()).isEqualTo(bytes);
    }
  }

  @Test
  void deleteConnectionClosesTheOtherClientAndItsDisconnectRuns() throws Exception {
    try (TestWebSocket dave = connect("name=dave"); TestWebSocket erin = connect("name=erin")) {
      whoami(dave);
      String erinId = idOf(whoami(erin));

      dave.send("{\"action\":\"kick\",\"id\":\"" + erinId + "\"}");
      assertThat(erin.awaitClose(WAIT).code()).isEqualTo(1000);
      APIGatewayV2WebSocketEvent gone = awaitDisconnect(erinId);
      assertThat(gone.getRequestContext().getEventType()).isEqualTo("DISCONNECT");
      assertThat(handler.table).doesNotContain(erinId);
      // dave is still connected and served.
      assertThat(whoami(dave)).contains("\"name\":\"dave\"");
    }
  }

  @Test
  void theClientsCloseRunsDisconnectWithItsCodeAndIsEchoed() throws Exception {
    try (TestWebSocket frank = connect("name=frank")) {
      String id = idOf(whoami(frank));
      frank.sendClose(4001, "bye now");
      assertThat(frank.awaitClose(WAIT).code()).isEqualTo(4001);
      WebSocketRequestContext c = (WebSocketRequestContext) awaitDisconnect(id).getRequestContext();
      assertThat(c.getDisconnectStatusCode()).isEqualTo(4001);
      assertThat(c.getDisconnectReason()).isEqualTo("bye now");
    }
  }

  @Test
  void aConnectAnswering401RefusesTheHandshake() throws Exception {
    assertThatThrownBy(() -> connect("token=bad")).isInstanceOf(PushpinException.class);
    // The JDK's client says only that the handshake failed; a plain socket shows what the client was answered.
    assertThat(handshake("/chat?token=bad")).startsWith("HTTP/1.1 401 ").endsWith("Unauthorized");
    assertThat(handshake("/chat?token=good")).startsWith("HTTP/1.1 101 ");
  }

  /** Sends a browser's opening handshake on a plain socket; returns the status line and, for a refusal, the body. */
  private static String handshake(String pathAndQuery) throws java.io.IOException {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", pushpin.httpUri().getPort())) {
      s.setSoTimeout((int) WAIT.toMillis());
      s.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n"
          + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
          java.nio.charset.StandardCharsets.UTF_8));
      String status = in.readLine();
      int length = 0;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      char[] body = new char[length];
      int read = 0;
      while (read < length) {
        int n = in.read(body, read, length - read);
        if (n < 0) {
          break;
        }
        read += n;
      }
      return status + (length > 0 ? " " + new String(body, 0, read).trim() : "");
    }
  }
}
