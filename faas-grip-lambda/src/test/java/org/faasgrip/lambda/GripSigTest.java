package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.faasgrip.sig.GripSigException;
import org.junit.jupiter.api.Test;
import org.faasgrip.function.Grip;
import org.faasgrip.function.NotFromProxyException;

/** Grip-Sig in one call, on each event type, with tokens signed as Pushpin signs them. */
class GripSigTest {
  private final Grip grip = Grip.builder().config(Tokens.PUSHPIN).publishWith(new Recorder()).build();
  private final Grip strict = Grip.builder().config(Tokens.PUSHPIN).publishWith(new Recorder())
      .requireSignature(true).build();

  private static APIGatewayProxyRequestEvent rest(String sig) {
    APIGatewayProxyRequestEvent e = TypedEventsTest.restEvent();
    if (sig != null) {
      e.getMultiValueHeaders().put("Grip-Sig", List.of(sig));
    }
    return e;
  }

  @Test
  void restEventSignedByPushpinIsFromTheProxy() {
    assertThat(LambdaGrip.of(grip).isFromProxy(rest(Tokens.pushpin(3600)))).isTrue();
    assertThat(LambdaGrip.of(grip).isFromProxy(rest(null))).isFalse();
    assertThat(LambdaGrip.of(grip).isFromProxy(rest(Tokens.hs256("wrong-key", "pushpin", System.currentTimeMillis() / 1000 + 60))))
        .isFalse();
    assertThat(LambdaGrip.of(grip).isFromProxy(rest(Tokens.pushpin(-3600)))).as("expired an hour ago").isFalse();
    assertThat(LambdaGrip.of(grip).isFromProxy(rest(Tokens.hs256(Tokens.KEY, "someone", System.currentTimeMillis() / 1000 + 60))))
        .as("wrong issuer").isFalse();
  }

  @Test
  void v2JoinedValuesAreTriedOneByOne() {
    APIGatewayV2HTTPEvent e = TypedEventsTest.v2Event(null, false);
    Map<String, String> headers = new HashMap<>(e.getHeaders());
    headers.put("grip-sig", "not-a-jwt," + Tokens.pushpin(60));
    e.setHeaders(headers);

    assertThat(LambdaGrip.of(grip).isFromProxy(e)).isTrue();
  }

  @Test
  void albAndRawEvents() {
    ApplicationLoadBalancerRequestEvent alb = TypedEventsTest.albEvent(false);
    alb.setHeaders(Map.of("grip-sig", Tokens.pushpin(60), "content-type", "application/websocket-events"));
    assertThat(LambdaGrip.of(grip).isFromProxy(alb)).isTrue();

    String json = TestJson.resource("rest-open.json").replace("\"sig-token\"", "\"" + Tokens.pushpin(60) + "\"");
    LambdaEvent event = LambdaEvent.parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(LambdaGrip.of(grip).isFromProxy(event)).isTrue();
    assertThat(LambdaGrip.of(grip).isFromProxy(LambdaEvent.parse(TestJson.resource("rest-open.json").getBytes(StandardCharsets.UTF_8))))
        .isFalse();
  }

  @Test
  void staticFacadeUsesTheInstalledConfiguration() {
    FaasGrip.install(grip);
    try {
      assertThat(FaasGrip.isFromProxy(rest(Tokens.pushpin(60)))).isTrue();
      assertThat(FaasGrip.isFromProxy(rest("x.y.z"))).isFalse();
    } finally {
      FaasGrip.install(null);
    }
  }

  @Test
  void requiredModeRefusesUnsignedRequestsWith403() {
    String bad = Tokens.hs256("wrong-key", "pushpin", System.currentTimeMillis() / 1000 + 60);
    assertThatThrownBy(() -> LambdaGrip.of(strict).lambdaGetWebSocket(rest(bad)))
        .isInstanceOf(NotFromProxyException.class)
        .isInstanceOf(GripSigException.class)
        .hasMessageStartingWith("signatures are required and ")
        .satisfies(t -> assertThat(t.getMessage()).doesNotContain(bad).doesNotContain(Tokens.KEY));
    assertThatThrownBy(() -> LambdaGrip.of(strict).lambdaGetWebSocket(rest(null)))
        .hasMessage("signatures are required and the request has no Grip-Sig header");

    NotFromProxyException e = org.junit.jupiter.api.Assertions.assertThrows(
        NotFromProxyException.class, () -> LambdaGrip.of(strict).lambdaGetWebSocket(rest(null)));
    APIGatewayProxyResponseEvent r = FaasGrip.errorResponse(e, rest(null));
    assertThat(r.getStatusCode()).isEqualTo(403);
  }

