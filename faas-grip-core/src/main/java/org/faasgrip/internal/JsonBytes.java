package org.faasgrip.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that JSON is written into as UTF-8: the few tokens of the small fixed shapes written on
 * every invocation (the Lambda response JSON, WebSocket control messages), and string literals escaped per
 * RFC 8259. What they are written with instead of a generator; see docs/decisions.md §8 for the measurement.
 *
 * <p>Escaping: {@code "} and {@code \} get a backslash; control characters below U+0020 are written
 * {@code \b \t \n \f \r} or <code>&#92;u00XX</code> (jackson-core's choices, so the bytes match its generator's);
 * everything else goes out as UTF-8, a surrogate pair as one 4-byte sequence. A lone surrogate has no UTF-8
 * form: it is written as a <code>&#92;uXXXX</code> escape, so the output is always valid UTF-8 and reads back as the
 * same Java string.
 */
public final class JsonBytes {
  private static final byte[] HEX = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'
  };
  private static final byte[] BASE64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
  /**
   * For each ASCII character, 0 to copy it, the letter of its short escape, or 'u' for <code>&#92;u00XX</code>.
   */
  private static final byte[] ESCAPE = new byte[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPE[c] = 'u';
    }
    ESCAPE['"'] = '"';
    ESCAPE['\\'] = '\\';
    ESCAPE['\b'] = 'b';
    ESCAPE['\t'] = 't';
    ESCAPE['\n'] = 'n';
    ESCAPE['\f'] = 'f';
    ESCAPE['\r'] = 'r';
  }

  private byte[] buf;
  private int len;

  /**
   * Makes a buffer of a first capacity; it grows when a write needs more.
   *
   * @param capacity the first capacity, in bytes
   */
  public JsonBytes(int capacity) {
    this.buf = new byte[Math.max(16, capacity)];
  }

  /**
   * Returns the array written so far, not a copy.
   *
   * @return the array; valid up to {@link #length()}
   */
  public byte[] array() {
    return buf;
  }

  /**
   * Returns how many bytes were written.
   *
   * @return the length
   */
  public int length() {
    return len;
  }

  private void ensure(long more) {
    long need = len + more;
    if (need > buf.length) {
      if (need > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("the JSON would be " + need + " bytes, more than an array holds");
      }
      buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * buf.length)));
    }
  }

  /**
   * Writes one ASCII character: punctuation.
   *
   * @param c the character
   * @return this
   */
  public JsonBytes ascii(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  /**
   * Returns the bytes of ASCII text, for {@link #raw(byte[])}.
   *
   * @param s ASCII text
   * @return its bytes
   */
  public static byte[] asciiBytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Writes bytes as they are: JSON known in advance, such as {@code ,"body":}.
   *
   * @param bytes the bytes
   * @return this
   */
  public JsonBytes raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    return this;
  }

  /**
   * Writes ASCII text that needs no escaping, as is.
   *
   * @param s the text
   * @return this
   */
  public JsonBytes ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
    return this;
  }

  /**
   * Writes an integer.
   *
   * @param value the integer
   * @return this
   */
  public JsonBytes number(int value) {
    if (value < 0 || value > 999) {
      return ascii(Integer.toString(value));
    }
    // An HTTP status: no string in between.
    ensure(3);
    if (value >= 100) {
      buf[len++] = (byte) ('0' + value / 100);
    }
    if (value >= 10) {
      buf[len++] = (byte) ('0' + value / 10 % 10);
    }
    buf[len++] = (byte) ('0' + value % 10);
    return this;
  }

  /**
   * Writes a string literal: quoted, escaped, UTF-8.
   *
   * @param s any string, lone surrogates included
   * @return this
   */
  public JsonBytes string(String s) {
    int n = s.length();
    // Six bytes a char is the most any char takes (a control or a lone surrogate as an escape): when that fits,
    // one pass does; only long strings pay for measuring first.
    if (6L * n + 2 > buf.length - len) {
      ensure(escapedLength(s) + 2);
    }
    byte[] b = buf;
    int at = len;
    b[at++] = '"';
    // Header names and values are printable ASCII as a rule: a tight loop copies that run, the full one goes on
    // from the first character that needs more.
    int i = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        break;
      }
      b[at + i] = (byte) c;
    }
    at += i;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        byte e = ESCAPE[c];
        if (e == 0) {
          b[at++] = (byte) c;
        } else {
          at = escape(b, at, c, e);
        }
      } else if (c < 0x800) {
        b[at++] = (byte) (0xc0 | (c >> 6));
        b[at++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        char d;
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(d = s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, d);
          b[at++] = (byte) (0xf0 | (cp >> 18));
          b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
          b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
          b[at++] = (byte) (0x80 | (cp & 0x3f));
          i++;
        } else {
          at = escape(b, at, c, (byte) 'u');
        }
      } else {
        b[at++] = (byte) (0xe0 | (c >> 12));
        b[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[at++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    b[at++] = '"';
    len = at;
    return this;
  }

  /**
   * Returns how many bytes {@link #string(String)} writes between the quotes, to size a buffer.
   *
   * @param s the string
   * @return its escaped UTF-8 length
   */
  public static long escapedLength(String s) {
    long size = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        byte e = ESCAPE[c];
        size += e == 0 ? 1 : e == 'u' ? 6 : 2;
      } else if (c < 0x800) {
        size += 2;
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          size += 4;
          i++;
        } else {
          size += 6;
        }
      } else {
        size += 3;
      }
    }
    return size;
  }

  /**
   * Writes a string literal of text already in UTF-8: only ASCII needs escaping, and every other byte is
   * copied.
   *
   * @param utf8 well-formed UTF-8 (checked by the caller); other bytes would be copied as they are
   * @return this
   */
  public JsonBytes utf8String(byte[] utf8) {
    long size = 2;
    for (byte c : utf8) {
      size += c < 0 ? 1 : ESCAPE[c] == 0 ? 1 : ESCAPE[c] == 'u' ? 6 : 2;
    }
    ensure(size);
    byte[] b = buf;
    int at = len;
    b[at++] = '"';
    for (byte c : utf8) {
      byte e;
      if (c < 0 || (e = ESCAPE[c]) == 0) {
        b[at++] = c;
      } else {
        at = escape(b, at, (char) c, e);
      }
    }
    b[at++] = '"';
    len = at;
    return this;
  }

  /**
   * Writes bytes as a string literal of their base64 (RFC 4648, with padding): nothing in it needs escaping.
   *
   * @param data the bytes
   * @return this
   */
  public JsonBytes base64String(byte[] data) {
    int n = data.length;
    ensure(4L * ((n + 2) / 3) + 2);
    byte[] b = buf;
    int at = len;
    b[at++] = '"';
    int i = 0;
    for (int whole = n - n % 3; i < whole; i += 3) {
      int bits = (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff);
      b[at++] = BASE64[bits >>> 18];
      b[at++] = BASE64[(bits >>> 12) & 0x3f];
      b[at++] = BASE64[(bits >>> 6) & 0x3f];
      b[at++] = BASE64[bits & 0x3f];
    }
    if (i < n) {
      int bits = (data[i] & 0xff) << 16 | (i + 1 < n ? (data[i + 1] & 0xff) << 8 : 0);
      b[at++] = BASE64[bits >>> 18];
      b[at++] = BASE64[(bits >>> 12) & 0x3f];
      b[at++] = i + 1 < n ? BASE64[(bits >>> 6) & 0x3f] : (byte) '=';
      b[at++] = '=';
    }
    b[at++] = '"';
    len = at;
    return this;
  }

  private static int escape(byte[] b, int at, char c, byte e) {
    b[at++] = '\\';
    if (e != 'u') {
      b[at++] = e;
      return at;
    }
    b[at++] = 'u';
    b[at++] = HEX[c >> 12];
    b[at++] = HEX[(c >> 8) & 0xf];
    b[at++] = HEX[(c >> 4) & 0xf];
    b[at++] = HEX[c & 0xf];
    return at;
  }
}
