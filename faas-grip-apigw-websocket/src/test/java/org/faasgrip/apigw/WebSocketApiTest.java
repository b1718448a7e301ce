package org.faasgrip.apigw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.faasgrip.apigw.Rig.lines;
import static org.faasgrip.apigw.Rig.request;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.websocket.WebSocketEvent;
import org.junit.jupiter.api.Test;

/** Each route and each event field, against requests as Pushpin sends them and a recording handler. */
class WebSocketApiTest {
  private static final Pattern AWS_ID = Pattern.compile("[A-Za-z0-9+/]{15}=");
  private final Rig rig = new Rig();

  private static APIGatewayV2WebSocketResponse status(int code, String body) {
    APIGatewayV2WebSocketResponse r = new APIGatewayV2WebSocketResponse();
    r.setStatusCode(code);
    r.setBody(body);
    return r;
  }

  private static WebSocketRequestContext context(APIGatewayV2WebSocketEvent e) {
    return (WebSocketRequestContext) e.getRequestContext();
  }

  // ---- $connect -------------------------------------------------------------------------------------------

  @Test
  void connectCarriesTheHandshakeAsApiGatewayGivesIt() {
    WebSocketApi api = rig.api().stage("prod").apiId("dl7ptocha9").build();
    api.handle(request("room=lobby&tag=a&tag=b%20c&plus=1+1", "c-1", Map.of(), WebSocketEvent.open()), null);

    APIGatewayV2WebSocketEvent e = rig.handler.last();
    WebSocketRequestContext c = context(e);
    assertThat(c.getRouteKey()).isEqualTo("$connect");
    assertThat(c.getEventType()).isEqualTo("CONNECT");
    assertThat(c.getConnectionId()).isEqualTo("c-1");
    assertThat(c.getConnectedAt()).isEqualTo(Rig.NOW.toEpochMilli());
    assertThat(c.getRequestTimeEpoch()).isEqualTo(1705751708326L);
    assertThat(c.getRequestTime()).isEqualTo("20/Jan/2024:11:55:08 +0000");
    assertThat(c.getRequestId()).matches(AWS_ID).isEqualTo(c.getExtendedRequestId());
    assertThat(c.getMessageId()).isNull();
    assertThat(c.getMessageDirection()).isEqualTo("IN");
    assertThat(c.getStage()).isEqualTo("prod");
    assertThat(c.getApiId()).isEqualTo("dl7ptocha9");
    assertThat(c.getDomainName()).isEqualTo("chat.example.com");
    assertThat(c.getIdentity().getSourceIp()).isEqualTo("198.51.100.7");
    assertThat(c.getIdentity().getUserAgent()).isEqualTo("Mozilla/5.0 (test)");
    assertThat(c.getDisconnectStatusCode()).isNull();
    assertThat(c.getAuthorizer()).isNull();

    // The client's headers, without what the proxy added for WebSocket-over-HTTP.
    assertThat(e.getHeaders()).containsOnlyKeys("Host", "User-Agent", "X-Forwarded-For", "Sec-WebSocket-Key",
        "Sec-WebSocket-Version", "Origin");
    assertThat(e.getHeaders().get("origin")).isEqualTo("https://chat.example.com");
    assertThat(e.getMultiValueHeaders().get("Sec-WebSocket-Version")).containsExactly("13");
    assertThat(e.getQueryStringParameters())
        .isEqualTo(Map.of("room", "lobby", "tag", "b c", "plus", "1+1"));
    assertThat(e.getMultiValueQueryStringParameters().get("tag")).containsExactly("a", "b c");
    assertThat(e.getBody()).isNull();
    assertThat(e.isIsBase64Encoded()).isFalse();
    assertThat(e.getStageVariables()).isNull();
  }

