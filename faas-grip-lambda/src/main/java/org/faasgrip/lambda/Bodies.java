package org.faasgrip.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.faasgrip.websocket.WebSocketContext;

/** Body conversions between Lambda's string bodies and the core's bytes, shared by every event format. */
final class Bodies {
  private static final byte[] EMPTY = new byte[0];

  private Bodies() {}

  /**
   * Turns an event's body field into bytes.
   *
   * @param body the body field; null when the request had no body
   * @param base64 the event's {@code isBase64Encoded}
   * @return the bytes, empty for a missing body
   * @throws LambdaEventException when {@code base64} is set and the body is not base64
   */
  static byte[] decode(String body, boolean base64) {
    if (body == null || body.isEmpty()) {
      return EMPTY;
    }
    if (!base64) {
      return body.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new LambdaEventException(
          "event field 'body' is marked isBase64Encoded but is not base64 (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Tells whether a response body may go out as plain text: its content type is textual and its bytes are
   * valid UTF-8. Everything else, WebSocket-over-HTTP events included, goes out base64.
   *
   * @param contentType the response's Content-Type, or null
   * @param body the body bytes
   * @return true to send the body as a plain string
   */
  static boolean isPlainText(String contentType, byte[] body) {
    if (body.length == 0) {
      // An empty body is the same in both encodings; keep the flag false unless the type is binary.
      return contentType == null || isTextual(contentType);
    }
    return contentType != null && isTextual(contentType) && isUtf8(body);
  }

  /**
   * Tells whether bytes are well-formed UTF-8 (Unicode 15, table 3-7): no overlong forms, no surrogates, nothing
   * past U+10FFFF, no truncated sequence. The same verdict as a reporting {@code CharsetDecoder}, without
   * decoding into a buffer.
   */
  static boolean isUtf8(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      if (b[i] >= 0) {
        i++;
      } else if ((i = utf8End(b, i, n)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks the UTF-8 sequence whose lead byte, not ASCII, is at {@code i}, by the rules of {@link #isUtf8}; the
   * one check of a multi-byte sequence, shared with the event reader's string scan.
   *
   * @param end where the bytes end (exclusive)
   * @return the offset after the sequence, or -1 when it is not well-formed or runs past {@code end}
   */
  static int utf8End(byte[] b, int i, int end) {
    int c = b[i] & 0xff;
    if (c < 0xc2) {
      return -1; // a continuation byte, or an overlong 2-byte lead
    }
    if (c < 0xe0) {
      return i + 1 < end && (b[i + 1] & 0xc0) == 0x80 ? i + 2 : -1;
    }
    if (c < 0xf0) {
      if (i + 2 >= end) {
        return -1;
      }
      int c1 = b[i + 1] & 0xff;
      int lo = c == 0xe0 ? 0xa0 : 0x80; // no overlong forms
      int hi = c == 0xed ? 0x9f : 0xbf; // no surrogates
      return c1 >= lo && c1 <= hi && (b[i + 2] & 0xc0) == 0x80 ? i + 3 : -1;
    }
    if (c < 0xf5) {
      if (i + 3 >= end) {
        return -1;
      }
      int c1 = b[i + 1] & 0xff;
      int lo = c == 0xf0 ? 0x90 : 0x80; // no overlong forms
      int hi = c == 0xf4 ? 0x8f : 0xbf; // nothing past U+10FFFF
      return c1 >= lo && c1 <= hi && (b[i + 2] & 0xc0) == 0x80 && (b[i + 3] & 0xc0) == 0x80 ? i + 4 : -1;
    }
    return -1;
  }

  /** Whether a Content-Type is text: compared without case, parameters ignored, without allocating. */
  static boolean isTextual(String contentType) {
    // Every WebSocket-over-HTTP answer carries the core's own constant: one comparison, often by reference.
    if (contentType.equals(WebSocketContext.CONTENT_TYPE)) {
      return false;
    }
    int from = 0;
    int to = contentType.indexOf(';');
    if (to < 0) {
      to = contentType.length();
    }
    while (from < to && isSpace(contentType.charAt(from))) {
      from++;
    }
    while (to > from && isSpace(contentType.charAt(to - 1))) {
      to--;
    }
    int len = to - from;
    return startsWith(contentType, from, len, "text/")
        || is(contentType, from, len, "application/json")
        || endsWith(contentType, to, len, "+json")
        || is(contentType, from, len, "application/xml")
        || endsWith(contentType, to, len, "+xml")
        || is(contentType, from, len, "application/javascript")
        || is(contentType, from, len, "application/x-www-form-urlencoded");
  }

  /** What {@link String#trim()} removes. */
  private static boolean isSpace(char c) {
    return c <= ' ';
  }

  private static boolean is(String s, int from, int len, String lower) {
    return len == lower.length() && s.regionMatches(true, from, lower, 0, len);
  }

  private static boolean startsWith(String s, int from, int len, String lower) {
    return len >= lower.length() && s.regionMatches(true, from, lower, 0, lower.length());
  }

  private static boolean endsWith(String s, int to, int len, String lower) {
    return len >= lower.length() && s.regionMatches(true, to - lower.length(), lower, 0, lower.length());
  }

  /**
   * Encodes a response body for a Lambda response.
   *
   * @param body the bytes
   * @param plain true for a plain UTF-8 string, false for base64
   * @return the body field's value
   */
  static String encode(byte[] body, boolean plain) {
    return plain ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body);
  }
}
