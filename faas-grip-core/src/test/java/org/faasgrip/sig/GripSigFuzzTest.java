package org.faasgrip.sig;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.faasgrip.config.VerifyKey;
import org.faasgrip.fuzz.FuzzInput;
import org.faasgrip.fuzz.JsonTree;
import org.faasgrip.fuzz.KnownFinding;

/**
 * Coverage-guided fuzzing of {@code Grip-Sig} validation against an oracle written from RFC 7515/7519 and the
 * rules in {@code docs/security.md}. The input is a program ({@link FuzzInput}) that picks the verify key (an
 * HMAC secret or an EC P-256 public key), the issuer to require, the clock, the header and claims JSON, and how
 * to sign: properly, with the wrong algorithm, {@code none}, r = s = 0, HMAC keyed with the public key
 * (algorithm confusion), tampered after signing, or a raw token; and what follows the token in the header (more
 * tokens). The validator never throws; it accepts a token exactly when the oracle does, and only with a signature
 * that really verifies; a header when one of at most four tokens is valid; its reason never quotes the token and
 * has no control character.
 */
class GripSigFuzzTest {
  private static final long NOW = 1_700_000_000L;
  private static final String EC_PRIVATE = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgXQn9OaK6K77FPNps+7uZRaZoHhuaHV"
      + "d1kxzjg/bXi2GhRANCAAR8RHIFqDws3oAcCu1wENHbCTgybzE4bz40X7cmKDrTgclVeMJsi0+JbAMDzIQWPGn/8Ut1gFHvbNH5PSc0teFS";
  private static final String EC_PUBLIC = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEfERyBag8LN6AHArtcBDR2wk4Mm8xOG8+NF+3Jig604"
      + "HJVXjCbItPiWwDA8yEFjxp//FLdYBR72zR+T0nNLXhUg==";
  private static final PrivateKey PRIVATE;
  private static final PublicKey PUBLIC;

