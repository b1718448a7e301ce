package org.faasgrip.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.faasgrip.GripException;
import org.faasgrip.config.GripConfig;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.testkit.azure.StandInContext;
import org.faasgrip.testkit.azure.StandInRequest;
import org.faasgrip.testkit.azure.StandInResponse;
import org.faasgrip.websocket.WebSocketContext;
import org.faasgrip.websocket.WebSocketMessage;
import org.junit.jupiter.api.Test;

/** {@link AzureGrip} through the testkit's stand-ins for the worker's request, response and context. */
class AzureGripTest {
  private static final String KEY = "azure-test-key-0123456789abcdef012";
  private static final String WS = "application/websocket-events";
  private static final URI CHAT = URI.create("https://app.azurewebsites.net/api/chat");

  private final StandInContext context = new StandInContext("chat");

  private static AzureGrip azure(boolean required, int maxBody) {
    GripConfig config = GripConfig.fromEnvironment(Map.of("GRIP_URL",
        "http://127.0.0.1:5561?verify-iss=pushpin&verify-key=" + KEY, "GRIP_PREFIX", "test-"));
    return AzureGrip.builder().grip(Grip.builder().config(config).requireSignature(required).build())
        .maxBodyBytes(maxBody).build();
  }

  /** The smallest WebSocket function: accepts, and echoes every message as it came, text or binary. */
  private static HttpResponseMessage echo(AzureGrip azure, HttpRequestMessage<Optional<byte[]>> request,
      StandInContext context) {
    return azure.serve(request, context, r -> {
      WebSocketContext ws = azure.grip().webSocket(r);
      if (ws.isOpening()) {
        ws.accept();
      }
      while (ws.canRecv()) {
        WebSocketMessage m = ws.recvMessage();
        if (m.isBinary()) {
          ws.sendBinary(m.bytes());
        } else if (m.isText()) {
          ws.send(m.text());
        }
      }
      return ws.toGripResponse();
    });
  }

  private static StandInRequest.Builder events(byte[] body) {
    return StandInRequest.builder("POST", CHAT).header("Content-Type", WS).header("Connection-Id", "c1").body(body);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String text(HttpResponseMessage m) {
    return new String(StandInResponse.bodyBytes(m), StandardCharsets.UTF_8);
  }

  @Test
  void anOpeningSignedByTheProxyIsAcceptedWithTheEventsContentType() throws Exception {
    HttpResponseMessage out = echo(azure(true, 1000),
        events(ascii("OPEN\r\n")).header("Grip-Sig", token(KEY, 60)).build(), context);

    assertThat(out.getStatusCode()).isEqualTo(200);
    assertThat(out.getStatus()).isSameAs(HttpStatus.OK);
    assertThat(out.getHeader("Content-Type")).isEqualTo(WS);
    assertThat(text(out)).isEqualTo("OPEN\r\n");
    assertThat(context.lines()).isEmpty();
  }

  @Test
  void anOpenWithoutTheGripExtensionThatSubscribesGets400AndOneLineInTheInvocationsLog() {
    AzureGrip azure = azure(false, 1000);
    HttpResponseMessage out = azure.serve(events(ascii("OPEN\r\n")).build(), context, r -> {
      WebSocketContext ws = azure.grip().webSocket(r);
      ws.accept();
      ws.subscribe("room");
      return ws.toGripResponse();
    });

    assertThat(out.getStatusCode()).isEqualTo(400);
    assertThat(text(out)).startsWith("Bad request: subscribe() needs GRIP mode, but the OPEN came without"
        + " Sec-WebSocket-Extensions: grip");
    assertThat(context.lines()).singleElement().asString()
        .startsWith("WARNING 400 NotGripModeException: subscribe() needs GRIP mode");
  }

  @Test
  void binaryMessagesPassEveryByteUnchanged() {
    byte[] payload = new byte[256];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) i;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(ascii("BINARY 100\r\n"));
    body.writeBytes(payload);
    body.writeBytes(ascii("\r\n"));

    HttpResponseMessage out = echo(azure(false, 1000), events(body.toByteArray()).build(), context);

    assertThat(out.getStatusCode()).isEqualTo(200);
    assertThat(StandInResponse.bodyBytes(out)).isEqualTo(body.toByteArray());
  }

