package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faasgrip.grip.GripRequest;
import org.junit.jupiter.api.Test;

/** The real AWS event classes, filled in as each platform sends them, read into the core's request. */
class TypedEventsTest {
  static final String OPEN_TEXT = "OPEN\r\nTEXT 5\r\nhello\r\n";

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static APIGatewayProxyRequestEvent restEvent() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/websocket-events");
    headers.put("Connection-Id", "c1");
    headers.put("meta-Nick", "bob");
    headers.put("X-Forwarded-For", "198.51.100.7");
    headers.put("Sec-WebSocket-Extensions", "grip");
    Map<String, List<String>> multi = new LinkedHashMap<>();
    multi.put("Content-Type", List.of("application/websocket-events"));
    multi.put("Connection-Id", List.of("c1"));
    multi.put("meta-Nick", List.of("bob"));
    multi.put("X-Forwarded-For", List.of("192.0.2.1", "198.51.100.7"));
    multi.put("Sec-WebSocket-Extensions", List.of("grip"));
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod("POST")
        .withPath("/chat")
        .withHeaders(headers)
        .withMultiValueHeaders(multi)
        .withBody(b64(OPEN_TEXT))
        .withIsBase64Encoded(true);
  }

  static APIGatewayV2HTTPEvent v2Event(String body, boolean base64) {
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRawPath("/chat")
        .withHeaders(Map.of(
            "content-type", "application/websocket-events",
            "connection-id", "c2",
            "meta-nick", "alice",
            "x-repeated", "one,two"))
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath("/chat").build())
            .build())
        .withBody(body)
        .withIsBase64Encoded(base64)
        .build();
  }

  static ApplicationLoadBalancerRequestEvent albEvent(boolean multi) {
    ApplicationLoadBalancerRequestEvent e = new ApplicationLoadBalancerRequestEvent();
    e.setHttpMethod("POST");
    e.setPath("/chat");
    if (multi) {
      e.setMultiValueHeaders(Map.of("content-type", List.of("application/websocket-events"),
          "connection-id", List.of("c3"), "x-custom", List.of("a", "b")));
    } else {
      e.setHeaders(Map.of("content-type", "application/websocket-events", "connection-id", "c3"));
    }
    e.setBody(OPEN_TEXT);
    e.setIsBase64Encoded(false);
    return e;
  }

  @Test
  void restReadsMultiValueHeadersCaseInsensitivelyAndDecodesBase64() {
    GripRequest r = RestEvents.toRequest(restEvent());

    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/chat");
    assertThat(r.header("CONNECTION-ID")).isEqualTo("c1");
    assertThat(r.header("Meta-Nick")).isEqualTo("bob");
    assertThat(r.headers().values("x-forwarded-for")).containsExactly("192.0.2.1", "198.51.100.7");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(OPEN_TEXT);
  }

  @Test
  void restWithOnlyMultiValueHeaders() {
    APIGatewayProxyRequestEvent e = restEvent().withHeaders(null);

    assertThat(RestEvents.toRequest(e).header("connection-id")).isEqualTo("c1");
  }

  @Test
  void restHeadersMissingFromMultiValueHeadersAreKeptOnce() {
    APIGatewayProxyRequestEvent e = restEvent().withMultiValueHeaders(Map.of("connection-id", List.of("c1")));
    GripRequest r = RestEvents.toRequest(e);

    assertThat(r.headers().values("Connection-Id")).containsExactly("c1");
    assertThat(r.header("Meta-Nick")).isEqualTo("bob");
    assertThat(RestEvents.toRequest(restEvent().withMultiValueHeaders(Map.of())).header("Connection-Id"))
        .isEqualTo("c1");
  }

  @Test
  void duplicateMembersReplaceANullMultiValueHeaderLeavesTheHeadersValueAsTheRawReaderDoes() {
    // {"A":["1"],"A":null} reads into the event's map as A -> null: no value, so headers' value counts.
    Map<String, List<String>> multi = new LinkedHashMap<>();
    multi.put("Connection-Id", null);
    GripRequest r = RestEvents.toRequest(restEvent().withMultiValueHeaders(multi));

    assertThat(r.headers().values("Connection-Id")).containsExactly("c1");
  }

  @Test
  void restWithOnlyHeadersPlainBody() {
    APIGatewayProxyRequestEvent e = restEvent().withMultiValueHeaders(null).withBody(OPEN_TEXT).withIsBase64Encoded(false);
    GripRequest r = RestEvents.toRequest(e);

    assertThat(r.headers().values("X-Forwarded-For")).containsExactly("198.51.100.7");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(OPEN_TEXT);
  }

  @Test
  void restWithoutBodyOrHeadersOrBase64Flag() {
    APIGatewayProxyRequestEvent e = new APIGatewayProxyRequestEvent().withHttpMethod("GET");
    GripRequest r = RestEvents.toRequest(e);

    assertThat(r.body()).isEmpty();
    assertThat(r.path()).isEqualTo("/");
    assertThat(r.headers().names()).isEmpty();
  }

  @Test
  void restWithoutMethodOrEventIsATypedError() {
    assertThatThrownBy(() -> RestEvents.toRequest(new APIGatewayProxyRequestEvent()))
        .isInstanceOf(LambdaEventException.class).hasMessage("API Gateway event without 'httpMethod'");
    assertThatThrownBy(() -> RestEvents.toRequest(null))
        .isInstanceOf(LambdaEventException.class).hasMessage("the API Gateway event is null");
  }

  @Test
  void v2ReadsLowercaseJoinedHeadersAndBase64Body() {
    GripRequest r = HttpApiEvents.toRequest(v2Event(b64(OPEN_TEXT), true));

    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.header("Connection-Id")).isEqualTo("c2");
    assertThat(r.header("Meta-Nick")).isEqualTo("alice");
    assertThat(r.headers().values("X-Repeated")).containsExactly("one,two");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(OPEN_TEXT);
  }

  @Test
  void v2PlainAndMissingBody() {
    assertThat(HttpApiEvents.toRequest(v2Event("TEXT 1\r\nx\r\n", false)).body())
        .isEqualTo("TEXT 1\r\nx\r\n".getBytes(StandardCharsets.UTF_8));
    assertThat(HttpApiEvents.toRequest(v2Event(null, false)).body()).isEmpty();
  }

  @Test
  void v2WithoutRequestContextIsATypedError() {
    APIGatewayV2HTTPEvent e = v2Event(null, false);
    e.setRequestContext(null);
    assertThatThrownBy(() -> HttpApiEvents.toRequest(e))
        .isInstanceOf(LambdaEventException.class)
        .hasMessage("payload 2.0 event without 'requestContext.http.method'");
  }

  @Test
  void albReadsEitherHeaderForm() {
    GripRequest multi = AlbEvents.toRequest(albEvent(true));
    GripRequest single = AlbEvents.toRequest(albEvent(false));

    assertThat(multi.headers().values("X-Custom")).containsExactly("a", "b");
    assertThat(multi.header("Connection-Id")).isEqualTo("c3");
    assertThat(single.header("Connection-Id")).isEqualTo("c3");
    assertThat(new String(single.body(), StandardCharsets.UTF_8)).isEqualTo(OPEN_TEXT);
    assertThat(AlbEvents.usesMultiValueHeaders(albEvent(true))).isTrue();
    assertThat(AlbEvents.usesMultiValueHeaders(albEvent(false))).isFalse();
  }
}
