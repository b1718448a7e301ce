package org.faasgrip.websocket;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.faasgrip.internal.Http;

/**
 * The mutable meta map of a {@link WebSocketContext}: names compared without case (they are header names),
 * every name and value checked when it is put, so that nothing that could inject a header ever reaches the
 * response. Every write path of {@link Map} (put, putAll, compute, merge, replaceAll, entry.setValue) goes
 * through {@link #put} or {@link Entry#setValue}, where the check is.
 */
final class MetaMap extends AbstractMap<String, String> {
  private final TreeMap<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  /** Puts an entry read from a request header, unchecked: the proxy sent it, and it is only sent back if changed. */
  void putTrusted(String name, String value) {
    map.put(name, value);
  }

  /** The entries themselves, for reading without the checking wrappers (fewer classes on the cold path). */
  Map<String, String> entries() {
    return map;
  }

  static void check(String name, String value) {
    if (name == null) {
      throw new InvalidMetaException("meta name is null");
    }
    if (!Http.isToken(name)) {
      throw new InvalidMetaException("meta name '" + printable(name) + "' is not an HTTP token (letters, digits and "
          + "!#$%&'*+-.^_`|~ only): it becomes the header Set-Meta-" + printable(name));
    }
    if (value == null) {
      throw new InvalidMetaException("meta value of '" + name + "' is null; remove the entry to delete it");
    }
    int bad = Http.indexOfBadValueChar(value);
    if (bad >= 0) {
      throw new InvalidMetaException("meta value of '" + name + "' has control character U+"
          + String.format("%04X", (int) value.charAt(bad)) + " at index " + bad
          + ": CR, LF and other control characters could inject headers");
    }
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && i < 40; i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return s.length() > 40 ? sb.append("...").toString() : sb.toString();
  }

  @Override
  public String put(String name, String value) {
    check(name, value);
    return map.put(name, value);
  }

  @Override
  public String get(Object name) {
    return name instanceof String ? map.get(name) : null;
  }

  @Override
  public String getOrDefault(Object name, String defaultValue) {
    // No value is null here, so a miss needs no second lookup (Map's default asks containsKey too).
    String value = get(name);
    return value != null ? value : defaultValue;
  }

  @Override
  public boolean containsKey(Object name) {
    return name instanceof String && map.containsKey(name);
  }

  @Override
  public String remove(Object name) {
    return name instanceof String ? map.remove(name) : null;
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public void clear() {
    map.clear();
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        Iterator<Map.Entry<String, String>> it = map.entrySet().iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public Map.Entry<String, String> next() {
            Map.Entry<String, String> e = it.next();
            return new SimpleEntry<>(e) {
              private static final long serialVersionUID = 1L;

              @Override
              public String setValue(String value) {
                check(e.getKey(), value);
                super.setValue(value);
                return e.setValue(value);
              }
            };
          }

          @Override
          public void remove() {
            it.remove();
          }
        };
      }

      @Override
      public int size() {
        return map.size();
      }

      @Override
      public void clear() {
        map.clear();
      }
    };
  }
}