  @Test
  void aRequestThatIsNotWebSocketOverHttpGets400WithTheReasonLoggedToTheInvocation() {
    HttpResponseMessage out = echo(azure(false, 1000),
        StandInRequest.builder("GET", CHAT).header("Accept", "text/html").build(), context);

    assertThat(out.getStatusCode()).isEqualTo(400);
    assertThat(text(out)).isEqualTo("Not a WebSocket-over-HTTP request\n");
    assertThat(context.lines()).singleElement().asString().startsWith("WARNING 400 NotWebSocketRequestException");
  }

  @Test
  void aMissingRequiredSignatureGets403() {
    HttpResponseMessage out = echo(azure(true, 1000), events(ascii("OPEN\r\n")).build(), context);

    assertThat(out.getStatusCode()).isEqualTo(403);
    assertThat(text(out)).contains("not signed by the GRIP proxy");
    assertThat(context.lines()).singleElement().asString().startsWith("WARNING 403").contains("no Grip-Sig");
  }

  @Test
  void aSignatureWithAnotherKeyOrExpiredGets403AndNoTokenIsLogged() throws Exception {
    String forged = token("another-key-0123456789abcdef0123456", 60);
    String expired = token(KEY, -600);
    assertThat(echo(azure(true, 1000), events(ascii("OPEN\r\n")).header("Grip-Sig", forged).build(), context)
        .getStatusCode()).isEqualTo(403);
    assertThat(echo(azure(true, 1000), events(ascii("OPEN\r\n")).header("Grip-Sig", expired).build(), context)
        .getStatusCode()).isEqualTo(403);
    assertThat(String.join("\n", context.lines())).doesNotContain(forged).doesNotContain(expired)
        .doesNotContain(KEY);
  }

  @Test
  void twoGripSigHeadersThatTheHostJoinedWithACommaAreEachTried() throws Exception {
    // The host passes a repeated header as one value, joined by ",": a forged token before the proxy's own.
    StandInRequest request = events(ascii("OPEN\r\n"))
        .header("Grip-Sig", token("another-key-0123456789abcdef0123456", 60))
        .header("Grip-Sig", token(KEY, 60)).build();
    assertThat(request.getHeaders().get("grip-sig")).contains(",");

    assertThat(echo(azure(true, 1000), request, context).getStatusCode()).isEqualTo(200);
  }

