package org.faasgrip.grip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.faasgrip.GripException;
import org.faasgrip.internal.Checks;

/**
 * A platform-neutral HTTP request as the proxy sent it: method, path, headers and body bytes. Platform adapters
 * build one from their event (API Gateway, Function URL, ALB, ...); the core reads only this.
 *
 * <p>Header names are case-insensitive. A header that arrived several times keeps every value, in order.
 * Instances are immutable.
 */
public final class GripRequest {
  private static final byte[] EMPTY = new byte[0];
  private static final String[] NO_HEADERS = new String[0];

  private final String method;
  private final String path;
  /**
   * Every header as it arrived, name at {@code 2i} and value at {@code 2i + 1}. Events carry ten to twenty
   * headers and the core reads a handful of them: a linear scan of a flat array finds a name faster than a
   * case-insensitive tree is built, let alone searched.
   */
  private final String[] pairs;
  private final int headerCount;
  private final byte[] body;
  /**
   * The sorted map of {@link #headerMap()}, built on first use. Not volatile, and written once per thread at
   * worst: the map is built only from the final {@code pairs} and published as a fully built unmodifiable map
   * whose own fields are final, so a thread that sees the reference sees the whole map, and a thread that does
   * not builds an equal one (the racy single-check idiom, as {@code String.hashCode} uses).
   */
  private Map<String, List<String>> headerMap;

  private GripRequest(Builder b) {
    this.method = b.method;
    this.path = b.path;
    this.headerCount = b.count;
    // The builder's array is handed over, not copied: the builder copies it before it writes again.
    this.pairs = b.count == 0 ? NO_HEADERS : b.pairs;
    b.shared = b.count != 0;
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
    String[] p = pairs;
    for (int i = 0, n = 2 * headerCount; i < n; i += 2) {
      if (p[i].equalsIgnoreCase(name)) {
        return p[i + 1];
      }
    }
    return null;
  }

  /**
   * Returns every value of a header, in the order received; empty when the request does not carry it.
   *
   * @param name the header name, in any case
   * @return the values, unmodifiable, never null
   */
  public List<String> headers(String name) {
    String[] p = pairs;
    int n = 2 * headerCount;
    int first = 0;
    while (first < n && !p[first].equalsIgnoreCase(name)) {
      first += 2;
    }
    if (first == n) {
      return List.of();
    }
    int more = 0;
    for (int i = first + 2; i < n; i += 2) {
      if (p[i].equalsIgnoreCase(name)) {
        more++;
      }
    }
    if (more == 0) {
      return List.of(p[first + 1]);
    }
    String[] values = new String[more + 1];
    values[0] = p[first + 1];
    for (int i = first + 2, k = 1; k <= more; i += 2) {
      if (p[i].equalsIgnoreCase(name)) {
        values[k++] = p[i + 1];
      }
    }
    return List.of(values);
  }

  /**
   * Returns how many headers the request carries, counting a repeated name once per value: the bound of
   * {@link #headerName(int)} and {@link #headerValue(int)}, which read the headers in the order they arrived
   * without building the sorted {@link #headerMap()}.
   *
   * @return the number of name/value pairs
   */
  public int headerCount() {
    return headerCount;
  }

  /**
   * Returns the name of the header at an index, spelled as it arrived.
   *
   * @param index from 0 to {@link #headerCount()} - 1, in arrival order
   * @return the name
   * @throws org.faasgrip.GripException if the index is out of range
   */
  public String headerName(int index) {
    return pairs[2 * index(index)];
  }

  /**
   * Returns the value of the header at an index.
   *
   * @param index from 0 to {@link #headerCount()} - 1, in arrival order
   * @return the value
   * @throws org.faasgrip.GripException if the index is out of range
   */
  public String headerValue(int index) {
    return pairs[2 * index(index) + 1];
  }

  private int index(int index) {
    if (index < 0 || index >= headerCount) {
      throw new GripException("header index " + index + " is out of range: the request has " + headerCount
          + " headers");
    }
    return index;
  }

  /** Returns the names of all headers, as first seen.
   *
   * @return the header names, in case-insensitive order, unmodifiable
   */
  public Set<String> headerNames() {
    return headerMap().keySet();
  }

  /** Returns all headers: a case-insensitive, unmodifiable map from name (as first seen) to values, sorted by
   * name without case. Built on the first call; {@link #header(String)} and {@link #headers(String)} do not
   * need it.
   *
   * @return the headers
   */
  public Map<String, List<String>> headerMap() {
    Map<String, List<String>> m = headerMap;
    if (m == null) {
      m = buildHeaderMap();
      headerMap = m;
    }
    return m;
  }

  private Map<String, List<String>> buildHeaderMap() {
    TreeMap<String, List<String>> grouped = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0, n = 2 * headerCount; i < n; i += 2) {
      // No computeIfAbsent: a lambda here would bootstrap the invokedynamic machinery on a cold start.
      List<String> values = grouped.get(pairs[i]);
      if (values == null) {
        values = new ArrayList<>(1);
        grouped.put(pairs[i], values);
      }
      values.add(pairs[i + 1]);
    }
    for (Map.Entry<String, List<String>> e : grouped.entrySet()) {
      e.setValue(List.copyOf(e.getValue()));
    }
    return Collections.unmodifiableMap(grouped);
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
    /** Names and values, interleaved, in the order added; grown by doubling. */
    private String[] pairs = new String[32];
    private int count;
    /** Whether a built request holds {@code pairs}: the next write copies it first. */
    private boolean shared;
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
      Checks.notNull(name, "header name");
      Checks.notNull(value, "header value");
      if (shared || 2 * count == pairs.length) {
        pairs = Arrays.copyOf(pairs, 2 * count == pairs.length ? 2 * pairs.length : pairs.length);
        shared = false;
      }
      pairs[2 * count] = name;
      pairs[2 * count + 1] = value;
      count++;
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
