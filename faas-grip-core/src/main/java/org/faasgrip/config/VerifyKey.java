package org.faasgrip.config;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

/**
 * The key that checks a proxy's {@code Grip-Sig} token: either an HMAC secret (Pushpin's {@code sig_key}, for
 * HS256) or an EC P-256 public key (Fastly Fanout, for ES256). The kind of key decides the one algorithm a token
 * may use, so a token cannot choose its own (no {@code none}, no HS256 signed with a public key's bytes).
 *
 * <p>Immutable; {@code toString} never shows the secret.
 */
public final class VerifyKey {
  /** Fastly Fanout's published public key for {@code Grip-Sig} (EC P-256, SubjectPublicKeyInfo PEM). */
  public static final String FASTLY_PUBLIC_KEY_PEM = "-----BEGIN PUBLIC KEY-----\n"
      + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAECKo5A1ebyFcnmVV8SE5On+8G81Jy\n"
      + "BjSvcrx4VLetWCjuDAmppTo3xM/zz763COTCgHfp/6lPdCyYjjqc+GM7sw==\n"
      + "-----END PUBLIC KEY-----\n";

  private final byte[] secret;
  private final ECPublicKey publicKey;

  private VerifyKey(byte[] secret, ECPublicKey publicKey) {
    this.secret = secret;
    this.publicKey = publicKey;
  }

  /**
   * Returns a key for HS256 tokens.
   *
   * @param secret the HMAC secret; copied
   * @return the key
   * @throws GripConfigException if the secret is null or empty, or is a public key (DER, or its base64 or PEM
   *     text): anyone could sign with that, so give a public key to {@link #publicKey} or {@link #parse} as PEM
   */
  public static VerifyKey hmac(byte[] secret) {
    if (secret == null || secret.length == 0) {
      throw new GripConfigException("verify key", "the HMAC secret must not be empty");
    }
    return Keys.hmacKey(secret.clone(), "verify key");
  }

  /**
   * Returns a key for ES256 tokens.
   *
   * @param key an EC public key on the P-256 curve
   * @return the key
   * @throws GripConfigException if the key is not an EC P-256 public key
   */
  public static VerifyKey publicKey(PublicKey key) {
    return new VerifyKey(null, Keys.checkP256(key, "verify key"));
  }

  /**
   * Parses a key written as in {@code GRIP_URL}'s {@code verify-key}: {@code base64:...} (the bytes may
   * themselves be PEM or JWK), a PEM public key, a JWK (EC P-256 or {@code oct}), or plain text (an HMAC
   * secret, as UTF-8). A public key without its PEM lines (bare base64 of its DER, {@code base64:} of it, or a
   * PEM body alone) is refused rather than taken as an HMAC secret that anyone holding it could sign with.
   *
   * @param text the key text
   * @return the key
   * @throws GripConfigException if the text is empty or not a usable key; the message never holds the key
   */
  public static VerifyKey parse(String text) {
    return Keys.verifyKey(text, "verify key");
  }

  /** Returns Fastly Fanout's published {@code Grip-Sig} key ({@link #FASTLY_PUBLIC_KEY_PEM}).
   *
   * @return the Fastly key
   */
  public static VerifyKey fastly() {
    return Keys.fastly();
  }

  static VerifyKey ofChecked(byte[] secret, ECPublicKey key) {
    return new VerifyKey(secret, key);
  }

  /** Returns whether this is an HMAC secret (HS256); otherwise it is an EC public key (ES256).
   *
   * @return true for an HMAC secret
   */
  public boolean isHmac() {
    return secret != null;
  }

  /** Returns the JWT algorithm this key checks: {@code HS256} or {@code ES256}.
   *
   * @return the algorithm name
   */
  public String algorithm() {
    return secret != null ? "HS256" : "ES256";
  }

  /** Returns the HMAC secret, or null for a public key.
   *
   * @return a copy of the secret, or null
   */
  public byte[] hmacSecret() {
    return secret == null ? null : secret.clone();
  }

  /** Returns the EC public key, or null for an HMAC secret.
   *
   * @return the public key, or null
   */
  public ECPublicKey publicKey() {
    return publicKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifyKey k && Arrays.equals(secret, k.secret)
        && (publicKey == null ? k.publicKey == null : k.publicKey != null
            && Arrays.equals(publicKey.getEncoded(), k.publicKey.getEncoded()));
  }

  @Override
  public int hashCode() {
    return secret != null ? Arrays.hashCode(secret) : Arrays.hashCode(publicKey.getEncoded());
  }

  @Override
  public String toString() {
    return secret != null ? "VerifyKey[HS256 secret]" : "VerifyKey[ES256 P-256 public key]";
  }
}