  @Test
  void aBodyOverTheLimitGets413AndTheHandlerNeverRuns() {
    boolean[] ran = {false};
    HttpResponseMessage out = azure(false, 64).serve(events(new byte[65]).build(), context, r -> {
      ran[0] = true;
      return GripResponse.builder().build();
    });

    assertThat(out.getStatusCode()).isEqualTo(413);
    assertThat(out.getStatus()).isSameAs(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(text(out)).contains("larger than the limit of 64 bytes");
    assertThat(ran[0]).isFalse();
    assertThat(context.lines()).singleElement().asString().startsWith("WARNING 413 BodyTooLargeException");
    // At the limit exactly, it is read.
    assertThat(azure(false, 64).serve(events(new byte[64]).build(), context, r -> GripResponse.builder().build())
        .getStatusCode()).isEqualTo(200);
  }

  @Test
  void theDefaultLimitIsAzuresRequestLength() {
    assertThat(AzureGrip.of(Grip.builder().build()).maxBodyBytes()).isEqualTo(104_857_600);
    assertThatThrownBy(() -> AzureGrip.builder().maxBodyBytes(-1)).isInstanceOf(GripException.class)
        .hasMessageContaining("maxBodyBytes");
  }

  @Test
  void aConfigurationErrorGets500LoggedAsSevereWithoutTheKey() {
    HttpResponseMessage out = azure(false, 1000).serve(events(ascii("OPEN\r\n")).build(), context, r -> {
      // A handler that configures itself, with a GRIP_URL that is not a URL.
      Grip.fromEnvironment(Map.of("GRIP_URL", "not a url?key=s3cr3t-value"));
      return GripResponse.builder().build();
    });

    assertThat(out.getStatusCode()).isEqualTo(500);
    assertThat(text(out)).isEqualTo("Internal Server Error\n");
    assertThat(context.lines()).singleElement().asString().startsWith("SEVERE 500 GripConfigException")
        .contains("GRIP_URL").doesNotContain("s3cr3t");
  }

  @Test
  void aBodyBoundAsTextIsRefusedWith500NamingTheFix() {
    // A trigger without dataType = "binary" binds the body as text; the declared type is erased.
    @SuppressWarnings("unchecked")
    HttpRequestMessage<Optional<byte[]>> textBound = (HttpRequestMessage<Optional<byte[]>>) (HttpRequestMessage<?>)
        new TextBody(events(ascii("OPEN\r\n")).build());

    HttpResponseMessage out = echo(azure(false, 1000), textBound, context);

    assertThat(out.getStatusCode()).isEqualTo(500);
    assertThat(context.lines()).singleElement().asString().startsWith("SEVERE 500 GripException")
        .contains("dataType = \"binary\"");
  }

  @Test
  void aMethodTheWorkerCannotNameGets400() {
    HttpResponseMessage out = echo(azure(false, 1000), StandInRequest.builder("PROPFIND", CHAT).build(), context);

    assertThat(out.getStatusCode()).isEqualTo(400);
    assertThat(text(out)).startsWith("Bad request: the request's HTTP method");
    assertThat(context.lines()).singleElement().asString().startsWith("WARNING 400 BadRequestException");
  }

  @Test
  void theQueryStringIsTheUrisAsSentOrTheParametersEncodedAgainWhenTheUriHasNone() {
    StandInRequest withQuery = StandInRequest.builder("GET",
        URI.create("https://app.azurewebsites.net/api/chat?room=a%20b&user=al%26ice")).build();
    assertThat(azure(false, 1000).read(withQuery).query()).isEqualTo("room=a%20b&user=al%26ice");
    assertThat(azure(false, 1000).read(StandInRequest.builder("GET", CHAT).build()).query()).isEmpty();

    // A host that gives the parameters (decoded) but a URI without its query.
    HttpRequestMessage<Optional<byte[]>> parametersOnly = new HttpRequestMessage<>() {
      @Override
      public URI getUri() {
        return CHAT;
      }

      @Override
      public HttpMethod getHttpMethod() {
        return HttpMethod.GET;
      }

      @Override
      public Map<String, String> getHeaders() {
        return Map.of();
      }

      @Override
      public Map<String, String> getQueryParameters() {
        return Map.of("room", "a b");
      }

      @Override
      public Optional<byte[]> getBody() {
        return Optional.empty();
      }

      @Override
      public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return withQuery.createResponseBuilder(status);
      }

      @Override
      public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return withQuery.createResponseBuilder(status);
      }
    };
    assertThat(azure(false, 1000).read(parametersOnly).query()).isEqualTo("room=a+b");
  }

  @Test
  void readKeepsMethodRawPathHeadersAndTheBodyArray() {
    byte[] body = ascii("OPEN\r\n");
    StandInRequest request = StandInRequest.builder("PUT",
            URI.create("https://app.azurewebsites.net/api/chat/a%2Fb?timeout=5"))
        .header("Content-Type", WS).header("Meta-User", "alice").body(body).build();

    GripRequest r = azure(false, 1000).read(request);

    assertThat(r.method()).isEqualTo("PUT");
    assertThat(r.path()).isEqualTo("/api/chat/a%2Fb");
    assertThat(r.query()).isEqualTo("timeout=5");
    assertThat(r.header("META-USER")).isEqualTo("alice");
    assertThat(r.body()).isSameAs(body);
    assertThat(azure(false, 1000).read(StandInRequest.builder("GET", CHAT).build()).body()).isEmpty();
  }

  @Test
  void writeJoinsARepeatedHeaderSinceTheWorkerKeepsOneValuePerName() {
    GripResponse response = GripResponse.builder().status(200).addHeader("X-A", "1").addHeader("Content-Type", "a/b")
        .addHeader("x-a", "2").addHeader("X-A", "3").body("hi").build();

    StandInResponse out = (StandInResponse) AzureGrip.write(response, StandInRequest.builder("GET", CHAT).build());

    assertThat(out.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("X-A", "1, 2, 3", "Content-Type", "a/b"));
    assertThat(text(out)).isEqualTo("hi");
  }

  @Test
  void everyStatusIsWrittenTheWorkersOwnWhereItHasOne() {
    StandInRequest request = StandInRequest.builder("GET", CHAT).build();
    for (int code : List.of(200, 204, 400, 403, 413, 418, 500, 299, 599)) {
      HttpResponseMessage out = AzureGrip.write(GripResponse.builder().status(code).build(), request);
      assertThat(out.getStatusCode()).as("status %d", code).isEqualTo(code);
      HttpStatusType type = out.getStatus();
      boolean named = List.of(HttpStatus.values()).stream().anyMatch(s -> s.value() == code);
      assertThat(type instanceof HttpStatus).as("status %d as the enum", code).isEqualTo(named);
    }
  }

  @Test
  void aHoldResponseCarriesThePrefixedChannel() {
    AzureGrip azure = azure(false, 1000);
    HttpResponseMessage out = azure.serve(StandInRequest.builder("GET", CHAT).build(), context,
        r -> azure.grip().holdStream("news", "stream open\n"));

    assertThat(out.getHeader("Grip-Hold")).isEqualTo("stream");
    assertThat(out.getHeader("Grip-Channel")).isEqualTo("test-news");
    assertThat(text(out)).isEqualTo("stream open\n");
  }

  @Test
  void fromEnvironmentReadsTheConfigurationOnFirstUseOnly() {
    AzureGrip lazy = AzureGrip.fromEnvironment();
    assertThat(lazy.toString()).contains("not read yet");
    Grip g = lazy.grip();
    assertThat(lazy.grip()).isSameAs(g);
    assertThat(lazy.toString()).doesNotContain("not read yet");
  }

  @Test
  void nullArgumentsAreRefusedByName() {
    AzureGrip azure = azure(false, 1000);
    assertThatThrownBy(() -> azure.read(null)).isInstanceOf(GripException.class).hasMessageContaining("request");
    assertThatThrownBy(() -> azure.serve(events(new byte[0]).build(), context, null))
        .isInstanceOf(GripException.class).hasMessageContaining("handler");
    assertThatThrownBy(() -> AzureGrip.of(null)).isInstanceOf(GripException.class).hasMessageContaining("grip");
    assertThatThrownBy(() -> azure.serve(events(new byte[0]).build(), context, r -> null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("returned null");
  }

  @Test
  void withoutAContextTheLineGoesToTheSystemLogger() {
    assertThat(AzureGrip.logger(null)).hasToString("GripLogger.system()");
    assertThat(echo(azure(false, 1000), StandInRequest.builder("GET", CHAT).build(), null).getStatusCode())
        .isEqualTo(400);
  }

  /** A request whose body is text, as the worker binds it when the trigger does not say dataType = "binary". */
  private static final class TextBody implements HttpRequestMessage<Optional<String>> {
    private final StandInRequest bytes;

    TextBody(StandInRequest bytes) {
      this.bytes = bytes;
    }

    @Override
    public URI getUri() {
      return bytes.getUri();
    }

    @Override
    public HttpMethod getHttpMethod() {
      return bytes.getHttpMethod();
    }

    @Override
    public Map<String, String> getHeaders() {
      return bytes.getHeaders();
    }

    @Override
    public Map<String, String> getQueryParameters() {
      return bytes.getQueryParameters();
    }

    @Override
    public Optional<String> getBody() {
      return bytes.getBody().map(b -> new String(b, StandardCharsets.ISO_8859_1));
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
      return bytes.createResponseBuilder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
      return bytes.createResponseBuilder(status);
    }
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
