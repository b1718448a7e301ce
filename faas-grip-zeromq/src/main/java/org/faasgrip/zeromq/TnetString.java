package org.faasgrip.zeromq;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes tnetstrings, the format of Pushpin's stats messages: {@code LENGTH:DATA} then one type byte,
 * {@code ,} bytes (read as UTF-8 text), {@code #} integer, {@code ^} float, {@code !} boolean, {@code ~} null,
 * {@code ]} list, {@code }} dictionary (text keys).
 *
 * <p>Results: {@link String}, {@link Long}, {@link Double}, {@link Boolean}, {@code null}, an unmodifiable
 * {@link List} or an unmodifiable {@link Map} (keys in input order). Every failure, on any input, is a
 * {@link TnetStringException} naming the offset of the byte that was wrong, never another exception: the
 * decoder can be fed arbitrary bytes. It is bounded: the input must be at most {@link #MAX_INPUT_BYTES}, nesting
 * at most {@link #MAX_DEPTH} deep and at most {@link #MAX_VALUES} values in all. Thread-safe (no state).
 */
public final class TnetString {
  /** The largest input decoded, in bytes (Pushpin's stats messages are a few hundred bytes). */
  public static final int MAX_INPUT_BYTES = 1 << 20;
  /** The deepest nesting of lists and dictionaries. */
  public static final int MAX_DEPTH = 32;
  /** The most values (of any type, nested ones counted) in one input. */
  public static final int MAX_VALUES = 10_000;

  /** A length prefix is at most nine digits, as the tnetstring spec says. */
  private static final int MAX_LENGTH_DIGITS = 9;

  private final byte[] data;
  private int values;

  private TnetString(byte[] data) {
    this.data = data;
  }

  /**
   * Decodes one tnetstring that fills the whole input.
   *
   * @param data the bytes
   * @return the value
   * @throws TnetStringException if the bytes are null, too long, not one valid tnetstring, or past a bound
   */
  public static Object parse(byte[] data) {
    if (data == null) {
      throw new TnetStringException("input is null", 0);
    }
    return parse(data, 0, data.length);
  }

  /**
   * Decodes one tnetstring that fills {@code data[offset, offset + length)}. Offsets in failures count from
   * {@code offset}.
   *
   * @param data the bytes
   * @param offset where the tnetstring starts
   * @param length how many bytes it takes
   * @return the value
   * @throws TnetStringException if the range is out of the array, the bytes are too long, not one valid
   *     tnetstring, or past a bound
   */
  public static Object parse(byte[] data, int offset, int length) {
    if (data == null) {
      throw new TnetStringException("input is null", 0);
    }
    if (offset < 0 || length < 0 || offset > data.length - length) {
      throw new TnetStringException("range " + offset + "+" + length + " is outside the " + data.length
          + "-byte input", 0);
    }
    if (length > MAX_INPUT_BYTES) {
      throw new TnetStringException("input of " + length + " bytes is longer than " + MAX_INPUT_BYTES, 0);
    }
    TnetString d = new TnetString(data);
    int end = offset + length;
    int[] next = new int[1];
    Object value = d.value(offset, end, 0, next);
    if (next[0] != end) {
      throw d.fail((end - next[0]) + " byte(s) after the value", next[0]);
    }
    return value;
  }

  /** Reads the value at {@code pos}, within {@code limit}; stores where the next value starts in {@code next}. */
  private Object value(int pos, int limit, int depth, int[] next) {
    if (++values > MAX_VALUES) {
      throw fail("more than " + MAX_VALUES + " values", pos);
    }
    int i = pos;
    long len = 0;
    while (i < limit && data[i] != ':') {
      byte b = data[i];
      if (b < '0' || b > '9') {
        throw fail(i == pos ? "a length must start with a digit" : "a length holds a non-digit", i);
      }
      if (i - pos == MAX_LENGTH_DIGITS) {
        throw fail("a length has more than " + MAX_LENGTH_DIGITS + " digits", i);
      }
      if (i > pos && data[pos] == '0') {
        throw fail("a length has a leading zero", pos);
      }
      len = len * 10 + (b - '0');
      i++;
    }
    if (i == limit) {
      throw fail(i == pos ? "the input ends where a value should start" : "a length has no ':' after it", i);
    }
    if (i == pos) {
      throw fail("a length must start with a digit", i);
    }
    int start = i + 1;
    if (len > limit - start - 1) {
      throw fail("a length of " + len + " goes past the end of its container", pos);
    }
    int end = start + (int) len;
    byte type = data[end];
    next[0] = end + 1;
    switch (type) {
      case ',':
        return new String(data, start, end - start, StandardCharsets.UTF_8);
      case '#':
        return integer(start, end);
      case '^':
        return decimal(start, end);
      case '!':
        if (equalsAscii(start, end, "true")) {
          return Boolean.TRUE;
        }
        if (equalsAscii(start, end, "false")) {
          return Boolean.FALSE;
        }
        throw fail("a boolean is neither true nor false", start);
      case '~':
        if (end != start) {
          throw fail("a null has content", start);
        }
        return null;
      case ']':
        return list(start, end, depth + 1);
      case '}':
        return dict(start, end, depth + 1);
      default:
        throw fail("unknown type byte 0x" + Integer.toHexString(type & 0xff), end);
    }
  }

  private List<Object> list(int start, int end, int depth) {
    if (depth > MAX_DEPTH) {
      throw fail("nesting deeper than " + MAX_DEPTH, start);
    }
    List<Object> out = new ArrayList<>();
    int[] next = new int[1];
    for (int pos = start; pos < end; pos = next[0]) {
      out.add(value(pos, end, depth, next));
    }
    return Collections.unmodifiableList(out);
  }

  private Map<String, Object> dict(int start, int end, int depth) {
    if (depth > MAX_DEPTH) {
      throw fail("nesting deeper than " + MAX_DEPTH, start);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    int[] next = new int[1];
    for (int pos = start; pos < end; pos = next[0]) {
      Object key = value(pos, end, depth, next);
      if (!(key instanceof String)) {
        throw fail("a dictionary key is not a string", pos);
      }
      if (next[0] == end) {
        throw fail("dictionary key \"" + key + "\" has no value", next[0]);
      }
      if (out.containsKey(key)) {
        throw fail("dictionary key \"" + key + "\" appears twice", pos);
      }
      out.put((String) key, value(next[0], end, depth, next));
    }
    return Collections.unmodifiableMap(out);
  }

  private Long integer(int start, int end) {
    int i = start;
    boolean negative = i < end && data[i] == '-';
    if (negative) {
      i++;
    }
    if (i == end) {
      throw fail("an integer has no digits", start);
    }
    long v = 0;
    for (; i < end; i++) {
      byte b = data[i];
      if (b < '0' || b > '9') {
        throw fail("an integer holds a non-digit", i);
      }
      // Accumulate negatively so that Long.MIN_VALUE fits.
      if (v < (Long.MIN_VALUE + (b - '0')) / 10) {
        throw fail("an integer does not fit in 64 bits", start);
      }
      v = v * 10 - (b - '0');
    }
    if (!negative && v == Long.MIN_VALUE) {
      throw fail("an integer does not fit in 64 bits", start);
    }
    return negative ? v : -v;
  }

  private Double decimal(int start, int end) {
    if (end == start || end - start > 64) {
      throw fail("a float must have 1 to 64 characters", start);
    }
    for (int i = start; i < end; i++) {
      byte b = data[i];
      // Only what a decimal float is written with: no "NaN", "Infinity", hex floats or type suffixes.
      if (!(b >= '0' && b <= '9') && b != '.' && b != '-' && b != '+' && b != 'e' && b != 'E') {
        throw fail("a float holds '" + (char) b + "'", i);
      }
    }
    try {
      return Double.valueOf(new String(data, start, end - start, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      throw fail("a float is not a number", start);
    }
  }

  private boolean equalsAscii(int start, int end, String s) {
    if (end - start != s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (data[start + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private TnetStringException fail(String what, int pos) {
    return new TnetStringException(what, pos);
  }
}
