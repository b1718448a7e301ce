package org.faasgrip.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.faasgrip.internal.Json;

/**
 * Turns key text from the configuration into bytes or keys. Every failure is a {@link GripConfigException}
 * that names where the key was and what is wrong, and never holds the key text nor a library message that
 * could quote it.
 */
final class Keys {
  private static final String BASE64_PREFIX = "base64:";
  private static final String PUBLIC_KEY_AS_SECRET = "the key is a public key (an X.509 SubjectPublicKeyInfo) in a "
      + "form that would make it an HMAC secret, which anyone holding the public key could sign Grip-Sig with; "
      + "give it as PEM with its -----BEGIN PUBLIC KEY----- and -----END PUBLIC KEY----- lines (URL-encoded in "
      + "GRIP_URL) or as a JWK ({\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":...,\"y\":...})";

  private Keys() {}

  /**
   * Decodes a publish key ({@code key}, {@code control_iss}'s secret or Fastly's API token): {@code base64:...}
   * gives the decoded bytes, anything else its UTF-8 bytes.
   */
  static byte[] key(String raw, String where) {
    if (raw == null || raw.isEmpty()) {
      throw new GripConfigException(where, "the key is empty");
    }
    if (raw.startsWith(BASE64_PREFIX)) {
      byte[] b = base64(raw.substring(BASE64_PREFIX.length()), where);
      if (b.length == 0) {
        throw new GripConfigException(where, "the key is empty after 'base64:'");
      }
      return b;
    }
    return raw.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes a {@code verify-key}: {@code base64:...} (whose bytes may be PEM or JWK text), PEM, JWK, or plain
   * text for an HMAC secret.
   */
  static VerifyKey verifyKey(String raw, String where) {
    if (raw == null || raw.isEmpty()) {
      throw new GripConfigException(where, "the key is empty");
    }
    if (raw.startsWith(BASE64_PREFIX)) {
      byte[] b = base64(raw.substring(BASE64_PREFIX.length()), where);
      if (b.length == 0) {
        throw new GripConfigException(where, "the key is empty after 'base64:'");
      }
      // The JS GRIP library accepts a PEM or JWK that was base64-encoded to fit in a URL; so do we.
      if (startsWith(b, "-----") || startsWith(b, "{")) {
        return verifyKeyText(new String(b, StandardCharsets.UTF_8), where);
      }
      return hmacKey(b, where);
    }
    return verifyKeyText(raw, where);
  }

  /**
   * Makes an HMAC verify key, refusing bytes that are a public key (DER) or spell one (base64 or a PEM body).
   * Taken as a secret, a public key lets anyone who has it sign a {@code Grip-Sig} that verifies.
   */
  static VerifyKey hmacKey(byte[] secret, String where) {
    if (isPublicKey(secret)) {
      throw new GripConfigException(where, PUBLIC_KEY_AS_SECRET);
    }
    return VerifyKey.ofChecked(secret, null);
  }

  /**
   * Whether bytes are a DER SubjectPublicKeyInfo, or text whose base64 (after any PEM armour lines and white
   * space are taken out) begins like one. The text test reads the structure up to the BIT STRING's header
   * only, so a body whose '+' arrived as a space further on, or that lost its last line, is still recognised.
   */
  static boolean isPublicKey(byte[] b) {
    if (isSubjectPublicKeyInfo(b, false)) {
      return true;
    }
    String text = base64Text(b);
    if (text == null) {
      return false;
    }
    // A '+' that became a space (GRIP_URL pasted without encoding) or a space between lines: try both readings.
    for (String candidate : new String[] {text.replace(" ", ""), text.replace(' ', '+')}) {
      int n = candidate.length() & ~3;
      if (n < 8) {
        continue;
      }
      byte[] der;
      try {
        der = Base64.getDecoder().decode(candidate.substring(0, n));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (isSubjectPublicKeyInfo(der, true)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the text as base64 in the standard alphabet without padding, line breaks or PEM armour (spaces
   * kept, for the caller to read), or null when it holds anything that is not base64 text.
   */
  private static String base64Text(byte[] b) {
    StringBuilder out = new StringBuilder(b.length);
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xff;
      if (c == '-' && i + 5 <= b.length && b[i + 1] == '-' && b[i + 2] == '-' && b[i + 3] == '-' && b[i + 4] == '-') {
        // "-----BEGIN ...-----" or "-----END ...-----": skip to past the closing dashes.
        int j = i + 5;
        while (j < b.length && b[j] != '-') {
          j++;
        }
        while (j < b.length && b[j] == '-') {
          j++;
        }
        i = j;
        continue;
      }
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
          || c == ' ') {
        out.append((char) c);
      } else if (c == '-') {
        out.append('+');
      } else if (c == '_') {
        out.append('/');
      } else if (c != '\n' && c != '\r' && c != '\t' && c != '=') {
        return null;
      }
      i++;
    }
    return out.toString().strip();
  }

  /**
   * Whether the bytes hold SEQUENCE { SEQUENCE { OBJECT IDENTIFIER ... } BIT STRING }: the shape of every X.509
   * SubjectPublicKeyInfo (EC, RSA or other); bytes after it are allowed. With {@code prefix}, the bytes may stop
   * anywhere after the BIT STRING's tag and length: the declared lengths must agree, but may run past the end.
   */
  static boolean isSubjectPublicKeyInfo(byte[] b, boolean prefix) {
    int[] el = new int[2];
    if (!element(b, 0, prefix ? Integer.MAX_VALUE : b.length, 0x30, el)) {
      return false;
    }
    int outerEnd = el[1];
    if (!element(b, el[0], outerEnd, 0x30, el)) {
      return false;
    }
    int algorithmEnd = el[1];
    if (!element(b, el[0], algorithmEnd, 0x06, el) || !element(b, algorithmEnd, outerEnd, 0x03, el)) {
      return false;
    }
    return el[1] == outerEnd;
  }

  /**
   * Reads a DER tag and length at {@code at}; on success {@code el} holds where the content starts and ends.
   * The content must be non-empty and end by {@code end}; it may run past the bytes (the caller decides).
   */
  private static boolean element(byte[] b, int at, int end, int tag, int[] el) {
    if (at + 2 > b.length || (b[at] & 0xff) != tag) {
      return false;
    }
    int len = b[at + 1] & 0xff;
    int start = at + 2;
    if (len >= 0x80) {
      int count = len & 0x7f;
      if (count == 0 || count > 3 || start + count > b.length) {
        return false;
      }
      len = 0;
      for (int k = 0; k < count; k++) {
        len = len << 8 | b[start++] & 0xff;
      }
    }
    long contentEnd = (long) start + len;
    if (len == 0 || contentEnd > end) {
      return false;
    }
    el[0] = start;
    el[1] = (int) contentEnd;
    return true;
  }

  private static VerifyKey verifyKeyText(String text, String where) {
    String t = text.strip();
    if (t.startsWith("-----")) {
      return VerifyKey.ofChecked(null, pem(t, where));
    }
    if (t.startsWith("{")) {
      try (JsonParser p = Json.FACTORY.createParser(t)) {
        p.nextToken();
        VerifyKey k = jwk(p, where);
        if (p.nextToken() != null) {
          throw new GripConfigException(where, "the JWK has text after its closing '}'");
        }
        return k;
      } catch (IOException e) {
        // Jackson's message may quote the text around the error, which is key material: give the place only.
        throw new GripConfigException(where, "the JWK is not valid JSON" + Keys.at(e));
      }
    }
    return hmacKey(text.getBytes(StandardCharsets.UTF_8), where);
  }

  /** Reads a JWK object; the parser is on its START_OBJECT and is left on its END_OBJECT. */
  static VerifyKey jwk(JsonParser p, String where) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new GripConfigException(where, "a JWK must be a JSON object");
    }
    String kty = null;
    String crv = null;
    String x = null;
    String y = null;
    String k = null;
    boolean priv = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
        p.skipChildren();
        continue;
      }
      if (v != JsonToken.VALUE_STRING) {
        continue;
      }
      switch (name) {
        case "kty" -> kty = p.getText();
        case "crv" -> crv = p.getText();
        case "x" -> x = p.getText();
        case "y" -> y = p.getText();
        case "k" -> k = p.getText();
        case "d", "p", "q", "dp", "dq", "qi" -> priv = true;
        default -> { }
      }
    }
    if (kty == null) {
      throw new GripConfigException(where, "the JWK has no \"kty\"");
    }
    if (priv) {
      throw new GripConfigException(where, "the JWK is a private key; give only the public part (kty, crv, x, y)");
    }
    switch (kty) {
      case "oct" -> {
        if (k == null) {
          throw new GripConfigException(where, "the oct JWK has no \"k\"");
        }
        byte[] secret = base64(k, where);
        if (secret.length == 0) {
          throw new GripConfigException(where, "the oct JWK's \"k\" is empty");
        }
        return hmacKey(secret, where);
      }
      case "EC" -> {
        if (!"P-256".equals(crv)) {
          throw new GripConfigException(where, "the EC JWK's curve is " + (crv == null ? "missing" : "'" + crv + "'")
              + "; only P-256 (ES256) is supported");
        }
        if (x == null || y == null) {
          throw new GripConfigException(where, "the EC JWK needs both \"x\" and \"y\"");
        }
        byte[] xb = base64(x, where);
        byte[] yb = base64(y, where);
        if (xb.length != 32 || yb.length != 32) {
          throw new GripConfigException(where, "the EC JWK's \"x\" and \"y\" must be 32 bytes each");
        }
        ECPoint point = new ECPoint(new BigInteger(1, xb), new BigInteger(1, yb));
        try {
          PublicKey key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, P256.SPEC));
          return VerifyKey.ofChecked(null, checkP256(key, where));
        } catch (GeneralSecurityException e) {
          throw new GripConfigException(where, "the EC JWK is not a valid P-256 public key");
        }
      }
      default -> throw new GripConfigException(where, "the JWK's kty is '" + kty
          + "'; only EC (P-256, for ES256) and oct (HMAC, for HS256) are supported");
    }
  }

  private static ECPublicKey pem(String text, String where) {
    int labelEnd = text.indexOf("-----", 5);
    if (!text.startsWith("-----BEGIN ") || labelEnd < 0) {
      throw new GripConfigException(where, "the PEM key has no '-----BEGIN ...-----' line");
    }
    String label = text.substring(11, labelEnd);
    if (label.contains("PRIVATE")) {
      throw new GripConfigException(where, "the PEM key is a private key (" + label
          + "); Grip-Sig is checked with the proxy's public key");
    }
    if (!label.equals("PUBLIC KEY")) {
      throw new GripConfigException(where, "the PEM block is '" + label + "'; expected 'PUBLIC KEY'");
    }
    int bodyStart = labelEnd + 5;
    int end = text.indexOf("-----END ", bodyStart);
    if (end < 0) {
      throw new GripConfigException(where, "the PEM key has no '-----END PUBLIC KEY-----' line");
    }
    String body = text.substring(bodyStart, end);
    // A PEM inside a URL may arrive with its newlines as spaces, or with its '+' turned into spaces by form
    // decoding: try the first reading, then the second.
    GripConfigException first = null;
    for (String candidate : new String[] {stripWhitespace(body, false), stripWhitespace(body, true)}) {
      try {
        byte[] der = Base64.getMimeDecoder().decode(candidate);
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        return checkP256(key, where);
      } catch (GripConfigException e) {
        throw e;
      } catch (IllegalArgumentException | GeneralSecurityException e) {
        if (first == null) {
          first = new GripConfigException(where,
              "the PEM key is not an EC public key (only EC P-256 keys, for ES256, are supported)");
        }
      }
      if (body.indexOf(' ') < 0) {
        break;
      }
    }
    throw first;
  }

  private static String stripWhitespace(String s, boolean spaceIsPlus) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' && spaceIsPlus) {
        b.append('+');
      } else if (!Character.isWhitespace(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Checks that a key is an EC public key on P-256 whose point lies on the curve. */
  static ECPublicKey checkP256(PublicKey key, String where) {
    if (!(key instanceof ECPublicKey ec)) {
      throw new GripConfigException(where, "the key is not an EC public key (only EC P-256 keys, for ES256, are supported)");
    }
    ECParameterSpec s = ec.getParams();
    ECParameterSpec p256 = P256.SPEC;
    if (!s.getCurve().equals(p256.getCurve()) || !s.getOrder().equals(p256.getOrder())
        || !s.getGenerator().equals(p256.getGenerator())) {
      throw new GripConfigException(where, "the EC key is not on the P-256 curve; ES256 needs P-256");
    }
    if (!onCurve(ec.getW(), p256)) {
      throw new GripConfigException(where, "the EC key's point is not on the P-256 curve");
    }
    return ec;
  }

  private static boolean onCurve(ECPoint w, ECParameterSpec spec) {
    if (w.equals(ECPoint.POINT_INFINITY)) {
      return false;
    }
    BigInteger p = ((java.security.spec.ECFieldFp) spec.getCurve().getField()).getP();
    BigInteger x = w.getAffineX();
    BigInteger y = w.getAffineY();
    if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger lhs = y.multiply(y).mod(p);
    BigInteger rhs = x.pow(3).add(spec.getCurve().getA().multiply(x)).add(spec.getCurve().getB()).mod(p);
    return lhs.equals(rhs);
  }

  /**
   * Decodes base64 in either alphabet (standard or URL-safe), with or without padding, and with a space taken
   * as a '+' that lost its URL encoding.
   */
  static byte[] base64(String s, String where) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case ' ' -> b.append('+');
        case '-' -> b.append('+');
        case '_' -> b.append('/');
        case '\r', '\n', '\t' -> { }
        default -> b.append(c);
      }
    }
    try {
      return Base64.getDecoder().decode(b.toString());
    } catch (IllegalArgumentException e) {
      // The JDK's message quotes the offending character: do not pass it on.
      throw new GripConfigException(where, "the key is not valid base64");
    }
  }

  private static boolean startsWith(byte[] b, String prefix) {
    int i = 0;
    while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
    if (b.length - i < prefix.length()) {
      return false;
    }
    for (int j = 0; j < prefix.length(); j++) {
      if (b[i + j] != prefix.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  /** Describes where a JSON syntax error is, without any of the text. */
  static String at(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
      return " (syntax error at character " + (j.getLocation().getCharOffset() + 1) + ")";
    }
    return "";
  }

  static VerifyKey fastly() {
    return FastlyKey.KEY;
  }

  /** The P-256 domain parameters, made on first use (the EC provider is not loaded before a key needs it). */
  private static final class P256 {
    static final ECParameterSpec SPEC;

    static {
      try {
        AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
        ap.init(new ECGenParameterSpec("secp256r1"));
        SPEC = ap.getParameterSpec(ECParameterSpec.class);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("this JDK has no P-256 curve", e);
      }
    }
  }

  private static final class FastlyKey {
    static final VerifyKey KEY = VerifyKey.ofChecked(null, pem(VerifyKey.FASTLY_PUBLIC_KEY_PEM, "Fastly key"));
  }
}
