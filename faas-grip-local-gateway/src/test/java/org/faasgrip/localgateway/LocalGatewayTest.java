package org.faasgrip.localgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.faasgrip.localgateway.TestHandlers.BINARY;
import static org.faasgrip.localgateway.TestHandlers.obj;
import static org.faasgrip.localgateway.TestHandlers.str;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The gateway as a server: handler loading, stream handlers, timeouts, concurrency, HTTP framing, the CLI. */
class LocalGatewayTest {

  @Test
  void streamHandlerGetsTheRawEventBytesOfAChunkedRequest() throws Exception {
    try (LocalGateway gw = LocalGateway.builder().handler(TestHandlers.EchoStream.class)
        .payload(PayloadVersion.V2).build().start()) {
      // An InputStream publisher has no length, so java.net.http sends the body chunked.
      HttpResponse<byte[]> r = Http.send(Http.request(gw, "/echo?k=v")
          .header("Content-Type", "application/websocket-events")
          .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(BINARY))).build());

      assertThat(r.statusCode()).isEqualTo(200);
      Map<String, Object> event = TestHandlers.event(r.body());
      assertThat(event).containsEntry("rawPath", "/echo").containsEntry("rawQueryString", "k=v")
          .containsEntry("isBase64Encoded", true);
      assertThat(Base64.getDecoder().decode((String) event.get("body"))).isEqualTo(BINARY);
      assertThat(obj(event.get("headers"))).doesNotContainKey("transfer-encoding");
      assertThat(r.headers().firstValue("X-Request-Id"))
          .contains((String) obj(event.get("requestContext")).get("requestId"));
    }
  }

  @Test
  void handlerByClassNameIsLoadedAndInstantiated() throws Exception {
    try (LocalGateway gw = LocalGateway.builder().handler("org.faasgrip.localgateway.TestHandlers$EchoStream")
        .payload(PayloadVersion.ALB).build().start()) {
      Map<String, Object> event = TestHandlers.event(Http.send(Http.request(gw, "/x").GET().build()).body());
      assertThat(event).containsEntry("httpMethod", "GET").containsEntry("body", "");
    }
  }

  @Test
  void badHandlersAreRefusedWithTheReason() {
    assertThatThrownBy(() -> LocalGateway.builder().handler("com.example.NoSuchHandler").build())
        .isInstanceOf(LocalGatewayException.class).hasMessageContaining("com.example.NoSuchHandler")
        .hasMessageContaining("class path");
    assertThatThrownBy(() -> LocalGateway.builder().handler(new Object()).build())
        .isInstanceOf(LocalGatewayException.class).hasMessageContaining("implements neither");
    assertThatThrownBy(() -> LocalGateway.builder().handler(NoDefaultConstructor.class).build())
        .isInstanceOf(LocalGatewayException.class).hasMessageContaining("no public zero-argument constructor");
    assertThatThrownBy(() -> LocalGateway.builder().build())
        .isInstanceOf(LocalGatewayException.class).hasMessageContaining("no handler");
  }

  /** Declares a constructor with an argument only, so Lambda could not instantiate it either. */
  public static final class NoDefaultConstructor implements RequestHandler<Map<String, Object>, String> {
    private final String greeting;

    public NoDefaultConstructor(String greeting) {
      this.greeting = greeting;
    }

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
      return greeting;
    }
  }

  @Test
  void genericTypesAreResolvedThroughSuperclasses() {
    assertThat(HandlerInvoker.requestHandlerTypes(Concrete.class))
        .containsExactly(APIGatewayV2HTTPEvent.class, String.class);
    assertThat(HandlerInvoker.requestHandlerTypes(TestHandlers.V1.class))
        .containsExactly(APIGatewayProxyRequestEvent.class, APIGatewayProxyResponseEvent.class);
    RequestHandler<Object, Object> lambda = (in, ctx) -> in;
    assertThat(HandlerInvoker.requestHandlerTypes(lambda.getClass())).isNull();
  }

  abstract static class Base<I> implements RequestHandler<I, String> {}

  static final class Concrete extends Base<APIGatewayV2HTTPEvent> {
    @Override
    public String handleRequest(APIGatewayV2HTTPEvent input, Context context) {
      return input.getRawPath();
    }
  }

  @Test
  void aLambdaExpressionHandlerGetsThePayloadsEventClass() throws Exception {
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> lambda =
        (in, ctx) -> new APIGatewayProxyResponseEvent().withStatusCode(200).withBody("path " + in.getPath());
    try (LocalGateway gw = LocalGateway.builder().handler(lambda).build().start()) {
      assertThat(str(Http.send(Http.request(gw, "/lam").GET().build()).body())).isEqualTo("path /lam");
    }
  }

  @Test
  void anInvocationOutlastingTheTimeoutIsAnErrorAndTheHandlerIsInterrupted() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> slow = (in, ctx) -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return new APIGatewayProxyResponseEvent().withStatusCode(200);
    };
    try (LocalGateway gw = LocalGateway.builder().handler(slow).timeout(Duration.ofMillis(300)).build().start()) {
      HttpResponse<byte[]> r = Http.send(Http.request(gw, "/slow").GET().build());
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(str(r.body())).isEqualTo("{\"message\": \"Internal server error\"}");
      assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void remainingTimeCountsDown() throws Exception {
    LocalContext ctx = new LocalContext("id-1", "fn", 5_000, 128);
    int first = ctx.getRemainingTimeInMillis();
    Thread.sleep(50);
    int second = ctx.getRemainingTimeInMillis();
    assertThat(first).isBetween(4_900, 5_000);
    assertThat(second).isLessThanOrEqualTo(first - 40);
    assertThat(ctx.getInvokedFunctionArn()).endsWith(":function:fn");
    assertThat(ctx.getLogGroupName()).isEqualTo("/aws/lambda/fn");
    assertThat(ctx.getLogStreamName()).contains("[$LATEST]");
    LocalContext expired = new LocalContext("id-2", "fn", 1, 128);
    Thread.sleep(5);
    assertThat(expired.getRemainingTimeInMillis()).isZero();
  }

  @Test
  void handlersRunConcurrently() throws Exception {
    // Each invocation waits for the other: both finish only if the gateway runs them at the same time.
    CountDownLatch both = new CountDownLatch(2);
    AtomicBoolean timedOut = new AtomicBoolean();
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> meet = (in, ctx) -> {
      both.countDown();
      try {
        if (!both.await(5, TimeUnit.SECONDS)) {
          timedOut.set(true);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody("met");
    };
    try (LocalGateway gw = LocalGateway.builder().handler(meet).build().start()) {
      List<CompletableFuture<HttpResponse<byte[]>>> calls = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        calls.add(Http.CLIENT.sendAsync(Http.request(gw, "/meet/" + i).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray()));
      }
      for (CompletableFuture<HttpResponse<byte[]>> c : calls) {
        assertThat(str(c.get(10, TimeUnit.SECONDS).body())).isEqualTo("met");
      }
      assertThat(timedOut).isFalse();
    }
  }

  @Test
  void keepAliveExpectContinueAndHeadOnOneConnection() throws Exception {
    try (LocalGateway gw = LocalGateway.builder().handler(new TestHandlers.EchoStream()).build().start();
        Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();

      out.write(ascii("POST /one HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n"
          + "Expect: 100-continue\r\n\r\n"));
      out.flush();
      assertThat(readHead(in)).startsWith("HTTP/1.1 100 Continue");
      out.write(ascii("abc"));
      out.flush();
      String head = readHead(in);
      assertThat(head).startsWith("HTTP/1.1 200 OK").doesNotContain("Connection: close");
      byte[] body = in.readNBytes(contentLength(head));
      assertThat(TestHandlers.event(body)).containsEntry("body", "abc").containsEntry("path", "/one");

      out.write(ascii("HEAD /two HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"));
      out.flush();
      String head2 = readHead(in);
      assertThat(head2).startsWith("HTTP/1.1 200 OK").contains("Connection: close");
      assertThat(contentLength(head2)).isPositive();
      assertThat(in.read()).isEqualTo(-1); // HEAD: no body, then the server closes
    }
  }

  @Test
  void malformedRequestsGet400AndTheConnectionCloses() throws Exception {
    try (LocalGateway gw = LocalGateway.builder().handler(new TestHandlers.EchoStream()).build().start();
        Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(ascii("GET /x HTTP/1.1\r\nBad header line\r\n\r\n"));
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(response).startsWith("HTTP/1.1 400 ").contains("malformed header line");
    }
  }

  @Test
  void closeStopsListeningAndStartTwiceIsRefused() throws Exception {
    LocalGateway gw = LocalGateway.builder().handler(new TestHandlers.EchoStream()).build().start();
    int port = gw.port();
    assertThat(gw.uri().toString()).isEqualTo("http://127.0.0.1:" + port + "/");
    assertThatThrownBy(gw::start).isInstanceOf(LocalGatewayException.class).hasMessageContaining("already");
    gw.close();
    gw.close();
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .isInstanceOf(ConnectException.class);
    assertThatThrownBy(gw::port).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void commandLineOptionsBuildTheSameGateway() throws Exception {
    LocalGateway.Builder b = LocalGateway.fromArgs(new String[] {"--handler",
        "org.faasgrip.localgateway.TestHandlers$EchoStream", "--payload", "alb", "--port=0",
        "--multi-value-headers", "--timeout", "3", "--memory", "1024", "--function-name", "cli", "--quiet"});
    try (LocalGateway gw = b.build().start()) {
      assertThat(gw.payload()).isEqualTo(PayloadVersion.ALB);
      Map<String, Object> event = TestHandlers.event(Http.send(Http.request(gw, "/c?a=1").GET().build()).body());
      assertThat(event).containsKey("multiValueHeaders").doesNotContainKey("headers");
    }
    assertThatThrownBy(() -> LocalGateway.fromArgs(new String[] {"--payload", "3.0"}))
        .isInstanceOf(LocalGatewayException.class).hasMessageContaining("1.0, 2.0 or alb");
    assertThatThrownBy(() -> LocalGateway.fromArgs(new String[] {"--payload", "2.0"}))
        .isInstanceOf(LocalGatewayException.class).hasMessageContaining("--handler");
    assertThatThrownBy(() -> LocalGateway.fromArgs(new String[] {"--handler", "x", "--port", "eighty"}))
        .isInstanceOf(LocalGatewayException.class).hasMessageContaining("--port");
    assertThatThrownBy(() -> LocalGateway.fromArgs(new String[] {"--bogus", "1"}))
        .isInstanceOf(LocalGatewayException.class).hasMessageContaining("--bogus");
  }

  @Test
  void aTakenPortIsReportedClearly() {
    try (LocalGateway first = LocalGateway.builder().handler(new TestHandlers.EchoStream()).build().start()) {
      LocalGateway second = LocalGateway.builder().handler(new TestHandlers.EchoStream()).port(first.port()).build();
      assertThatThrownBy(second::start).isInstanceOf(LocalGatewayException.class)
          .hasMessageContaining("127.0.0.1:" + first.port());
      second.close();
    }
  }

  @Test
  void limitsAreEnforcedWithTheFrontDoorsErrors() throws Exception {
    RequestHandler<Map<String, Object>, Map<String, Object>> big = (in, ctx) -> {
      String path = String.valueOf(in.get("path"));
      if (path.equals("/informational")) {
        return Map.of("statusCode", 101);
      }
      return Map.of("statusCode", 200, "body", "x".repeat(2 * 1024 * 1024));
    };
    try (LocalGateway gw = LocalGateway.builder().handler(big).inputType(Map.class).payload(PayloadVersion.ALB)
        .build().start()) {
      // ALB takes request bodies up to 1 MiB and function responses up to 1 MiB.
      HttpResponse<byte[]> tooLarge = Http.send(Http.request(gw, "/upload").header("Content-Type", "text/plain")
          .POST(BodyPublishers.ofByteArray(new byte[1024 * 1024 + 1])).build());
      assertThat(tooLarge.statusCode()).isEqualTo(413);
      HttpResponse<byte[]> tooMuch = Http.send(Http.request(gw, "/download").GET().build());
      assertThat(tooMuch.statusCode()).isEqualTo(502);
      HttpResponse<byte[]> informational = Http.send(Http.request(gw, "/informational").GET().build());
      assertThat(informational.statusCode()).isEqualTo(502);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String readHead(InputStream in) throws Exception {
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new AssertionError("connection closed inside a response head: " + sb);
      }
      sb.append((char) c);
    }
    return sb.toString();
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        return Integer.parseInt(line.substring(15).trim());
      }
    }
    throw new AssertionError("no Content-Length in " + head);
  }
}
