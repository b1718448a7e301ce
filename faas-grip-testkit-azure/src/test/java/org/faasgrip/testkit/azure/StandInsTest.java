package org.faasgrip.testkit.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The stand-ins keep what they document of the worker's and the host's behaviour. */
class StandInsTest {
  private static final URI URI_ = URI.create("http://localhost:7071/api/chat?timeout=5&a=%2F&a=second&flag");

  @Test
  void headersAreLowerCasedAndARepeatedOneIsJoinedByCommas() {
    StandInRequest r = StandInRequest.builder("POST", URI_)
        .header("Grip-Sig", "t1").header("GRIP-SIG", "t2").header("Content-Type", "x/y").build();

    assertThat(r.getHeaders()).containsOnly(Map.entry("grip-sig", "t1,t2"), Map.entry("content-type", "x/y"));
    assertThat(r.getHeaders().keySet()).containsExactly("grip-sig", "content-type");
    assertThatThrownBy(() -> r.getHeaders().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anEmptyBodyIsNoBodyAndOthersAreKeptAsGiven() {
    byte[] bytes = {0, (byte) 0xff};
    assertThat(StandInRequest.builder("GET", URI_).build().getBody()).isEqualTo(Optional.empty());
    assertThat(StandInRequest.builder("GET", URI_).body(new byte[0]).build().getBody()).isEmpty();
    assertThat(StandInRequest.builder("POST", URI_).body(bytes).build().getBody()).containsSame(bytes);
  }

  @Test
  void theMethodAndQueryAreReadAsTheWorkerReadsThem() {
    StandInRequest r = StandInRequest.builder("post", URI_).build();
    assertThat(r.getHttpMethod()).isEqualTo(HttpMethod.POST);
    StandInRequest propfind = StandInRequest.builder("PROPFIND", URI_).build();
    assertThatThrownBy(propfind::getHttpMethod).isInstanceOf(IllegalArgumentException.class);
    assertThat(r.getQueryParameters()).containsEntry("timeout", "5").containsEntry("a", "/").containsEntry("flag", "");
  }

  @Test
  void theResponseKeepsOneValuePerNameAsTheWorkersMapDoes() {
    HttpResponseMessage m = StandInRequest.builder("GET", URI_).build().createResponseBuilder(HttpStatus.ACCEPTED)
        .header("X-A", "1").header("X-A", "2").header("x-a", "3").body("hé").build();

    assertThat(m.getStatusCode()).isEqualTo(202);
    assertThat(m.getHeader("X-A")).isEqualTo("2");
    assertThat(m.getHeader("x-a")).isEqualTo("3");
    assertThat(StandInResponse.bodyBytes(m)).isEqualTo("hé".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> StandInResponse.bodyBytes(new StandInResponse().body(42).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theContextKeepsWhatIsLoggedToIt() {
    StandInContext c = new StandInContext("chat");
    c.getLogger().log(Level.WARNING, "w");
    c.getLogger().severe("s");

    assertThat(c.lines()).containsExactly("WARNING w", "SEVERE s");
    assertThat(c.getFunctionName()).isEqualTo("chat");
    assertThat(c.getInvocationId()).isNotEqualTo(new StandInContext("chat").getInvocationId());
  }

  @Test
  void nullsAreRefusedByName() {
    assertThatThrownBy(() -> StandInRequest.builder(null, URI_)).hasMessage("method must not be null");
    assertThatThrownBy(() -> StandInRequest.builder("GET", URI_).header("a", null)).hasMessage("value must not be null");
    assertThatThrownBy(() -> new StandInContext(null)).hasMessage("functionName must not be null");
    try (LoopbackFunctionHost host = LoopbackFunctionHost.start()) {
      assertThatThrownBy(() -> host.function("x", null)).hasMessage("function must not be null");
    }
  }

  @Test
  void theLoopbackHostServesAFunctionAtApiNameWithTheRequestAsTheHostMakesIt() throws Exception {
    try (LoopbackFunctionHost host = LoopbackFunctionHost.start().function("echo", (request, context) -> {
      context.getLogger().warning("ran");
      byte[] body = request.getBody().orElse(new byte[0]);
      return request.createResponseBuilder(HttpStatus.OK)
          .header("X-Method", String.valueOf(request.getHttpMethod()))
          .header("X-Path", request.getUri().getRawPath())
          .header("X-Sig", String.valueOf(request.getHeaders().get("grip-sig")))
          .body(body).build();
    })) {
      HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + host.port() + "/api/echo/x?y=1"))
          .header("Grip-Sig", "a").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 0, (byte) 0xfe}))
          .build(), HttpResponse.BodyHandlers.ofByteArray());

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).containsExactly(1, 0, 0xfe);
      assertThat(r.headers().firstValue("X-Method")).hasValue("POST");
      assertThat(r.headers().firstValue("X-Path")).hasValue("/api/echo/x");
      assertThat(r.headers().firstValue("X-Sig")).hasValue("a");
      assertThat(host.log()).containsExactly("WARNING ran");
    }
  }
}
