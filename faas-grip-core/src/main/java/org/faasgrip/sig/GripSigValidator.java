package org.faasgrip.sig;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.faasgrip.config.GripConfig;
import org.faasgrip.config.GripProxy;
import org.faasgrip.config.VerifyKey;
import org.faasgrip.internal.Uris;

/**
 * Decides whether a request came through a configured GRIP proxy, from its {@code Grip-Sig} header.
 *
 * <p>The decision over all proxies is the one of the GRIP libraries ({@code @fanoutio/grip}'s
 * {@code validateGripSig}):
 * <ol>
 *   <li>No {@code Grip-Sig} header, or no proxy configured: <b>not</b> from a proxy.
 *   <li>Some configured proxy has no verify key: the deployment cannot check signatures, so the header's
 *       presence is taken as proof, and the request <b>is</b> from a proxy (unsigned). Give every proxy a
 *       verify key to require a valid signature.
 *   <li>Every proxy has a verify key: the request is from a proxy when the token is valid for <b>at least
 *       one</b> of them.
 * </ol>
 *
 * <p>A token is valid for a proxy when:
 * <ul>
 *   <li>its {@code alg} is the one the proxy's key is for: {@code HS256} for an HMAC secret (Pushpin's
 *       {@code sig_key}), {@code ES256} for an EC P-256 public key (Fastly). The key decides, never the token:
 *       {@code none}, HS256 presented against a public key, and any other algorithm are refused;
 *   <li>the signature verifies with the key;
 *   <li>it has an {@code exp} claim that is not past, allowing a clock skew (60 seconds unless set with
 *       {@link #withClockSkew(Duration)}) because the proxy's and the function's clocks differ; an
 *       {@code nbf}, if present, is not in the future beyond that skew. A token without {@code exp} is refused:
 *       Pushpin and Fastly always set one, and a token that never expires could be replayed forever;
 *   <li>its {@code iss} equals the proxy's {@code verify-iss}, when one is configured.
 * </ul>
 *
 * <p>Thread-safe and immutable. Construction does no crypto work; the first check loads the JDK's SHA-256 or
 * ECDSA classes. Reasons ({@link Verdict#reason()}) are for logs: they never contain the token or a key.
 */
public final class GripSigValidator {
  /** The clock skew allowed by default when checking {@code exp} and {@code nbf}. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  /**
   * The most tokens one request's {@code Grip-Sig} may hold; more and none is verified. Each proxy that signs
   * adds one, and a gateway joins repeated headers with commas: a real request carries one, a chain of proxies
   * one per hop. Four leaves room for a chain of that length while bounding an ES256 check (milliseconds of
   * CPU per token and key) to a handful of verifications per request.
   */
  public static final int MAX_TOKENS = 4;

  /**
   * The longest {@code Grip-Sig} taken, all its values together, in characters; longer and none is verified.
   * A proxy's token is a few hundred characters; this is twice the longest single token read.
   */
  public static final int MAX_HEADER_LENGTH = 2 * Jws.MAX_TOKEN_LENGTH;

  private final List<Entry> entries;
  private final boolean needsSigned;
  private final String unsignedReason;
  private final Clock clock;
  private final long skewSeconds;

  private record Entry(String label, Jws.KeyHolder key, String verifyIss) {}

  private GripSigValidator(List<Entry> entries, boolean needsSigned, String unsignedReason, Clock clock,
      long skewSeconds) {
    this.entries = entries;
    this.needsSigned = needsSigned;
    this.unsignedReason = unsignedReason;
    this.clock = clock;
    this.skewSeconds = skewSeconds;
  }

  /**
   * Returns a validator for every proxy of a configuration.
   *
   * @param config the configuration
   * @return the validator
   * @throws GripSigException if config is null
   */
  public static GripSigValidator forConfig(GripConfig config) {
    if (config == null) {
      throw new GripSigException("the configuration to validate Grip-Sig against is null");
    }
    return forProxies(config.proxies());
  }

  /**
   * Returns a validator for one proxy.
   *
   * @param proxy the proxy
   * @return the validator
   * @throws GripSigException if proxy is null
   */
  public static GripSigValidator forProxy(GripProxy proxy) {
    if (proxy == null) {
      throw new GripSigException("the proxy to validate Grip-Sig against is null");
    }
    return forProxies(List.of(proxy));
  }

