package org.faasgrip.grip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A platform-neutral HTTP request as the proxy sent it: method, path, headers and body bytes. Platform adapters
 * build one from their event (API Gateway, Function URL, ALB, ...); the core reads only this.
 *
 * <p>Header names are case-insensitive. A header that arrived several times keeps every value, in order.
 * Instances are immutable.
 */
public final class GripRequest {
  private static final byte[] EMPTY = new byte[0];

  private final String method;
  private final String path;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  private GripRequest(Builder b) {
    this.method = b.method;
    this.path = b.path;
    // Copying a sorted map with its own comparator builds the tree in one pass, without comparing names again.
    TreeMap<String, List<String>> copy = new TreeMap<>(b.headers);
    for (Map.Entry<String, List<String>> e : copy.entrySet()) {
      e.setValue(List.copyOf(e.getValue()));
    }
    this.headers = Collections.unmodifiableMap(copy);
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
   * Returns the first value of a header, or null when the request does not carry it.
   *
   * @param name the header name, in any case
   * @return the first value, or null
   */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * Returns every value of a header, in the order received; empty when the request does not carry it.
   *
   * @param name the header name, in any case
   * @return the values, never null
   */
  public List<String> headers(String name) {
    List<String> values = headers.get(name);
    return values == null ? List.of() : values;
  }

  /** Returns the names of all headers, as first seen.
   *
   * @return the header names, in case-insensitive order
   */
  public Set<String> headerNames() {
    return headers.keySet();
  }

  /** Returns all headers: a case-insensitive, unmodifiable map from name to values.
   *
   * @return the headers
   */
  public Map<String, List<String>> headerMap() {
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
    private final TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body = EMPTY;

    private Builder() {}

    /** Sets the HTTP method.
     *
     * @param method the method, such as {@code POST}
     * @return this builder
     */
    public Builder method(String method) {
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    /** Sets the path, without the query string.
     *
     * @param path the path
     * @return this builder
     */
    public Builder path(String path) {
      this.path = Objects.requireNonNull(path, "path");
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
      Objects.requireNonNull(name, "header name");
      Objects.requireNonNull(value, "header value");
      // No computeIfAbsent: a lambda here would bootstrap the invokedynamic machinery on every cold start.
      List<String> values = headers.get(name);
      if (values == null) {
        values = new ArrayList<>(1);
        headers.put(name, values);
      }
      values.add(value);
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
