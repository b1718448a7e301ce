package org.faasgrip.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.faasgrip.examples.ChatStreamHandler;
import org.faasgrip.it.Payload.Example;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad requests to the chat, for each payload: a request that is not WebSocket-over-HTTP gets the JavaScript faas-grip library's 400; a
 * malformed body gets a 400 that says what was wrong and shows no stack trace; a request without a valid
 * {@code Grip-Sig} gets 403, since the tests' handlers require signatures. Pushpin never sends a malformed body
 * nor a bad signature, so those requests go to the local gateway directly, as an attacker's would reach the
 * function's public URL.
 */
class BadRequestIT {
  private static final Duration TIMEOUT = RigExtension.TIMEOUT;
  private static final String EVENTS = "application/websocket-events";

  @RegisterExtension
  final RigExtension rig = new RigExtension();

  private final HttpClient http = HttpClient.newHttpClient();

  @ParameterizedTest
  @EnumSource(Payload.class)
  void plainHttpRequestThroughPushpinGetsTheSeeds400(Payload payload) throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(rig.http(payload, Example.CHAT, null)).timeout(TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("Not a WebSocket-over-HTTP request\n");
  }

  @ParameterizedTest
  @EnumSource(Payload.class)
  void malformedBodyGets400WithAClearMessageAndNoStackTrace(Payload payload) throws Exception {
    // "zz" is no hexadecimal length.
    HttpResponse<String> response = sendEvents(payload, "TEXT zz\r\nhi\r\n", sign(rig.sigKey(), 60));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("Malformed WebSocket-over-HTTP body").containsIgnoringCase("length");
    assertNoStackTrace(response.body());
  }

  @ParameterizedTest
  @EnumSource(Payload.class)
  void wellFormedSignedRequestIsAccepted(Payload payload) throws Exception {
    // The control for the two tests around it: the same request with a valid signature and body is served.
    HttpResponse<String> response = sendEvents(payload, "OPEN\r\n", sign(rig.sigKey(), 60));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(EVENTS);
    assertThat(response.body()).startsWith("OPEN\r\n");
  }

  @ParameterizedTest
  @EnumSource(Payload.class)
  void signatureWithAnotherKeyGets403(Payload payload) throws Exception {
    HttpResponse<String> response =
        sendEvents(payload, "OPEN\r\n", sign("an-attacker-key-that-is-long-enough-for-hs256", 60));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).doesNotContain(rig.sigKey());
    assertNoStackTrace(response.body());
  }

  @ParameterizedTest
  @EnumSource(Payload.class)
  void expiredOrMissingSignatureGets403(Payload payload) throws Exception {
    // Expired an hour ago: well past the clock skew the validator allows.
    assertThat(sendEvents(payload, "OPEN\r\n", sign(rig.sigKey(), -3600)).statusCode()).isEqualTo(403);
    assertThat(sendEvents(payload, "OPEN\r\n", null).statusCode()).isEqualTo(403);
  }

  @Test
  void malformedEventJsonGets400WithAClearMessageAndNoStackTrace() throws Exception {
    // No front door sends broken event JSON, so this calls the stream handler as the Lambda runtime would.
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    new ChatStreamHandler().handleRequest(
        new ByteArrayInputStream("{\"httpMethod\": \"POST\", \"headers\": [".getBytes(StandardCharsets.UTF_8)),
        out, null);

    String json = out.toString(StandardCharsets.UTF_8);
    assertThat(json).contains("\"statusCode\":400").contains("Bad request");
    assertNoStackTrace(json);
  }

  private HttpResponse<String> sendEvents(Payload payload, String body, String gripSig) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(rig.direct(payload, Example.CHAT))
        .timeout(TIMEOUT)
        .header("Content-Type", EVENTS)
        .header("Accept", EVENTS)
        .header("Connection-Id", "bad-request-test")
        .header("Sec-WebSocket-Extensions", "grip")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (gripSig != null) {
      request.header("Grip-Sig", gripSig);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A Grip-Sig as Pushpin makes it: HS256, issuer {@code pushpin}, expiring {@code seconds} from now. */
  private static String sign(String key, long seconds) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
        .issuer("pushpin")
        .expirationTime(Date.from(Instant.now().plusSeconds(seconds)))
        .build());
    jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private static void assertNoStackTrace(String body) {
    assertThat(body).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain(".java:");
  }
}
