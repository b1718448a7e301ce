package org.faasgrip.publisher;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.faasgrip.internal.JsonBytes;

/**
 * The {@code Authorization} header of publish requests to one proxy, chosen by what its configuration holds
 * (protocol.md section 4). Never prints its secret.
 */
abstract class Authorizer {
  /** Validity of a signed token. Short, so that a leaked token is soon useless. */
  static final long JWT_LIFETIME_SECONDS = 600;

  /** A token is re-signed when less than this much of its life is left, so that none expires in flight. */
  static final long JWT_REFRESH_MARGIN_SECONDS = 300;

  private static final String HIDDEN = "(hidden)";

  private static final Authorizer NONE = new Authorizer() {
    @Override
    String header() {
      return null;
    }

    @Override
    public String toString() {
      return "none";
    }
  };

  /** Every form of the secret a proxy might echo, longest first, so that a longer one is hidden whole. */
  private final String[] secrets;
  private final int longestSecretBytes;

  /** @param secrets the forms of the secret to hide; null and empty ones are ignored */
  Authorizer(String... secrets) {
    // A loop, not a stream: this runs on the first publish of a cold start.
    String[] kept = new String[secrets.length];
    int n = 0;
    int longest = 0;
    for (String x : secrets) {
      if (x == null || x.isEmpty() || Arrays.asList(kept).subList(0, n).contains(x)) {
        continue;
      }
      int at = n++;
      while (at > 0 && kept[at - 1].length() < x.length()) {
        kept[at] = kept[at - 1];
        at--;
      }
      kept[at] = x;
      longest = Math.max(longest, x.getBytes(StandardCharsets.UTF_8).length);
    }
    this.secrets = Arrays.copyOf(kept, n);
    this.longestSecretBytes = longest;
  }

  /** Returns the header value, or null to send none. Called for every attempt; cheap. */
  abstract String header();

  /**
   * Removes this authorisation's secrets from a proxy's answer before it goes into an exception or a log: a proxy
   * or a gateway in front of it may echo the request's headers, or the key it was configured with.
   */
  String redact(String text) {
    return hide(text, secrets);
  }

  /**
   * The length in UTF-8 bytes of the longest secret {@link #redact(String)} recognises: a proxy's error body is
   * read that far past the part kept, so that a secret starting in that part is seen whole.
   */
  int longestSecretBytes() {
    return longestSecretBytes;
  }

  /** Replaces every occurrence of a secret, in one pass (a secret is never looked for inside a replacement). */
  static String hide(String text, String[] secrets) {
    if (secrets.length == 0 || text.isEmpty()) {
      return text;
    }
    StringBuilder sb = null;
    int copied = 0;
    int i = 0;
    while (i < text.length()) {
      String hit = null;
      for (String x : secrets) {
        if (text.startsWith(x, i)) {
          hit = x;
          break;
        }
      }
      if (hit == null) {
        i++;
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(text.length());
      }
      sb.append(text, copied, i).append(HIDDEN);
      i += hit.length();
      copied = i;
    }
    return sb == null ? text : sb.append(text, copied, text.length()).toString();
  }

