package org.faasgrip.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.faasgrip.internal.Json;

/**
 * The GRIP configuration of a function: the proxies to publish to and whose {@code Grip-Sig} to accept, and
 * the channel prefix. Read from the environment:
 *
 * <ul>
 *   <li>{@code GRIP_URL}: one proxy as a URI, e.g. {@code http://localhost:5561?iss=pushpin&key=base64:...} or
 *       {@code https://api.fastly.com/service/ID?key=TOKEN&verify-iss=fastly:ID&verify-key=...}. The query
 *       parameters {@code iss}, {@code key}, {@code verify-iss}, {@code verify-key} are configuration; any other
 *       stays in the control URI, except one that differs from them only in case or '-'/'_', which is an error
 *       (kept, it would send its value, often the key, in the publish URI). A key is {@code base64:...}
 *       (standard or URL-safe; a '+' that arrived as a space is mended) or plain text; a verify key may also be
 *       a PEM public key or a JWK. A public key without its PEM lines is refused, never taken as an HMAC
 *       secret.
 *   <li>{@code GRIP_PROXIES}: a JSON list of proxies, each
 *       {@code {"control_uri", "control_iss", "key", "verify_iss", "verify_key"}} ({@code control_uri} required;
 *       {@code verify_key} may be a JWK object). Parsed as JSON, so a list of any length works.
 *   <li>{@code GRIP_PREFIX}: put in front of every channel name; empty by default.
 * </ul>
 *
 * <p>When both {@code GRIP_PROXIES} and {@code GRIP_URL} are set, both are used: the proxies of
 * {@code GRIP_PROXIES} first, then the one of {@code GRIP_URL}. (The JavaScript library also combines them.)
 * A variable that is unset, empty or blank counts as unset; values are stripped of surrounding white space.
 * With neither set the configuration has no proxy: reading requests works, and publishing says no proxy is
 * configured.
 *
 * <p>Immutable.
 */
public final class GripConfig {
  /** The environment variable holding one proxy URI. */
  public static final String GRIP_URL = "GRIP_URL";
  /** The environment variable holding a JSON list of proxies. */
  public static final String GRIP_PROXIES = "GRIP_PROXIES";
  /** The environment variable holding the channel prefix. */
  public static final String GRIP_PREFIX = "GRIP_PREFIX";

  private static final GripConfig EMPTY = new GripConfig(List.of(), "");

  private final List<GripProxy> proxies;
  private final String prefix;

  private GripConfig(List<GripProxy> proxies, String prefix) {
    this.proxies = proxies;
    this.prefix = prefix;
  }

  /**
   * Returns a configuration of the given proxies and prefix, for wiring by hand.
   *
   * @param proxies the proxies; copied
   * @param prefix the channel prefix; null for none
   * @return the configuration
   * @throws GripConfigException if proxies is null or holds a null, or the prefix is not usable in a header
   */
  public static GripConfig of(List<GripProxy> proxies, String prefix) {
    if (proxies == null) {
      throw new GripConfigException("GripConfig proxies", "is null");
    }
    for (int i = 0; i < proxies.size(); i++) {
      if (proxies.get(i) == null) {
        throw new GripConfigException("GripConfig proxies[" + i + "]", "is null");
      }
    }
    return new GripConfig(List.copyOf(proxies), checkPrefix(prefix == null ? "" : prefix, "GripConfig prefix"));
  }

  /** Returns the configuration with no proxy and no prefix.
   *
   * @return the empty configuration
   */
  public static GripConfig empty() {
    return EMPTY;
  }

  /**
   * Reads {@code GRIP_URL}, {@code GRIP_PROXIES} and {@code GRIP_PREFIX} from the process environment.
   *
   * @return the configuration
   * @throws GripConfigException if a variable is malformed; the message names it and never holds a key
   */
  public static GripConfig fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Reads {@code GRIP_URL}, {@code GRIP_PROXIES} and {@code GRIP_PREFIX} from a map (tests, or settings that
   * do not come from the environment).
   *
   * @param env the variables by name
   * @return the configuration
   * @throws GripConfigException if a variable is malformed; the message names it and never holds a key
   */
  public static GripConfig fromEnvironment(Map<String, String> env) {
    if (env == null) {
      throw new GripConfigException("environment", "the variable map is null");
    }
    String url = value(env, GRIP_URL);
    String list = value(env, GRIP_PROXIES);
    String prefix = value(env, GRIP_PREFIX);
    if (url == null && list == null && prefix == null) {
      return EMPTY;
    }
    List<GripProxy> proxies = new ArrayList<>();
    if (list != null) {
      proxies.addAll(parseGripProxies(list));
    }
    if (url != null) {
      proxies.add(parseGripUrl(url));
    }
    return new GripConfig(List.copyOf(proxies), prefix == null ? "" : checkPrefix(prefix, GRIP_PREFIX));
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    return v.strip();
  }

