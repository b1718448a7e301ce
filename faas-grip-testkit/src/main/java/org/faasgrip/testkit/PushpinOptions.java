package org.faasgrip.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to run one {@link Pushpin}: its routes, the key and issuer it signs {@code Grip-Sig} with, its log level
 * and any further configuration. Immutable; build it with {@link #builder()} or {@link #forOrigin(int)}.
 *
 * <p>Ports, folders and the zurl wiring are not options: {@link Pushpin#start(PushpinOptions)} chooses free
 * loopback ports and a fresh folder every time, so that many instances can run on one machine at once.
 *
 * <p>Arguments: a null, like any other bad value, is refused at once with an {@link IllegalArgumentException}
 * that names the parameter ({@code "key must not be null"}), never a bare {@link NullPointerException}.
 */
public final class PushpinOptions {
  /** Pushpin's own default signing key, used unless {@link Builder#sigKey(String)} says otherwise. */
  public static final String DEFAULT_SIG_KEY = "changeme";
  /** Pushpin's own default issuer, used unless {@link Builder#sigIss(String)} says otherwise. */
  public static final String DEFAULT_SIG_ISS = "pushpin";

  private final List<String> routes;
  private final String sigKey;
  private final String sigIss;
  private final int logLevel;
  private final int httpPort;
  private final Duration startTimeout;
  private final Map<String, Map<String, String>> config;

  private PushpinOptions(Builder b) {
    this.routes = List.copyOf(b.routes);
    this.sigKey = b.sigKey;
    this.sigIss = b.sigIss;
    this.logLevel = b.logLevel;
    this.httpPort = b.httpPort;
    this.startTimeout = b.startTimeout;
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    b.config.forEach((section, entries) -> copy.put(section, Collections.unmodifiableMap(new LinkedHashMap<>(entries))));
    this.config = Collections.unmodifiableMap(copy);
  }

  /**
   * Starts a builder with Pushpin's defaults: no routes, key {@value #DEFAULT_SIG_KEY}, issuer
   * {@value #DEFAULT_SIG_ISS}, debug logging (level 3, which {@link Pushpin#awaitSubscribers} needs), and a
   * start-up timeout of 30 seconds.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Options that route every request to an origin on {@code 127.0.0.1:port}, with WebSockets turned into
   * WebSocket-over-HTTP requests ({@code over_http}), and Pushpin's defaults otherwise.
   *
   * @param port the origin's port on 127.0.0.1
   * @return the options
   * @throws IllegalArgumentException if the port is not between 1 and 65535
   */
  public static PushpinOptions forOrigin(int port) {
    return builder().origin(port).build();
  }

  /**
   * The route lines, in order, as they are written to Pushpin's routes file.
   *
   * @return the route lines (unmodifiable)
   */
  public List<String> routes() {
    return routes;
  }

  /**
   * The key Pushpin signs {@code Grip-Sig} with ({@code sig_key}).
   *
   * @return the key
   */
  public String sigKey() {
    return sigKey;
  }

  /**
   * The issuer Pushpin puts in {@code Grip-Sig} ({@code sig_iss}).
   *
   * @return the issuer
   */
  public String sigIss() {
    return sigIss;
  }

  /**
   * Pushpin's log level: 0 (errors) to 3 (debug).
   *
   * @return the log level
   */
  public int logLevel() {
    return logLevel;
  }

  /**
   * The loopback port the client side binds: 0 (the default) for a free port chosen at start, or the fixed
   * port given to {@link Builder#httpPort(int)}.
   *
   * @return the client port, or 0 for any free one
   */
  public int httpPort() {
    return httpPort;
  }

  /**
   * How long {@link Pushpin#start(PushpinOptions)} waits for Pushpin to answer before it gives up.
   *
   * @return the start-up timeout
   */
  public Duration startTimeout() {
    return startTimeout;
  }

  /**
   * Extra configuration entries by section ({@code global}, {@code runner}, {@code proxy}, {@code handler}),
   * applied over the rig's own.
   *
   * @return the entries by section (unmodifiable)
   */
  public Map<String, Map<String, String>> config() {
    return config;
  }

  @Override
  public String toString() {
    // The key is a secret even in tests: never print it.
    return "PushpinOptions{routes=" + routes + ", sigIss=" + sigIss + ", logLevel=" + logLevel + "}";
  }

  /** Builds {@link PushpinOptions}. Not thread-safe. */
  public static final class Builder {
    private final List<String> routes = new ArrayList<>();
    private String sigKey = DEFAULT_SIG_KEY;
    private String sigIss = DEFAULT_SIG_ISS;
    private int logLevel = 3;
    private int httpPort;
    private Duration startTimeout = Duration.ofSeconds(30);
    private final Map<String, Map<String, String>> config = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds the route {@code * 127.0.0.1:port,over_http}: every request goes to the origin on that port, and
     * WebSockets reach it as WebSocket-over-HTTP requests.
     *
     * @param port the origin's port on 127.0.0.1
     * @return this builder
     * @throws IllegalArgumentException if the port is not between 1 and 65535
     */
    public Builder origin(int port) {
      return route("*", "127.0.0.1:" + checkPort(port), true);
    }

    /**
     * Adds a route: requests matching {@code condition} ({@code *} for all, or a domain) go to {@code target}.
     *
     * @param condition {@code *} or a domain, as in Pushpin's routes file
     * @param target {@code host:port} of the origin; use 127.0.0.1 only
     * @param overHttp whether WebSockets are turned into WebSocket-over-HTTP requests ({@code over_http})
     * @return this builder
     * @throws IllegalArgumentException if condition or target is blank or contains white space
     */
    public Builder route(String condition, String target, boolean overHttp) {
      checkToken("condition", condition);
      checkToken("target", target);
      return routeLine(condition + " " + target + (overHttp ? ",over_http" : ""));
    }

    /**
     * Adds a route line exactly as it is written to Pushpin's routes file, for parameters {@link #route} does
     * not cover (e.g. {@code * 127.0.0.1:8080,over_http,path_beg=/api}).
     *
     * @param line one line of Pushpin's routes file
     * @return this builder
     * @throws IllegalArgumentException if the line is blank or spans several lines
     */
    public Builder routeLine(String line) {
      Args.notNull(line, "line");
      if (line.isBlank() || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("A route line must be one non-blank line, got: \"" + line + "\"");
      }
      routes.add(line.strip());
      return this;
    }

    /**
     * Sets the key Pushpin signs {@code Grip-Sig} with ({@code sig_key}).
     *
     * @param key the key, as Pushpin's configuration takes it
     * @return this builder
     * @throws IllegalArgumentException if the key is empty, has a comma or spans several lines
     */
    public Builder sigKey(String key) {
      Args.notNull(key, "key");
      // Pushpin's configuration reader (QSettings) would read a comma as a list separator.
      if (key.isEmpty() || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0 || key.indexOf(',') >= 0) {
        throw new IllegalArgumentException("sig_key must be one non-empty line without commas");
      }
      this.sigKey = key;
      return this;
    }

    /**
     * Sets the issuer Pushpin puts in {@code Grip-Sig} ({@code sig_iss}).
     *
     * @param iss the issuer
     * @return this builder
     * @throws IllegalArgumentException if the issuer is blank or contains white space
     */
    public Builder sigIss(String iss) {
      checkToken("sig_iss", iss);
      this.sigIss = iss;
      return this;
    }

    /**
     * Sets Pushpin's log level. {@link Pushpin#awaitSubscribers} needs 3 (debug, the default); a benchmark
     * may want 1 or 2 so that logging does not slow Pushpin down.
     *
     * @param level 0 (errors) to 3 (debug)
     * @return this builder
     * @throws IllegalArgumentException if the level is outside 0 to 3
     */
    public Builder logLevel(int level) {
      if (level < 0 || level > 3) {
        throw new IllegalArgumentException("log level must be 0 to 3, got " + level);
      }
      this.logLevel = level;
      return this;
    }

    /**
     * Binds the client side to {@code 127.0.0.1:port} instead of a free port, for a server people connect to
     * at a known address (the demo). The publish side and the internal ports stay free ones. If the port is
     * taken, {@link Pushpin#start(PushpinOptions)} fails.
     *
     * @param port 1 to 65535, or 0 for any free port (the default)
     * @return this builder
     * @throws IllegalArgumentException if the port is outside 0 to 65535
     */
    public Builder httpPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("http port must be 0 to 65535, got " + port);
      }
      this.httpPort = port;
      return this;
    }

    /**
     * Sets how long start-up may take before it fails with the log tail.
     *
     * @param timeout the start-up timeout, positive
     * @return this builder
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public Builder startTimeout(Duration timeout) {
      Args.notNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("start timeout must be positive, got " + timeout);
      }
      this.startTimeout = timeout;
      return this;
    }

    /**
     * Sets one configuration entry, over the rig's own, e.g. {@code config("proxy", "auto_cross_origin",
     * "true")} or {@code config("handler", "message_rate", "100000")}. The rig's ports, folders and zurl
     * wiring can be overridden too, at the caller's risk.
     *
     * @param section {@code global}, {@code runner}, {@code proxy} or {@code handler}
     * @param key the entry's name
     * @param value the entry's value
     * @return this builder
     * @throws IllegalArgumentException if a part is blank or spans several lines, or the section is unknown
     */
    public Builder config(String section, String key, String value) {
      if (!List.of("global", "runner", "proxy", "handler").contains(Args.notNull(section, "section"))) {
        throw new IllegalArgumentException(
            "Unknown Pushpin config section \"" + section + "\": use global, runner, proxy or handler");
      }
      checkToken("config key", key);
      Args.notNull(value, "value");
      if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("config value of " + section + "." + key + " spans several lines");
      }
      config.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, value);
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public PushpinOptions build() {
      return new PushpinOptions(this);
    }

    private static int checkPort(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("origin port must be 1 to 65535, got " + port);
      }
      return port;
    }

    private static void checkToken(String what, String value) {
      Args.notNull(value, what);
      if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(what + " must be non-blank without white space, got \"" + value + "\"");
      }
    }
  }
}
