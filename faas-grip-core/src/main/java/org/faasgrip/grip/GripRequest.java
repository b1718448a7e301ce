package org.faasgrip.grip;

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
  private final Headers headers;
  private final byte[] body;

  private GripRequest(Builder b) {
    this.method = b.method;
    this.path = b.path;
    this.headers = b.headers.build();
    this.body = b.body;
  }

  /** Returns a builder for a request; method defaults to {@code POST}, path to {@code /}, body to empty.
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