  static {
    try {
      KeyFactory ec = KeyFactory.getInstance("EC");
      PRIVATE = ec.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(EC_PRIVATE)));
      PUBLIC = ec.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(EC_PUBLIC)));
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void acceptsExactlyWhatTheOracleAccepts(byte[] data) {
    FuzzInput in = FuzzInput.of(data);
    byte[] secret = "s3cr3t-sig-key".getBytes(StandardCharsets.UTF_8);
    boolean hmacKey = true;
    String verifyIss = null;
    long now = NOW;
    long skew = 60;
    String header = null;
    String claims = "{\"iss\":\"pushpin\",\"exp\":" + (NOW + 600) + "}";
    String sign = "key";
    String signArg = "";
    String rawToken = null;
    StringBuilder append = new StringBuilder();
    while (in.hasNext()) {
      FuzzInput.Op op = in.next();
      switch (op.name()) {
        case "key" -> {
          hmacKey = !op.arg(0).equals("es");
          if (hmacKey && !op.arg(1).isEmpty()) {
            secret = op.arg(1).getBytes(StandardCharsets.UTF_8);
          }
        }
        case "iss" -> verifyIss = op.arg(0);
        case "now" -> now = NOW + op.intArg(0, 0);
        case "skew" -> skew = Math.max(0, op.intArg(0, 60));
        case "header" -> header = op.arg(0);
        case "claims" -> claims = op.arg(0);
        case "sign" -> {
          sign = op.arg(0);
          signArg = op.arg(1);
        }
        case "token" -> rawToken = op.arg(0);
        case "append" -> append.append(op.arg(0));
        default -> { }
      }
    }
    if (header == null) {
      header = hmacKey ? "{\"alg\":\"HS256\",\"typ\":\"JWT\"}" : "{\"alg\":\"ES256\"}";
    }
    String token = rawToken != null ? rawToken : token(header, claims, sign, signArg, hmacKey, secret);
    String headerValue = token + append; // what follows the token: more tokens, or anything

    VerifyKey key = hmacKey ? VerifyKey.hmac(secret) : VerifyKey.publicKey(PUBLIC);
    GripSigValidator validator = GripSigValidator.forKey(key, verifyIss)
        .withClock(Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC))
        .withClockSkew(Duration.ofSeconds(skew));
    boolean valid = validator.isValid(token);
    GripSigValidator.Verdict verdict = validator.check(headerValue);
    assertThat(verdict.fromProxy()).isEqualTo(verdict.signed());
    assertThat(verdict.fromProxy()).as("the header's verdict").isEqualTo(fromHeader(validator, headerValue));
    assertThat(verdict.reason()).isNotBlank();
    if (verifyIss == null || verifyIss.chars().noneMatch(c -> c < 0x20 || c == 0x7f)) {
      // The token's own text is made safe for a log line; the configured issuer is the deployer's.
      assertThat(verdict.reason()).doesNotContainPattern("[\\x00-\\x1f\\x7f]");
    }
    if (token.length() >= 16) {
      assertThat(verdict.reason()).doesNotContain(token);
    }
    if (!append.isEmpty()) {
      return; // the oracle below is for the token alone
    }

    Oracle oracle = new Oracle(token, hmacKey, secret, verifyIss, now, skew);
    if (valid) {
      assertThat(oracle.signatureVerifies).as("accepted without a signature that verifies").isTrue();
      assertThat(oracle.valid).as("accepted, but the oracle refuses: %s", oracle.why).isTrue();
      KnownFinding.GRIP_SIG_TRAILING_JSON.check(!oracle.trailing, () -> "header or claims JSON has text after it");
    } else {
      assertThat(oracle.valid && !oracle.trailing).as("refused (%s), but the oracle accepts", verdict.reason()).isFalse();
    }
  }

  /**
   * A header value as docs/security.md says it is read: tokens separated by commas, at most
   * {@link GripSigValidator#MAX_TOKENS} of them in at most {@link GripSigValidator#MAX_HEADER_LENGTH} characters,
   * from a proxy when one token is valid.
   */
  private static boolean fromHeader(GripSigValidator validator, String value) {
    if (value.length() > GripSigValidator.MAX_HEADER_LENGTH) {
      return false;
    }
    List<String> tokens = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      if (!part.trim().isEmpty()) {
        tokens.add(part.trim());
      }
    }
    return !tokens.isEmpty() && tokens.size() <= GripSigValidator.MAX_TOKENS
        && tokens.stream().anyMatch(validator::isValid);
  }

  private static String token(String header, String claims, String sign, String arg, boolean hmacKey, byte[] secret) {
    String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
    byte[] signingInput = input.getBytes(StandardCharsets.US_ASCII);
    byte[] sig = switch (sign) {
      case "hs" -> hmac(secret, signingInput);
      case "es" -> ecdsa(signingInput);
      case "none" -> new byte[0];
      case "zero" -> new byte[64];
      case "pubhmac" -> hmac(PUBLIC.getEncoded(), signingInput);
      case "raw" -> null;
      default -> hmacKey ? hmac(secret, signingInput) : ecdsa(signingInput);
    };
    if (sig == null) {
      return input + "." + arg;
    }
    String token = input + "." + b64(sig);
    if (sign.equals("tamper")) {
      // One claim changed after signing: the payload's last character.
      int dot = token.lastIndexOf('.');
      char c = token.charAt(dot - 1);
      return token.substring(0, dot - 1) + (c == 'A' ? 'B' : 'A') + token.substring(dot);
    }
    return token;
  }

  static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static byte[] hmac(byte[] key, byte[] input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] ecdsa(byte[] input) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
      s.initSign(PRIVATE);
      s.update(input);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The decision as RFC 7515/7519 and docs/security.md state it, made with the JDK's crypto and jackson. */
  private static final class Oracle {
    boolean signatureVerifies;
    boolean valid;
    boolean trailing;
    String why = "";

    Oracle(String token, boolean hmacKey, byte[] secret, String verifyIss, long now, long skew) {
      if (token.length() > 8192) {
        why = "too long";
        return;
      }
      String[] parts = token.split("\\.", -1);
      if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
        why = "not three parts";
        return;
      }
      byte[] header = decode(parts[0]);
      byte[] claims = decode(parts[1]);
      byte[] sig = decode(parts[2]);
      if (header == null || claims == null || sig == null) {
        why = "not base64url";
        return;
      }
      byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
      signatureVerifies = hmacKey ? java.security.MessageDigest.isEqual(hmac(secret, input), sig) : ecdsaVerifies(input, sig);
      Map<?, ?> h = object(header);
      Map<?, ?> c = object(claims);
      if (h == null || c == null) {
        why = "header or claims not a JSON object";
        return;
      }
      if (!(hmacKey ? "HS256" : "ES256").equals(h.get("alg")) || h.containsKey("crit")) {
        why = "alg or crit";
        return;
      }
      if (!signatureVerifies) {
        why = "signature";
        return;
      }
      if (c.containsKey("iss") && !(c.get("iss") instanceof String)) {
        why = "iss not a string";
        return;
      }
      Double exp = date(c, "exp");
      Double nbf = date(c, "nbf");
      if (exp == null || exp.isNaN() || nbf != null && nbf.isNaN()) {
        why = "exp missing or not a number, or nbf not a number";
        return;
      }
      if (Math.floor(exp) < now - skew || nbf != null && Math.floor(nbf) > now + skew) {
        why = "expired or not yet valid";
        return;
      }
      if (verifyIss != null && !verifyIss.equals(c.get("iss"))) {
        why = "issuer";
        return;
      }
      valid = true;
    }

    private static byte[] decode(String part) {
      if (!part.matches("[A-Za-z0-9_-]*")) {
        return null;
      }
      try {
        return Base64.getUrlDecoder().decode(part);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    private Map<?, ?> object(byte[] json) {
      try {
        JsonTree.Lenient l = JsonTree.parseLenient(json);
        trailing |= l.trailing();
        return l.value() instanceof Map<?, ?> m ? m : null;
      } catch (UncheckedIOException e) {
        return null;
      }
    }

    /**
     * A NumericDate as a double (NaN when present but not a number, or an integer beyond 64 bits, which the
     * library refuses as malformed), or null when absent.
     */
    private static Double date(Map<?, ?> claims, String name) {
      if (!claims.containsKey(name)) {
        return null;
      }
      Object v = claims.get(name);
      return v instanceof Number n && !(v instanceof java.math.BigInteger) ? n.doubleValue() : Double.NaN;
    }

    private static boolean ecdsaVerifies(byte[] input, byte[] sig) {
      if (sig.length != 64) {
        return false;
      }
      try {
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initVerify(PUBLIC);
        s.update(input);
        return s.verify(sig);
      } catch (GeneralSecurityException e) {
        return false;
      }
    }
  }
}
