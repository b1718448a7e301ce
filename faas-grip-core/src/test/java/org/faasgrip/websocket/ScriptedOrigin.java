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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.KeepAliveMode;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.PublishBody;
import org.faasgrip.testkit.Pushpin;

/**
 * A function for the Pushpin ITs that a real client drives: each text message is a command, run on the
 * {@link WebSocketContext} of its request, and answered with {@code ok <command>} after the call (or with what
 * the command asks for), so that the client knows the response that carries the call went out. Every request
 * the origin answered is kept, with its context, for the test to look at what the proxy sent.
 *
 * <p>Commands: {@code id}, {@code echo TEXT}, {@code sub CHANNEL [FILTER...]}, {@code unsub CHANNEL},
 * {@code detach}, {@code user USER}, {@code as USER CHANNEL}, {@code setmeta NAME VALUE}, {@code meta NAME VALUE}
 * ({@code meta()}), {@code getmeta NAME}, {@code header NAME} (the request header's value), {@code ka TEXT SECONDS},
 * {@code kaint TEXT SECONDS} (interval mode), {@code kaping SECONDS}, {@code delay TEXT SECONDS}, {@code flush}, {@code session ID}, {@code ping TEXT},
 * {@code pong TEXT}, {@code keep BYTES} ({@code contentBytesAccepted}), {@code interval SECONDS}, {@code close}.
 */
final class ScriptedOrigin {
  /** One request the origin answered. */
  record Call(GripRequest request, WebSocketContext ws) {
    String connectionId() {
      return ws.connectionId();
    }

    /** The request's TEXT events as text, in order. */
    List<String> texts() {
      return ws.events().stream().filter(e -> e.type() == WebSocketEvent.Type.TEXT).map(WebSocketEvent::text).toList();
    }

    boolean has(WebSocketEvent.Type type) {
      return ws.events().stream().anyMatch(e -> e.type() == type);
    }
  }

  final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
  private final HttpClient http = HttpClient.newHttpClient();

  void handle(HttpExchange exchange) throws IOException {
    GripRequest request = ExchangeGrip.request(exchange);
    WebSocketContext ws = WebSocketContext.from(request);
    if (ws.isOpening()) {
      ws.accept();
    }
    while (ws.canRecv()) {
      WebSocketMessage m = ws.recvMessage();
      if (m.type() == WebSocketMessage.Type.CLOSE) {
        ws.close();
        break;
      }
      if (m.type() != WebSocketMessage.Type.TEXT || m.text().isEmpty()) {
        // Pushpin 1.36 forwards an empty TEXT after OPEN with Java 17's client (see TestWebSocket): no command.
        continue;
      }
      run(ws, request, m.text());
    }
    calls.add(new Call(request, ws));
    ExchangeGrip.respond(exchange, ws.toGripResponse());
  }

  private static void run(WebSocketContext ws, GripRequest request, String command) {
    String[] w = command.split(" ");
    switch (w[0]) {
      case "id" -> ws.send(ws.connectionId());
      case "echo" -> ws.send(command.substring(5));
      case "sub" -> ws.subscribe(w[1], Arrays.copyOfRange(w, 2, w.length));
      case "unsub" -> ws.unsubscribe(w[1]);
      case "detach" -> ws.detach();
      case "user" -> ws.setUser(w[1]);
      case "as" -> ws.subscribeAs(w[1], w[2]);
      case "setmeta" -> ws.setMeta(w[1], w[2]);
      case "meta" -> ws.meta().put(w[1], w[2]);
      case "getmeta" -> ws.send(String.valueOf(ws.meta().get(w[1])));
      case "header" -> ws.send(String.valueOf(request.header(w[1])));
      case "ka" -> ws.keepAlive(w[1], Integer.parseInt(w[2]));
      case "kaint" -> ws.keepAlive(WebSocketEvent.Type.TEXT, w[1].getBytes(UTF_8), Integer.parseInt(w[2]),
          KeepAliveMode.INTERVAL);
      case "kaping" -> ws.keepAlive(WebSocketEvent.Type.PING, "ka".getBytes(UTF_8), Integer.parseInt(w[1]),
          KeepAliveMode.IDLE);
      case "delay" -> ws.sendDelayed(w[1], Integer.parseInt(w[2]));
      case "flush" -> ws.flushDelayed();
      case "session" -> ws.session(w[1]);
      case "ping" -> ws.ping(w[1].getBytes(UTF_8));
      case "pong" -> ws.pong(w[1].getBytes(UTF_8));
      case "keep" -> ws.contentBytesAccepted(Integer.parseInt(w[1]));
      case "interval" -> ws.keepAliveInterval(Integer.parseInt(w[1]));
      case "close" -> {
        ws.close(4000, "bye");
        return;
      }
      default -> throw new IllegalArgumentException("unknown command " + command);
    }
    if (!w[0].equals("id") && !w[0].equals("echo") && !w[0].equals("getmeta") && !w[0].equals("header")) {
      ws.send("ok " + command);
    }
  }

  /** The next call of connection {@code id} that {@code which} accepts, skipping others; fails after the wait. */
  Call awaitCall(String id, java.util.function.Predicate<Call> which, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Call c = calls.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertThat(c).as("a matching request of connection %s within %s", id, wait).isNotNull();
      if (id.equals(c.connectionId()) && which.test(c)) {
        return c;
      }
    }
  }

  /** Publishes items in one request to Pushpin's publish side, as the library writes them. */
  void publish(Pushpin pushpin, Item... items) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(pushpin.controlUri() + "/publish/"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(PublishBody.toJson(List.of(items), "")))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("publish answered %s", r.body()).isEqualTo(200);
  }
}