  private static String checkPrefix(String prefix, String where) {
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c < 0x21 || c == 0x7f || c == ',' || c == ';' || c == '"') {
        throw new GripConfigException(where, "has a character a channel name cannot hold at index " + i
            + " (white space, a control character, ',', ';' or '\"'): Grip-Channel could not carry it");
      }
    }
    return prefix;
  }

  /**
   * Parses one proxy written as {@code GRIP_URL} is.
   *
   * @param gripUrl the URI with its configuration parameters
   * @return the proxy
   * @throws GripConfigException naming {@code GRIP_URL} and the fault
   */
  public static GripProxy parseGripUrl(String gripUrl) {
    return GripProxy.builder(gripUrl, GRIP_URL).build();
  }

  /**
   * Parses a JSON list of proxies written as {@code GRIP_PROXIES} is.
   *
   * @param json the JSON text
   * @return the proxies, in order
   * @throws GripConfigException naming {@code GRIP_PROXIES[i].field} and the fault
   */
  public static List<GripProxy> parseGripProxies(String json) {
    if (json == null || json.isBlank()) {
      throw new GripConfigException(GRIP_PROXIES, "is empty; expected a JSON list of proxies");
    }
    List<GripProxy> out = new ArrayList<>();
    try (JsonParser p = Json.FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new GripConfigException(GRIP_PROXIES, "must be a JSON list ([{\"control_uri\": ...}, ...])"
            + ", not " + describe(p.currentToken()));
      }
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        String where = GRIP_PROXIES + "[" + out.size() + "]";
        if (t != JsonToken.START_OBJECT) {
          throw new GripConfigException(where, "must be a JSON object with control_uri, not " + describe(t));
        }
        out.add(proxy(p, where));
      }
      if (p.nextToken() != null) {
        throw new GripConfigException(GRIP_PROXIES, "has text after the closing ']'");
      }
    } catch (IOException e) {
      // Jackson's message can quote the text near the error, and that may be a key: give the place only.
      throw new GripConfigException(GRIP_PROXIES, "is not valid JSON" + Keys.at(e));
    }
    return List.copyOf(out);
  }

  private static GripProxy proxy(JsonParser p, String where) throws IOException {
    String controlUri = null;
    String controlIss = null;
    String key = null;
    String verifyIss = null;
    VerifyKey verifyKey = null;
    Set<String> seen = new HashSet<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      String fw = where + "." + name;
      if (!seen.add(name)) {
        throw new GripConfigException(fw, "is given twice");
      }
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      if (name.equals("verify_key") && v == JsonToken.START_OBJECT) {
        verifyKey = Keys.jwk(p, fw);
        continue;
      }
      if (v != JsonToken.VALUE_STRING) {
        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
          p.skipChildren();
        }
        if (isField(name)) {
          throw new GripConfigException(fw, "must be a string, not " + describe(v));
        }
      }
      switch (name) {
        case "control_uri" -> controlUri = p.getText();
        case "control_iss" -> controlIss = p.getText();
        case "key" -> key = p.getText();
        case "verify_iss" -> verifyIss = p.getText();
        case "verify_key" -> verifyKey = Keys.verifyKey(p.getText(), fw);
        default -> {
          String meant = fieldLike(name);
          throw new GripConfigException(fw, "is not a proxy field ("
              + (meant != null ? "did you mean '" + meant + "'? Names are lower case, words joined with '_'"
                  : "expected control_uri, control_iss, key, verify_iss, verify_key") + ")");
        }
      }
    }
    if (controlUri == null) {
      throw new GripConfigException(where, "has no control_uri");
    }
    GripProxy.Builder b = GripProxy.builder(controlUri, where + ".control_uri").where(where);
    if (controlIss != null) {
      if (b.hasControlIss()) {
        throw new GripConfigException(where + ".control_iss", "is also given as iss in control_uri");
      }
      if (controlIss.isEmpty()) {
        throw new GripConfigException(where + ".control_iss", "is empty");
      }
      b.controlIss(controlIss);
    }
    if (key != null) {
      if (b.hasKey()) {
        throw new GripConfigException(where + ".key", "is also given as key in control_uri");
      }
      b.key(Keys.key(key, where + ".key"));
    }
    if (verifyIss != null) {
      if (b.hasVerifyIss()) {
        throw new GripConfigException(where + ".verify_iss", "is also given as verify-iss in control_uri");
      }
      b.verifyIss(verifyIss);
    }
    if (verifyKey != null) {
      if (b.hasVerifyKey()) {
        throw new GripConfigException(where + ".verify_key", "is also given as verify-key in control_uri");
      }
      b.verifyKey(verifyKey);
    }
    return b.build();
  }

  /** Returns the field a name was meant to be when it differs only in case, '-' or '_' (or is GRIP_URL's iss). */
  private static String fieldLike(String name) {
    return switch (ControlUri.squash(name)) {
      case "controluri" -> "control_uri";
      case "controliss", "iss" -> "control_iss";
      case "key" -> "key";
      case "verifyiss" -> "verify_iss";
      case "verifykey" -> "verify_key";
      default -> null;
    };
  }

  private static boolean isField(String name) {
    return switch (name) {
      case "control_uri", "control_iss", "key", "verify_iss", "verify_key" -> true;
      default -> false;
    };
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }

  /** Returns the proxies, in order: those of {@code GRIP_PROXIES}, then that of {@code GRIP_URL}.
   *
   * @return the proxies, unmodifiable; empty when none is configured
   */
  public List<GripProxy> proxies() {
    return proxies;
  }

  /** Returns the channel prefix.
   *
   * @return the prefix; empty, never null, when none is set
   */
  public String prefix() {
    return prefix;
  }

  /** Returns whether at least one proxy is configured.
   *
   * @return true when publishing has somewhere to go
   */
  public boolean hasProxies() {
    return !proxies.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GripConfig c && proxies.equals(c.proxies) && prefix.equals(c.prefix);
  }

  @Override
  public int hashCode() {
    return proxies.hashCode() * 31 + prefix.hashCode();
  }

  @Override
  public String toString() {
    return "GripConfig[proxies=" + proxies + ", prefix=" + prefix + "]";
  }
}
