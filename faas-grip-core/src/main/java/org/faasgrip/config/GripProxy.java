package org.faasgrip.config;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.faasgrip.internal.Uris;

/**
 * One GRIP proxy: where to publish, how to authenticate the publish, and how to check the {@code Grip-Sig} of
 * the requests it forwards.
 *
 * <ul>
 *   <li>{@link #controlUri()}: the proxy's control API, such as {@code http://localhost:5561} or
 *       {@code https://api.fastly.com/service/SERVICE_ID}; {@link #publishUri()} is it plus {@code /publish/}.
 *   <li>Publish authorisation: {@link #controlIss()} and {@link #key()} together mean a HS256 JWT signed with
 *       the key; {@link #key()} alone is a bearer token (Fastly's API token); {@link #basicAuth()} comes from
 *       the URI's userinfo.
 *   <li>{@link #verifyKey()} and {@link #verifyIss()} check {@code Grip-Sig}. When no verify key is given, it
 *       is derived as the GRIP libraries do: with {@code iss} and {@code key}, the key is also the HMAC secret
 *       Pushpin signs with; with a {@code verify-iss} starting {@code fastly:}, it is Fastly's published key.
 * </ul>
 *
 * <p>Immutable. {@code toString} shows the control URI (query values as {@code ***}) and which credentials are
 * set, never their values.
 */
public final class GripProxy {
  private final URI controlUri;
  private final URI publishUri;
  private final String controlIss;
  private final byte[] key;
  private final String basicAuth;
  private final String verifyIss;
  private final VerifyKey verifyKey;

  private GripProxy(Builder b, VerifyKey verifyKey) {
    this.controlUri = b.uri.controlUri;
    this.publishUri = b.uri.publishUri;
    this.controlIss = b.controlIss;
    this.key = b.key;
    this.basicAuth = b.basicAuth;
    this.verifyIss = b.verifyIss;
    this.verifyKey = verifyKey;
  }

  /**
   * Returns a builder for a proxy at a control URI. The URI is read as {@code GRIP_URL} is: its userinfo becomes
   * Basic credentials, its {@code iss}, {@code key}, {@code verify-iss} and {@code verify-key} query parameters
   * set those values (a builder method called later replaces them), and trailing slashes are removed.
   *
   * @param controlUri the proxy's control URI
   * @return a new builder
   * @throws GripConfigException if the URI is null, not http(s), or holds a malformed parameter
   */
  public static Builder builder(URI controlUri) {
    if (controlUri == null) {
      throw new GripConfigException("GripProxy control URI", "is null");
    }
    return builder(controlUri.toString(), "GripProxy control URI");
  }

  static Builder builder(String text, String where) {
    ControlUri parsed = ControlUri.parse(text, where);
    Builder b = new Builder(parsed);
    b.basicAuth = parsed.basicAuth;
    Map<String, String> p = parsed.params;
    String pw = where + " query parameter ";
    if (p.containsKey(ControlUri.ISS)) {
      b.controlIss = p.get(ControlUri.ISS);
    }
    if (p.containsKey(ControlUri.KEY)) {
      b.key = Keys.key(p.get(ControlUri.KEY), pw + ControlUri.KEY);
    }
    if (p.containsKey(ControlUri.VERIFY_ISS)) {
      b.verifyIss = p.get(ControlUri.VERIFY_ISS);
    }
    if (p.containsKey(ControlUri.VERIFY_KEY)) {
      b.verifyKey = Keys.verifyKey(p.get(ControlUri.VERIFY_KEY), pw + ControlUri.VERIFY_KEY);
    }
    b.where = where;
    return b;
  }

  /** Returns the control URI: no userinfo, no configuration parameters, no trailing slashes; other query kept.
   *
   * @return the control URI
   */
  public URI controlUri() {
    return controlUri;
  }

  /** Returns the publish endpoint: the control URI's path plus {@code /publish/}, with its query.
   *
   * @return the publish URI
   */
  public URI publishUri() {
    return publishUri;
  }

  /** Returns the JWT issuer for publishing, or null when publishing does not use a JWT.
   *
   * @return the issuer, or null
   */
  public String controlIss() {
    return controlIss;
  }

  /** Returns the publish key (JWT secret with {@link #controlIss()}, bearer token without), or null.
   *
   * @return a copy of the key bytes, or null
   */
  public byte[] key() {
    return key == null ? null : key.clone();
  }

  /** Returns {@code user:password} from the URI's userinfo, decoded, or null.
   *
   * @return the Basic credentials, or null
   */
  public String basicAuth() {
    return basicAuth;
  }

  /** Returns the issuer a {@code Grip-Sig} token must carry, or null when any issuer is accepted.
   *
   * @return the issuer, or null
   */
  public String verifyIss() {
    return verifyIss;
  }

