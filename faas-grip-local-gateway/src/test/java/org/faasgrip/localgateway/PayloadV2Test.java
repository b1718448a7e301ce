package org.faasgrip.localgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faasgrip.localgateway.TestHandlers.BINARY;
import static org.faasgrip.localgateway.TestHandlers.obj;
import static org.faasgrip.localgateway.TestHandlers.str;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Payload 2.0 (HTTP API, Function URL) through a real socket and the real AWS event classes. */
class PayloadV2Test {
  private LocalGateway gw;

  @AfterEach
  void stop() {
    if (gw != null) {
      gw.close();
    }
  }

  private TestHandlers.V2 startTyped() {
    TestHandlers.V2 handler = new TestHandlers.V2();
    gw = LocalGateway.builder().handler(handler).payload(PayloadVersion.V2).build().start();
    return handler;
  }

  @Test
  void headersAreLowerCaseJoinedByCommaAndCookiesApart() throws Exception {
    TestHandlers.V2 handler = startTyped();
    Http.send(Http.request(gw, "/a%20b/c?x=1&x=2&y=%C3%A9")
        .header("X-Custom-Header", "Kept")
        .header("X-Multi", "first")
        .header("X-Multi", "second")
        .header("Cookie", "session=abc; theme=dark")
        .header("User-Agent", "gateway-test/1")
        .GET().build());

    APIGatewayV2HTTPEvent e = handler.last;
    assertThat(e.getVersion()).isEqualTo("2.0");
    assertThat(e.getRouteKey()).isEqualTo("$default");
    assertThat(e.getRawPath()).isEqualTo("/a%20b/c");
    assertThat(e.getRawQueryString()).isEqualTo("x=1&x=2&y=%C3%A9");
    assertThat(e.getHeaders()).containsEntry("x-custom-header", "Kept").containsEntry("x-multi", "first,second")
        .doesNotContainKeys("X-Custom-Header", "cookie");
    assertThat(e.getCookies()).containsExactly("session=abc", "theme=dark");
    assertThat(e.getQueryStringParameters()).containsEntry("x", "1,2").containsEntry("y", "é");
    APIGatewayV2HTTPEvent.RequestContext.Http http = e.getRequestContext().getHttp();
    assertThat(http.getMethod()).isEqualTo("GET");
    assertThat(http.getPath()).isEqualTo("/a%20b/c");
    assertThat(http.getProtocol()).isEqualTo("HTTP/1.1");
    assertThat(http.getSourceIp()).isEqualTo("127.0.0.1");
    assertThat(http.getUserAgent()).isEqualTo("gateway-test/1");
    assertThat(e.getRequestContext().getStage()).isEqualTo("$default");
    assertThat(e.getRequestContext().getTimeEpoch()).isPositive();
    assertThat(e.getBody()).isNull();
    assertThat(e.getIsBase64Encoded()).isFalse();
  }

  @Test
  void everyBodyButTextJsonXmlAndJavaScriptIsBase64() throws Exception {
    TestHandlers.V2 handler = startTyped();
    for (String type : List.of("application/websocket-events", "application/octet-stream",
        "application/x-www-form-urlencoded")) {
      Http.send(Http.request(gw, "/in").header("Content-Type", type)
          .POST(BodyPublishers.ofByteArray(BINARY)).build());
      assertThat(handler.last.getIsBase64Encoded()).as(type).isTrue();
      assertThat(Base64.getDecoder().decode(handler.last.getBody())).as(type).isEqualTo(BINARY);
    }
    for (String type : List.of("text/plain; charset=utf-8", "application/json", "application/xml",
        "application/javascript", "TEXT/HTML")) {
      Http.send(Http.request(gw, "/in").header("Content-Type", type)
          .POST(BodyPublishers.ofString("plain ü")).build());
      assertThat(handler.last.getIsBase64Encoded()).as(type).isFalse();
      assertThat(handler.last.getBody()).as(type).isEqualTo("plain ü");
    }
  }

  @Test
  void structuredResponseCookiesBecomeSetCookieAndBase64IsDecodedWhateverTheAccept() throws Exception {
    startTyped();
    HttpResponse<byte[]> r = Http.send(Http.request(gw, "/hi").DELETE().build());
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(str(r.body())).isEqualTo("v2 DELETE");
    assertThat(r.headers().allValues("set-cookie")).containsExactly("s=1; HttpOnly", "t=2");
    assertThat(r.headers().firstValue("x-v2")).contains("yes");

    HttpResponse<byte[]> b = Http.send(Http.request(gw, "/binary").header("Accept", "text/plain").GET().build());
    assertThat(b.body()).isEqualTo(BINARY);
  }

  @Test
  void aResultWithoutStatusCodeIsThe200JsonBody() throws Exception {
    gw = LocalGateway.builder().handler(new TestHandlers.Maps()).payload(PayloadVersion.V2).build().start();

    HttpResponse<byte[]> r = Http.send(Http.request(gw, "/inferred").GET().build());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).contains("application/json");
    assertThat(obj(Json.parse(r.body()))).containsEntry("sawPath", "/inferred").containsEntry("sawVersion", "2.0");
  }

  @Test
  void rawEventOmitsAbsentFieldsAsHttpApiDoes() throws Exception {
    gw = LocalGateway.builder().handler(new TestHandlers.EchoStream()).payload(PayloadVersion.V2).build().start();

    Map<String, Object> event = TestHandlers.event(Http.send(Http.request(gw, "/plain").GET().build()).body());

    assertThat(event).doesNotContainKeys("body", "cookies", "queryStringParameters", "multiValueHeaders")
        .containsEntry("rawQueryString", "").containsEntry("isBase64Encoded", false);
    assertThat(obj(obj(event.get("requestContext")).get("http"))).containsEntry("method", "GET");
  }

  @Test
  void handlerExceptionIsTheHttpApiError() throws Exception {
    startTyped();
    HttpResponse<byte[]> r = Http.send(Http.request(gw, "/boom").GET().build());

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(str(r.body())).isEqualTo("{\"message\":\"Internal Server Error\"}").doesNotContain("secret");
  }
}
