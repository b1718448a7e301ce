package org.faasgrip.localgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faasgrip.localgateway.TestHandlers.BINARY;
import static org.faasgrip.localgateway.TestHandlers.str;

import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ALB events in both target-group header modes, through a real socket and the real AWS event classes. */
class AlbPayloadTest {
  private final TestHandlers.Alb handler = new TestHandlers.Alb();
  private LocalGateway gw;

  @AfterEach
  void stop() {
    gw.close();
  }

  private void start(boolean multiValue) {
    gw = LocalGateway.builder().handler(handler).payload(PayloadVersion.ALB).multiValueHeaders(multiValue)
        .targetGroupArn("arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/tg/1").build().start();
  }

  @Test
  void singleValueModeHasLowerCaseLastValuesAndUndecodedQuery() throws Exception {
    start(false);
    HttpResponse<byte[]> r = Http.send(Http.request(gw, "/p?q=a%20b&q=c+d")
        .header("X-Multi", "first").header("X-Multi", "second").GET().build());

    ApplicationLoadBalancerRequestEvent e = handler.last;
    assertThat(e.getRequestContext().getElb().getTargetGroupArn())
        .isEqualTo("arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/tg/1");
    assertThat(e.getHttpMethod()).isEqualTo("GET");
    assertThat(e.getPath()).isEqualTo("/p");
    assertThat(e.getHeaders()).containsEntry("x-multi", "second").doesNotContainKey("X-Multi");
    assertThat(e.getMultiValueHeaders()).isNull();
    assertThat(e.getQueryStringParameters()).containsEntry("q", "c+d");
    assertThat(e.getMultiValueQueryStringParameters()).isNull();
    assertThat(e.getBody()).isEmpty();
    assertThat(e.getIsBase64Encoded()).isFalse();
    // The single-value response map is used; statusDescription is the reason phrase.
    assertThat(r.statusCode()).isEqualTo(418);
    assertThat(r.headers().allValues("X-Mode")).containsExactly("single");
    assertThat(str(r.body())).isEqualTo("short and stout");
  }

  @Test
  void multiValueModeHasListsAndUsesMultiValueResponseHeaders() throws Exception {
    start(true);
    HttpResponse<byte[]> r = Http.send(Http.request(gw, "/p?q=a%20b&q=c")
        .header("X-Multi", "first").header("X-Multi", "second").GET().build());

    ApplicationLoadBalancerRequestEvent e = handler.last;
    assertThat(e.getHeaders()).isNull();
    assertThat(e.getMultiValueHeaders()).containsEntry("x-multi", List.of("first", "second"));
    assertThat(e.getMultiValueQueryStringParameters()).containsEntry("q", List.of("a%20b", "c"));
    assertThat(r.headers().allValues("X-Mode")).containsExactly("multi-1", "multi-2");
  }

  @Test
  void bodyIsBase64ForNonTextTypesAndResponseBase64IsDecoded() throws Exception {
    start(false);
    Http.send(Http.request(gw, "/in").header("Content-Type", "application/websocket-events")
        .POST(BodyPublishers.ofByteArray(BINARY)).build());
    assertThat(handler.last.getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(handler.last.getBody())).isEqualTo(BINARY);

    Http.send(Http.request(gw, "/in").header("Content-Type", "text/plain").POST(BodyPublishers.ofString("t")).build());
    assertThat(handler.last.getIsBase64Encoded()).isFalse();
    assertThat(handler.last.getBody()).isEqualTo("t");

    HttpResponse<byte[]> r = Http.send(Http.request(gw, "/binary").GET().build());
    assertThat(r.body()).isEqualTo(BINARY);
  }

  @Test
  void statusDescriptionIsTheReasonPhraseOnTheWire() throws Exception {
    start(false);
    // java.net.http hides the reason phrase, so read the status line off a plain socket.
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.port())) {
      OutputStream out = s.getOutputStream();
      out.write("GET /tea HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(response).startsWith("HTTP/1.1 418 I'm a teapot\r\n").endsWith("\r\n\r\nshort and stout");
    }
  }

  @Test
  void handlerExceptionIs502BadGateway() throws Exception {
    start(false);
    HttpResponse<byte[]> r = Http.send(Http.request(gw, "/boom").GET().build());

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(str(r.body())).contains("502 Bad Gateway").doesNotContain("secret");
  }
}