  /** Returns the key that checks {@code Grip-Sig}, or null when this proxy's tokens cannot be checked.
   *
   * @return the verify key, or null
   */
  public VerifyKey verifyKey() {
    return verifyKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GripProxy p
        && controlUri.equals(p.controlUri)
        && Objects.equals(controlIss, p.controlIss)
        && Arrays.equals(key, p.key)
        && Objects.equals(basicAuth, p.basicAuth)
        && Objects.equals(verifyIss, p.verifyIss)
        && Objects.equals(verifyKey, p.verifyKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(controlUri, controlIss, Arrays.hashCode(key), basicAuth, verifyIss, verifyKey);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("GripProxy[controlUri=").append(Uris.forLogs(controlUri));
    if (controlIss != null) {
      b.append(", controlIss=").append(controlIss);
    }
    if (key != null) {
      b.append(", key=(set)");
    }
    if (basicAuth != null) {
      b.append(", basicAuth=(set)");
    }
    if (verifyIss != null) {
      b.append(", verifyIss=").append(verifyIss);
    }
    if (verifyKey != null) {
      b.append(", verifyKey=").append(verifyKey.algorithm());
    }
    return b.append(']').toString();
  }

  /** Builds a {@link GripProxy}. Not thread-safe. */
  public static final class Builder {
    private final ControlUri uri;
    private String where = "GripProxy";
    private String controlIss;
    private byte[] key;
    private String basicAuth;
    private String verifyIss;
    private VerifyKey verifyKey;

    private Builder(ControlUri uri) {
      this.uri = uri;
    }

    /**
     * Sets the JWT issuer for publishing; needs a {@link #key(byte[]) key}.
     *
     * @param iss the issuer; null for none
     * @return this builder
     */
    public Builder controlIss(String iss) {
      this.controlIss = iss;
      return this;
    }

    /**
     * Sets the publish key: the JWT secret with an issuer, the bearer token without.
     *
     * @param key the key bytes; copied; null for none
     * @return this builder
     */
    public Builder key(byte[] key) {
      this.key = key == null ? null : key.clone();
      return this;
    }

    /**
     * Sets Basic credentials for publishing.
     *
     * @param user the user name
     * @param password the password
     * @return this builder
     * @throws GripConfigException if the user name holds a ':' or either is null
     */
    public Builder basicAuth(String user, String password) {
      if (user == null || password == null) {
        throw new GripConfigException(where, "Basic credentials need a user name and a password");
      }
      if (user.indexOf(':') >= 0) {
        throw new GripConfigException(where, "a Basic user name cannot hold ':'");
      }
      this.basicAuth = user + ":" + password;
      return this;
    }

    /**
     * Sets the issuer a {@code Grip-Sig} token must carry.
     *
     * @param iss the issuer; null to accept any
     * @return this builder
     */
    public Builder verifyIss(String iss) {
      this.verifyIss = iss;
      return this;
    }

    /**
     * Sets the key that checks {@code Grip-Sig}.
     *
     * @param key the key; null to derive it (see the class comment)
     * @return this builder
     */
    public Builder verifyKey(VerifyKey key) {
      this.verifyKey = key;
      return this;
    }

    Builder where(String where) {
      this.where = where;
      return this;
    }

    boolean hasControlIss() {
      return controlIss != null;
    }

    boolean hasKey() {
      return key != null;
    }

    boolean hasVerifyIss() {
      return verifyIss != null;
    }

    boolean hasVerifyKey() {
      return verifyKey != null;
    }

    /**
     * Builds the proxy.
     *
     * @return the immutable proxy
     * @throws GripConfigException if an issuer is set without a key, or when the key, which with an issuer and
     *     no verify key also checks {@code Grip-Sig}, is a public key
     */
    public GripProxy build() {
      if (controlIss != null && key == null) {
        throw new GripConfigException(where, "iss is set without key; a publish JWT needs both");
      }
      if (key != null && key.length == 0) {
        throw new GripConfigException(where, "the key is empty");
      }
      VerifyKey vk = verifyKey;
      if (vk == null && controlIss != null) {
        if (Keys.isPublicKey(key)) {
          throw new GripConfigException(where, "the key (with iss, also the HMAC secret Grip-Sig is checked with) "
              + "is a public key, which anyone holding it could sign Grip-Sig with; give the proxy's public key as "
              + "verify-key instead, as PEM with its -----BEGIN PUBLIC KEY----- and -----END PUBLIC KEY----- lines "
              + "or as a JWK, and the publish secret as key");
        }
        vk = VerifyKey.ofChecked(key.clone(), null);
      } else if (vk == null && verifyIss != null && verifyIss.startsWith("fastly:")) {
        vk = Keys.fastly();
      }
      return new GripProxy(this, vk);
    }
  }
}
