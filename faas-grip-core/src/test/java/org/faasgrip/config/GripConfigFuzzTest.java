package org.faasgrip.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.crypto.KeyAgreement;
import org.faasgrip.fuzz.KnownFinding;
import org.faasgrip.sig.GripSigValidator;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the configuration readers: {@code GRIP_URL}, {@code GRIP_PROXIES} and a verify key.
 * Any text gives a proxy or a {@link GripConfigException}, nothing else; a proxy's control URI is an absolute
 * http(s) URI without userinfo, fragment or configuration parameter, its publish URI is the control URI plus
 * {@code /publish/}; and no key, token or password of the text appears in an exception message or a
 * {@code toString()}
 * (values holding {@value #MARKER}, as the seeds' secrets do, are looked for).
 */
class GripConfigFuzzTest {
  /** The seeds' keys, tokens and passwords hold this, and the fuzzer keeps it while it mutates around it. */
  static final String MARKER = "s3cr3t";

  @FuzzTest(maxDuration = "60s")
  void gripUrl(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    List<String> secrets = urlSecrets(text);
    GripProxy proxy;
    try {
      proxy = GripConfig.parseGripUrl(text);
    } catch (GripConfigException e) {
      assertNoSecret(e.getMessage(), secrets);
      assertThat(e.variable()).startsWith(GripConfig.GRIP_URL);
      return;
    }
    checkProxy(proxy, secrets);
  }

  @FuzzTest(maxDuration = "60s")
  void gripProxies(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    List<String> secrets = jsonSecrets(text);
    List<GripProxy> proxies;
    try {
      proxies = GripConfig.parseGripProxies(text);
    } catch (GripConfigException e) {
      assertNoSecret(e.getMessage(), secrets);
      assertThat(e.variable()).startsWith(GripConfig.GRIP_PROXIES);
      return;
    }
    for (GripProxy p : proxies) {
      checkProxy(p, secrets);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void verifyKey(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    VerifyKey key;
    try {
      key = VerifyKey.parse(text);
    } catch (GripConfigException e) {
      assertNoSecret(e.getMessage(), secretIfLong(text.strip()));
      return;
    }
    assertNoSecret(key.toString(), secretIfLong(text.strip()));
    checkVerifyKey(key);
  }

  /** The oracle's own check: it knows a public key in each form that can be written from one, and only those. */
  @Test
  void publicKeyDetectorKnowsEveryFormAndOnlyThose() {
    String pem = VerifyKey.FASTLY_PUBLIC_KEY_PEM;
    String base64 = pem.replaceAll("-----[A-Z ]+-----|\\s", "");
    byte[] der = Base64.getDecoder().decode(base64);
    assertThat(looksLikePublicKey(der)).isTrue();
    assertThat(looksLikePublicKey(base64.getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(looksLikePublicKey(base64.replace('+', '-').replace('/', '_').replace("=", "")
        .getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(looksLikePublicKey(pem.getBytes(StandardCharsets.US_ASCII))).isTrue();
    byte[] offCurve = der.clone();
    offCurve[offCurve.length - 1] ^= 1;
    assertThat(looksLikePublicKey(offCurve)).isFalse();
    assertThat(looksLikePublicKey("s3cr3t-hmac".getBytes(StandardCharsets.US_ASCII))).isFalse();
  }

  private static void checkProxy(GripProxy proxy, List<String> secrets) {
    URI control = proxy.controlUri();
    assertThat(control.isAbsolute()).isTrue();
    assertThat(control.getScheme()).isIn("http", "https");
    assertThat(control.getHost()).isNotNull();
    assertThat(control.getRawUserInfo()).isNull();
    assertThat(control.getRawFragment()).isNull();
    assertThat(control.getRawPath()).doesNotEndWith("/");
    String query = control.getRawQuery();
    assertThat(proxy.publishUri().toString())
        .isEqualTo(control.getScheme() + "://" + control.getRawAuthority() + control.getRawPath() + "/publish/"
            + (query == null ? "" : "?" + query));
    for (String name : paramNames(query)) {
      assertThat(ControlUri.isConfig(name)).as("configuration parameter %s left in the control URI", name).isFalse();
      KnownFinding.GRIP_URL_MISCASED_PARAMS.check(!ControlUri.isConfig(name.toLowerCase(Locale.ROOT)),
          () -> "parameter '" + name + "' is configuration in another case, and stays in the control URI");
    }
    int port = control.getPort();
    KnownFinding.GRIP_URL_PORT_RANGE.check(port == -1 || port >= 1 && port <= 65535, () -> "port " + port);
    if (proxy.controlIss() != null) {
      assertThat(proxy.key()).isNotEmpty();
    }
    if (proxy.verifyKey() != null) {
      checkVerifyKey(proxy.verifyKey());
    }
    assertNoSecret(proxy.toString(), secrets);
    GripSigValidator.forProxy(proxy).check("a.b.c"); // a validator is made of every proxy that parses
  }

  private static void checkVerifyKey(VerifyKey key) {
    assertThat(key.algorithm()).isIn("HS256", "ES256");
    if (key.isHmac()) {
      byte[] secret = key.hmacSecret();
      assertThat(secret).isNotEmpty();
      KnownFinding.VERIFY_KEY_PUBLIC_KEY_AS_HMAC.check(!looksLikePublicKey(secret),
          () -> "a public key is taken as an HMAC secret");
    } else {
      assertThat(key.publicKey()).isNotNull();
    }
  }

  /**
   * A public key's DER, its base64 or base64url (white space and padding aside), or a PEM public key: bytes
   * anyone who has the public key can write, so never an HMAC secret. (A text that only decodes to one after
   * skipping what is not base64, or a PEM with something before its BEGIN line, is not: those bytes are not
   * known from the key.)
   */
  static boolean looksLikePublicKey(byte[] secret) {
    if (isDerPublicKey(secret)) {
      return true;
    }
    String text = new String(secret, StandardCharsets.UTF_8);
    String t = text.strip();
    if (t.startsWith("-----BEGIN") && t.contains("PUBLIC KEY")) {
      return true;
    }
    String compact = t.replaceAll("\\s", "");
    if (!compact.matches("[A-Za-z0-9+/_-]+=*")) {
      return false;
    }
    String plain = compact.replace('-', '+').replace('_', '/').replace("=", "");
    if (plain.length() % 4 == 1) {
      return false;
    }
    try {
      return isDerPublicKey(Base64.getDecoder().decode(plain + "==".substring(0, (4 - plain.length() % 4) % 4)));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A SubjectPublicKeyInfo of a usable key: RSA, Ed25519, or EC with its point on the curve (an ECDH checks it). */
  private static boolean isDerPublicKey(byte[] der) {
    for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
      try {
        PublicKey key = KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
        if (key instanceof ECPublicKey ec) {
          KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
          g.initialize(ec.getParams());
          KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
          ecdh.init(g.generateKeyPair().getPrivate());
          ecdh.doPhase(key, true);
        }
        return true;
      } catch (Exception e) {
        // not this kind, or not a usable key
      }
    }
    return false;
  }


  private static List<String> paramNames(String query) {
    List<String> names = new ArrayList<>();
    if (query != null) {
      for (String seg : query.split("&")) {
        int eq = seg.indexOf('=');
        try {
          names.add(URLDecoder.decode(eq < 0 ? seg : seg.substring(0, eq), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          names.add(eq < 0 ? seg : seg.substring(0, eq));
        }
      }
    }
    return names;
  }

  // ---- secrets: what must never be printed ----

  /** Values of key and verify-key (any case: a mis-cased one is still a key) and the userinfo password. */
  private static List<String> urlSecrets(String text) {
    List<String> out = new ArrayList<>();
    int q = text.indexOf('?');
    if (q >= 0) {
      for (String seg : text.substring(q + 1).split("&")) {
        int eq = seg.indexOf('=');
        String name = eq < 0 ? seg : seg.substring(0, eq).toLowerCase(Locale.ROOT);
        if (eq >= 0 && (name.equals("key") || name.equals("verify-key"))) {
          boolean exact = seg.startsWith(ControlUri.KEY + "=") || seg.startsWith(ControlUri.VERIFY_KEY + "=");
          // A mis-cased key stays in the control URI (a known finding, checked on its own).
          if (exact || KnownFinding.GRIP_URL_MISCASED_PARAMS.enforced()) {
            addSecret(out, seg.substring(eq + 1), text);
          }
        }
      }
    }
    int scheme = text.indexOf("://");
    int authorityEnd = scheme + 3;
    while (scheme >= 0 && authorityEnd < text.length() && "/?#".indexOf(text.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    int at = scheme < 0 ? -1 : text.lastIndexOf('@', authorityEnd - 1);
    if (at > scheme + 3) {
      String userInfo = text.substring(scheme + 3, at);
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        addSecret(out, userInfo.substring(colon + 1), text);
      }
    }
    return out;
  }

  /** String values of key and verify_key members, and of JWK members k and d, wherever they are. */
  private static List<String> jsonSecrets(String text) {
    List<String> out = new ArrayList<>();
    for (String member : new String[] {"\"key\"", "\"verify_key\"", "\"k\"", "\"d\""}) {
      int from = 0;
      int i;
      while ((i = text.indexOf(member, from)) >= 0) {
        from = i + member.length();
        int colon = text.indexOf(':', from);
        int open = colon < 0 ? -1 : text.indexOf('"', colon);
        int close = open < 0 ? -1 : text.indexOf('"', open + 1);
        if (close > open && text.substring(from, colon).isBlank() && text.substring(colon + 1, open).isBlank()) {
          addSecret(out, text.substring(open + 1, close), text);
        }
      }
    }
    return out;
  }

  private static List<String> secretIfLong(String s) {
    List<String> out = new ArrayList<>();
    addSecret(out, s, s);
    return out;
  }

  /**
   * A value is looked for as a secret when it holds the marker {@value #MARKER} (which no message of the library
   * holds, so a message cannot match it by chance) and is found once in the text (so a part of the text that is
   * printed on purpose, such as the host, is not it).
   */
  private static void addSecret(List<String> out, String secret, String text) {
    if (secret.contains(MARKER) && text.indexOf(secret) == text.lastIndexOf(secret)) {
      out.add(secret);
      try {
        String decoded = URLDecoder.decode(secret, StandardCharsets.UTF_8);
        if (!decoded.equals(secret) && decoded.contains(MARKER) && !text.contains(decoded)) {
          out.add(decoded);
        }
      } catch (IllegalArgumentException e) {
        // only the raw form
      }
    }
  }

  private static void assertNoSecret(String printed, List<String> secrets) {
    for (String s : secrets) {
      assertThat(printed).as("printed text holds a secret").doesNotContain(s);
    }
  }
}