  @Test
  void requiredModeWithOnlyCommasInGripSigIsATypedRefusal() {
    assertThatThrownBy(() -> LambdaGrip.of(strict).lambdaGetWebSocket(rest(",")))
        .isInstanceOf(NotFromProxyException.class)
        .hasMessageStartingWith("signatures are required and ");
    assertThat(LambdaGrip.of(grip).isFromProxy(rest(" , "))).isFalse();
  }

  @Test
  void requiredModeAcceptsASignedRequest() {
    var ws = LambdaGrip.of(strict).lambdaGetWebSocket(rest(Tokens.pushpin(60)));
    assertThat(ws.isOpening()).isTrue();
  }

  @Test
  void requiredModeIgnoresTheUnsignedProxyRule() {
    // A proxy without a verify key makes the validator take any Grip-Sig header as proof; required mode does not.
    Grip mixed = Grip.builder()
        .config(org.faasgrip.config.GripConfig.fromEnvironment(Map.of("GRIP_PROXIES",
            "[{\"control_uri\":\"http://127.0.0.1:5561\",\"verify_iss\":\"pushpin\",\"verify_key\":\"changeme\"},"
                + "{\"control_uri\":\"http://127.0.0.1:5562\"}]")))
        .publishWith(new Recorder()).requireSignature(true).build();

    assertThat(LambdaGrip.of(mixed).isFromProxy(rest("anything"))).isTrue();
    assertThatThrownBy(() -> LambdaGrip.of(mixed).lambdaGetWebSocket(rest("anything"))).isInstanceOf(NotFromProxyException.class);
    assertThat(LambdaGrip.of(mixed).lambdaGetWebSocket(rest(Tokens.pushpin(60))).isOpening()).isTrue();
  }

  @Test
  void aGripSigOfThousandsOfTokensIsRefusedWithoutVerifyingThem() throws Exception {
    // The finding: 1,000 comma-separated ES256 tokens in one header were each verified (2.4 s of CPU).
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    java.security.KeyPair fastly = g.generateKeyPair();
    java.security.KeyPair attacker = g.generateKeyPair();
    String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
        fastly.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    LambdaGrip es = LambdaGrip.of(Grip.builder().config(org.faasgrip.config.GripConfig.fromEnvironment(Map.of("GRIP_URL",
            "https://api.fastly.com/service/S?key=tok&verify-iss=fastly:S&verify-key="
                + java.net.URLEncoder.encode(pem, StandardCharsets.UTF_8))))
        .publishWith(new Recorder()).requireSignature(true).build());
    long exp = System.currentTimeMillis() / 1000 + 60;
    String good = Tokens.es256(fastly, "fastly:S", exp);
    String forged = Tokens.es256(attacker, "fastly:S", exp);
    assertThat(es.isFromProxy(rest(forged + "," + good))).isTrue();

    String header = String.join(",", java.util.Collections.nCopies(999, forged)) + "," + good;
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu = mx.getCurrentThreadCpuTime();
    boolean accepted = es.isFromProxy(rest(header));
    long spent = mx.getCurrentThreadCpuTime() - cpu;
    assertThat(accepted).as("a header of 1,000 tokens").isFalse();
    // An ECDSA verification costs about a millisecond or more: refusing must not have run hundreds of them.
    assertThat(spent / 1_000_000).as("CPU ms spent on the header").isLessThan(100);
    assertThatThrownBy(() -> es.lambdaGetWebSocket(rest(header)))
        .isInstanceOf(NotFromProxyException.class).hasMessageContaining("longer than");

    // Short tokens are bounded by their count: five are refused unread, even with the good one among them.
    String five = String.join(",", java.util.Collections.nCopies(4, forged)) + "," + good;
    assertThat(es.isFromProxy(rest(five))).isFalse();
    assertThatThrownBy(() -> es.lambdaGetWebSocket(rest(five)))
        .isInstanceOf(NotFromProxyException.class).hasMessageContaining("holds 5 tokens");
  }
}
