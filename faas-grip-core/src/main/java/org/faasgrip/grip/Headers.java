package org.faasgrip.grip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.faasgrip.GripException;
import org.faasgrip.internal.Checks;

/**
 * HTTP headers in the order they were added: the one header model of requests ({@link GripRequest#headers()}),
 * responses ({@link GripResponse#headers()}), GRIP instructions and published HTTP responses.
 *
 * <p>Names and values are kept as they were given, interleaved in one flat array; {@link #get(String)} and
 * {@link #values(String)} scan it, comparing names without case. A request carries ten to twenty headers and the
 * library reads a handful of them, so a scan beats building a case-insensitive map (see docs/decisions.md §9).
 * A name added several times keeps every value, in order; {@link #name(int)} and {@link #value(int)} read the
 * pairs by index, without allocating; iterating gives each pair as an entry. The grouped, sorted view
 * {@link #toMultimap()} is built on its first call only.
 *
 * <pre>{@code
 * Headers h = Headers.of("Content-Type", "text/plain", "Set-Cookie", "a=1", "Set-Cookie", "b=2");
 * h.get("content-type");        // "text/plain"
 * h.values("SET-COOKIE");       // ["a=1", "b=2"]
 * h.newBuilder().set("Content-Type", "application/json").build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. {@link #toString()} shows the names only, since values such as
 * {@code Grip-Sig} or {@code Authorization} may be secret.
 */
public final class Headers implements Iterable<Map.Entry<String, String>> {
  private static final String[] NONE = new String[0];
  private static final Headers EMPTY = new Headers(NONE, 0);

  /** Name of pair i at {@code 2i}, its value at {@code 2i + 1}; may be longer than {@code 2 * size}. */
  private final String[] pairs;
  private final int size;
  /**
   * The map of {@link #toMultimap()}, built on first use. Not volatile: it is built only from the final
   * {@code pairs} and published as an unmodifiable map of immutable lists, so a thread either sees the whole
   * map or builds an equal one (the racy single-check idiom, as {@code String.hashCode} uses).
   */
  private Map<String, List<String>> multimap;

  private Headers(String[] pairs, int size) {
    this.pairs = pairs;
    this.size = size;
  }

  /**
   * Returns headers with no entry.
   *
   * @return the empty headers
   */
  public static Headers empty() {
    return EMPTY;
  }

