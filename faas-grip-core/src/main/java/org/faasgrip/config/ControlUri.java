package org.faasgrip.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a proxy URI as written in {@code GRIP_URL} into its parts: the control URI (no userinfo, no
 * configuration parameters, no trailing slashes; other query parameters kept as written), the Basic credentials
 * from the userinfo, and the configuration parameters {@code iss}, {@code key}, {@code verify-iss},
 * {@code verify-key}, form-decoded.
 *
 * <p>The query is split by hand rather than by {@link URI}, because a key pasted into it (base64 with '+',
 * a PEM with spaces and newlines) is often not a legal URI character sequence, and the JS library took it.
 */
final class ControlUri {
  static final String ISS = "iss";
  static final String KEY = "key";
  static final String VERIFY_ISS = "verify-iss";
  static final String VERIFY_KEY = "verify-key";

  final URI controlUri;
  final URI publishUri;
  final String basicAuth;
  /** The configuration parameters found in the query, decoded, by name. */
  final Map<String, String> params;

  private ControlUri(URI controlUri, URI publishUri, String basicAuth, Map<String, String> params) {
    this.controlUri = controlUri;
    this.publishUri = publishUri;
    this.basicAuth = basicAuth;
    this.params = params;
  }

  static ControlUri parse(String text, String where) {
    if (text == null || text.isBlank()) {
      throw new GripConfigException(where, "the URI is empty");
    }
    String s = text.strip();
    int q = s.indexOf('?');
    String base = q < 0 ? s : s.substring(0, q);
    String query = q < 0 ? null : s.substring(q + 1);

    URI u;
    try {
      u = new URI(base);
    } catch (URISyntaxException e) {
      if (e.getReason().contains("port")) {
        throw new GripConfigException(where, "has a port that is not a number from 1 to 65535");
      }
      // getMessage() would quote the input, which may hold a password: give the reason and the place only.
      throw new GripConfigException(where, "is not a valid URI (" + e.getReason() + " at character "
          + (e.getIndex() + 1) + ")");
    }
    String scheme = u.getScheme();
    if (scheme == null) {
      throw new GripConfigException(where, "is not an absolute URI; expected http://HOST[:PORT][/PATH]");
    }
    scheme = scheme.toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new GripConfigException(where, "has scheme '" + scheme + "'; expected http or https");
    }
    if (u.getHost() == null) {
      if (hasPort(u.getRawAuthority())) {
        throw new GripConfigException(where, "has a port that is not a number from 1 to 65535");
      }
      throw new GripConfigException(where, "has no host (or a host name that is not valid)");
    }
    if (u.getPort() == 0 || u.getPort() > 65535) {
      throw new GripConfigException(where, "has port " + u.getPort() + "; a port is a number from 1 to 65535");
    }
    if (u.getRawFragment() != null) {
      throw new GripConfigException(where, "has a fragment ('#...'); a control URI has none");
    }
    String basicAuth = null;
    String userInfo = u.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
      String pass = colon < 0 ? "" : userInfo.substring(colon + 1);
      basicAuth = percentDecode(user, where, "the user name") + ":" + percentDecode(pass, where, "the password");
    }
    String authority = u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    int pathEnd = path.length();
    while (pathEnd > 0 && path.charAt(pathEnd - 1) == '/') {
      pathEnd--;
    }
    path = path.substring(0, pathEnd);

    Map<String, String> params = new LinkedHashMap<>(4);
    StringBuilder kept = new StringBuilder();
    if (query != null) {
      for (String seg : query.split("&", -1)) {
        if (seg.isEmpty()) {
          continue;
        }
        int eq = seg.indexOf('=');
        String rawName = eq < 0 ? seg : seg.substring(0, eq);
        String name = formDecode(rawName, where, "a query parameter name");
        String meant = isConfig(name) ? null : configNameLike(name);
        if (meant != null) {
          // Kept, it would carry its value (often the key) into the publish URI, with no authorisation set.
          throw new GripConfigException(where + " query parameter " + name, "is not a configuration parameter;"
              + " did you mean '" + meant + "'? Names are lower case, words joined with '-'");
        }
        if (isConfig(name)) {
          String pw = where + " query parameter " + name;
          if (params.containsKey(name)) {
            throw new GripConfigException(pw, "is given twice");
          }
          String value = eq < 0 ? "" : formDecode(seg.substring(eq + 1), pw, "the value");
          if (value.isEmpty()) {
            throw new GripConfigException(pw, "is empty");
          }
          params.put(name, value);
        } else {
          if (seg.indexOf('#') >= 0) {
            // The rest of the query becomes the control URI's, where '#' would start a fragment.
            throw new GripConfigException(where, "has a fragment ('#...'); a control URI has none");
          }
          if (kept.length() > 0) {
            kept.append('&');
          }
          kept.append(seg);
        }
      }
    }
    String prefix = scheme + "://" + authority + path;
    String keptQuery = kept.length() > 0 ? "?" + kept : "";
    try {
      return new ControlUri(new URI(prefix + keptQuery), new URI(prefix + "/publish/" + keptQuery), basicAuth, params);
    } catch (URISyntaxException e) {
      // Only non-configuration parameters are in the URI now; still, say where, not what.
      throw new GripConfigException(where, "has a query that is not valid in a URI (" + e.getReason() + ")");
    }
  }

  static boolean isConfig(String name) {
    return name.equals(ISS) || name.equals(KEY) || name.equals(VERIFY_ISS) || name.equals(VERIFY_KEY);
  }

  /**
   * Returns the configuration parameter a name was meant to be when it differs only in case, in '-' or '_',
   * or is {@code GRIP_PROXIES}' {@code control_iss}; else null.
   */
  static String configNameLike(String name) {
    return switch (squash(name)) {
      case "iss", "controliss" -> ISS;
      case "key" -> KEY;
      case "verifyiss" -> VERIFY_ISS;
      case "verifykey" -> VERIFY_KEY;
      default -> null;
    };
  }

  /** A short name in lower case without '-' and '_', to find what a mis-typed name was meant to be; else "". */
  static String squash(String name) {
    if (name.length() > 12) {
      return "";
    }
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '-' && c != '_') {
        b.append(Character.toLowerCase(c));
      }
    }
    return b.toString();
  }

  /** Whether an authority that {@link URI} could not read as host and port ends in a port (":..."). */
  private static boolean hasPort(String authority) {
    if (authority == null) {
      return false;
    }
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = hostPort.lastIndexOf(':');
    return colon > 0 && colon > hostPort.lastIndexOf(']') && colon < hostPort.length() - 1;
  }

  private static String formDecode(String s, String where, String what) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // URLDecoder's message quotes the input.
      throw new GripConfigException(where, what + " has a malformed %-escape");
    }
  }

  private static String percentDecode(String s, String where, String what) {
    // userinfo is not form-encoded: a '+' stays a '+'.
    return formDecode(s.replace("+", "%2B"), where, what);
  }
}
