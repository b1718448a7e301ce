package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.faasgrip.grip.GripResponse;
import org.junit.jupiter.api.Test;

/** One GripResponse written as each platform's response type, and as the stream handler's JSON. */
class LambdaResponsesTest {
  static final byte[] EVENTS = "OPEN\r\nTEXT 7\r\nm:hello\r\n".getBytes(StandardCharsets.US_ASCII);

  static GripResponse webSocketResponse() {
    return GripResponse.builder()
        .addHeader("Content-Type", "application/websocket-events")
        .addHeader("Sec-WebSocket-Extensions", "grip")
        .addHeader("Set-Meta-Nick", "bob")
        .addHeader("Set-Cookie", "a=1")
        .addHeader("set-cookie", "b=2")
        .body(EVENTS)
        .build();
  }

  static GripResponse holdResponse() {
    return GripResponse.builder()
        .addHeader("Content-Type", "text/plain")
        .addHeader("Grip-Hold", "stream")
        .addHeader("Grip-Channel", "a")
        .addHeader("Grip-Channel", "b")
        .body("stream opened\n")
        .build();
  }

  @Test
  void restGetsBase64BodyAndEveryHeaderValue() {
    APIGatewayProxyResponseEvent r = LambdaResponses.toApiGateway(webSocketResponse());

    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(r.getBody())).isEqualTo(EVENTS);
    // Set-Cookie repeats, so every header goes in the multi-value map, and the single-value map is left out.
    assertThat(r.getHeaders()).isNull();
    assertThat(r.getMultiValueHeaders())
        .containsEntry("Content-Type", List.of("application/websocket-events"))
        .containsEntry("Sec-WebSocket-Extensions", List.of("grip"))
        .containsEntry("Set-Meta-Nick", List.of("bob"))
        // Names that differ only in case are one header, spelled as first seen.
        .containsEntry("Set-Cookie", List.of("a=1", "b=2"))
        .doesNotContainKey("set-cookie");
  }

  @Test
  void v2JoinsRepeatedValuesAndMovesSetCookie() {
    APIGatewayV2HTTPResponse r = LambdaResponses.toV2(webSocketResponse());

    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(r.getBody())).isEqualTo(EVENTS);
    assertThat(r.getHeaders()).containsEntry("Content-Type", "application/websocket-events")
        .containsEntry("Set-Meta-Nick", "bob")
        .doesNotContainKey("Set-Cookie");
    assertThat(r.getCookies()).containsExactly("a=1", "b=2");

    assertThat(LambdaResponses.toV2(holdResponse()).getHeaders()).containsEntry("Grip-Channel", "a,b");
  }

  @Test
  void albFollowsTheHeaderFormOfItsRequest() {
    ApplicationLoadBalancerResponseEvent single = LambdaResponses.toAlb(holdResponse(), TypedEventsTest.albEvent(false));
    ApplicationLoadBalancerResponseEvent multi = LambdaResponses.toAlb(holdResponse(), TypedEventsTest.albEvent(true));

    assertThat(single.getStatusDescription()).isEqualTo("200 OK");
    assertThat(single.getHeaders()).containsEntry("Grip-Channel", "a,b").containsEntry("Grip-Hold", "stream");
    assertThat(single.getMultiValueHeaders()).isNull();
    assertThat(multi.getHeaders()).isNull();
    assertThat(multi.getMultiValueHeaders()).containsEntry("Grip-Channel", List.of("a", "b"));
    assertThat(LambdaResponses.toAlb(holdResponse()).getHeaders()).containsEntry("Grip-Channel", "a,b");
  }

  @Test
  void textBodiesStayPlainBinaryOnesAreBase64() {
    APIGatewayProxyResponseEvent text = LambdaResponses.toApiGateway(holdResponse());
    assertThat(text.getIsBase64Encoded()).isFalse();
    assertThat(text.getBody()).isEqualTo("stream opened\n");

    GripResponse notUtf8 = GripResponse.builder().addHeader("Content-Type", "text/plain")
        .body(new byte[] {(byte) 0xff, 0x41}).build();
    APIGatewayV2HTTPResponse bin = LambdaResponses.toV2(notUtf8);
    assertThat(bin.getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(bin.getBody())).containsExactly(0xff, 0x41);

    GripResponse json = GripResponse.builder().addHeader("content-type", "application/json; charset=utf-8")
        .body("{\"a\":1}").build();
    assertThat(LambdaResponses.toAlb(json).getIsBase64Encoded()).isFalse();

    GripResponse untyped = GripResponse.builder().body("x").build();
    assertThat(LambdaResponses.toAlb(untyped).getIsBase64Encoded()).isTrue();
  }

  @Test
  void emptyWebSocketBodyIsStillMarkedBinary() {
    GripResponse empty = GripResponse.builder().addHeader("Content-Type", "application/websocket-events").build();
    APIGatewayProxyResponseEvent r = LambdaResponses.toApiGateway(empty);
    assertThat(r.getBody()).isEmpty();
    assertThat(r.getIsBase64Encoded()).isTrue();
  }

  @Test
  void restJsonHasTheSameShapeAsTheTypedResponse() {
    Map<String, Object> json = TestJson.parse(LambdaResponses.toJson(webSocketResponse(), EventFormat.API_GATEWAY_REST).toString());
    APIGatewayProxyResponseEvent typed = LambdaResponses.toApiGateway(webSocketResponse());

    assertThat(json).containsOnlyKeys("statusCode", "multiValueHeaders", "body", "isBase64Encoded");
    assertThat(json).contains(entry("statusCode", 200), entry("body", typed.getBody()), entry("isBase64Encoded", true));
    assertThat(json.get("headers")).isEqualTo(typed.getHeaders());
    assertThat(json.get("multiValueHeaders")).isEqualTo(typed.getMultiValueHeaders());
  }

  @Test
  void v2JsonHasTheSameShapeAsTheTypedResponse() {
    Map<String, Object> json = TestJson.parse(LambdaResponses.toJson(webSocketResponse(), EventFormat.HTTP_API).toString());
    APIGatewayV2HTTPResponse typed = LambdaResponses.toV2(webSocketResponse());

    assertThat(json).containsOnlyKeys("statusCode", "headers", "cookies", "body", "isBase64Encoded");
    assertThat(json.get("headers")).isEqualTo(typed.getHeaders());
    assertThat(json.get("cookies")).isEqualTo(typed.getCookies());
    assertThat(json.get("body")).isEqualTo(typed.getBody());
    assertThat(json.get("isBase64Encoded")).isEqualTo(true);
  }

  @Test
  void albJsonFollowsTheEventsHeaderForm() {
    LambdaEvent multiEvent = LambdaEvent.parse(TestJson.resource("alb-multi.json").getBytes(StandardCharsets.UTF_8));
    LambdaEvent singleEvent = LambdaEvent.parse(TestJson.resource("alb-single.json").getBytes(StandardCharsets.UTF_8));

    Map<String, Object> multi = TestJson.parse(LambdaResponses.toJson(holdResponse(), multiEvent).toString());
    Map<String, Object> single = TestJson.parse(singleEvent.respond(holdResponse()).toString());

    assertThat(multi).containsOnlyKeys("statusCode", "statusDescription", "multiValueHeaders", "body", "isBase64Encoded");
    assertThat(multi.get("multiValueHeaders")).isEqualTo(Map.of(
        "Content-Type", List.of("text/plain"), "Grip-Hold", List.of("stream"), "Grip-Channel", List.of("a", "b")));
    assertThat(single).containsOnlyKeys("statusCode", "statusDescription", "headers", "body", "isBase64Encoded");
    assertThat(single).contains(entry("statusDescription", "200 OK"), entry("body", "stream opened\n"),
        entry("isBase64Encoded", false));
  }

  @Test
  void jsonResponseCarriesItsStatusAndIsACopy() {
    LambdaJsonResponse r = LambdaResponses.toJson(
        GripResponse.builder().status(403).addHeader("Content-Type", "text/plain").body("no\n").build(),
        EventFormat.ALB);
    assertThat(r.status()).isEqualTo(403);
    byte[] bytes = r.toByteArray();
    bytes[0] = 'x';
    assertThat(TestJson.parse(r.toString())).contains(entry("statusDescription", "403 Forbidden"), entry("body", "no\n"));
  }
}
