package org.faasgrip.apigw;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.publish.Item;
import org.faasgrip.websocket.WebSocketEvent;
import org.faasgrip.websocket.WebSocketEventDecoder;
import org.faasgrip.websocket.WebSocketEventEncoder;

/** What the unit tests share: a Grip that records publishes and log lines, a recording handler, requests. */
final class Rig {
  /** The instant of the AWS documentation's captured $disconnect event: 20/Jan/2024:11:55:08 +0000. */
  static final Instant NOW = Instant.ofEpochMilli(1705751708326L);
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  final List<Item> published = new CopyOnWriteArrayList<>();
  final List<String> logged = new CopyOnWriteArrayList<>();
  final Grip grip;
  final GripConnections connections;
  final Recorder handler = new Recorder();

  Rig() {
    this(Grip.builder());
  }

  Rig(Grip.Builder builder) {
    grip = builder
        .publishWith(items -> {
          published.addAll(items);
          return CompletableFuture.completedFuture(null);
        })
        .logger((level, line) -> logged.add(level + " " + line))
        .build();
    connections = GripConnections.of(grip);
  }

  WebSocketApi.Builder api() {
    return WebSocketApi.builder(connections).handler(handler).clock(CLOCK);
  }

  /** A handler that records its events and answers what {@link #answer} says. */
  static final class Recorder implements RequestHandler<APIGatewayV2WebSocketEvent, Object> {
    final List<APIGatewayV2WebSocketEvent> events = new CopyOnWriteArrayList<>();
    volatile Function<APIGatewayV2WebSocketEvent, Object> answer = e -> null;

    @Override
    public Object handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
      events.add(event);
      return answer.apply(event);
    }

    APIGatewayV2WebSocketEvent last() {
      return events.get(events.size() - 1);
    }

    List<String> routes() {
      List<String> keys = new ArrayList<>();
      events.forEach(e -> keys.add(e.getRequestContext().getRouteKey()));
      return keys;
    }
  }

  /** A WebSocket-over-HTTP request as Pushpin sends it, with handshake headers and meta. */
  static GripRequest request(String connectionId, Map<String, String> meta, WebSocketEvent... events) {
    return request(null, connectionId, meta, events);
  }

  static GripRequest request(String query, String connectionId, Map<String, String> meta, WebSocketEvent... events) {
    GripRequest.Builder b = GripRequest.builder().method("POST").path("/chat").query(query)
        .addHeader("Host", "chat.example.com")
        .addHeader("User-Agent", "Mozilla/5.0 (test)")
        .addHeader("X-Forwarded-For", "198.51.100.7, 10.0.0.1")
        .addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
        .addHeader("Sec-WebSocket-Version", "13")
        .addHeader("Origin", "https://chat.example.com")
        .addHeader("Sec-WebSocket-Extensions", "grip")
        .addHeader("Grip-Sig", "not.checked.here")
        .addHeader("Grip-Feature", "status, session")
        .addHeader("Accept", "application/websocket-events")
        .addHeader("Connection-Id", connectionId)
        .addHeader("Content-Type", "application/websocket-events");
    meta.forEach((k, v) -> b.addHeader("Meta-" + k, v));
    return b.body(WebSocketEventEncoder.encode(List.of(events))).build();
  }

  static GripRequest request(String connectionId, WebSocketEvent... events) {
    return request(connectionId, Map.of(WebSocketApi.CONNECTED_AT_META, "1705751697419"), events);
  }

  static List<WebSocketEvent> events(GripResponse r) {
    return WebSocketEventDecoder.decode(r.body());
  }

  /** The response's events as TYPE or TYPE:text lines, for comparing. */
  static List<String> lines(GripResponse r) {
    List<String> out = new ArrayList<>();
    for (WebSocketEvent e : events(r)) {
      out.add(e.contentLength() == 0 ? e.type().name()
          : e.type() + ":" + new String(e.content(), StandardCharsets.UTF_8));
    }
    return out;
  }
}
