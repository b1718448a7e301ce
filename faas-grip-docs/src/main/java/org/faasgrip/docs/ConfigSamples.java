package org.faasgrip.docs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.faasgrip.config.GripConfig;
import org.faasgrip.config.GripProxy;
import org.faasgrip.config.VerifyKey;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.function.Grip;

/** The samples of {@code docs/configuration.md}. */
public final class ConfigSamples {
  private ConfigSamples() {}

  /**
   * Parses a {@code GRIP_URL} of each kind of proxy.
   *
   * @return Pushpin without auth, Pushpin with a JWT, Fanout Cloud, Fastly Fanout
   */
  public static List<GripProxy> gripUrls() {
    // tag::config-grip-url[]
    GripProxy local = GripConfig.parseGripUrl("http://127.0.0.1:5561");
    GripProxy pushpin = GripConfig.parseGripUrl(
        "http://127.0.0.1:5561?iss=pushpin&key=base64:Y2hhbmdlbWU=");       // "changeme", Pushpin's default
    GripProxy fanoutCloud = GripConfig.parseGripUrl(
        "https://api.fanout.io/realm/myrealm?iss=myrealm&key=base64:c2VjcmV0");
    GripProxy fastly = GripConfig.parseGripUrl(
        "https://api.fastly.com/service/SERVICE_ID?key=API_TOKEN&verify-iss=fastly:SERVICE_ID");
    // end::config-grip-url[]
    return List.of(local, pushpin, fanoutCloud, fastly);
  }

  /**
   * Parses a {@code GRIP_PROXIES} list of two proxies.
   *
   * @return the proxies
   */
  public static List<GripProxy> gripProxies() {
    // tag::config-grip-proxies[]
    List<GripProxy> proxies = GripConfig.parseGripProxies("""
        [
          {"control_uri": "http://pushpin-a:5561", "control_iss": "pushpin", "key": "base64:Y2hhbmdlbWU="},
          {"control_uri": "http://pushpin-b:5561", "control_iss": "pushpin", "key": "base64:Y2hhbmdlbWU=",
           "verify_iss": "pushpin"}
        ]""");
    // end::config-grip-proxies[]
    return proxies;
  }

  /**
   * Reads a configuration from a map, as from the environment.
   *
   * @return the instance
   */
  public static Grip fromMap() {
    // tag::config-env[]
    Grip grip = Grip.fromEnvironment(Map.of(
        "GRIP_URL", "http://127.0.0.1:5561?iss=pushpin&key=changeme",
        "GRIP_PREFIX", "staging-",
        "GRIP_VERIFY", "required"));
    // grip.config().prefix() is "staging-"; grip.signatureRequired() is true
    // end::config-env[]
    return grip;
  }

  /**
   * Wires a configuration by hand, without the environment.
   *
   * @param keyFromSecretsManager the shared key
   * @return the instance, also installed for {@link FaasGrip}'s static methods
   */
  public static Grip byHand(String keyFromSecretsManager) {
    // tag::config-by-hand[]
    byte[] key = keyFromSecretsManager.getBytes(StandardCharsets.UTF_8);
    GripProxy proxy = GripProxy.builder(URI.create("http://127.0.0.1:5561"))
        .controlIss("pushpin").key(key)                   // publish with a HS256 JWT
        .verifyIss("pushpin").verifyKey(VerifyKey.hmac(key))   // check Grip-Sig with the same secret
        .build();
    Grip grip = Grip.builder()
        .config(GripConfig.of(List.of(proxy), "staging-"))
        .requireSignature(true)
        .build();
    FaasGrip.install(grip);                               // what FaasGrip's static methods use from now on
    // end::config-by-hand[]
    return grip;
  }
}
