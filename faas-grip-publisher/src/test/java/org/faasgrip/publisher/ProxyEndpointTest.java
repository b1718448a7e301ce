package org.faasgrip.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProxyEndpointTest {
  private static HttpRequest request(ProxyEndpoint e) {
    return e.request(HttpRequest.BodyPublishers.ofString("{}"), Duration.ofSeconds(1));
  }

  @Test
  void userInfoNeverReachesTheRequestLineOrTheName() {
    ProxyEndpoint e = new ProxyEndpoint(URI.create("http://u:secret@127.0.0.1:5561/publish/?realm=r"), null, null,
        "u:secret");
    assertThat(request(e).uri().toString()).isEqualTo("http://127.0.0.1:5561/publish/?realm=r");
    assertThat(e.name()).isEqualTo("http://127.0.0.1:5561/publish/");
    assertThat(e.toString()).doesNotContain("secret").contains("Basic");
  }

  @Test
  void plainHttpUsesHttp11AndTlsMayNegotiateHttp2() {
    ProxyEndpoint plain = new ProxyEndpoint(URI.create("http://127.0.0.1:5561/publish/"), null, null, null);
    ProxyEndpoint tls = new ProxyEndpoint(URI.create("https://api.fastly.com/service/x/publish/"), null,
        "tok".getBytes(StandardCharsets.US_ASCII), null);
    assertThat(request(plain).version()).contains(HttpClient.Version.HTTP_1_1);
    assertThat(request(tls).version()).contains(HttpClient.Version.HTTP_2);
  }

  @Test
  void largeBodiesAskToContinueWhereTheClientSupportsIt() {
    ProxyEndpoint e = new ProxyEndpoint(URI.create("http://127.0.0.1:5561/publish/"), null, null, null);
    HttpRequest small = e.request(HttpRequest.BodyPublishers.ofByteArray(new byte[1000]), Duration.ofSeconds(1));
    HttpRequest large = e.request(HttpRequest.BodyPublishers.ofByteArray(new byte[100_000]), Duration.ofSeconds(1));
    assertThat(small.expectContinue()).isFalse();
    assertThat(large.expectContinue()).isEqualTo(Runtime.version().feature() >= 21);
  }

  @Test
  void badUrisAndKeysAreClearErrors() {
    assertThatThrownBy(() -> new ProxyEndpoint(URI.create("ftp://127.0.0.1/publish/"), null, null, null))
        .isInstanceOf(PublishException.class).hasMessageContaining("http or https");
    assertThatThrownBy(() -> new ProxyEndpoint(URI.create("/publish/"), null, null, null))
        .isInstanceOf(PublishException.class);
    byte[] binary = {0x01, (byte) 0xff, 0x20, 0x41};
    assertThatThrownBy(() -> new ProxyEndpoint(URI.create("http://127.0.0.1/publish/"), null, binary, null))
        .isInstanceOf(PublishException.class).hasMessageContaining("not a printable token")
        .hasMessageNotContaining("\u00ff");
  }

  @Test
  void redactionHidesEachKindOfSecret() {
    Authorizer bearer = Authorizer.of("p", null, "tok123".getBytes(StandardCharsets.US_ASCII), null);
    assertThat(bearer.redact("got tok123 here")).isEqualTo("got (hidden) here");
    Authorizer basic = Authorizer.of("p", null, null, "u:pw-9");
    assertThat(basic.redact("pw-9 and " + basic.header().substring(6))).isEqualTo("(hidden) and (hidden)");
    Authorizer jwt = Authorizer.of("p", "iss", "k".getBytes(StandardCharsets.US_ASCII), null);
    String token = jwt.header().substring(7);
    assertThat(jwt.redact("echo " + token)).isEqualTo("echo (hidden)");
  }

  @Test
  void aJwtOtherThanTheCurrentOneIsHiddenWholeSignatureIncluded() {
    long[] now = {1_800_000_000_000L};
    Authorizer.Jwt jwt = new Authorizer.Jwt("realm", "key-0123".getBytes(StandardCharsets.US_ASCII), () -> now[0]);
    String older = jwt.header().substring("Bearer ".length());
    now[0] += 3_600_000; // re-signed: the older token is no longer the one sent
    String current = jwt.header().substring("Bearer ".length());
    String signature = older.substring(older.lastIndexOf('.') + 1);

    assertThat(current).isNotEqualTo(older);
    assertThat(jwt.redact("old " + older + ", cut " + older.substring(0, older.length() - 5) + "; now " + current))
        .isEqualTo("old (hidden), cut (hidden); now (hidden)").doesNotContain(signature);
  }

  @Test
  void theJwtIsKeptThenReSignedBeforeItExpires() {
    long[] now = {1_800_000_000_000L};
    Authorizer.Jwt jwt = new Authorizer.Jwt("realm", "k".getBytes(StandardCharsets.US_ASCII), () -> now[0]);

    String first = jwt.header();
    now[0] += 299_000; // less than the refresh margin from the start: kept
    assertThat(jwt.header()).isSameAs(first);
    now[0] += 2_000; // under 300 s of its 600 s left: re-signed
    String second = jwt.header();

    assertThat(second).isNotEqualTo(first);
    assertThat(exp(first)).isEqualTo(1_800_000_000L + Authorizer.JWT_LIFETIME_SECONDS);
    assertThat(exp(second)).isEqualTo(1_800_000_301L + Authorizer.JWT_LIFETIME_SECONDS);
  }

  private static long exp(String header) {
    String claims = new String(java.util.Base64.getUrlDecoder().decode(header.split("\\.")[1]),
        StandardCharsets.UTF_8);
    return Long.parseLong(claims.replaceAll(".*\"exp\":(\\d+).*", "$1"));
  }

  @Test
  void theJwtForAGivenIssuerKeyAndClockIsExactlyTheseBytes() {
    // Computed independently (Python's hmac, hashlib and base64) over the header {"alg":"HS256","typ":"JWT"} and
    // the claims {"iss":ISS,"exp":1800000600}, ISS escaped as JSON and written as UTF-8; also what the earlier
    // hand-written escaper gave, so tokens stay the same bytes.
    assertThat(jwtAt("pushpin")).isEqualTo("Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        + ".eyJpc3MiOiJwdXNocGluIiwiZXhwIjoxODAwMDAwNjAwfQ.BmaHitMf7iC11poz5X0_tcpuTTdzt-MGJKLQF1JkXrw");
    assertThat(jwtAt("a\"b\\c")).isEqualTo("Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        + ".eyJpc3MiOiJhXCJiXFxjIiwiZXhwIjoxODAwMDAwNjAwfQ.tAE3FS6kCP4515o6aeBwMhsNzGPyMOoiseqHO7XVid0");
    assertThat(jwtAt("r\u00e9alm \u2713 \ud83d\ude00")).isEqualTo("Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        + ".eyJpc3MiOiJyw6lhbG0g4pyTIPCfmIAiLCJleHAiOjE4MDAwMDA2MDB9.XOkYIwziC-5SAb2SZ9rPSq6DteLszig7aQBVxzwVcHA");
  }

  @Test
  void theIssuerIsEscapedAsJsonInTheClaims() {
    assertThat(claims(jwtAt("a\"b\\c\n\u0001"))).isEqualTo("{\"iss\":\"a\\\"b\\\\c\\n\\u0001\",\"exp\":1800000600}");
    // A lone surrogate has no UTF-8 form: escaped, so the claim still reads back as the configured issuer.
    assertThat(claims(jwtAt("x\ud800"))).isEqualTo("{\"iss\":\"x\\uD800\",\"exp\":1800000600}");
  }

  private static String jwtAt(String iss) {
    return new Authorizer.Jwt(iss, "changeme".getBytes(StandardCharsets.US_ASCII), () -> 1_800_000_000_000L).header();
  }

  private static String claims(String header) {
    return new String(java.util.Base64.getUrlDecoder().decode(header.split("\\.")[1]), StandardCharsets.UTF_8);
  }
}
