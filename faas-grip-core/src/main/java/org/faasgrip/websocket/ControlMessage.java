package org.faasgrip.websocket;

import java.util.Arrays;
import java.util.Base64;

/**
 * Writes GRIP control messages: {@code c:} and a JSON object, as UTF-8. A few fixed shapes, so a small escaper
 * does the work of a JSON library without loading one on the cold path. The bytes are written straight into one
 * array that becomes the event's content, with no string in between.
 */
final class ControlMessage {
  private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

  private byte[] buf = new byte[64];
  private int len;
  private boolean first = true;

  ControlMessage(String type) {
    ascii("c:{");
    field("type", type);
  }

  ControlMessage field(String name, String value) {
    key(name);
    quote(value);
    return this;
  }

  ControlMessage field(String name, long value) {
    key(name);
    ascii(Long.toString(value));
    return this;
  }

  ControlMessage base64Field(String name, byte[] value) {
    key(name);
    byte[] b64 = Base64.getEncoder().encode(value);
    ensure(b64.length + 2);
    buf[len++] = '"';
    System.arraycopy(b64, 0, buf, len, b64.length);
    len += b64.length;
    buf[len++] = '"';
    return this;
  }

  ControlMessage field(String name, String[] values) {
    key(name);
    ascii("[");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        ascii(",");
      }
      quote(values[i]);
    }
    ascii("]");
    return this;
  }

  /** The message as a TEXT event whose content is this writer's array: no copy. */
  WebSocketEvent toEvent() {
    ascii("}");
    return new WebSocketEvent(WebSocketEvent.Type.TEXT, buf, 0, len);
  }

  /** Writes {@code "name":}, after a comma unless first; names are this class's own ASCII constants. */
  private void key(String name) {
    int n = name.length();
    ensure(n + 4);
    if (!first) {
      buf[len++] = ',';
    }
    first = false;
    buf[len++] = '"';
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) name.charAt(i);
    }
    buf[len++] = '"';
    buf[len++] = ':';
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(len + more, 2 * buf.length));
    }
  }

  /** ASCII known to need no escaping. */
  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  /**
   * Appends a JSON string literal in UTF-8: quotes, backslashes, control characters and U+2028/U+2029 escaped;
   * a lone surrogate, which has no UTF-8 form, escaped too.
   */
  private void quote(String s) {
    int n = s.length();
    // Six bytes a char at most (an escape), plus the quotes.
    ensure(6 * n + 2);
    byte[] b = buf;
    int at = len;
    b[at++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c == '"' || c == '\\') {
          b[at++] = '\\';
          b[at++] = (byte) c;
        } else if (c == '\n') {
          b[at++] = '\\';
          b[at++] = 'n';
        } else if (c == '\r') {
          b[at++] = '\\';
          b[at++] = 'r';
        } else if (c == '\t') {
          b[at++] = '\\';
          b[at++] = 't';
        } else if (c < 0x20) {
          at = escape(b, at, c);
        } else {
          b[at++] = (byte) c;
        }
      } else if (c < 0x800) {
        b[at++] = (byte) (0xc0 | (c >> 6));
        b[at++] = (byte) (0x80 | (c & 0x3f));
      } else if (c == '\u2028' || c == '\u2029') {
        at = escape(b, at, c);
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
          at = escape(b, at, c);
        }
      } else {
        b[at++] = (byte) (0xe0 | (c >> 12));
        b[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[at++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    b[at++] = '"';
    len = at;
  }

  private static int escape(byte[] b, int at, char c) {
    b[at++] = '\\';
    b[at++] = 'u';
    b[at++] = HEX[c >> 12];
    b[at++] = HEX[(c >> 8) & 0xf];
    b[at++] = HEX[(c >> 4) & 0xf];
    b[at++] = HEX[c & 0xf];
    return at;
  }
}
