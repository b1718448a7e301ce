package org.faasgrip.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.faasgrip.GripException;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request and response conversion in a real Jetty, reached by a real HTTP client: bytes, headers and limits
 * exactly as they cross the wire.
 */
class ExchangeTest {
  private static final int LIMIT = 16;
  private static final AtomicReference<GripRequest> seen = new AtomicReference<>();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static Jetty jetty;

  /** Echoes the request body with the headers a test asks for in {@code X-Reply-Header} ("name: value"). */
  static final class Echo extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
      GripRequest request;
      try {
        request = Exchange.read(req, LIMIT);
      } catch (GripException e) {
        Exchange.write(GripResponse.builder().status(413).addHeader("Content-Type", "text/plain")
            .body(e.getMessage()).build(), res);
        return;
      }
      seen.set(request);
      GripResponse.Builder b = GripResponse.builder().addHeader("Content-Type", "application/websocket-events");
      for (String h : request.headers().values("X-Reply-Header")) {
        int colon = h.indexOf(':');
        b.addHeader(h.substring(0, colon), h.substring(colon + 2));
      }
      Exchange.write(b.body(request.body()).build(), res);
    }
  }

  @BeforeAll
  static void start() {
    jetty = Jetty.start(new Echo());
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.close();
  }

  @Test
  void everyByteValueCrossesBothWaysUnchanged() throws Exception {
    byte[] body = new byte[256 + 4];
    for (int i = 0; i < 256; i++) {
      body[i] = (byte) i;
    }
    System.arraycopy(new byte[] {'\r', '\n', (byte) 0xC3, 0x28}, 0, body, 256, 4);
    // Over the test's limit on purpose: a servlet with a larger one.
    GripRequest request;
    try (Jetty big = Jetty.start(new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        GripRequest r = Exchange.read(req, 1024);
        seen.set(r);
        Exchange.write(GripResponse.builder().addHeader("Content-Type", "application/websocket-events")
            .body(r.body()).build(), res);
      }
    })) {
      HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(big.uri("/chat"))
          .header("Content-Type", "application/websocket-events")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
      request = seen.get();
      assertThat(response.body()).isEqualTo(body);
      assertThat(response.headers().allValues("Content-Type")).containsExactly("application/websocket-events");
    }
    assertThat(request.body()).isEqualTo(body);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/chat");
    assertThat(request.query()).isEmpty();
  }

  @Test
  void theQueryStringArrivesPercentEncodedAsTheClientSentIt() throws Exception {
    http.send(HttpRequest.newBuilder(jetty.uri("/chat?room=a%20b&user=al%26ice&flag")).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(seen.get().path()).isEqualTo("/chat");
    assertThat(seen.get().query()).isEqualTo("room=a%20b&user=al%26ice&flag");
  }

  @Test
  void repeatedHeadersKeepEveryValueInOrderBothWays() throws Exception {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(jetty.uri("/x?y=1"))
        .header("Meta-User", "alice")
        .header("X-Twice", "first").header("X-Twice", "second")
        .header("X-Reply-Header", "Grip-Channel: a").header("X-Reply-Header", "Grip-Channel: b")
        .header("X-Reply-Header", "Set-Meta-Nick: bob")
        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());

    GripRequest request = seen.get();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).as("no query string").isEqualTo("/x");
    assertThat(request.query()).isEqualTo("y=1");
    assertThat(request.header("meta-user")).isEqualTo("alice");
    assertThat(request.headers().values("x-twice")).containsExactly("first", "second");
    assertThat(request.body()).isEmpty();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().allValues("Grip-Channel")).containsExactly("a", "b");
    assertThat(response.headers().firstValue("Set-Meta-Nick")).hasValue("bob");
    assertThat(response.headers().firstValue("Content-Length")).hasValue("0");
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedAndOneAtTheLimitIsRead() throws Exception {
    HttpResponse<String> over = post(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT + 1]));
    assertThat(over.statusCode()).isEqualTo(413);
    assertThat(over.body()).isEqualTo("the request body of 17 bytes is larger than the limit of 16 bytes");

    HttpResponse<String> at = post(HttpRequest.BodyPublishers.ofString("0123456789abcdef"));
    assertThat(at.statusCode()).isEqualTo(200);
    assertThat(at.body()).isEqualTo("0123456789abcdef");
  }

  @Test
  void aChunkedBodyOverTheLimitIsRefusedAndOneAtTheLimitIsRead() throws Exception {
    HttpResponse<String> over = post(chunked("0123456789abcdefg"));
    assertThat(over.statusCode()).isEqualTo(413);
    assertThat(over.body()).isEqualTo("the request body is larger than the limit of 16 bytes");

    HttpResponse<String> at = post(chunked("0123456789abcdef"));
    assertThat(at.statusCode()).isEqualTo(200);
    assertThat(at.body()).isEqualTo("0123456789abcdef");
    assertThat(seen.get().header("Transfer-Encoding")).isEqualTo("chunked");
  }

  private static HttpRequest.BodyPublisher chunked(String text) {
    // An input stream of unknown length: the client sends it chunked, without Content-Length.
    return HttpRequest.BodyPublishers.ofInputStream(
        () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
  }

  private static HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
    return http.send(HttpRequest.newBuilder(jetty.uri("/body")).POST(body).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
