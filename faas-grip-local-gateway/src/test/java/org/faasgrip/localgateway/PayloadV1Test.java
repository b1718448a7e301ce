package org.faasgrip.localgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faasgrip.localgateway.TestHandlers.BINARY;
import static org.faasgrip.localgateway.TestHandlers.str;
import static org.faasgrip.localgateway.TestHandlers.utf8;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Payload 1.0 (REST API) through a real socket, a real java.net.http client and the real AWS event classes. */
class PayloadV1Test {
  private final TestHandlers.V1 handler = new TestHandlers.V1();
  private LocalGateway gw;

  @BeforeEach
  void start() {
    gw = LocalGateway.builder().handler(handler).payload(PayloadVersion.V1).port(0).stage("test")
        .functionName("chat").timeout(Duration.ofSeconds(7)).memoryLimitMb(256).build().start();
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  @Test
  void headersKeepTheirCaseAndRepeatsGoToMultiValueHeaders() throws Exception {
    HttpResponse<byte[]> r = Http.send(Http.request(gw, "/rooms/lobby?x=1&x=2&name=J%C3%B6rg+M")
        .header("X-Custom-Header", "Kept")
        .header("X-Multi", "first")
        .header("X-Multi", "second")
        .GET().build());

    assertThat(r.statusCode()).isEqualTo(201);
    APIGatewayProxyRequestEvent e = handler.last;
    assertThat(e.getHttpMethod()).isEqualTo("GET");
    assertThat(e.getPath()).isEqualTo("/rooms/lobby");
    assertThat(e.getResource()).isEqualTo("/{proxy+}");
    assertThat(e.getPathParameters()).containsEntry("proxy", "rooms/lobby");
    assertThat(e.getHeaders()).containsEntry("X-Custom-Header", "Kept").containsEntry("X-Multi", "second")
        .doesNotContainKey("x-custom-header");
    assertThat(e.getMultiValueHeaders()).containsEntry("X-Multi", List.of("first", "second"))
        .containsEntry("X-Custom-Header", List.of("Kept"));
    assertThat(e.getHeaders()).containsEntry("X-Forwarded-For", "127.0.0.1")
        .containsEntry("X-Forwarded-Proto", "http");
    assertThat(e.getQueryStringParameters()).containsEntry("x", "2").containsEntry("name", "Jörg M");
    assertThat(e.getMultiValueQueryStringParameters()).containsEntry("x", List.of("1", "2"));
    assertThat(e.getBody()).isNull();
    assertThat(e.getIsBase64Encoded()).isFalse();
    APIGatewayProxyRequestEvent.ProxyRequestContext rc = e.getRequestContext();
    assertThat(rc.getStage()).isEqualTo("test");
    assertThat(rc.getHttpMethod()).isEqualTo("GET");
    assertThat(rc.getPath()).isEqualTo("/test/rooms/lobby");
    assertThat(rc.getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
    assertThat(rc.getRequestTimeEpoch()).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
    assertThat(rc.getRequestId()).isNotBlank();
    // The Context is the invocation's: same request id as the event and the response header.
    assertThat(handler.context.getAwsRequestId()).isEqualTo(rc.getRequestId());
    assertThat(r.headers().firstValue("x-amzn-RequestId")).contains(rc.getRequestId());
    assertThat(handler.context.getFunctionName()).isEqualTo("chat");
    assertThat(handler.context.getMemoryLimitInMB()).isEqualTo(256);
    assertThat(handler.remainingAtStart).isBetween(1, 7000);
  }

  @Test
  void rootPathHasNoProxyParameterAndNoQueryGivesNullMaps() throws Exception {
    Http.send(Http.request(gw, "/").GET().build());

    APIGatewayProxyRequestEvent e = handler.last;
    assertThat(e.getPath()).isEqualTo("/");
    assertThat(e.getResource()).isEqualTo("/");
    assertThat(e.getPathParameters()).isNull();
    assertThat(e.getQueryStringParameters()).isNull();
    assertThat(e.getMultiValueQueryStringParameters()).isNull();
  }

  @Test
  void bodyOfABinaryMediaTypeArrivesBase64() throws Exception {
    byte[] events = TestHandlers.concat(utf8("TEXT 5\r\nhello\r\n"), BINARY);
    Http.send(Http.request(gw, "/ws").header("Content-Type", "application/websocket-events")
        .POST(BodyPublishers.ofByteArray(events)).build());

    APIGatewayProxyRequestEvent e = handler.last;
    assertThat(e.getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(e.getBody())).isEqualTo(events);
  }

  @Test
  void bodyOfATextTypeArrivesAsText() throws Exception {
    Http.send(Http.request(gw, "/text").header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString("{\"a\":\"ü\"}")).build());

    assertThat(handler.last.getIsBase64Encoded()).isFalse();
    assertThat(handler.last.getBody()).isEqualTo("{\"a\":\"ü\"}");
  }

  @Test
  void wildcardBinaryMediaTypesMatch() throws Exception {
    gw.close();
    gw = LocalGateway.builder().handler(handler).payload(PayloadVersion.V1).binaryMediaTypes("image/*").build()
        .start();

    Http.send(Http.request(gw, "/img").header("Content-Type", "image/png")
        .POST(BodyPublishers.ofByteArray(BINARY)).build());
    assertThat(handler.last.getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(handler.last.getBody())).isEqualTo(BINARY);

    // application/websocket-events is no longer in the list: it now arrives as text.
    Http.send(Http.request(gw, "/ws").header("Content-Type", "application/websocket-events")
        .POST(BodyPublishers.ofString("OPEN\r\n")).build());
    assertThat(handler.last.getIsBase64Encoded()).isFalse();
    assertThat(handler.last.getBody()).isEqualTo("OPEN\r\n");
  }

  @Test
  void responseHeadersMergeAndRepeat() throws Exception {
    HttpResponse<byte[]> r = Http.send(Http.request(gw, "/hi").POST(BodyPublishers.ofString("x")).build());

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(str(r.body())).isEqualTo("hello POST");
    assertThat(r.headers().allValues("Set-Cookie")).containsExactly("a=1; Path=/", "b=2; Path=/");
    assertThat(r.headers().firstValue("X-Single")).contains("one");
    assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
  }

  @Test
  void base64ResponseIsDecodedOnlyWhenAcceptIsABinaryMediaType() throws Exception {
    HttpResponse<byte[]> binary = Http.send(Http.request(gw, "/binary")
        .header("Accept", "application/websocket-events").GET().build());
    assertThat(binary.body()).isEqualTo(BINARY);

    HttpResponse<byte[]> text = Http.send(Http.request(gw, "/binary").header("Accept", "text/plain").GET().build());
    assertThat(str(text.body())).isEqualTo(Base64.getEncoder().encodeToString(BINARY));

    // Only the first Accept media type counts.
    HttpResponse<byte[]> second = Http.send(Http.request(gw, "/binary")
        .header("Accept", "text/html, application/octet-stream").GET().build());
    assertThat(str(second.body())).isEqualTo(Base64.getEncoder().encodeToString(BINARY));
  }

  @Test
  void handlerExceptionIs502WithoutTheStackTrace() throws Exception {
    HttpResponse<byte[]> r = Http.send(Http.request(gw, "/boom").GET().build());

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(str(r.body())).isEqualTo("{\"message\": \"Internal server error\"}");
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(str(r.body())).doesNotContain("secret", "Exception", "at org.");
  }

  @Test
  void malformedResponseIs502() throws Exception {
    HttpResponse<byte[]> r = Http.send(Http.request(gw, "/malformed").GET().build());

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(str(r.body())).isEqualTo("{\"message\": \"Internal server error\"}");
  }

  @Test
  void defaultContentTypeIsJson() throws Exception {
    gw.close();
    gw = LocalGateway.builder().handler(new TestHandlers.EchoStream()).build().start();
    HttpResponse<byte[]> r = Http.send(Http.request(gw, "/").GET().build());
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    Map<String, Object> event = TestHandlers.event(r.body());
    // The raw event has every REST field, nulls included, as API Gateway sends them.
    assertThat(event).containsEntry("body", null).containsEntry("isBase64Encoded", false)
        .containsEntry("stageVariables", null).containsKeys("multiValueHeaders", "requestContext");
  }
}