  /**
   * Returns a validator for a list of proxies.
   *
   * @param proxies the proxies
   * @return the validator
   * @throws GripSigException if proxies is null or holds a null
   */
  public static GripSigValidator forProxies(List<GripProxy> proxies) {
    if (proxies == null) {
      throw new GripSigException("the proxy list to validate Grip-Sig against is null");
    }
    List<Entry> entries = new ArrayList<>(proxies.size());
    boolean needsSigned = true;
    String unsigned = null;
    for (int i = 0; i < proxies.size(); i++) {
      GripProxy p = proxies.get(i);
      if (p == null) {
        throw new GripSigException("proxy " + i + " of the list is null");
      }
      String label = "proxy " + i + " (" + Uris.forLogs(p.controlUri()) + ")";
      if (p.verifyKey() == null) {
        if (needsSigned) {
          unsigned = label + " has no verify key, so Grip-Sig is taken without checking its signature";
        }
        needsSigned = false;
      } else {
        entries.add(new Entry(label, new Jws.KeyHolder(p.verifyKey()), p.verifyIss()));
      }
    }
    return new GripSigValidator(List.copyOf(entries), needsSigned && !proxies.isEmpty(),
        proxies.isEmpty() ? null : unsigned, Clock.systemUTC(), DEFAULT_CLOCK_SKEW.getSeconds());
  }

  /**
   * Returns a validator for one key, as {@code isValid(token, key, iss)} of the GRIP libraries.
   *
   * @param key the verify key
   * @param verifyIss the issuer the token must carry; null to accept any
   * @return the validator
   * @throws GripSigException if key is null
   */
  public static GripSigValidator forKey(VerifyKey key, String verifyIss) {
    if (key == null) {
      throw new GripSigException("the Grip-Sig verify key is null");
    }
    return new GripSigValidator(List.of(new Entry("key", new Jws.KeyHolder(key), verifyIss)), true, null,
        Clock.systemUTC(), DEFAULT_CLOCK_SKEW.getSeconds());
  }

  /**
   * Returns a copy that reads the time from another clock (for tests, or a corrected clock).
   *
   * @param clock the clock
   * @return the new validator
   * @throws GripSigException if clock is null
   */
  public GripSigValidator withClock(Clock clock) {
    if (clock == null) {
      throw new GripSigException("clock is null");
    }
    return new GripSigValidator(entries, needsSigned, unsignedReason, clock, skewSeconds);
  }

  /**
   * Returns a copy that allows another clock skew on {@code exp} and {@code nbf}.
   *
   * @param skew the skew, zero or more
   * @return the new validator
   * @throws GripSigException if skew is null or negative
   */
  public GripSigValidator withClockSkew(Duration skew) {
    if (skew == null || skew.isNegative()) {
      throw new GripSigException("clock skew must be zero or more");
    }
    return new GripSigValidator(entries, needsSigned, unsignedReason, clock, skew.getSeconds());
  }

  /**
   * Returns whether a request with this {@code Grip-Sig} header came through a configured proxy.
   *
   * @param gripSigHeader the header value (comma-separated tokens, see {@link #check(String)}); null or empty
   *     when the request had none
   * @return true when it is from a proxy, by the rule in the class comment
   */
  public boolean isFromProxy(String gripSigHeader) {
    return check(gripSigHeader).fromProxy();
  }

  /**
   * Returns whether a token is valid for one of the keys, ignoring the unsigned-proxy rule: true only for a
   * signature that verifies.
   *
   * @param token one token (no commas)
   * @return true when the token verifies for at least one key
   */
  public boolean isValid(String token) {
    if (token == null || token.isEmpty() || entries.isEmpty()) {
      return false;
    }
    return verify(token).fromProxy();
  }

  /**
   * Decides, and says why: for logs when a request is refused. The value is a list of tokens separated by
   * commas (a JWT holds none), as when a gateway joins repeated headers or a chain of proxies each adds one;
   * the request is from a proxy when one of them is valid. A header longer than {@link #MAX_HEADER_LENGTH} or
   * with more than {@link #MAX_TOKENS} tokens is refused without verifying any.
   *
   * @param gripSigHeader the header value; null or empty when the request had none
   * @return the verdict with its reason
   */
  public Verdict check(String gripSigHeader) {
    return decide(gripSigHeader == null ? List.of() : List.of(gripSigHeader), false);
  }

  /**
   * Decides for a request whose {@code Grip-Sig} header came as several values (repeated header lines), each
   * read as in {@link #check(String)}; the bounds apply to all of them together.
   *
   * @param gripSigValues the header's values, in order; empty when the request had none
   * @return the verdict with its reason
   */
  public Verdict checkValues(List<String> gripSigValues) {
    return decide(gripSigValues, false);
  }

  /**
   * Decides as {@link #checkValues(List)} but ignoring the unsigned-proxy rule: the request is from a proxy only
   * when one of its tokens has a signature that verifies with a configured verify key.
   *
   * @param gripSigValues the header's values, in order; empty when the request had none
   * @return the verdict with its reason
   */
  public Verdict checkSignedValues(List<String> gripSigValues) {
    return decide(gripSigValues, true);
  }

  /**
   * Throws unless the request came through a configured proxy.
   *
   * @param gripSigHeader the header value; null or empty when the request had none
   * @throws GripSigException saying why the request is not from a proxy
   */
  public void requireFromProxy(String gripSigHeader) {
    Verdict v = check(gripSigHeader);
    if (!v.fromProxy()) {
      throw new GripSigException("request is not from a configured GRIP proxy: " + v.reason());
    }
  }

