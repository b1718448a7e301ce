package org.faasgrip.sig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.faasgrip.config.GripConfig;
import org.faasgrip.config.GripProxy;
import org.faasgrip.config.VerifyKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GripSigValidatorTest {
  private static final long NOW = 1_800_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final byte[] CHANGEME = "changeme".getBytes(StandardCharsets.UTF_8);

  private static KeyPair ec;
  private static KeyPair otherEc;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    ec = g.generateKeyPair();
    otherEc = g.generateKeyPair();
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String b64(String s) {
    return b64(s.getBytes(StandardCharsets.UTF_8));
  }

  /** HS256 as Pushpin signs it. Nimbus refuses secrets under 256 bits, such as Pushpin's default "changeme". */
  static String hs256(byte[] key, String headerJson, String claimsJson) throws Exception {
    String input = b64(headerJson) + "." + b64(claimsJson);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  static String pushpinToken(byte[] key, long exp) throws Exception {
    return hs256(key, "{\"typ\":\"JWT\",\"alg\":\"HS256\"}", "{\"iss\":\"pushpin\",\"exp\":" + exp + "}");
  }

  /** ES256 signed by Nimbus: an implementation independent of ours. */
  static String es256(KeyPair kp, String iss, long exp) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256),
        new JWTClaimsSet.Builder().issuer(iss).expirationTime(new Date(exp * 1000)).build());
    jwt.sign(new ECDSASigner((ECPrivateKey) kp.getPrivate()));
    return jwt.serialize();
  }

  private static GripSigValidator pushpin() {
    return GripSigValidator.forConfig(GripConfig.fromEnvironment(
        Map.of("GRIP_URL", "http://localhost:5561?iss=pushpin&key=changeme"))).withClock(CLOCK);
  }

  private static GripProxy fastlyProxy(ECPublicKey key, String iss) {
    return GripProxy.builder(java.net.URI.create("https://api.fastly.com/service/S")).key("tok".getBytes(StandardCharsets.UTF_8))
        .verifyIss(iss).verifyKey(VerifyKey.publicKey(key)).build();
  }

  @Test
  void rfc7515AppendixA1Hs256Vector() {
    String token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    VerifyKey key = VerifyKey.parse("{\"kty\":\"oct\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}");
    Clock before = Clock.fixed(Instant.ofEpochSecond(1300819380L - 10), ZoneOffset.UTC);
    GripSigValidator v = GripSigValidator.forKey(key, "joe").withClock(before);
    assertThat(v.check(token)).isEqualTo(new GripSigValidator.Verdict(true, true, "signature valid for key"));
    assertThat(GripSigValidator.forKey(key, "bob").withClock(before).check(token).reason())
        .isEqualTo("Grip-Sig rejected: issuer 'joe' is not the expected 'bob'");
    // one byte of the signature changed
    assertThat(v.isFromProxy(token.substring(0, token.length() - 1) + "Y")).isFalse();
  }

  @Test
  void pushpinHs256Accepted() throws Exception {
    GripSigValidator v = pushpin();
    assertThat(v.isFromProxy(pushpinToken(CHANGEME, NOW + 3600))).isTrue();
    GripSigValidator.Verdict verdict = v.check(pushpinToken(CHANGEME, NOW + 3600));
    assertThat(verdict.signed()).isTrue();
    assertThat(verdict.reason()).isEqualTo("signature valid for proxy 0 (http://localhost:5561)");
  }

  @Test
  void hs256WithALongKeySignedByNimbus() throws Exception {
    byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
        new JWTClaimsSet.Builder().issuer("pushpin").expirationTime(new Date((NOW + 60) * 1000)).build());
    jwt.sign(new MACSigner(key));
    assertThat(GripSigValidator.forKey(VerifyKey.hmac(key), "pushpin").withClock(CLOCK).isFromProxy(jwt.serialize())).isTrue();
  }

  @Test
  void forOneProxy() throws Exception {
    GripProxy p = GripConfig.parseGripUrl("http://localhost:5561?iss=pushpin&key=changeme");
    assertThat(GripSigValidator.forProxy(p).withClock(CLOCK).isFromProxy(pushpinToken(CHANGEME, NOW + 5))).isTrue();
    assertThatThrownBy(() -> GripSigValidator.forProxy(null)).isInstanceOf(GripSigException.class);
  }

  @Test
  void wrongKeyRejected() throws Exception {
    GripSigValidator.Verdict v = pushpin().check(pushpinToken("other".getBytes(StandardCharsets.UTF_8), NOW + 3600));
    assertThat(v.fromProxy()).isFalse();
    assertThat(v.reason()).isEqualTo("Grip-Sig rejected: signature does not match");
  }

  @Test
  void expiryWithClockSkew() throws Exception {
    GripSigValidator v = pushpin();
    assertThat(v.isFromProxy(pushpinToken(CHANGEME, NOW - 59))).isTrue();
    assertThat(v.isFromProxy(pushpinToken(CHANGEME, NOW - 60))).isTrue();
    GripSigValidator.Verdict late = v.check(pushpinToken(CHANGEME, NOW - 61));
    assertThat(late.fromProxy()).isFalse();
    assertThat(late.reason()).isEqualTo("Grip-Sig rejected: token expired 61 s ago");
    assertThat(v.withClockSkew(Duration.ZERO).isFromProxy(pushpinToken(CHANGEME, NOW - 1))).isFalse();
    assertThat(v.withClockSkew(Duration.ZERO).isFromProxy(pushpinToken(CHANGEME, NOW))).isTrue();
  }

  /** Found by GripSigFuzzTest: exp + skew wrapped round for an exp near the largest long, and refused the token. */
  @Test
  void extremeExpAndNbfDoNotWrapRound() throws Exception {
    GripSigValidator v = pushpin();
    String farFuture = hs256(CHANGEME, "{\"alg\":\"HS256\"}", "{\"exp\":" + Long.MAX_VALUE + "}");
    assertThat(v.check(farFuture).fromProxy()).isTrue();
    assertThat(v.isFromProxy(hs256(CHANGEME, "{\"alg\":\"HS256\"}", "{\"exp\":1e400}"))).isTrue();
    assertThat(v.check(hs256(CHANGEME, "{\"alg\":\"HS256\"}", "{\"exp\":" + Long.MIN_VALUE + "}")).reason())
        .isEqualTo("Grip-Sig rejected: token expired " + Long.MAX_VALUE + " s ago");
    GripSigValidator lenient = v.withClockSkew(Duration.ofSeconds(Long.MAX_VALUE));
    assertThat(lenient.isFromProxy(hs256(CHANGEME, "{\"alg\":\"HS256\"}",
        "{\"exp\":" + (NOW + 10) + ",\"nbf\":" + (NOW + 300) + "}"))).isTrue();
  }

  @Test
  void tokenWithoutExpOrNotYetValidRejected() throws Exception {
    GripSigValidator v = pushpin();
    assertThat(v.check(hs256(CHANGEME, "{\"alg\":\"HS256\"}", "{\"iss\":\"pushpin\"}")).reason())
        .isEqualTo("Grip-Sig rejected: token has no 'exp'");
    assertThat(v.isFromProxy(hs256(CHANGEME, "{\"alg\":\"HS256\"}", "{\"exp\":" + (NOW + 10) + ",\"nbf\":" + (NOW + 300) + "}")))
        .isFalse();
    assertThat(v.isFromProxy(hs256(CHANGEME, "{\"alg\":\"HS256\"}", "{\"exp\":" + (NOW + 10) + ",\"nbf\":" + (NOW + 30) + "}")))
        .isTrue();
  }

  @Test
  void issuerChecked() throws Exception {
    GripSigValidator v = GripSigValidator.forConfig(GripConfig.fromEnvironment(
        Map.of("GRIP_URL", "http://localhost:5561?iss=pushpin&key=changeme&verify-iss=pushpin"))).withClock(CLOCK);
    assertThat(v.isFromProxy(pushpinToken(CHANGEME, NOW + 10))).isTrue();
    String other = hs256(CHANGEME, "{\"alg\":\"HS256\"}", "{\"iss\":\"mallory\",\"exp\":" + (NOW + 10) + "}");
    assertThat(v.check(other).reason()).isEqualTo("Grip-Sig rejected: issuer 'mallory' is not the expected 'pushpin'");
    String none = hs256(CHANGEME, "{\"alg\":\"HS256\"}", "{\"exp\":" + (NOW + 10) + "}");
    assertThat(v.check(none).reason()).contains("no 'iss'");
  }

  @Test
  void es256FastlyStyle() throws Exception {
    GripSigValidator v = GripSigValidator.forProxies(List.of(fastlyProxy((ECPublicKey) ec.getPublic(), "fastly:S")))
        .withClock(CLOCK);
    assertThat(v.isFromProxy(es256(ec, "fastly:S", NOW + 60))).isTrue();
    assertThat(v.check(es256(otherEc, "fastly:S", NOW + 60)).reason()).isEqualTo("Grip-Sig rejected: signature does not match");
    assertThat(v.check(es256(ec, "fastly:T", NOW + 60)).reason()).contains("issuer 'fastly:T'");
    assertThat(v.check(es256(ec, "fastly:S", NOW - 3600)).reason()).contains("expired");
  }

  @Test
  void algorithmMustFitTheKey() throws Exception {
    // alg none, with and without a signature
    String claims = "{\"iss\":\"pushpin\",\"exp\":" + (NOW + 60) + "}";
    String none = b64("{\"alg\":\"none\"}") + "." + b64(claims) + ".";
    GripSigValidator hmac = pushpin();
    assertThat(hmac.check(none).fromProxy()).isFalse();
    String noneSigned = b64("{\"alg\":\"none\"}") + "." + b64(claims) + "." + b64(new byte[32]);
    assertThat(hmac.check(noneSigned).reason()).isEqualTo("Grip-Sig rejected: algorithm 'none' does not fit the HS256 key");

    // HS256 "signed" with the public key's encoding against an ES256 key: the classic confusion attack
    ECPublicKey pub = (ECPublicKey) ec.getPublic();
    String confused = hs256(pub.getEncoded(), "{\"alg\":\"HS256\"}", claims);
    GripSigValidator es = GripSigValidator.forKey(VerifyKey.publicKey(pub), null).withClock(CLOCK);
    assertThat(es.check(confused).reason()).isEqualTo("Grip-Sig rejected: algorithm 'HS256' does not fit the ES256 key");
    String confusedPem = hs256(VerifyKey.FASTLY_PUBLIC_KEY_PEM.getBytes(StandardCharsets.US_ASCII), "{\"alg\":\"HS256\"}", claims);
    assertThat(GripSigValidator.forKey(VerifyKey.fastly(), null).withClock(CLOCK).isFromProxy(confusedPem)).isFalse();

    // ES256 token against an HMAC key
    assertThat(hmac.check(es256(ec, "pushpin", NOW + 60)).reason()).contains("'ES256' does not fit the HS256 key");
    // other algorithms
    assertThat(hmac.isFromProxy(hs256(CHANGEME, "{\"alg\":\"HS512\"}", claims))).isFalse();
    assertThat(hmac.isFromProxy(hs256(CHANGEME, "{\"alg\":\"HS256\",\"crit\":[\"b64\"],\"b64\":false}", claims))).isFalse();
  }

  @Test
  void aRememberedHeaderIsNotConfusedWithAnotherOfTheSameLength() throws Exception {
    GripSigValidator v = pushpin();
    String claims = "{\"exp\":" + (NOW + 60) + "}";
    assertThat(v.isFromProxy(hs256(CHANGEME, "{\"alg\":\"HS256\"}", claims))).isTrue();
    // Same header length, other algorithm, signed the same way: must be refused, not served from the memo.
    assertThat(v.check(hs256(CHANGEME, "{\"alg\":\"HS384\"}", claims)).reason()).contains("'HS384'");
    assertThat(v.isFromProxy(hs256(CHANGEME, "{\"alg\":\"HS256\"}", claims))).isTrue();
  }

  @Test
  void zeroEcdsaSignatureRejected() throws Exception {
    String claims = "{\"exp\":" + (NOW + 60) + "}";
    String psychic = b64("{\"alg\":\"ES256\"}") + "." + b64(claims) + "." + b64(new byte[64]);
    assertThat(GripSigValidator.forKey(VerifyKey.fastly(), null).withClock(CLOCK).isFromProxy(psychic)).isFalse();
  }

  @Test
  void malformedTokensRejectedWithoutQuotingThem() {
    GripSigValidator v = pushpin();
    for (String bad : new String[] {"secret-looking-garbage", "a.b", "a.b.c.d", "!!!.e30.sig", "e30..x", ".e30.x",
        b64("not json") + "." + b64("{}") + ".AA", b64("{}") + "." + b64("{}") + ".AA", "x".repeat(9000)}) {
      GripSigValidator.Verdict verdict = v.check(bad);
      assertThat(verdict.fromProxy()).as(bad).isFalse();
      assertThat(verdict.reason()).startsWith("Grip-Sig is malformed").doesNotContain(bad.length() > 3 ? bad : "\u0000");
    }
  }

  @Test
  void noHeaderOrNoProxy() throws Exception {
    assertThat(pushpin().check(null)).isEqualTo(new GripSigValidator.Verdict(false, false, "no Grip-Sig header"));
    assertThat(pushpin().isFromProxy("")).isFalse();
    GripSigValidator empty = GripSigValidator.forConfig(GripConfig.empty());
    assertThat(empty.check(pushpinToken(CHANGEME, NOW + 10)))
        .isEqualTo(new GripSigValidator.Verdict(false, false, "no proxy is configured"));
  }

  @Test
  void aProxyWithoutVerifyKeyMeansUnsignedIsAccepted() throws Exception {
    // As @fanoutio/grip's validateGripSig: one proxy that cannot check signatures makes presence enough.
    GripConfig c = GripConfig.of(List.of(
        GripConfig.parseGripUrl("http://localhost:5561?iss=pushpin&key=changeme"),
        GripConfig.parseGripUrl("http://localhost:5562")), "");
    GripSigValidator.Verdict v = GripSigValidator.forConfig(c).withClock(CLOCK).check("anything");
    assertThat(v.fromProxy()).isTrue();
    assertThat(v.signed()).isFalse();
    assertThat(v.reason()).isEqualTo("proxy 1 (http://localhost:5562) has no verify key, so Grip-Sig is taken"
        + " without checking its signature");
    assertThat(GripSigValidator.forConfig(c).isFromProxy(null)).isFalse();
    // isValid still demands a real signature
    assertThat(GripSigValidator.forConfig(c).withClock(CLOCK).isValid("anything")).isFalse();
    assertThat(GripSigValidator.forConfig(c).withClock(CLOCK).isValid(pushpinToken(CHANGEME, NOW + 10))).isTrue();
  }

  @Test
  void everyProxyWithAKeyMeansAnyOneMayVouch() throws Exception {
    GripConfig c = GripConfig.of(List.of(
        GripConfig.parseGripUrl("http://localhost:5561?iss=pushpin&key=changeme&verify-iss=pushpin"),
        fastlyProxy((ECPublicKey) ec.getPublic(), "fastly:S")), "");
    GripSigValidator v = GripSigValidator.forConfig(c).withClock(CLOCK);
    assertThat(v.check(pushpinToken(CHANGEME, NOW + 10)).reason()).startsWith("signature valid for proxy 0");
    assertThat(v.check(es256(ec, "fastly:S", NOW + 10)).reason()).startsWith("signature valid for proxy 1");
    GripSigValidator.Verdict bad = v.check(es256(otherEc, "fastly:S", NOW + 10));
    assertThat(bad.fromProxy()).isFalse();
    assertThat(bad.reason()).isEqualTo("no configured proxy accepts it: proxy 0 (http://localhost:5561): algorithm 'ES256'"
        + " does not fit the HS256 key; proxy 1 (https://api.fastly.com/service/S): signature does not match");
    assertThatThrownBy(() -> v.requireFromProxy(es256(otherEc, "fastly:S", NOW + 10)))
        .isInstanceOf(GripSigException.class).hasMessageStartingWith("request is not from a configured GRIP proxy: ");
  }

  @Test
  void reasonsNeverHoldTheKey() throws Exception {
    String secret = "s3cretsigkey";
    GripSigValidator v = GripSigValidator.forConfig(GripConfig.fromEnvironment(
        Map.of("GRIP_URL", "http://localhost:5561?iss=pushpin&key=" + secret))).withClock(CLOCK);
    for (String token : new String[] {pushpinToken(CHANGEME, NOW + 10), pushpinToken(secret.getBytes(StandardCharsets.UTF_8), NOW - 999),
        "x.y.z", es256(ec, "pushpin", NOW)}) {
      assertThat(v.check(token).reason()).doesNotContain(secret).doesNotContain(token);
    }
  }

  @Test
  void issuerTextIsMadeSafeForLogs() throws Exception {
    String evil = hs256(CHANGEME, "{\"alg\":\"HS256\"}", "{\"iss\":\"a\\r\\nFAKE LOG LINE\",\"exp\":" + (NOW + 10) + "}");
    GripSigValidator v = GripSigValidator.forConfig(GripConfig.fromEnvironment(
        Map.of("GRIP_URL", "http://h?iss=pushpin&key=changeme&verify-iss=pushpin"))).withClock(CLOCK);
    assertThat(v.check(evil).reason()).doesNotContain("\r").doesNotContain("\n").contains("a??FAKE LOG LINE");
  }

  // ---- findings of the hardening review ----

  /** The ways a public key's SubjectPublicKeyInfo is written without its PEM lines, with what they are read from. */
  private static Map<String, java.util.concurrent.Callable<GripSigValidator>> publicKeyAsSecretForms() {
    byte[] der = Base64.getMimeDecoder().decode(VerifyKey.FASTLY_PUBLIC_KEY_PEM
        .replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""));
    String std = Base64.getEncoder().encodeToString(der);
    String url = b64(der);
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    String grip = "http://localhost:5561?verify-key=";
    Map<String, java.util.concurrent.Callable<GripSigValidator>> forms = new java.util.LinkedHashMap<>();
    forms.put("GRIP_URL verify-key, bare base64, URL-encoded", () -> forUrl(grip + enc(std)));
    forms.put("GRIP_URL verify-key, bare base64 pasted as is ('+' read as space)", () -> forUrl(grip + std));
    forms.put("GRIP_URL verify-key, bare base64url", () -> forUrl(grip + url));
    forms.put("GRIP_URL verify-key, base64:", () -> forUrl(grip + "base64:" + enc(std)));
    forms.put("GRIP_URL verify-key, PEM body without its lines", () -> forUrl(grip + enc(body)));
    forms.put("GRIP_URL verify-key, base64: of the PEM body's text",
        () -> forUrl(grip + "base64:" + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.US_ASCII))));
    forms.put("GRIP_URL iss and key, the key doubling as verify key", () -> forUrl(
        "http://localhost:5561?iss=pushpin&key=" + enc(std)));
    forms.put("GRIP_PROXIES verify_key, bare base64", () -> GripSigValidator.forConfig(GripConfig.fromEnvironment(Map.of(
        "GRIP_PROXIES", "[{\"control_uri\":\"http://localhost:5561\",\"verify_key\":\"" + std + "\"}]"))));
    forms.put("GRIP_PROXIES verify_key, oct JWK whose k is the DER", () -> GripSigValidator.forConfig(
        GripConfig.fromEnvironment(Map.of("GRIP_PROXIES", "[{\"control_uri\":\"http://localhost:5561\",\"verify_key\":"
            + "{\"kty\":\"oct\",\"k\":\"" + url + "\"}}]"))));
    forms.put("VerifyKey.parse, PEM body", () -> GripSigValidator.forKey(VerifyKey.parse(body), null));
    forms.put("VerifyKey.hmac, DER bytes", () -> GripSigValidator.forKey(VerifyKey.hmac(der), null));
    forms.put("VerifyKey.hmac, PEM text", () -> GripSigValidator.forKey(
        VerifyKey.hmac(VerifyKey.FASTLY_PUBLIC_KEY_PEM.getBytes(StandardCharsets.US_ASCII)), null));
    return forms;
  }

  private static GripSigValidator forUrl(String gripUrl) {
    return GripSigValidator.forConfig(GripConfig.fromEnvironment(Map.of("GRIP_URL", gripUrl)));
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void publicKeyGivenAsBareBase64CannotBeUsedToForgeGripSig() throws Exception {
    byte[] der = Base64.getMimeDecoder().decode(VerifyKey.FASTLY_PUBLIC_KEY_PEM
        .replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""));
    String std = Base64.getEncoder().encodeToString(der);
    // Every secret the configuration could have made of the public key: what an attacker would sign with.
    List<byte[]> forgeries = List.of(der, std.getBytes(StandardCharsets.US_ASCII),
        std.replace('+', ' ').getBytes(StandardCharsets.US_ASCII), b64(der).getBytes(StandardCharsets.US_ASCII),
        Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der).getBytes(StandardCharsets.US_ASCII),
        VerifyKey.FASTLY_PUBLIC_KEY_PEM.getBytes(StandardCharsets.US_ASCII));
    for (Map.Entry<String, java.util.concurrent.Callable<GripSigValidator>> form : publicKeyAsSecretForms().entrySet()) {
      GripSigValidator v;
      try {
        v = form.getValue().call();
      } catch (org.faasgrip.config.GripConfigException e) {
        assertThat(e.getMessage()).as(form.getKey()).contains("public key").contains("-----BEGIN PUBLIC KEY-----")
            .contains("JWK").doesNotContain(std.substring(40, 60)).doesNotContain(b64(der).substring(40, 60));
        continue;
      }
      for (byte[] secret : forgeries) {
        assertThat(v.withClock(CLOCK).isFromProxy(pushpinToken(secret, NOW + 60)))
            .as(form.getKey() + ": HS256 token signed with the public key's text or bytes").isFalse();
      }
      throw new AssertionError(form.getKey() + ": a public key without its PEM lines must be refused");
    }
  }

  @Test
  void aGripSigOfManyTokensIsRefusedWithoutVerifyingAny() throws Exception {
    GripSigValidator v = GripSigValidator.forConfig(GripConfig.fromEnvironment(Map.of(
        "GRIP_URL", "http://localhost:5561?iss=pushpin&key=changeme"))).withClock(CLOCK);
    String good = pushpinToken(CHANGEME, NOW + 60);
    String bad = pushpinToken("other".getBytes(StandardCharsets.UTF_8), NOW + 60);
    // A chain of proxies adds one token per hop: up to MAX_TOKENS are tried, the good one found last.
    String four = String.join(",", java.util.Collections.nCopies(GripSigValidator.MAX_TOKENS - 1, bad)) + "," + good;
    assertThat(v.check(four).fromProxy()).isTrue();
    assertThat(v.checkValues(List.of(bad, bad + ", " + bad, good)).fromProxy()).as("over several header lines").isTrue();
    // One more, even with the good token first, is refused before any is verified.
    GripSigValidator.Verdict five = v.check(good + ",  ," + String.join(",",
        java.util.Collections.nCopies(GripSigValidator.MAX_TOKENS, bad)));
    assertThat(five.fromProxy()).isFalse();
    assertThat(five.reason()).isEqualTo("Grip-Sig is malformed: it holds 5 tokens; at most "
        + GripSigValidator.MAX_TOKENS + " are checked");
    assertThat(v.checkValues(List.of(good, bad, bad, bad, bad)).fromProxy()).as("over several header lines").isFalse();
    assertThat(v.checkSignedValues(List.of(good, bad, bad, bad, bad)).fromProxy()).isFalse();
    // The header as a whole is bounded too, whatever it holds.
    String padded = good + " ".repeat(GripSigValidator.MAX_HEADER_LENGTH);
    assertThat(v.check(padded).reason()).isEqualTo("Grip-Sig is malformed: it is longer than "
        + GripSigValidator.MAX_HEADER_LENGTH + " characters");
    // Even where presence alone counts (a proxy without verify key), an oversized header is no proof.
    GripSigValidator unsigned = GripSigValidator.forConfig(GripConfig.fromEnvironment(Map.of(
        "GRIP_URL", "http://localhost:5561"))).withClock(CLOCK);
    assertThat(unsigned.check("a,b").fromProxy()).isTrue();
    assertThat(unsigned.check("a,b,c,d,e").fromProxy()).isFalse();
  }

  @Test
  void trailingBytesAfterTheJsonOfAJwsAreRefused() throws Exception {
    GripSigValidator v = pushpin();
    String claims = "{\"iss\":\"pushpin\",\"exp\":" + (NOW + 60) + "}";
    assertThat(v.isFromProxy(hs256(CHANGEME, "{\"alg\":\"HS256\"} \n", claims + "\r\n"))).as("white space").isTrue();
    for (String[] parts : new String[][] {
        {"{\"alg\":\"HS256\"}{\"alg\":\"none\"}", claims},
        {"{\"alg\":\"HS256\"} 1", claims},
        {"{\"alg\":\"HS256\"}", claims + "{\"iss\":\"mallory\"}"},
        {"{\"alg\":\"HS256\"}", claims + "[]"},
        {"{\"alg\":\"HS256\"}", claims + "x"},
        {"{\"alg\":\"HS256\"}", claims + "\u0000"}}) {
      GripSigValidator.Verdict verdict = v.check(hs256(CHANGEME, parts[0], parts[1]));
      assertThat(verdict.fromProxy()).as(parts[0] + " / " + parts[1]).isFalse();
      assertThat(verdict.reason()).startsWith("Grip-Sig is malformed: ");
    }
  }
}