  @Test
  void anAcceptedConnectionJoinsItsOwnChannelAndKeepsConnectedAtAsMeta() {
    GripResponse r = rig.api().build().handle(request("c-1", Map.of(), WebSocketEvent.open()), null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/websocket-events");
    assertThat(r.header("Sec-WebSocket-Extensions")).isEqualTo("grip");
    assertThat(r.header("Set-Meta-apigw-connected-at")).isEqualTo("1705751708326");
    assertThat(lines(r)).containsExactly("OPEN", "TEXT:c:{\"type\":\"subscribe\",\"channel\":\"connection:c-1\"}");
    assertThat(rig.handler.last().getQueryStringParameters()).isNull();
  }

  @Test
  void anOpenWithoutTheGripExtensionIs400WithOneLogLineAndNoConnect() {
    GripRequest withGrip = request("c-1", Map.of(), WebSocketEvent.open());
    GripRequest.Builder direct = GripRequest.builder().method("POST").path("/chat");
    for (int i = 0; i < withGrip.headers().size(); i++) {
      if (!withGrip.headers().name(i).equalsIgnoreCase("Sec-WebSocket-Extensions")) {
        direct.addHeader(withGrip.headers().name(i), withGrip.headers().value(i));
      }
    }
    GripResponse r = rig.api().build().handle(direct.body(withGrip.body()).build(), null);

    assertThat(r.status()).isEqualTo(400);
    assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("Bad request: WebSocketApi needs GRIP mode, but the OPEN came without"
            + " Sec-WebSocket-Extensions: grip");
    assertThat(rig.logged).singleElement().asString().startsWith("WARNING 400 NotGripModeException: ")
        .endsWith("($connect was not called)");
    assertThat(rig.handler.events).isEmpty();
  }

  @Test
  void connectedAtComesBackFromMetaOnLaterRequests() {
    WebSocketApi api = rig.api().build();
    api.handle(request("c-1", WebSocketEvent.text("hi")), null);

    assertThat(rig.handler.last().getRequestContext().getConnectedAt()).isEqualTo(1705751697419L);
    assertThat(rig.handler.last().getRequestContext().getRequestTimeEpoch()).isEqualTo(1705751708326L);
  }

  @Test
  void aConnectAnsweringNon2xxRefusesTheHandshakeWithThatStatusAndBody() {
    rig.handler.answer = e -> status(401, "who are you?");
    GripResponse r = rig.api().build().handle(request("c-1", Map.of(), WebSocketEvent.open()), null);

    assertThat(r.status()).isEqualTo(401);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("who are you?");
    assertThat(r.header("Sec-WebSocket-Extensions")).isNull();
  }

  @Test
  void aConnectThatThrowsIsA500AndALogLineWithoutTheBody() {
    rig.handler.answer = e -> {
      throw new IllegalStateException("table unreachable");
    };
    GripResponse r = rig.api().build().handle(request("c-1", Map.of(), WebSocketEvent.open()), null);

    assertThat(r.status()).isEqualTo(500);
    assertThat(rig.logged).singleElement().asString()
        .startsWith("ERROR route $connect of connection c-1 failed: java.lang.IllegalStateException: table unreachable");
  }

  @Test
  void aConnectMayChooseTheSubprotocolAndAnswerInAnyResponseShape() {
    rig.handler.answer = e -> new APIGatewayProxyResponseEvent().withStatusCode(200)
        .withHeaders(Map.of("Sec-WebSocket-Protocol", "chat.v1"));
    GripResponse r = rig.api().build().handle(request("c-1", Map.of(), WebSocketEvent.open()), null);

    assertThat(r.header("Sec-WebSocket-Protocol")).isEqualTo("chat.v1");
    assertThat(lines(r)).first().isEqualTo("OPEN");

    rig.handler.answer = e -> Map.of("statusCode", 403);
    assertThat(rig.api().build().handle(request("c-2", Map.of(), WebSocketEvent.open()), null).status())
        .isEqualTo(403);
  }

  @Test
  void withoutAConnectRouteEveryConnectionIsAccepted() {
    Rig.Recorder other = new Rig.Recorder();
    WebSocketApi api = WebSocketApi.builder(rig.connections).route(WebSocketApi.DEFAULT, other).build();
    GripResponse r = api.handle(request("c-1", Map.of(), WebSocketEvent.open()), null);

    assertThat(lines(r)).first().isEqualTo("OPEN");
    assertThat(other.events).isEmpty();
  }

  @Test
  void keepAliveAsksTheProxyForUnansweredPongs() {
    GripResponse r = rig.api().keepAlive(Duration.ofSeconds(25)).build()
        .handle(request("c-1", Map.of(), WebSocketEvent.open()), null);

    assertThat(lines(r)).contains("TEXT:c:{\"type\":\"keep-alive\",\"content-bin\":\"\",\"timeout\":25,"
        + "\"mode\":\"idle\",\"message-type\":\"pong\"}");
  }

  // ---- message routes -------------------------------------------------------------------------------------

  @Test
  void theRouteSelectionExpressionChoosesAmongDeclaredRoutesElseDefault() {
    WebSocketApi api = rig.api().route("sendmessage").build();
    api.handle(request("c-1",
        WebSocketEvent.text("{\"action\":\"sendmessage\",\"message\":\"hi\"}"),
        WebSocketEvent.text("{\"action\":\"unknown\"}"),
        WebSocketEvent.text("plain text"),
        WebSocketEvent.text("{\"action\":\"$connect\"}")), null);

    assertThat(rig.handler.routes()).containsExactly("sendmessage", "$default", "$default", "$default");
    APIGatewayV2WebSocketEvent first = rig.handler.events.get(0);
    assertThat(first.getBody()).isEqualTo("{\"action\":\"sendmessage\",\"message\":\"hi\"}");
    assertThat(first.getRequestContext().getEventType()).isEqualTo("MESSAGE");
    assertThat(first.getHeaders()).isNull();
    assertThat(first.getQueryStringParameters()).isNull();
    assertThat(first.getRequestContext().getMessageId()).matches(AWS_ID);
    assertThat(first.getRequestContext().getIdentity().getSourceIp()).isEqualTo("198.51.100.7");
    assertThat(first.getRequestContext().getIdentity().getUserAgent()).isEqualTo("Mozilla/5.0 (test)");
    Set<String> ids = new java.util.HashSet<>();
    rig.handler.events.forEach(e -> {
      ids.add(e.getRequestContext().getMessageId());
      ids.add(e.getRequestContext().getRequestId());
    });
    assertThat(ids).hasSize(8);
  }

  @Test
  void customExpressionsAndPerRouteHandlers() {
    Rig.Recorder join = new Rig.Recorder();
    WebSocketApi api = rig.api().routeSelectionExpression("${request.body.service}/${request.body.action}")
        .route("chat/join", join).build();
    api.handle(request("c-1",
        WebSocketEvent.text("{\"service\":\"chat\",\"action\":\"join\",\"data\":{\"room\":\"room1234\"}}"),
        WebSocketEvent.text("{\"service\":\"chat\"}")), null);

    assertThat(join.routes()).containsExactly("chat/join");
    assertThat(rig.handler.routes()).containsExactly("$default"); // "chat/" is no route
  }

  @Test
  void aTwoWayRoutesBodyGoesBackAndAOneWayRoutesDoesNot() {
    rig.handler.answer = e -> status(200, "got " + e.getRequestContext().getRouteKey());
    WebSocketApi api = rig.api().route("echo").route("quiet").twoWay("echo", "$default").build();
    GripResponse r = api.handle(request("c-1",
        WebSocketEvent.text("{\"action\":\"echo\"}"),
        WebSocketEvent.text("{\"action\":\"quiet\"}"),
        WebSocketEvent.text("x")), null);

    assertThat(lines(r)).containsExactly("TEXT:m:got echo", "TEXT:m:got $default");
  }

  @Test
  void aFailingRouteSendsApiGatewaysInternalServerErrorAndTheNextMessageStillRuns() {
    rig.handler.answer = e -> {
      if (e.getBody().equals("boom")) {
        throw new IllegalArgumentException("bad input");
      }
      return status(200, "ok");
    };
    GripResponse r = rig.api().twoWay("$default").build()
        .handle(request("c-1", WebSocketEvent.text("boom"), WebSocketEvent.text("fine")), null);

    String requestId = rig.handler.events.get(0).getRequestContext().getRequestId();
    assertThat(lines(r)).containsExactly(
        "TEXT:m:{\"message\": \"Internal server error\", \"connectionId\":\"c-1\", \"requestId\":\"" + requestId + "\"}",
        "TEXT:m:ok");
    assertThat(rig.logged).singleElement().asString().contains("route $default of connection c-1 failed");
  }

  @Test
  void anUnexpectedResultTypeIsAnIntegrationFailure() {
    rig.handler.answer = e -> 42;
    GripResponse r = rig.api().build().handle(request("c-1", WebSocketEvent.text("x")), null);

    assertThat(lines(r)).singleElement().asString().contains("Internal server error");
    assertThat(rig.logged).singleElement().asString().contains("returned a java.lang.Integer");
  }

  @Test
  void aMessageSelectingNoRouteWithoutADefaultRouteIsForbidden() {
    Rig.Recorder send = new Rig.Recorder();
    WebSocketApi api = WebSocketApi.builder(rig.connections).route("send", send).build();
    GripResponse r = api.handle(request("c-1", WebSocketEvent.text("{\"action\":\"other\"}"),
        WebSocketEvent.text("{\"action\":\"send\"}")), null);

    assertThat(lines(r)).singleElement().asString().startsWith("TEXT:m:{\"message\": \"Forbidden\"");
    assertThat(send.events).hasSize(1);
  }

  @Test
  void binaryMessagesReachDefaultInBase64AndABase64ReplyGoesOutBinary() {
    byte[] bytes = {0, (byte) 0xff, '\r', '\n', (byte) 0xc3, 0x28};
    rig.handler.answer = e -> {
      APIGatewayV2WebSocketResponse r = status(200, e.getBody());
      r.setIsBase64Encoded(e.isIsBase64Encoded());
      return r;
    };
    GripResponse r = rig.api().route("x").twoWay("$default").build()
        .handle(request("c-1", WebSocketEvent.binary(bytes)), null);

    APIGatewayV2WebSocketEvent e = rig.handler.last();
    assertThat(e.getRequestContext().getRouteKey()).isEqualTo("$default");
    assertThat(e.isIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(e.getBody())).isEqualTo(bytes);
    WebSocketEvent out = Rig.events(r).get(0);
    assertThat(out.type()).isEqualTo(WebSocketEvent.Type.BINARY);
    byte[] expected = new byte[bytes.length + 2];
    expected[0] = 'm';
    expected[1] = ':';
    System.arraycopy(bytes, 0, expected, 2, bytes.length);
    assertThat(out.content()).isEqualTo(expected);
  }

  @Test
  void rejectingBinaryFramesClosesWith1003AsApiGatewayDoes() {
    GripResponse r = rig.api().rejectBinaryFrames(true).build()
        .handle(request("c-1", WebSocketEvent.binary(new byte[] {1}), WebSocketEvent.text("after")), null);

    List<WebSocketEvent> out = Rig.events(r);
    assertThat(out).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(WebSocketEvent.Type.CLOSE);
      assertThat(e.closeCode()).hasValue(1003);
    });
    assertThat(rig.handler.events).isEmpty();
  }

  // ---- the Lambda fronts ---------------------------------------------------------------------------------

  private static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent v2(
      org.faasgrip.grip.GripRequest r, String rawQuery) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    r.headers().forEach(h -> headers.merge(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue(),
        (a, b) -> a + "," + b));
    return com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.builder()
        .withRawPath("/chat").withRawQueryString(rawQuery).withHeaders(headers)
        .withRequestContext(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod("POST").build()).build())
        .withBody(Base64.getEncoder().encodeToString(r.body())).withIsBase64Encoded(true).build();
  }

  @Test
  void anHttpApiRequestIsAnsweredInItsOwnShapeWithTheQueryStringOnConnect() {
    com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse r = rig.api().build()
        .handle(v2(request("c-1", Map.of(), WebSocketEvent.open()), "token=a%2Bb&x"), null);

    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.getIsBase64Encoded()).isTrue();
    assertThat(new String(Base64.getDecoder().decode(r.getBody()), StandardCharsets.UTF_8)).startsWith("OPEN\r\n");
    assertThat(rig.handler.last().getQueryStringParameters()).isEqualTo(Map.of("token", "a+b", "x", ""));
    // HTTP APIs lower-case header names; the event's maps are read without case anyway.
    assertThat(rig.handler.last().getHeaders().get("User-Agent")).isEqualTo("Mozilla/5.0 (test)");

    com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse bad = rig.api().build()
        .handle(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.builder().build(), null);
    assertThat(bad.getStatusCode()).isEqualTo(400);
  }

  @Test
  void aRestApiRequestTakesItsQueryFromTheEventsParameters() {
    org.faasgrip.grip.GripRequest g = request("c-1", Map.of(), WebSocketEvent.open());
    Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
    g.headers().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new java.util.ArrayList<>()).add(h.getValue()));
    com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent event =
        new com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent()
            .withHttpMethod("POST").withPath("/chat").withMultiValueHeaders(headers)
            .withMultiValueQueryStringParameters(Map.of("room", List.of("a", "b")))
            .withBody(Base64.getEncoder().encodeToString(g.body())).withIsBase64Encoded(true);
    APIGatewayProxyResponseEvent r = rig.api().build().handle(event, null);

    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(rig.handler.last().getQueryStringParameters()).isEqualTo(Map.of("room", "b"));
    assertThat(rig.handler.last().getMultiValueQueryStringParameters()).isEqualTo(Map.of("room", List.of("a", "b")));
  }

  // ---- $disconnect ----------------------------------------------------------------------------------------

  @Test
  void theClientsCloseCallsDisconnectWithItsCodeAndReasonAndIsEchoed() {
    GripResponse r = rig.api().build().handle(request("c-1", WebSocketEvent.close(4001, "bye now")), null);

    APIGatewayV2WebSocketEvent e = rig.handler.last();
    assertThat(e.getRequestContext().getRouteKey()).isEqualTo("$disconnect");
    assertThat(e.getRequestContext().getEventType()).isEqualTo("DISCONNECT");
    assertThat(context(e).getDisconnectStatusCode()).isEqualTo(4001);
    assertThat(context(e).getDisconnectReason()).isEqualTo("bye now");
    assertThat(e.getRequestContext().getConnectedAt()).isEqualTo(1705751697419L);
    assertThat(e.getHeaders()).isEqualTo(Map.of("Host", "chat.example.com",
        "X-Forwarded-For", "198.51.100.7, 10.0.0.1"));
    assertThat(e.getBody()).isNull();
    assertThat(Rig.events(r)).singleElement().satisfies(c -> assertThat(c.closeCode()).hasValue(4001));
  }

  @Test
  void aCloseWithoutCodeIs1005AndAGoneClientIs1006() {
    WebSocketApi api = rig.api().build();
    GripResponse closed = api.handle(request("c-1", WebSocketEvent.close()), null);
    api.handle(request("c-2", WebSocketEvent.disconnect()), null);

    assertThat(context(rig.handler.events.get(0)).getDisconnectStatusCode()).isEqualTo(1005);
    assertThat(context(rig.handler.events.get(0)).getDisconnectReason()).isEmpty();
    assertThat(context(rig.handler.events.get(1)).getDisconnectStatusCode()).isEqualTo(1006);
    assertThat(Rig.events(closed)).singleElement().satisfies(c -> {
      assertThat(c.type()).isEqualTo(WebSocketEvent.Type.CLOSE);
      assertThat(c.closeCode()).isEmpty();
    });
  }

  @Test
  void messagesBeforeTheCloseRunFirstAndNothingAfterIt() {
    WebSocketApi api = rig.api().build();
    api.handle(request("c-1", WebSocketEvent.text("a"), WebSocketEvent.close(1000), WebSocketEvent.text("b")), null);

    assertThat(rig.handler.routes()).containsExactly("$default", "$disconnect");
  }

  // ---- the proxy's rules ----------------------------------------------------------------------------------

  @Test
  void notWebSocketOverHttpIs400AndNoConnectionIdIs400() {
    WebSocketApi api = rig.api().build();
    GripResponse notWs = api.handle(org.faasgrip.grip.GripRequest.builder().method("GET").build(), null);
    GripResponse noId = api.handle(org.faasgrip.grip.GripRequest.builder()
        .addHeader("Content-Type", "application/websocket-events").body("OPEN\r\n".getBytes(StandardCharsets.US_ASCII))
        .build(), null);

    assertThat(notWs.status()).isEqualTo(400);
    assertThat(noId.status()).isEqualTo(400);
    assertThat(new String(noId.body(), StandardCharsets.UTF_8)).contains("no Connection-Id");
    assertThat(rig.handler.events).isEmpty();
    assertThat(rig.connections.handlingCount()).isZero();
  }

  @Test
  void aMissingSignatureIs403WhenSignaturesAreRequired() {
    Rig strict = new Rig(org.faasgrip.function.Grip.builder()
        .config(org.faasgrip.config.GripConfig.fromEnvironment(
            Map.of("GRIP_URL", "http://127.0.0.1:5561?iss=pushpin&key=changeme")))
        .requireSignature(true));
    GripResponse r = WebSocketApi.builder(strict.connections).handler(strict.handler).build()
        .handle(request("c-1", Map.of(), WebSocketEvent.open()), null);

    assertThat(r.status()).isEqualTo(403);
    assertThat(strict.handler.events).isEmpty();
  }

  @Test
  void theGripPrefixAppliesToTheConnectionsOwnChannel() {
    Rig prefixed = new Rig(org.faasgrip.function.Grip.builder()
        .config(org.faasgrip.config.GripConfig.fromEnvironment(Map.of("GRIP_PREFIX", "prod-"))));
    GripResponse r = WebSocketApi.builder(prefixed.connections).handler(prefixed.handler).build()
        .handle(request("c-1", Map.of(), WebSocketEvent.open()), null);

    assertThat(lines(r)).contains("TEXT:c:{\"type\":\"subscribe\",\"channel\":\"prod-connection:c-1\"}");
  }

  @Test
  void builderRefusesWhatApiGatewayWouldRefuse() {
    WebSocketApi.Builder b = WebSocketApi.builder(rig.connections);
    assertThatThrownBy(() -> b.route("$custom")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.routeSelectionExpression("$request.header.x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$request.body");
    assertThatThrownBy(() -> b.keepAlive(Duration.ofMillis(500))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebSocketApi.builder(rig.connections).route("x").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("route x has no handler");
    assertThatThrownBy(() -> WebSocketApi.builder(rig.connections).build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void publishesNothingForRoutesThatDoNotAskTo() {
    rig.api().build().handle(request("c-1", Map.of(), WebSocketEvent.open()), null);
    assertThat(rig.published).isEmpty();
  }

  static WebSocketMessageFormat message(Item item) {
    return item.format(WebSocketMessageFormat.class);
  }
}