  private Verdict decide(List<String> values, boolean signedOnly) {
    if (values == null) {
      return NO_HEADER;
    }
    // Bounds first, before any token is parsed: the header is the attacker's, each ES256 check costs milliseconds.
    int length = 0;
    int tokens = 0;
    for (int v = 0; v < values.size(); v++) {
      String value = values.get(v);
      if (value == null) {
        continue;
      }
      length += value.length() + (v > 0 ? 1 : 0);
      if (length > MAX_HEADER_LENGTH) {
        return new Verdict(false, false, "Grip-Sig is malformed: it is longer than " + MAX_HEADER_LENGTH
            + " characters");
      }
      tokens += countTokens(value);
    }
    if (tokens == 0) {
      return NO_HEADER;
    }
    if (tokens > MAX_TOKENS) {
      return new Verdict(false, false, "Grip-Sig is malformed: it holds " + tokens + " tokens; at most "
          + MAX_TOKENS + " are checked");
    }
    if (!signedOnly && !needsSigned) {
      if (unsignedReason == null) {
        return new Verdict(false, false, "no proxy is configured");
      }
      return new Verdict(true, false, unsignedReason);
    }
    if (entries.isEmpty()) {
      return new Verdict(false, false, "no configured proxy has a verify key");
    }
    Verdict first = null;
    for (String value : values) {
      if (value == null) {
        continue;
      }
      int from = 0;
      while (from <= value.length()) {
        int comma = value.indexOf(',', from);
        int to = comma < 0 ? value.length() : comma;
        String token = value.substring(from, to).trim();
        if (!token.isEmpty()) {
          Verdict v = verify(token);
          if (v.fromProxy()) {
            return v;
          }
          if (first == null) {
            first = v;
          }
        }
        from = to + 1;
      }
    }
    return tokens == 1 ? first : new Verdict(false, false, "none of its " + tokens + " tokens is valid; the first: "
        + first.reason());
  }

  private static final Verdict NO_HEADER = new Verdict(false, false, "no Grip-Sig header");

  /** Counts the non-blank comma-separated parts of a header value. */
  private static int countTokens(String value) {
    int count = 0;
    boolean inToken = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',') {
        inToken = false;
      } else if (c > ' ' && !inToken) {
        inToken = true;
        count++;
      }
    }
    return count;
  }

  private Verdict verify(String token) {
    Jws jws;
    try {
      jws = Jws.parse(token);
    } catch (Jws.Malformed e) {
      return new Verdict(false, false, "Grip-Sig is malformed: " + e.getMessage());
    }
    long now = clock.instant().getEpochSecond();
    StringBuilder why = entries.size() > 1 ? new StringBuilder("no configured proxy accepts it: ") : null;
    String only = null;
    for (Entry e : entries) {
      String fault = jws.verifySignature(e.key);
      if (fault == null) {
        fault = claimsFault(jws, e.verifyIss, now);
      }
      if (fault == null) {
        return new Verdict(true, true, "signature valid for " + e.label);
      }
      if (why != null) {
        if (why.charAt(why.length() - 2) != ':') {
          why.append("; ");
        }
        why.append(e.label).append(": ").append(fault);
      } else {
        only = fault;
      }
    }
    return new Verdict(false, false, why != null ? why.toString() : "Grip-Sig rejected: " + only);
  }

  private String claimsFault(Jws jws, String verifyIss, long now) {
    if (jws.exp == null) {
      return "token has no 'exp'";
    }
    // exp and nbf are the token's numbers, as large as it likes: sums are held at the long range, not wrapped.
    if (now > saturatedAdd(jws.exp, skewSeconds)) {
      return "token expired " + (jws.exp == Long.MIN_VALUE ? Long.MAX_VALUE : saturatedAdd(now, -jws.exp)) + " s ago";
    }
    if (jws.nbf != null && saturatedAdd(now, skewSeconds) < jws.nbf) {
      return "token not valid for another " + (jws.nbf - now) + " s ('nbf')";
    }
    if (verifyIss != null && !verifyIss.equals(jws.iss)) {
      return jws.iss == null ? "token has no 'iss'; expected '" + verifyIss + "'"
          : "issuer '" + Jws.safe(jws.iss) + "' is not the expected '" + verifyIss + "'";
    }
    return null;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }

  /**
   * The outcome of a check: whether the request is from a proxy, whether a signature proved it, and why.
   *
   * @param fromProxy whether the request is taken as coming from a configured proxy
   * @param signed whether a valid signature proved it (false when accepted unsigned, or refused)
   * @param reason why, for logs; never holds the token or a key
   */
  public record Verdict(boolean fromProxy, boolean signed, String reason) {}
}
