package org.faasgrip.gcf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.faasgrip.config.GripConfig;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.websocket.WebSocketContext;
import org.junit.jupiter.api.Test;

class GripHttpFunctionTest {
  private static final String KEY = "gcf-test-key-0123456789abcdef0123";
  private static final String WS = "application/websocket-events";
  private static final byte[] OPEN = "OPEN\r\n".getBytes(StandardCharsets.US_ASCII);

  /** Accepts every connection: the smallest WebSocket function. */
  static final class Echo extends GripHttpFunction {
    Echo(Grip grip, int max) {
      super(grip, max);
    }

    @Override
    protected GripResponse handle(GripRequest request, com.google.cloud.functions.HttpRequest httpRequest) {
      WebSocketContext ws = grip().webSocket(request);
      if (ws.isOpening()) {
        ws.accept();
      }
      return ws.toGripResponse();
    }
  }

  private final List<String> logged = new ArrayList<>();

  private Grip grip(boolean required) {
    GripConfig config = GripConfig.fromEnvironment(Map.of("GRIP_URL",
        "http://127.0.0.1:5561?verify-iss=pushpin&verify-key=" + KEY));
    return Grip.builder().config(config).requireSignature(required)
        .logger((level, line) -> logged.add(level + " " + line)).build();
  }

  private static FakeHttp.Response serve(GripHttpFunction f, FakeHttp.Request in) throws Exception {
    FakeHttp.Response out = new FakeHttp.Response();
    f.service(in, out);
    return out;
  }

  private static FakeHttp.Request open() {
    return FakeHttp.request("POST", "/chat").header("Content-Type", WS).header("Connection-Id", "c1")
        .body(OPEN, true);
  }

  @Test
  void anOpeningIsAcceptedWithTheEventsContentTypeExactly() throws Exception {
    FakeHttp.Response out = serve(new Echo(grip(true), 1000), open().header("Grip-Sig", token(KEY, 60)));

    assertThat(out.status).isEqualTo(200);
    assertThat(out.header("Content-Type")).isEqualTo(WS);
    assertThat(out.text()).isEqualTo("OPEN\r\n");
  }

  @Test
  void aRequestThatIsNotWebSocketOverHttpGets400WithTheReason() throws Exception {
    FakeHttp.Response out = serve(new Echo(grip(false), 1000),
        FakeHttp.request("GET", "/chat").header("Accept", "text/html"));

    assertThat(out.status).isEqualTo(400);
    assertThat(out.text()).isEqualTo("Not a WebSocket-over-HTTP request\n");
    assertThat(logged).singleElement().asString().startsWith("WARNING 400 NotWebSocketRequestException");
  }

  @Test
  void anOpenWithoutTheGripExtensionThatSubscribesGets400AndOneLogLine() throws Exception {
    GripHttpFunction chat = new GripHttpFunction(grip(false)) {
      @Override
      protected GripResponse handle(GripRequest request, com.google.cloud.functions.HttpRequest httpRequest) {
        WebSocketContext ws = grip().webSocket(request);
        ws.accept();
        ws.subscribe("room");
        return ws.toGripResponse();
      }
    };
    FakeHttp.Response out = serve(chat, open());

    assertThat(out.status).isEqualTo(400);
    assertThat(out.text()).startsWith("Bad request: subscribe() needs GRIP mode, but the OPEN came without"
        + " Sec-WebSocket-Extensions: grip");
    assertThat(logged).singleElement().asString()
        .startsWith("WARNING 400 NotGripModeException: subscribe() needs GRIP mode");
  }

  @Test
  void aMissingRequiredSignatureGets403() throws Exception {
    FakeHttp.Response out = serve(new Echo(grip(true), 1000), open());

    assertThat(out.status).isEqualTo(403);
    assertThat(out.text()).contains("not signed by the GRIP proxy");
    assertThat(logged).singleElement().asString().contains("no Grip-Sig");
  }

  @Test
  void aSignatureWithAnotherKeyGets403() throws Exception {
    FakeHttp.Response out = serve(new Echo(grip(true), 1000),
        open().header("Grip-Sig", token("another-key-0123456789abcdef0123456", 60)));

    assertThat(out.status).isEqualTo(403);
  }

  @Test
  void anExpiredSignatureGets403() throws Exception {
    FakeHttp.Response out = serve(new Echo(grip(true), 1000), open().header("Grip-Sig", token(KEY, -600)));

    assertThat(out.status).isEqualTo(403);
  }

  @Test
  void aBodyOverTheLimitGets413AndTheHandlerNeverRuns() throws Exception {
    boolean[] ran = {false};
    GripHttpFunction f = new GripHttpFunction(grip(false), 64) {
      @Override
      protected GripResponse handle(GripRequest request, com.google.cloud.functions.HttpRequest httpRequest) {
        ran[0] = true;
        return GripResponse.builder().build();
      }
    };
    FakeHttp.Request in = open().body(new byte[65], true);

    FakeHttp.Response out = serve(f, in);

    assertThat(out.status).isEqualTo(413);
    assertThat(out.text()).contains("larger than the limit of 64 bytes");
    assertThat(ran[0]).isFalse();
    assertThat(logged).singleElement().asString().startsWith("WARNING 413 BodyTooLargeException");
  }

  @Test
  void aConfigurationErrorGets500WithoutItsDetails() throws Exception {
    GripHttpFunction f = new GripHttpFunction(grip(false)) {
      @Override
      protected GripResponse handle(GripRequest request, com.google.cloud.functions.HttpRequest httpRequest) {
        // A handler that configures itself, with a GRIP_URL that is not a URL.
        Grip.fromEnvironment(Map.of("GRIP_URL", "not a url?key=s3cr3t-value"));
        return GripResponse.builder().build();
      }
    };

    FakeHttp.Response out = serve(f, open());

    assertThat(out.status).isEqualTo(500);
    assertThat(out.text()).isEqualTo("Internal Server Error\n");
    assertThat(logged).singleElement().asString().startsWith("ERROR 500 GripConfigException")
        .contains("GRIP_URL").doesNotContain("s3cr3t");
  }

  /** A Grip-Sig as Pushpin makes it: HS256 over {"iss":"pushpin","exp":...}. */
  static String token(String key, long expiresInSeconds) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
    long exp = System.currentTimeMillis() / 1000 + expiresInSeconds;
    String claims = b64.encodeToString(("{\"iss\":\"pushpin\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] sig = mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
    return header + "." + claims + "." + b64.encodeToString(sig);
  }
}
