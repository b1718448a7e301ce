package org.faasgrip.grip;

import java.util.Map;
import java.util.Set;
import org.faasgrip.internal.Checks;

/**
 * A platform-neutral HTTP request as the proxy sent it: method, path, headers and body bytes. Platform adapters
 * build one from their event (API Gateway, Function URL, ALB, ...); the core reads only this.
 *
 * <p>Header names are case-insensitive ({@link Headers}). A header that arrived several times keeps every value,
 * in order.
 * Instances are immutable.
 */
public final class GripRequest {
  private static final byte[] EMPTY = new byte[0];

  private final String method;
  private final String path;
  private final String query;
  private final Headers headers;
  private final byte[] body;

  private GripRequest(Builder b) {
    this.method = b.method;
    this.path = b.path;
    this.query = b.query;
    this.headers = b.headers.build();
    this.body = b.body;
  }

  /** Returns a builder for a request; method defaults to {@code POST}, path to {@code /}, query and body to empty.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the HTTP method, upper case as sent.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /** Returns the request path, without the query string.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * Returns the query string of the request's URI, without the {@code ?}: percent-encoded, as the client sent it,
   * where the platform passes it so (servlets, Cloud Functions, Azure Functions, HTTP API and Function URL events).
   * An API Gateway REST API or ALB event carries only the parameters; the Lambda adapter joins them again, encoding
   * those that REST API decoded, so that the string means what the client's did, though perhaps not byte for byte.
   *
   * @return the query string, such as {@code room=lobby&user=alice}; empty when the URI has none
   */
  public String query() {
    return query;
  }

  /**
   * Returns the first value of a header, or null when the request does not carry it: {@code headers().get(name)}.
   *
   * @param name the header name, in any case
   * @return the first value, or null
   */
  public String header(String name) {
    return headers.get(name);
  }

  /**
   * Returns every header as it arrived, in order; {@link Headers#values(String)} gives every value of a name.
   *
   * @return the headers
   */
  public Headers headers() {
    return headers;
  }

  /**
   * Returns what the proxy says each channel's last delivered item was: every {@code Grip-Last} entry
   * ({@code CHANNEL; last-id=ID}), channel to id, in order. The proxy sends them on the requests it makes by itself
   * for a held connection: a long-poll it retries because a published item's {@code prev-id} did not follow the
   * hold's, and the {@code Grip-Link} next link of a stream (for example to recover items it saw a gap before).
   * Channel names are as the proxy has them, with {@code GRIP_PREFIX}; {@code Grip.lastId(request, channel)} takes
   * it off. Ids are as Pushpin writes them: raw, not a quoted-string. A value with several entries joined by commas is
   * split where a comma is followed by the next {@code CHANNEL; last-id=}.
   *
   * <p>Pushpin strips {@code Grip-*} headers from what a client sends, so through the proxy these are the proxy's;
   * a request that reaches the function another way may carry anything, which {@code Grip-Sig} tells apart.
   *
   * @return channel to last id, unmodifiable; empty when the request carries none
   * @throws GripHeaderException if an entry has no {@code last-id}, a channel name or id holds a character it cannot
   *     hold, a value is longer than 16 KB, or the entries name more than 100 channels
   */
  public Map<String, String> gripLast() {
    return GripRequestHeaders.gripLast(headers);
  }

  /**
   * Returns the features the proxy announces in {@code Grip-Feature}, in order, such as {@code status},
   * {@code session}, {@code link:next} and {@code filter:skip-self}: what the instructions of the response may use.
   * Pushpin 1.36 announces {@code status, session, link:next, filter:skip-self, filter:skip-users,
   * filter:require-sub, filter:build-id, filter:var-subst}.
   *
   * @return the features as written, unmodifiable; empty when the request carries none
   * @throws GripHeaderException if an entry holds a space or a character that is not visible ASCII, a value is
   *     longer than 16 KB, or there are more than 100 features
   */
  public Set<String> gripFeatures() {
    return GripRequestHeaders.gripFeatures(headers);
  }

  /**
   * Tells whether the proxy announces a feature in {@code Grip-Feature}, compared without case: for example
   * {@code hasGripFeature("link:next")} before relying on {@code Grip-Link}.
   *
   * @param feature the feature, such as {@code link:next}
   * @return true when announced
   * @throws GripHeaderException as {@link #gripFeatures()}
   */
  public boolean hasGripFeature(String feature) {
    Checks.notNull(feature, "feature");
    for (String f : gripFeatures()) {
      if (f.equalsIgnoreCase(feature)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the body bytes. The array is the request's own: do not modify it.
   *
   * @return the body, empty when the request had none
   */
  public byte[] body() {
    return body;
  }

  /** Builds a {@link GripRequest}. Not thread-safe. */
  public static final class Builder {
    private String method = "POST";
    private String path = "/";
    private String query = "";
    /** Room for the ten to twenty headers an event carries without growing. */
    private Headers.Builder headers = new Headers.Builder(32);
    private byte[] body = EMPTY;

    private Builder() {}

    /** Sets the HTTP method.
     *
     * @param method the method, such as {@code POST}
     * @return this builder
     */
    public Builder method(String method) {
      this.method = Checks.notNull(method, "method");
      return this;
    }

    /** Sets the path, without the query string.
     *
     * @param path the path
     * @return this builder
     */
    public Builder path(String path) {
      this.path = Checks.notNull(path, "path");
      return this;
    }

    /**
     * Sets the query string of the request's URI, percent-encoded, without the {@code ?}.
     *
     * @param query the query string; null or empty for none
     * @return this builder
     */
    public Builder query(String query) {
      this.query = query == null ? "" : query;
      return this;
    }

    /**
     * Adds one value of a header; a name added twice keeps both values.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     */
    public Builder addHeader(String name, String value) {
      headers.add(name, value);
      return this;
    }

    /**
     * Replaces every header by these.
     *
     * @param headers the headers
     * @return this builder
     */
    public Builder headers(Headers headers) {
      this.headers = Checks.notNull(headers, "headers").newBuilder();
      return this;
    }

    /**
     * Sets the body. The array is kept, not copied: the caller must not change it afterwards.
     *
     * @param body the body bytes; null means no body
     * @return this builder
     */
    public Builder body(byte[] body) {
      this.body = body == null ? EMPTY : body;
      return this;
    }

    /** Builds the request.
     *
     * @return the immutable request
     */
    public GripRequest build() {
      return new GripRequest(this);
    }
  }
}