  /**
   * The forms of a key a proxy might echo: its bytes as UTF-8 text (as the body is decoded), and base64 and
   * base64url, with and without padding.
   */
  static String[] keyForms(byte[] key) {
    return new String[] {
        new String(key, StandardCharsets.UTF_8),
        Base64.getEncoder().encodeToString(key),
        Base64.getEncoder().withoutPadding().encodeToString(key),
        Base64.getUrlEncoder().encodeToString(key),
        Base64.getUrlEncoder().withoutPadding().encodeToString(key)};
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /**
   * Chooses the authorisation: {@code iss} and key give a JWT, a key alone is a bearer token, a user and password
   * give Basic.
   *
   * @param proxy how the proxy is named in exceptions
   * @param iss the {@code iss} claim, or null
   * @param key the key, or null
   * @param basic {@code user:password}, or null
   */
  static Authorizer of(String proxy, String iss, byte[] key, String basic) {
    boolean hasKey = key != null && key.length > 0;
    if (iss != null && !iss.isEmpty()) {
      if (!hasKey) {
        throw new PublishException("proxy " + proxy + " has an iss but no key to sign the publish token with");
      }
      return new Jwt(iss, key);
    }
    if (hasKey) {
      return bearer(proxy, key);
    }
    if (basic != null) {
      byte[] pair = basic.getBytes(StandardCharsets.UTF_8);
      int colon = basic.indexOf(':');
      // The user:password pair in every form (the header's is base64), and the password alone.
      String[] forms = keyForms(pair);
      if (colon >= 0) {
        forms = concat(forms, keyForms(basic.substring(colon + 1).getBytes(StandardCharsets.UTF_8)));
      }
      return new Static("Basic " + Base64.getEncoder().encodeToString(pair), "Basic", forms);
    }
    return NONE;
  }

  private static Authorizer bearer(String proxy, byte[] key) {
    for (byte b : key) {
      // A header value is visible ASCII; a binary key only makes sense for signing, with an iss.
      if (b < 0x21 || b > 0x7e) {
        throw new PublishException("proxy " + proxy + " has a key that is not a printable token and no iss:"
            + " a key alone is sent as a bearer token; give an iss to sign a JWT with a binary key");
      }
    }
    return new Static("Bearer " + new String(key, StandardCharsets.US_ASCII), "Bearer", keyForms(key));
  }

  /** A header that never changes: a bearer token or Basic credentials. */
  private static final class Static extends Authorizer {
    private final String header;
    private final String scheme;

    Static(String header, String scheme, String[] secrets) {
      super(secrets);
      this.header = header;
      this.scheme = scheme;
    }

    @Override
    String header() {
      return header;
    }

    @Override
    public String toString() {
      return scheme + " (hidden)";
    }
  }

  /**
   * A JWT signed with HS256 over {@code {"iss": iss, "exp": now + 600}}, re-signed only when its life runs low.
   * Signed with the JDK's HMAC rather than nimbus-jose-jwt: nimbus refuses keys shorter than 256 bits, and GRIP
   * deployments use such keys (Pushpin's default is {@code changeme}); it also keeps the classes loaded at cold
   * start few.
   */
  static final class Jwt extends Authorizer {
    private static final String HEADER_B64 = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    /** The claims up to the expiry's digits, {@code {"iss":"...","exp":}}, as UTF-8: the same for every token. */
    private final byte[] claimsHead;
    private final byte[] key;
    private final LongSupplier clockMillis;
    private volatile Token token;

    Jwt(String iss, byte[] key) {
      this(iss, key, System::currentTimeMillis);
    }

    Jwt(String iss, byte[] key, LongSupplier clockMillis) {
      super(keyForms(key));
      JsonBytes head = new JsonBytes(iss.length() + 16).ascii("{\"iss\":").string(iss).ascii(",\"exp\":");
      this.claimsHead = Arrays.copyOf(head.array(), head.length());
      this.key = key.clone();
      this.clockMillis = clockMillis;
    }

    @Override
    String header() {
      long now = clockMillis.getAsLong();
      Token t = token;
      if (t == null || now >= t.refreshAtMillis) {
        // Two threads may both re-sign at the boundary; both tokens are valid, the last one stays.
        t = sign(now);
        token = t;
      }
      return t.header;
    }

    private Token sign(long nowMillis) {
      long exp = nowMillis / 1000 + JWT_LIFETIME_SECONDS;
      JsonBytes claims = new JsonBytes(claimsHead.length + 21).raw(claimsHead).ascii(Long.toString(exp)).ascii('}');
      String signingInput = HEADER_B64 + '.' + b64url(Arrays.copyOf(claims.array(), claims.length()));
      byte[] sig;
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        sig = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
      } catch (GeneralSecurityException e) {
        throw new PublishException("cannot sign the publish token with HmacSHA256", e);
      }
      long refreshAt = (exp - JWT_REFRESH_MARGIN_SECONDS) * 1000;
      return new Token("Bearer " + signingInput + '.' + b64url(sig), refreshAt);
    }

    /**
     * Hides every token this class signs, the current one, an older one or one cut short, whole: from its
     * header, which is the same for all of them, over the base64url and dots that follow. Then the key's forms.
     */
    @Override
    String redact(String text) {
      int at = text.indexOf(HEADER_B64);
      if (at >= 0) {
        StringBuilder sb = new StringBuilder(text.length());
        int copied = 0;
        while (at >= 0) {
          int end = at + HEADER_B64.length();
          while (end < text.length() && isTokenChar(text.charAt(end))) {
            end++;
          }
          sb.append(text, copied, at).append(HIDDEN);
          copied = end;
          at = text.indexOf(HEADER_B64, end);
        }
        text = sb.append(text, copied, text.length()).toString();
      }
      return super.redact(text);
    }

    private static boolean isTokenChar(char c) {
      return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
          || c == '.';
    }

    @Override
    int longestSecretBytes() {
      // A token: header, claims with the longest expiry, and the 32-byte signature, each base64url.
      return Math.max(super.longestSecretBytes(),
          HEADER_B64.length() + 1 + b64Length(claimsHead.length + 21) + 1 + b64Length(32));
    }

    @Override
    public String toString() {
      return "JWT HS256 (key hidden)";
    }

    private static final class Token {
      final String header;
      final long refreshAtMillis;

      Token(String header, long refreshAtMillis) {
        this.header = header;
        this.refreshAtMillis = refreshAtMillis;
      }
    }
  }

  /** The length of {@code n} bytes in base64 with padding (without it, at most this). */
  static int b64Length(int n) {
    return (n + 2) / 3 * 4;
  }

  static String b64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
