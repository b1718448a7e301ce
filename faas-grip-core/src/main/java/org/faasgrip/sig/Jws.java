package org.faasgrip.sig;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import org.faasgrip.config.VerifyKey;
import org.faasgrip.internal.Json;

/**
 * A JWS compact token taken apart once, to be checked against one key or several. Only what {@code Grip-Sig}
 * needs: the {@code alg} of the header, and the {@code iss}, {@code exp} and {@code nbf} claims.
 *
 * <p>Built on the JDK's own crypto (SHA-256 for HMAC, java.security.Signature for ECDSA) rather than a JOSE library:
 * see docs/decisions.md for the measured cold-start cost that decided it.
 */
final class Jws {
  /** Longer than any token a proxy sends; bounds the work an attacker can ask for. */
  static final int MAX_TOKEN_LENGTH = 8192;

  final String alg;
  final String iss;
  final Long exp;
  final Long nbf;
  final byte[] signingInput;
  final byte[] signature;

  private Jws(String alg, String iss, Long exp, Long nbf, byte[] signingInput, byte[] signature) {
    this.alg = alg;
    this.iss = iss;
    this.exp = exp;
    this.nbf = nbf;
    this.signingInput = signingInput;
    this.signature = signature;
  }

  /** Parses a token; throws {@link Malformed} with a reason that never quotes the token. */
  static Jws parse(String token) {
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new Malformed("token longer than " + MAX_TOKEN_LENGTH + " characters");
    }
    int d1 = token.indexOf('.');
    int d2 = d1 < 0 ? -1 : token.indexOf('.', d1 + 1);
    if (d1 <= 0 || d2 < 0 || token.indexOf('.', d2 + 1) >= 0 || d2 == d1 + 1) {
      throw new Malformed("not a JWS compact token (three base64url parts separated by '.')");
    }
    byte[] payload = b64(token, d1 + 1, d2, "payload");
    byte[] sig = b64(token, d2 + 1, token.length(), "signature");
    String alg = headerAlg(token, d1);

    String iss = null;
    Long exp = null;
    Long nbf = null;
    try (JsonParser p = Json.FACTORY.createParser(payload)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new Malformed("claims are not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "iss" -> {
            if (v != JsonToken.VALUE_STRING) {
              throw new Malformed("claim 'iss' is not a string");
            }
            iss = p.getText();
          }
          case "exp" -> exp = numericDate(p, v, "exp");
          case "nbf" -> nbf = numericDate(p, v, "nbf");
          default -> p.skipChildren();
        }
      }
      // Another JSON value after the object (jackson reads a sequence of them) would be claims nobody checked.
      if (p.nextToken() != null) {
        throw new Malformed("claims have text after their JSON object");
      }
    } catch (IOException e) {
      throw new Malformed("claims are not valid JSON");
    }
    byte[] input = token.substring(0, d2).getBytes(StandardCharsets.US_ASCII);
    return new Jws(alg, iss, exp, nbf, input, sig);
  }

  /** The last header seen, decoded: a proxy sends the same header on every token, so this skips its parse. */
  private static volatile HeaderMemo lastHeader = new HeaderMemo("", "");

  private record HeaderMemo(String segment, String alg) {}

  private static String headerAlg(String token, int end) {
    HeaderMemo last = lastHeader;
    if (last.segment.length() == end && token.startsWith(last.segment)) {
      return last.alg;
    }
    byte[] header = b64(token, 0, end, "header");
    String alg = null;
    try (JsonParser p = Json.FACTORY.createParser(header)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new Malformed("header is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("alg") && v == JsonToken.VALUE_STRING) {
          alg = p.getText();
        } else if (name.equals("crit")) {
          // RFC 7515 4.1.11: an extension we do not understand must make the token invalid.
          throw new Malformed("header has 'crit' extensions, which are not supported");
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new Malformed("header has text after its JSON object");
      }
    } catch (IOException e) {
      throw new Malformed("header is not valid JSON");
    }
    if (alg == null) {
      throw new Malformed("header has no 'alg'");
    }
    lastHeader = new HeaderMemo(token.substring(0, end), alg);
    return alg;
  }

  private static Long numericDate(JsonParser p, JsonToken v, String name) throws IOException {
    if (v == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (v == JsonToken.VALUE_NUMBER_FLOAT) {
      return (long) Math.floor(p.getDoubleValue());
    }
    throw new Malformed("claim '" + name + "' is not a number");
  }

  private static byte[] b64(String s, int from, int to, String part) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
      if (!ok) {
        throw new Malformed(part + " is not base64url");
      }
    }
    try {
      return Base64.getUrlDecoder().decode(s.substring(from, to));
    } catch (IllegalArgumentException e) {
      throw new Malformed(part + " is not base64url");
    }
  }

  /**
   * Checks the signature with a key. The key alone decides the algorithm: a token that names another one
   * ({@code none}, HS256 against a public key, ...) is refused before any crypto runs.
   *
   * @return null when the signature is good, else why not
   */
  String verifySignature(KeyHolder key) {
    String want = key.key.algorithm();
    if (!want.equals(alg)) {
      return "algorithm '" + safe(alg) + "' does not fit the " + want + " key";
    }
    try {
      if (key.key.isHmac()) {
        byte[] mac = key.hmac(signingInput);
        return MessageDigest.isEqual(mac, signature) ? null : "signature does not match";
      }
      if (signature.length != 64) {
        return "ES256 signature is " + signature.length + " bytes, not 64";
      }
      // r and s must lie in [1, n-1]; the JDK checks too, but some of its releases did not (CVE-2022-21449).
      BigInteger n = key.key.publicKey().getParams().getOrder();
      BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, 32));
      BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
      if (r.signum() == 0 || s.signum() == 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
        return "signature does not match";
      }
      Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
      v.initVerify(key.key.publicKey());
      v.update(signingInput);
      return v.verify(signature) ? null : "signature does not match";
    } catch (GeneralSecurityException e) {
      return "signature could not be checked (" + e.getClass().getSimpleName() + ")";
    }
  }

  /** Makes a token's own text (alg, iss) safe for a log line: no control characters, at most 64 chars. */
  static String safe(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 64) + 3);
    for (int i = 0; i < s.length() && i < 64; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return s.length() > 64 ? b.append("...").toString() : b.toString();
  }

  /** A verify key with what checks it, made once per validator. */
  static final class KeyHolder {
    final VerifyKey key;
    // Made on first use, so that building a validator at start-up loads no digest. Two threads racing make two
    // equal instances; either is fine.
    private volatile HmacSha256 hmac;

    KeyHolder(VerifyKey key) {
      this.key = key;
    }

    byte[] hmac(byte[] input) {
      HmacSha256 h = hmac;
      if (h == null) {
        h = new HmacSha256(key.hmacSecret());
        hmac = h;
      }
      return h.mac(input);
    }

    ECPublicKey publicKey() {
      return key.publicKey();
    }
  }

  /** A token that cannot be read; the message is safe to log. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String reason) {
      super(reason, null, false, false);
    }
  }
}
