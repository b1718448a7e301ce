package org.faasgrip.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GripConfigTest {
  private static final byte[] CHANGEME = "changeme".getBytes(StandardCharsets.UTF_8);

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static ECPublicKey newEcKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    return (ECPublicKey) kp.getPublic();
  }

  static String pem(byte[] der) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static String b64url(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String jwk(ECPublicKey k) {
    return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + b64url(unsigned32(k.getW().getAffineX().toByteArray()))
        + "\",\"y\":\"" + b64url(unsigned32(k.getW().getAffineY().toByteArray())) + "\"}";
  }

  private static byte[] unsigned32(byte[] b) {
    byte[] out = new byte[32];
    int n = Math.min(32, b.length);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  private static GripConfigException configError(Runnable r) {
    try {
      r.run();
    } catch (GripConfigException e) {
      return e;
    }
    throw new AssertionError("expected a GripConfigException");
  }

  // ---- GRIP_URL forms of protocol.md section 5 ----

  @Test
  void pushpinWithoutKey() {
    GripProxy p = GripConfig.parseGripUrl("http://localhost:5561");
    assertThat(p.controlUri()).isEqualTo(URI.create("http://localhost:5561"));
    assertThat(p.publishUri()).isEqualTo(URI.create("http://localhost:5561/publish/"));
    assertThat(p.controlIss()).isNull();
    assertThat(p.key()).isNull();
    assertThat(p.basicAuth()).isNull();
    assertThat(p.verifyIss()).isNull();
    assertThat(p.verifyKey()).isNull();
  }

  @Test
  void pushpinWithIssAndBase64Key() {
    GripProxy p = GripConfig.parseGripUrl("http://localhost:5561/?iss=pushpin&key=base64:Y2hhbmdlbWU=");
    assertThat(p.controlUri()).hasToString("http://localhost:5561");
    assertThat(p.publishUri()).hasToString("http://localhost:5561/publish/");
    assertThat(p.controlIss()).isEqualTo("pushpin");
    assertThat(p.key()).isEqualTo(CHANGEME);
    // As in the GRIP libraries: the JWT key is also the HMAC secret Grip-Sig is checked with.
    assertThat(p.verifyKey().isHmac()).isTrue();
    assertThat(p.verifyKey().hmacSecret()).isEqualTo(CHANGEME);
  }

  @Test
  void plainTextKey() {
    GripProxy p = GripConfig.parseGripUrl("http://localhost:5561?iss=pushpin&key=changeme");
    assertThat(p.key()).isEqualTo(CHANGEME);
  }

  @Test
  void fanoutCloudLegacy() {
    GripProxy p = GripConfig.parseGripUrl("https://api.fanout.io/realm/myrealm?iss=myrealm&key=base64:Y2hhbmdlbWU=");
    assertThat(p.controlUri()).hasToString("https://api.fanout.io/realm/myrealm");
    assertThat(p.publishUri()).hasToString("https://api.fanout.io/realm/myrealm/publish/");
    assertThat(p.controlIss()).isEqualTo("myrealm");
    assertThat(p.key()).isEqualTo(CHANGEME);
  }

  @Test
  void fastlyWithVerifyKeyPem() {
    String url = "https://api.fastly.com/service/SID123?key=apitoken&verify-iss=fastly:SID123&verify-key="
        + enc(VerifyKey.FASTLY_PUBLIC_KEY_PEM);
    GripProxy p = GripConfig.parseGripUrl(url);
    assertThat(p.controlUri()).hasToString("https://api.fastly.com/service/SID123");
    assertThat(p.publishUri()).hasToString("https://api.fastly.com/service/SID123/publish/");
    assertThat(p.controlIss()).isNull();
    assertThat(p.key()).isEqualTo("apitoken".getBytes(StandardCharsets.UTF_8));
    assertThat(p.verifyIss()).isEqualTo("fastly:SID123");
    assertThat(p.verifyKey().isHmac()).isFalse();
    assertThat(p.verifyKey().algorithm()).isEqualTo("ES256");
    assertThat(p.verifyKey()).isEqualTo(VerifyKey.fastly());
  }

  @Test
  void fastlyVerifyKeyPemPastedWithoutEncoding() {
    // A PEM pasted raw: newlines kept, and its '+' turned into spaces by form decoding.
    GripProxy p = GripConfig.parseGripUrl("https://api.fastly.com/service/S?key=t&verify-iss=fastly:S&verify-key="
        + VerifyKey.FASTLY_PUBLIC_KEY_PEM);
    assertThat(p.verifyKey()).isEqualTo(VerifyKey.fastly());
  }

  @Test
  void fastlyWithoutVerifyKeyUsesThePublishedKey() {
    GripProxy p = GripConfig.parseGripUrl("https://api.fastly.com/service/S?key=t&verify-iss=fastly:S");
    assertThat(p.verifyKey()).isEqualTo(VerifyKey.fastly());
  }

  @Test
  void keyAloneIsABearerTokenWithNoVerifyKey() {
    GripProxy p = GripConfig.parseGripUrl("https://api.fastly.com/service/S?key=tok");
    assertThat(p.key()).isEqualTo("tok".getBytes(StandardCharsets.UTF_8));
    assertThat(p.verifyKey()).isNull();
  }

  @Test
  void verifyKeyAsJwkAndBase64Pem() throws Exception {
    ECPublicKey k = newEcKey();
    GripProxy a = GripConfig.parseGripUrl("http://h?verify-key=" + enc(jwk(k)));
    assertThat(a.verifyKey().publicKey().getEncoded()).isEqualTo(k.getEncoded());
    String b64pem = Base64.getEncoder().encodeToString(pem(k.getEncoded()).getBytes(StandardCharsets.US_ASCII));
    GripProxy b = GripConfig.parseGripUrl("http://h?verify-key=base64:" + enc(b64pem));
    assertThat(b.verifyKey().publicKey().getEncoded()).isEqualTo(k.getEncoded());
    GripProxy c = GripConfig.parseGripUrl("http://h?verify-key=sigsecret");
    assertThat(c.verifyKey().hmacSecret()).isEqualTo("sigsecret".getBytes(StandardCharsets.UTF_8));
    GripProxy d = GripConfig.parseGripUrl("http://h?verify-key=" + enc("{\"kty\":\"oct\",\"k\":\"Y2hhbmdlbWU\"}"));
    assertThat(d.verifyKey().hmacSecret()).isEqualTo(CHANGEME);
  }

  @Test
  void base64KeyInEveryAlphabet() {
    byte[] bytes = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf, 0x01};
    // standard "+/+/AQ==", URL-safe "-_-_AQ", '+' written raw (arrives as space), and %2B-encoded
    for (String written : List.of("%2B%2F%2B%2FAQ%3D%3D", "-_-_AQ", "+/+/AQ==", "-_-_AQ==")) {
      GripProxy p = GripConfig.parseGripUrl("http://h?iss=i&key=base64:" + written);
      assertThat(p.key()).as(written).isEqualTo(bytes);
    }
  }

  @Test
  void binaryKeyIsNotTurnedIntoAString() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < 256; i++) {
      bytes[i] = (byte) i;
    }
    GripProxy p = GripConfig.parseGripUrl("http://h?iss=i&key=base64:" + enc(Base64.getEncoder().encodeToString(bytes)));
    assertThat(p.key()).isEqualTo(bytes);
  }

  /** Found by GripConfigFuzzTest: only one slash was removed, so "//" left a control URI ending in '/'. */
  @Test
  void everyTrailingSlashRemoved() {
    GripProxy p = GripConfig.parseGripUrl("http://localhost:5561//");
    assertThat(p.controlUri()).hasToString("http://localhost:5561");
    assertThat(p.publishUri()).hasToString("http://localhost:5561/publish/");
    assertThat(GripConfig.parseGripUrl("https://h/grip///?a=1").publishUri()).hasToString("https://h/grip/publish/?a=1");
  }

  /** Found by GripConfigFuzzTest: a '#' after the '?' went into the control URI as a fragment. */
  @Test
  void aFragmentInTheQueryIsRefusedToo() {
    for (String url : new String[] {"http://h?a=1#x", "http://h?a#key=s3cr3t-k", "http://h?&#561"}) {
      assertThatThrownBy(() -> GripConfig.parseGripUrl(url)).as(url).isInstanceOf(GripConfigException.class)
          .hasMessage("GRIP_URL: has a fragment ('#...'); a control URI has none");
    }
    // In a configuration value, taken as written (a key is not URI text).
    assertThat(GripConfig.parseGripUrl("http://h?key=a%23b#c").key()).isEqualTo("a#b#c".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void trailingSlashRemovedAndExtraQueryKept() {
    GripProxy p = GripConfig.parseGripUrl("https://example.com:8443/grip/?a=1&key=k&b=x%20y&iss=me&verify-iss=v");
    assertThat(p.controlUri()).hasToString("https://example.com:8443/grip?a=1&b=x%20y");
    assertThat(p.publishUri()).hasToString("https://example.com:8443/grip/publish/?a=1&b=x%20y");
    assertThat(p.controlIss()).isEqualTo("me");
    assertThat(p.verifyIss()).isEqualTo("v");
  }

  @Test
  void userinfoBecomesBasicAuthAndLeavesTheUri() {
    GripProxy p = GripConfig.parseGripUrl("http://alice:p%40ss+w@localhost:5561/");
    assertThat(p.controlUri()).hasToString("http://localhost:5561");
    assertThat(p.basicAuth()).isEqualTo("alice:p@ss+w");
    assertThat(p.toString()).doesNotContain("p@ss").doesNotContain("alice");
  }

  @Test
  void ipv6Host() {
    assertThat(GripConfig.parseGripUrl("http://[::1]:5561").publishUri()).hasToString("http://[::1]:5561/publish/");
  }

  @Test
  void toStringNeverShowsKeys() {
    GripProxy p = GripConfig.parseGripUrl("http://u:hunter2@h?iss=pushpin&key=topsecretkey");
    assertThat(p.toString()).doesNotContain("topsecretkey").doesNotContain("hunter2")
        .contains("controlIss=pushpin").contains("key=(set)");
    assertThat(p.verifyKey().toString()).doesNotContain("topsecretkey");
  }

  // ---- GRIP_PROXIES ----

  @Test
  void gripProxiesIsParsedAsJson() throws Exception {
    ECPublicKey k = newEcKey();
    String json = "[\n {\"control_uri\": \"http://localhost:5561/\", \"control_iss\": \"pushpin\", \"key\": \"base64:Y2hhbmdlbWU=\"},"
        + " {\"control_uri\": \"http://127.0.0.1:5562?x=1,2\", \"verify_iss\": \"me\", \"verify_key\": " + jwk(k) + "},"
        + " {\"control_uri\": \"https://api.fastly.com/service/S\", \"key\": \"tok\", \"verify_iss\": \"fastly:S\","
        + " \"verify_key\": \"" + VerifyKey.FASTLY_PUBLIC_KEY_PEM.replace("\n", "\\n") + "\"}]";
    List<GripProxy> ps = GripConfig.parseGripProxies(json);
    assertThat(ps).hasSize(3);
    assertThat(ps.get(0).controlUri()).hasToString("http://localhost:5561");
    assertThat(ps.get(0).controlIss()).isEqualTo("pushpin");
    assertThat(ps.get(0).key()).isEqualTo(CHANGEME);
    assertThat(ps.get(1).controlUri()).hasToString("http://127.0.0.1:5562?x=1,2");
    assertThat(ps.get(1).verifyIss()).isEqualTo("me");
    assertThat(ps.get(1).verifyKey().publicKey().getEncoded()).isEqualTo(k.getEncoded());
    assertThat(ps.get(2).verifyKey()).isEqualTo(VerifyKey.fastly());
    assertThat(GripConfig.parseGripProxies("[]")).isEmpty();
  }

  @Test
  void gripProxiesNullFieldsCountAsAbsent() {
    List<GripProxy> ps = GripConfig.parseGripProxies("[{\"control_uri\":\"http://h\",\"key\":null,\"control_iss\":null}]");
    assertThat(ps.get(0).key()).isNull();
  }

  // ---- environment ----

  @Test
  void neitherSetGivesEmptyConfig() {
    GripConfig c = GripConfig.fromEnvironment(Map.of("PATH", "/bin", "GRIP_URL", "  "));
    assertThat(c.proxies()).isEmpty();
    assertThat(c.prefix()).isEmpty();
    assertThat(c.hasProxies()).isFalse();
  }

  @Test
  void bothSetUsesProxiesThenUrl() {
    Map<String, String> env = new HashMap<>();
    env.put("GRIP_URL", "http://localhost:5561\n");
    env.put("GRIP_PROXIES", "[{\"control_uri\":\"http://a:1\"},{\"control_uri\":\"http://b:2\"}]");
    env.put("GRIP_PREFIX", "app-");
    GripConfig c = GripConfig.fromEnvironment(env);
    assertThat(c.proxies()).extracting(p -> p.controlUri().toString())
        .containsExactly("http://a:1", "http://b:2", "http://localhost:5561");
    assertThat(c.prefix()).isEqualTo("app-");
  }

  @Test
  void prefixAlone() {
    GripConfig c = GripConfig.fromEnvironment(Map.of("GRIP_PREFIX", "p_"));
    assertThat(c.prefix()).isEqualTo("p_");
    assertThat(c.proxies()).isEmpty();
  }

  @Test
  void badPrefixIsNamed() {
    GripConfigException e = configError(() -> GripConfig.fromEnvironment(Map.of("GRIP_PREFIX", "a,b")));
    assertThat(e.variable()).isEqualTo("GRIP_PREFIX");
    assertThat(e).hasMessageStartingWith("GRIP_PREFIX: ");
  }

  @Test
  void builderByHand() {
    GripProxy p = GripProxy.builder(URI.create("http://localhost:5561/")).controlIss("pushpin").key(CHANGEME)
        .verifyIss("pushpin").build();
    assertThat(p.controlUri()).hasToString("http://localhost:5561");
    assertThat(p.verifyKey().hmacSecret()).isEqualTo(CHANGEME);
    assertThat(p.verifyIss()).isEqualTo("pushpin");
    GripProxy q = GripProxy.builder(URI.create("http://h")).basicAuth("u", "pw").build();
    assertThat(q.basicAuth()).isEqualTo("u:pw");
    GripConfig c = GripConfig.of(List.of(p, q), null);
    assertThat(c.proxies()).containsExactly(p, q);
    assertThat(c.prefix()).isEmpty();
  }

  // ---- malformed values: named, never printing the key ----

  @Test
  void malformedGripUrls() {
    assertThat(configError(() -> GripConfig.parseGripUrl("ftp://h")))
        .hasMessage("GRIP_URL: has scheme 'ftp'; expected http or https");
    assertThat(configError(() -> GripConfig.parseGripUrl("localhost:5561")).variable()).isEqualTo("GRIP_URL");
    assertThat(configError(() -> GripConfig.parseGripUrl("http:///nohost")).getMessage()).contains("no host");
    assertThat(configError(() -> GripConfig.parseGripUrl("http://h?iss=x")).getMessage())
        .startsWith("GRIP_URL: ").contains("iss is set without key");
    assertThat(configError(() -> GripConfig.parseGripUrl("http://h?key=a&key=b")))
        .hasMessage("GRIP_URL query parameter key: is given twice");
    assertThat(configError(() -> GripConfig.parseGripUrl("http://h?key=")))
        .hasMessage("GRIP_URL query parameter key: is empty");
    assertThat(configError(() -> GripConfig.parseGripUrl("")).variable()).isEqualTo("GRIP_URL");
  }

  @Test
  void malformedKeyIsNamedButNeverPrinted() {
    String secret = "s3cr3t!!k3y";
    GripConfigException e = configError(() -> GripConfig.parseGripUrl("http://h?iss=i&key=base64:" + secret));
    assertThat(e.variable()).isEqualTo("GRIP_URL query parameter key");
    assertThat(e.getMessage()).contains("base64").doesNotContain(secret).doesNotContain("!");

    GripConfigException v = configError(() -> GripConfig.parseGripUrl("http://h?verify-key=base64:" + secret));
    assertThat(v.variable()).isEqualTo("GRIP_URL query parameter verify-key");
    assertThat(v.getMessage()).doesNotContain(secret);

    GripConfigException pct = configError(() -> GripConfig.parseGripUrl("http://h?key=ab%zzsecretpart"));
    assertThat(pct.getMessage()).contains("%-escape").doesNotContain("secretpart");

    GripConfigException pw = configError(() -> GripConfig.parseGripUrl("http://user:pass word@h"));
    assertThat(pw.variable()).isEqualTo("GRIP_URL");
    assertThat(pw.getMessage()).doesNotContain("pass word").doesNotContain("user");
  }

  @Test
  void malformedVerifyKeys() throws Exception {
    String garbagePem = "-----BEGIN PUBLIC KEY-----\nTk9UQUtFWXNlY3JldA==\n-----END PUBLIC KEY-----";
    GripConfigException e = configError(() -> GripConfig.parseGripUrl("http://h?verify-key=" + enc(garbagePem)));
    assertThat(e.getMessage()).contains("not an EC public key").doesNotContain("Tk9UQUtFWXNlY3JldA");

    String privatePem = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMG\n-----END PRIVATE KEY-----";
    assertThat(configError(() -> GripConfig.parseGripUrl("http://h?verify-key=" + enc(privatePem))).getMessage())
        .contains("private key").doesNotContain("MIGHAgEAMBMG");

    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    String rsaPem = pem(rsa.generateKeyPair().getPublic().getEncoded());
    assertThat(configError(() -> GripConfig.parseGripUrl("http://h?verify-key=" + enc(rsaPem))).getMessage())
        .contains("EC P-256");

    KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
    p384.initialize(new ECGenParameterSpec("secp384r1"));
    String p384Pem = pem(p384.generateKeyPair().getPublic().getEncoded());
    assertThat(configError(() -> GripConfig.parseGripUrl("http://h?verify-key=" + enc(p384Pem))).getMessage())
        .contains("P-256");

    String offCurve = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + b64url(new byte[32]) + "\",\"y\":\""
        + b64url(new byte[32]) + "\"}";
    assertThat(configError(() -> GripConfig.parseGripUrl("http://h?verify-key=" + enc(offCurve))).getMessage())
        .contains("P-256");

    String privJwk = "{\"kty\":\"oct\",\"k\":\"c2VjcmV0c2VjcmV0\",\"d\":\"c2VjcmV0c2VjcmV0\"}";
    assertThat(configError(() -> GripConfig.parseGripUrl("http://h?verify-key=" + enc(privJwk))).getMessage())
        .contains("private").doesNotContain("c2VjcmV0c2VjcmV0");

    String badJson = "{\"kty\":\"oct\",\"k\":c2VjcmV0c2VjcmV0}";
    assertThat(configError(() -> GripConfig.parseGripUrl("http://h?verify-key=" + enc(badJson))).getMessage())
        .contains("not valid JSON").doesNotContain("c2VjcmV0c2VjcmV0");
  }

  @Test
  void malformedGripProxies() {
    assertThat(configError(() -> GripConfig.parseGripProxies("{\"control_uri\":\"http://h\"}")))
        .hasMessageStartingWith("GRIP_PROXIES: must be a JSON list");
    assertThat(configError(() -> GripConfig.parseGripProxies("[{\"control_uri\":\"http://h\"}, \"http://x\"]")))
        .hasMessageStartingWith("GRIP_PROXIES[1]: must be a JSON object");
    assertThat(configError(() -> GripConfig.parseGripProxies("[{\"control_uri\":\"http://h\"},{\"key\":\"k\"}]")))
        .hasMessage("GRIP_PROXIES[1]: has no control_uri");
    assertThat(configError(() -> GripConfig.parseGripProxies("[{\"control_uri\":\"http://h\"},{\"control_uri\":\"http://h\",\"key\":5}]")))
        .hasMessage("GRIP_PROXIES[1].key: must be a string, not a number");
    assertThat(configError(() -> GripConfig.parseGripProxies("[{\"control_uri\":\"http://h\",\"controlUri\":\"x\"}]")).variable())
        .isEqualTo("GRIP_PROXIES[0].controlUri");
    assertThat(configError(() -> GripConfig.parseGripProxies("[{\"control_uri\":\"ftp://h\"}]")).variable())
        .isEqualTo("GRIP_PROXIES[0].control_uri");
    assertThat(configError(() -> GripConfig.parseGripProxies("[{\"control_uri\":\"http://h?key=a\",\"key\":\"b\"}]")).variable())
        .isEqualTo("GRIP_PROXIES[0].key");
    assertThat(configError(() -> GripConfig.parseGripProxies("[{\"control_uri\":\"http://h\",\"key\":\"a\",\"key\":\"b\"}]")))
        .hasMessage("GRIP_PROXIES[0].key: is given twice");
    assertThat(configError(() -> GripConfig.parseGripProxies("[{\"control_uri\":\"http://h\",\"control_iss\":\"i\"}]")).getMessage())
        .startsWith("GRIP_PROXIES[0]: ").contains("iss is set without key");
  }

  @Test
  void gripProxiesSyntaxErrorNeverQuotesTheKey() {
    String secret = "verysecretvalue123";
    String json = "[{\"control_uri\":\"http://h\",\"control_iss\":\"i\",\"key\":" + secret + "}]";
    GripConfigException e = configError(() -> GripConfig.parseGripProxies(json));
    assertThat(e.variable()).isEqualTo("GRIP_PROXIES");
    assertThat(e.getMessage()).contains("not valid JSON").contains("character").doesNotContain(secret)
        .doesNotContain("verysecret");
    GripConfigException viaEnv = configError(() -> GripConfig.fromEnvironment(Map.of("GRIP_PROXIES", json)));
    assertThat(viaEnv.getMessage()).doesNotContain(secret);
    GripConfigException bad64 = configError(() ->
        GripConfig.parseGripProxies("[{\"control_uri\":\"http://h\",\"verify_key\":\"base64:" + secret + "!\"}]"));
    assertThat(bad64.variable()).isEqualTo("GRIP_PROXIES[0].verify_key");
    assertThat(bad64.getMessage()).doesNotContain(secret);
  }

  // ---- findings of the hardening review ----

  @Test
  void misCasedConfigurationParameterIsRefusedAndItsSecretNeverLeaks() {
    String secret = "SECRETkey123";
    for (String name : new String[] {"Key", "KEY", "Iss", "Verify-Key", "VERIFY-ISS", "verify_key", "Verify_Iss",
        "control_iss"}) {
      String url = "http://host:5561?" + name + "=" + secret;
      GripConfigException e = configError(() -> GripConfig.parseGripUrl(url));
      assertThat(e.variable()).as(name).isEqualTo("GRIP_URL query parameter " + name);
      assertThat(e.getMessage()).as(name).contains("did you mean").doesNotContain(secret);
      GripConfigException inList = configError(() -> GripConfig.parseGripProxies(
          "[{\"control_uri\":\"http://host:5561?" + name + "=" + secret + "\"}]"));
      assertThat(inList.variable()).isEqualTo("GRIP_PROXIES[0].control_uri query parameter " + name);
      assertThat(inList.getMessage()).doesNotContain(secret);
    }
    // Names that merely resemble one stay ordinary query parameters.
    assertThat(GripConfig.parseGripUrl("http://host:5561?keys=1&issuer=2&verify=3").controlUri())
        .hasToString("http://host:5561?keys=1&issuer=2&verify=3");
  }

  @Test
  void misCasedGripProxiesMembersAreRefused() {
    String secret = "SECRETkey123";
    for (String name : new String[] {"Key", "KEY", "Control_Uri", "verify-key", "Verify_Key", "controlIss"}) {
      GripConfigException e = configError(() -> GripConfig.parseGripProxies(
          "[{\"control_uri\":\"http://h\",\"" + name + "\":\"" + secret + "\"}]"));
      assertThat(e.variable()).as(name).isEqualTo("GRIP_PROXIES[0]." + name);
      assertThat(e.getMessage()).as(name).contains("did you mean").doesNotContain(secret);
    }
  }

  @Test
  void queryValuesNeverAppearInToStringOrMessages() {
    String secret = "s3cr3tvalue";
    GripProxy p = GripConfig.parseGripUrl("http://host:5561/path?token=" + secret + "&flag&x=" + secret
        + "&iss=pushpin&key=changeme");
    // The publish URI keeps the query: it is where the request goes.
    assertThat(p.publishUri()).hasToString("http://host:5561/path/publish/?token=" + secret + "&flag&x=" + secret);
    assertThat(p.toString()).doesNotContain(secret).contains("http://host:5561/path?token=***&flag&x=***");
    assertThat(GripConfig.of(List.of(p), "").toString()).doesNotContain(secret);
    assertThat(GripConfig.parseGripUrl("https://grip.example.com/realm?tenant=acme&key=tok"))
        .hasToString("GripProxy[controlUri=https://grip.example.com/realm?tenant=***, key=(set)]"); // configuration.md
    assertThat(org.faasgrip.sig.GripSigValidator.forProxy(p).check("a.b.c").reason()).doesNotContain(secret);
    GripConfigException e = configError(() -> GripConfig.parseGripUrl("http://host:5561?token=" + secret + "%zz"));
    assertThat(e.getMessage()).doesNotContain(secret);
  }

  @Test
  void portOutsideOneTo65535IsRefused() {
    for (String port : new String[] {"0", "65536", "99999", "99999999999", "-1", "+80"}) {
      GripConfigException e = configError(() -> GripConfig.parseGripUrl("http://user:pw@host:" + port + "/x?key=k"));
      assertThat(e.variable()).as(port).isEqualTo("GRIP_URL");
      assertThat(e.getMessage()).as(port).contains("port").contains("1 to 65535").doesNotContain("pw");
      assertThat(configError(() -> GripConfig.parseGripUrl("http://[::1]:" + port)).getMessage()).contains("1 to 65535");
    }
    assertThat(GripConfig.parseGripUrl("http://host:1").publishUri()).hasToString("http://host:1/publish/");
    assertThat(GripConfig.parseGripUrl("http://host:65535").publishUri()).hasToString("http://host:65535/publish/");
  }

  @Test
  void publicKeysAreRecognisedInEveryWritingAndOrdinarySecretsAreNot() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    for (byte[] der : new byte[][] {newEcKey().getEncoded(), rsa.generateKeyPair().getPublic().getEncoded()}) {
      String std = Base64.getEncoder().encodeToString(der);
      String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
      for (String text : new String[] {std, std.replace('+', ' '), b64url(der), body, body.replace('\n', ' '),
          pem(der), pem(der).replace('\n', ' ').replace('+', ' '), "  " + std + "\n"}) {
        assertThat(Keys.isPublicKey(text.getBytes(StandardCharsets.US_ASCII))).as(text).isTrue();
        assertThatThrownBy(() -> VerifyKey.hmac(text.getBytes(StandardCharsets.US_ASCII)))
            .isInstanceOf(GripConfigException.class);
      }
      assertThat(Keys.isPublicKey(der)).isTrue();
    }
    // Secrets as people make them: random bytes, their base64 or hex, words. None may be taken for a key.
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] secret = new byte[1 + random.nextInt(96)];
      random.nextBytes(secret);
      if (i % 2 == 0) {
        secret[0] = 0x30; // starts like a DER SEQUENCE, as one in 256 random keys does
      }
      String b64 = Base64.getEncoder().encodeToString(secret);
      String hex = java.util.HexFormat.of().formatHex(secret);
      for (byte[] candidate : new byte[][] {secret, b64.getBytes(StandardCharsets.US_ASCII),
          hex.getBytes(StandardCharsets.US_ASCII)}) {
        assertThat(Keys.isPublicKey(candidate)).as(b64).isFalse();
      }
    }
    for (String word : new String[] {"changeme", "MIIB", "MFkwEwYHKoZIzj0CAQYI", "0000000000000000"}) {
      assertThat(Keys.isPublicKey(word.getBytes(StandardCharsets.US_ASCII))).as(word).isFalse();
    }
  }
}
