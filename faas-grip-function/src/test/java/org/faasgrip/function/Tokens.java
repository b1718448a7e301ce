package org.faasgrip.function;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.faasgrip.config.GripConfig;

/** Grip-Sig tokens as Pushpin makes them: HS256 JWTs over {"iss": "pushpin", "exp": ...} with its sig_key. */
final class Tokens {
  static final String KEY = "changeme";
  static final String PUSHPIN_URL = "http://127.0.0.1:5561?verify-iss=pushpin&verify-key=" + KEY;
  static final GripConfig PUSHPIN = GripConfig.fromEnvironment(Map.of("GRIP_URL", PUSHPIN_URL));

  private Tokens() {}

  static String pushpin(long expiresInSeconds) {
    return hs256(KEY, "pushpin", System.currentTimeMillis() / 1000 + expiresInSeconds);
  }

  static String hs256(String key, String iss, long exp) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
    String claims = b64.encodeToString(("{\"iss\":\"" + iss + "\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] sig = mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
      return header + "." + claims + "." + b64.encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
