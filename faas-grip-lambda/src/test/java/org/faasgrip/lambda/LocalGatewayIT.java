package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.localgateway.PayloadVersion;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.faasgrip.function.Grip;

/**
 * The adapter behind the project's local gateway, which builds each payload's events and reads each response as
 * AWS does (typed handlers through aws-lambda-java-serialization, stream handlers as raw JSON): real HTTP on
 * 127.0.0.1 with a WebSocket-over-HTTP exchange as Pushpin sends it, for every payload and handler kind.
 */
class LocalGatewayIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static Stream<Arguments> fronts() {
    List<Arguments> out = new ArrayList<>();
    for (String kind : List.of("stream", "typed")) {
      out.add(Arguments.of(PayloadVersion.V1, false, kind));
      out.add(Arguments.of(PayloadVersion.V2, false, kind));
      out.add(Arguments.of(PayloadVersion.ALB, false, kind));
      out.add(Arguments.of(PayloadVersion.ALB, true, kind));
    }
    return out.stream();
  }

  private static Object handler(PayloadVersion payload, String kind, Grip grip) {
    if (kind.equals("stream")) {
      return new ChatStreamHandler(grip);
    }
    switch (payload) {
      case V1: return new TypedChatHandlers.Rest(grip);
      case V2: return new TypedChatHandlers.HttpApi(grip);
      default: return new TypedChatHandlers.Alb(grip);
    }
  }

  private static HttpResponse<byte[]> post(URI base, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/chat"))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/websocket-events")
        .header("Accept", "application/websocket-events")
        .header("Connection-Id", "conn-1")
        .header("Sec-WebSocket-Extensions", "grip")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.US_ASCII));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0} multiValueHeaders={1} {2} handler")
  @MethodSource("fronts")
  void webSocketOverHttpHoldAndErrors(PayloadVersion payload, boolean multi, String kind) throws Exception {
    Recorder recorder = new Recorder();
    Grip grip = Grip.builder().publishWith(recorder).build();
    LocalGateway.Builder b = LocalGateway.builder().handler(handler(payload, kind, grip)).payload(payload).port(0);
    if (payload == PayloadVersion.V1) {
      b.binaryMediaTypes("application/websocket-events");
    }
    if (multi) {
      b.multiValueHeaders(true);
    }
    try (LocalGateway gw = b.build().start()) {
      URI base = gw.uri();

      HttpResponse<byte[]> open = post(base, "OPEN\r\n");
      assertThat(open.statusCode()).as(text(open)).isEqualTo(200);
      assertThat(open.headers().allValues("Content-Type")).containsExactly("application/websocket-events");
      assertThat(open.headers().firstValue("Sec-WebSocket-Extensions")).hasValue("grip");
      assertThat(text(open)).startsWith("OPEN\r\nTEXT ").contains("c:{").contains("\"subscribe\"")
          .contains("\"room\"");

      HttpResponse<byte[]> nick = post(base, "TEXT 9\r\n/nick bob\r\n");
      assertThat(nick.statusCode()).isEqualTo(200);
      assertThat(nick.headers().firstValue("Set-Meta-nick")).hasValue("bob");
      assertThat(text(nick)).isEqualTo("TEXT 17\r\nm:nickname set to [bob]\r\n");

      HttpResponse<byte[]> say = post(base, "TEXT 2\r\nhi\r\n", "Meta-Nick", "bob");
      assertThat(say.statusCode()).isEqualTo(200);
      assertThat(recorder.items).hasSize(1);
      assertThat(recorder.items.get(0).formats()).containsExactly(WebSocketMessageFormat.text("bob: hi"));

      HttpResponse<byte[]> malformed = post(base, "TEXT 5\r\nhi\r\n");
      assertThat(malformed.statusCode()).isEqualTo(400);
      assertThat(text(malformed)).startsWith("Malformed WebSocket-over-HTTP body: ");

      HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(base.resolve("/chat")).timeout(Duration.ofSeconds(20))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(400);
      assertThat(get.body()).isEqualTo("Not a WebSocket-over-HTTP request\n");

      HttpResponse<String> hold = HTTP.send(HttpRequest.newBuilder(base.resolve("/stream"))
          .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(hold.statusCode()).isEqualTo(200);
      assertThat(hold.headers().firstValue("Grip-Hold")).hasValue("stream");
      assertThat(hold.headers().firstValue("Grip-Channel")).hasValue("news");
      assertThat(hold.body()).isEqualTo("stream opened\n");
    }
  }
}
