package org.faasgrip.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.faasgrip.config.GripConfig;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.websocket.WebSocketContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each failure a {@link GripServlet} answers, in a real Jetty reached by a real HTTP client: the status, the body
 * that says why, and the one log line, which holds no secret.
 */
class GripServletTest {
  private static final String KEY = "servlet-test-key";
  private static final String WS_EVENTS = "application/websocket-events";
  private static final byte[] OPEN = "OPEN\r\n".getBytes(StandardCharsets.US_ASCII);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<String> logged = new ArrayList<>();
  private final Logger julLogger = Logger.getLogger("org.faasgrip.function");
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record.getLevel() + " " + record.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final AtomicInteger handled = new AtomicInteger();

  /** Accepts a WebSocket: the least a handler does, so that any failure comes from reading or checking. */
  private class Accepting extends GripServlet {
    private static final long serialVersionUID = 1L;

    Accepting(ServletGrip servletGrip) {
      super(servletGrip);
    }

    Accepting() {}

    @Override
    protected GripResponse handle(GripRequest request, HttpServletRequest servletRequest) {
      handled.incrementAndGet();
      WebSocketContext ws = grip().webSocket(request);
      ws.accept();
      return ws.toGripResponse();
    }
  }

  @BeforeEach
  void captureLog() {
    julLogger.addHandler(capture);
  }

  @AfterEach
  void releaseLog() {
    julLogger.removeHandler(capture);
  }

  private static Grip requiringSignatures() {
    return Grip.builder()
        .config(GripConfig.of(List.of(GripConfig.parseGripUrl(
            "http://127.0.0.1:5561?verify-iss=pushpin&verify-key=" + KEY)), ""))
        .requireSignature(true)
        .build();
  }

  @Test
  void aRequestThatIsNotWebSocketOverHttpGets400WithTheReason() throws Exception {
    try (Jetty jetty = Jetty.start(new Accepting(ServletGrip.of(requiringSignatures())))) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(jetty.uri("/chat"))
          .header("Grip-Sig", token(KEY)).GET().build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).isEqualTo("Not a WebSocket-over-HTTP request\n");
      assertThat(logged).singleElement().asString().startsWith("WARNING 400 NotWebSocketRequestException");
    }
  }

  @Test
  void aMissingOrBadRequiredSignatureGets403AndAGoodOneIsServed() throws Exception {
    try (Jetty jetty = Jetty.start(new Accepting(ServletGrip.of(requiringSignatures())))) {
      HttpResponse<String> missing = post(jetty, null, OPEN);
      HttpResponse<String> wrongKey = post(jetty, token("another-key"), OPEN);
      HttpResponse<String> good = post(jetty, token(KEY), OPEN);

      assertThat(missing.statusCode()).isEqualTo(403);
      assertThat(missing.body()).isEqualTo("Forbidden: the request is not signed by the GRIP proxy\n");
      assertThat(wrongKey.statusCode()).isEqualTo(403);
      assertThat(good.statusCode()).isEqualTo(200);
      assertThat(good.headers().allValues("Content-Type")).containsExactly(WS_EVENTS);
      assertThat(good.body()).isEqualTo("OPEN\r\n");
      assertThat(logged).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("WARNING 403 ")
          .doesNotContain(KEY).doesNotContain("another-key"));
    }
  }

  @Test
  void aMalformedConfigurationGets500AndOneLoggedReasonWithoutTheSecret() throws Exception {
    GripServlet servlet = new Accepting() {
      private static final long serialVersionUID = 1L;

      @Override
      protected Grip createGrip() {
        return Grip.fromEnvironment(Map.of(
            "GRIP_URL", "http://127.0.0.1:5561?iss=pushpin&key=base64:s3cr3t-not-base64!",
            "GRIP_VERIFY", "required"));
      }
    };
    try (Jetty jetty = Jetty.start(servlet)) {
      HttpResponse<String> response = post(jetty, token(KEY), OPEN);

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body()).isEqualTo("Internal Server Error\n");
      assertThat(handled).hasValue(0);
      assertThat(logged).singleElement().asString()
          .startsWith("SEVERE 500 GripConfigException")
          .contains("GRIP_URL")
          .doesNotContain("s3cr3t");
    }
  }

  @Test
  void aBodyOverTheLimitGets413WithoutTheHandler() throws Exception {
    ServletGrip small = ServletGrip.builder().grip(requiringSignatures()).maxBodyBytes(64).build();
    try (Jetty jetty = Jetty.start(new Accepting(small))) {
      byte[] big = ("TEXT 41\r\n" + "x".repeat(0x41) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      HttpResponse<String> response = post(jetty, token(KEY), big);

      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.body())
          .isEqualTo("Payload Too Large: the request body of 76 bytes is larger than the limit of 64 bytes\n");
      assertThat(handled).hasValue(0);
      assertThat(logged).singleElement().asString().startsWith("WARNING 413 BodyTooLargeException");
    }
  }

  @Test
  void aMalformedBodyGets400WithWhereItBroke() throws Exception {
    try (Jetty jetty = Jetty.start(new Accepting(ServletGrip.of(requiringSignatures())))) {
      HttpResponse<String> response = post(jetty, token(KEY), "TEXT zz\r\n".getBytes(StandardCharsets.US_ASCII));

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).startsWith("Malformed WebSocket-over-HTTP body: ").contains("at byte");
    }
  }

  /** A chat's opening: accepts and subscribes, which needs GRIP mode. */
  private static GripResponse subscribe(Grip grip, GripRequest request) {
    WebSocketContext ws = grip.webSocket(request);
    ws.accept();
    ws.subscribe("room");
    return ws.toGripResponse();
  }

  @Test
  void anOpenWithoutTheGripExtensionGets400AndOneLogLineFromGripServletAndServletGripServe() throws Exception {
    Grip grip = Grip.builder().build();
    GripServlet servlet = new GripServlet(grip) {
      private static final long serialVersionUID = 1L;

      @Override
      protected GripResponse handle(GripRequest request, HttpServletRequest servletRequest) {
        return subscribe(grip(), request);
      }
    };
    ServletGrip servletGrip = ServletGrip.of(grip);
    HttpServlet serving = new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        servletGrip.serve(req, res, request -> subscribe(grip, request));
      }
    };
    for (HttpServlet s : List.of(servlet, serving)) {
      logged.clear();
      try (Jetty jetty = Jetty.start(s)) {
        HttpResponse<String> response = post(jetty, null, OPEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("Bad request: subscribe() needs GRIP mode, but the OPEN came"
            + " without Sec-WebSocket-Extensions: grip: it did not come through a GRIP proxy");
        assertThat(logged).singleElement().asString()
            .startsWith("WARNING 400 NotGripModeException: subscribe() needs GRIP mode");
      }
    }
  }

  private HttpResponse<String> post(Jetty jetty, String gripSig, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(jetty.uri("/chat"))
        .header("Content-Type", WS_EVENTS)
        .header("Connection-Id", "c1")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (gripSig != null) {
      b.header("Grip-Sig", gripSig);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A Grip-Sig as Pushpin makes it: an HS256 JWT over {"iss": "pushpin", "exp": in an hour}. */
  static String token(String key) throws GeneralSecurityException {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
    long exp = System.currentTimeMillis() / 1000 + 3600;
    String claims = b64.encodeToString(("{\"iss\":\"pushpin\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] sig = mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
    return header + "." + claims + "." + b64.encodeToString(sig);
  }
}