  /**
   * Returns headers from names and values given in turn: {@code of("Content-Type", "text/plain", "X-A", "1")}.
   *
   * @param namesAndValues name, value, name, value, ...
   * @return the headers, in the order given
   * @throws GripException if the count is odd or an element is null
   */
  public static Headers of(String... namesAndValues) {
    Checks.notNull(namesAndValues, "namesAndValues");
    if (namesAndValues.length % 2 != 0) {
      throw new GripException("headers need a value for every name, but " + namesAndValues.length
          + " strings were given");
    }
    Builder b = new Builder(namesAndValues.length);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  /**
   * Returns a builder with no headers.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(8);
  }

  /**
   * Returns a builder that starts with these headers, to add to, replace or remove some of them.
   *
   * @return a new builder holding every pair of this instance
   */
  public Builder newBuilder() {
    Builder b = new Builder(Math.max(8, 2 * size + 4));
    System.arraycopy(pairs, 0, b.pairs, 0, 2 * size);
    b.count = size;
    return b;
  }

  /**
   * Returns the first value of a header, or null when there is none.
   *
   * @param name the header name, in any case
   * @return the first value, or null
   */
  public String get(String name) {
    String[] p = pairs;
    for (int i = 0, n = 2 * size; i < n; i += 2) {
      if (p[i].equalsIgnoreCase(name)) {
        return p[i + 1];
      }
    }
    return null;
  }

  /**
   * Returns every value of a header, in the order added; empty when there is none.
   *
   * @param name the header name, in any case
   * @return the values, unmodifiable, never null
   */
  public List<String> values(String name) {
    String[] p = pairs;
    int n = 2 * size;
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
   * Returns the number of name/value pairs, counting a repeated name once per value: the bound of
   * {@link #name(int)} and {@link #value(int)}.
   *
   * @return the number of pairs
   */
  public int size() {
    return size;
  }

  /**
   * Tells whether there are no headers.
   *
   * @return true when {@link #size()} is 0
   */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * Returns the name of the pair at an index, spelled as it was added.
   *
   * @param index from 0 to {@link #size()} - 1, in the order added
   * @return the name
   * @throws GripException if the index is out of range
   */
  public String name(int index) {
    return pairs[2 * index(index)];
  }

  /**
   * Returns the value of the pair at an index.
   *
   * @param index from 0 to {@link #size()} - 1, in the order added
   * @return the value
   * @throws GripException if the index is out of range
   */
  public String value(int index) {
    return pairs[2 * index(index) + 1];
  }

  private int index(int index) {
    if (index < 0 || index >= size) {
      throw new GripException("header index " + index + " is out of range: there are " + size + " headers");
    }
    return index;
  }

  /**
   * Iterates over the pairs in order, each as an immutable entry made on the way: for code that is not on a hot
   * path; {@link #name(int)} and {@link #value(int)} read them without allocating.
   *
   * @return an iterator of name/value entries
   */
  @Override
  public Iterator<Map.Entry<String, String>> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < size;
      }

      @Override
      public Map.Entry<String, String> next() {
        if (next >= size) {
          throw new NoSuchElementException("no header after index " + (size - 1));
        }
        int i = 2 * next++;
        return Map.entry(pairs[i], pairs[i + 1]);
      }
    };
  }

  /**
   * Returns the distinct names, each as first spelled, sorted without case.
   *
   * @return the names, unmodifiable; contains(name) ignores case
   */
  public Set<String> names() {
    return toMultimap().keySet();
  }

  /**
   * Returns the headers grouped by name: a case-insensitive, unmodifiable map from each name (as first spelled)
   * to its values in order, sorted by name without case. Built on the first call and kept; {@link #get(String)}
   * and {@link #values(String)} do not need it.
   *
   * @return the map
   */
  public Map<String, List<String>> toMultimap() {
    Map<String, List<String>> m = multimap;
    if (m == null) {
      m = buildMultimap();
      multimap = m;
    }
    return m;
  }

  private Map<String, List<String>> buildMultimap() {
    TreeMap<String, List<String>> grouped = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0, n = 2 * size; i < n; i += 2) {
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

  /**
   * Compares the pairs, in order; names are compared as spelled, as OkHttp's {@code Headers} does.
   *
   * @param o the other object
   * @return true when both hold the same pairs in the same order
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Headers)) {
      return false;
    }
    Headers h = (Headers) o;
    return size == h.size && Arrays.equals(pairs, 0, 2 * size, h.pairs, 0, 2 * size);
  }

  /**
   * Hashes the pairs, in order.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0, n = 2 * size; i < n; i++) {
      h = 31 * h + pairs[i].hashCode();
    }
    return h;
  }

  /**
   * Lists the names in order, without the values, which may be secret.
   *
   * @return such as {@code Headers[Content-Type, Grip-Sig]}
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(16 + 16 * size).append("Headers[");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(pairs[2 * i]);
    }
    return b.append(']').toString();
  }

  /** Builds {@link Headers}. Not thread-safe; what it builds is. */
  public static final class Builder {
    /** Names and values, interleaved, in the order added; grown by doubling. */
    private String[] pairs;
    private int count;
    /** Whether a built instance holds {@code pairs}: the next write copies it first. */
    private boolean shared;

    /** A builder with room for {@code slots / 2} pairs before it grows. */
    Builder(int slots) {
      pairs = new String[Math.max(2, slots)];
    }

    /**
     * Adds one value of a header; a name added twice keeps both values.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     * @throws GripException if the name or value is null
     */
    public Builder add(String name, String value) {
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
     * Adds every pair of other headers, in order.
     *
     * @param headers the headers to add
     * @return this builder
     */
    public Builder addAll(Headers headers) {
      Checks.notNull(headers, "headers");
      for (int i = 0, n = 2 * headers.size; i < n; i += 2) {
        add(headers.pairs[i], headers.pairs[i + 1]);
      }
      return this;
    }

    /**
     * Removes every value of a header, compared without case.
     *
     * @param name the header name
     * @return this builder
     */
    public Builder removeAll(String name) {
      Checks.notNull(name, "header name");
      String[] p = shared ? pairs.clone() : pairs;
      int kept = 0;
      for (int i = 0; i < count; i++) {
        if (!p[2 * i].equalsIgnoreCase(name)) {
          p[2 * kept] = p[2 * i];
          p[2 * kept + 1] = p[2 * i + 1];
          kept++;
        }
      }
      Arrays.fill(p, 2 * kept, 2 * count, null);
      pairs = p;
      count = kept;
      shared = false;
      return this;
    }

    /**
     * Replaces every value of a header by one value, added at the end.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     */
    public Builder set(String name, String value) {
      Checks.notNull(value, "header value");
      return removeAll(name).add(name, value);
    }

    /**
     * Returns the first value added for a header, or null.
     *
     * @param name the header name, in any case
     * @return the first value, or null
     */
    public String get(String name) {
      for (int i = 0, n = 2 * count; i < n; i += 2) {
        if (pairs[i].equalsIgnoreCase(name)) {
          return pairs[i + 1];
        }
      }
      return null;
    }

    /**
     * Builds the headers. The builder stays usable; it copies its array before its next change.
     *
     * @return the immutable headers
     */
    public Headers build() {
      if (count == 0) {
        return EMPTY;
      }
      // The array is handed over, not copied: the builder copies it before it writes again.
      shared = true;
      return new Headers(pairs, count);
    }
  }
}
