package org.faasgrip.websocket;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.faasgrip.internal.Checks;
import org.faasgrip.internal.Hex;

/**
 * Decodes a WebSocket-over-HTTP body into its events.
 *
 * <p>The body is a sequence of {@code TYPE\r\n} or {@code TYPE <hex length>\r\n<content>\r\n}. Lengths count
 * bytes and may be written in either case; content may hold any bytes, CR and LF included. Decoding reads each
 * header byte once and skips content by its length, so it runs in time linear in the body's size, whatever
 * the content.
 *
 * <p><b>No copies.</b> The events returned share the decoded array: each one is a view of its content's bytes
 * in place. The array must therefore not be changed while the events are in use; copy it first if it will be.
 * {@link WebSocketEvent#content()} hands out a copy, {@link WebSocketEvent#contentBuffer()} a read-only view.
 *
 * <p>Each kind of malformed input raises a {@link WebSocketProtocolException} naming the byte offset and the
 * fault: a type line without CRLF, an empty or unknown type, a length that is not hexadecimal, that overflows
 * an {@code int} or that runs past the end of the body, content not followed by CRLF, and a {@code CLOSE}
 * whose content is a single byte (half a close code). Text content is not checked for valid UTF-8 here; see
 * {@link WebSocketEvent#text()}.
 */
public final class WebSocketEventDecoder {
  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte SP = ' ';
  /** How many bytes of a faulty token an exception message quotes. */
  private static final int QUOTE_MAX = 16;

  private WebSocketEventDecoder() {}

  /**
   * Decodes a whole array as a WebSocket-over-HTTP body.
   *
   * @param body the body bytes; the events returned share this array
   * @return the events in order, unmodifiable; empty for an empty body
   * @throws WebSocketProtocolException if the body is malformed; its offset counts from the array's start
   * @throws org.faasgrip.GripException if body is null
   */
  public static List<WebSocketEvent> decode(byte[] body) {
    Checks.notNull(body, "body");
    return decode(body, 0, body.length);
  }

  /**
   * Decodes a range of an array as a WebSocket-over-HTTP body.
   *
   * @param body the array holding the body; the events returned share it
   * @param offset where the body starts in the array
   * @param length the body's length in bytes
   * @return the events in order, unmodifiable; empty for an empty range
   * @throws WebSocketProtocolException if the body is malformed; its offset counts from {@code offset}
   * @throws IllegalArgumentException if the range lies outside the array
   * @throws org.faasgrip.GripException if body is null
   */
  public static List<WebSocketEvent> decode(byte[] body, int offset, int length) {
    Checks.notNull(body, "body");
    if (offset < 0 || length < 0 || length > body.length - offset) {
      throw new IllegalArgumentException("range [" + offset + ", +" + length + ") lies outside an array of "
          + body.length + " bytes");
    }
    return Collections.unmodifiableList(decodeInto(body, offset, length));
  }

  /** Decodes a range the caller has checked, into a list of its own (the context reads it by index). */
  static ArrayList<WebSocketEvent> decodeInto(byte[] body, int offset, int length) {
    final int end = offset + length;
    // Most bodies carry one event; a larger body gets room for a few without regrowing from 1.
    ArrayList<WebSocketEvent> events = new ArrayList<>(length < 64 ? 1 : 16);
    int pos = offset;
    while (pos < end) {
      // The type: everything up to a space, CR or LF.
      int i = pos;
      while (i < end) {
        byte c = body[i];
        if (c == SP || c == CR || c == LF) {
          break;
        }
        i++;
      }
      if (i == pos) {
        throw fail(offset, pos, "empty event type");
      }
      WebSocketEvent.Type type = typeOf(body, pos, i - pos);
      if (type == null) {
        throw fail(offset, pos, "unknown event type '" + quote(body, pos, i) + "'");
      }
      int lengthAt = -1;
      int contentLength = 0;
      if (i < end && body[i] == SP) {
        lengthAt = ++i;
        long value = 0;
        while (i < end) {
          int digit = Hex.value(body[i]);
          if (digit < 0) {
            break;
          }
          value = (value << 4) | digit;
          if (value > Integer.MAX_VALUE) {
            throw fail(offset, lengthAt, "length '" + quote(body, lengthAt, tokenEnd(body, lengthAt, end))
                + "' overflows (more than " + Integer.MAX_VALUE + " bytes)");
          }
          i++;
        }
        // A length of hex digits cut short by a space or LF is a line-ending fault, found just below.
        boolean cutShort = i > lengthAt && (i == end || body[i] == SP || body[i] == LF);
        if (!cutShort && (i == lengthAt || body[i] != CR)) {
          throw fail(offset, lengthAt, "length '" + quote(body, lengthAt, tokenEnd(body, lengthAt, end))
              + "' is not hexadecimal");
        }
        contentLength = (int) value;
      }
      if (end - i < 2 || body[i] != CR || body[i + 1] != LF) {
        throw fail(offset, i, type.name() + " line does not end with CRLF");
      }
      i += 2;
      WebSocketEvent event;
      if (lengthAt < 0 || contentLength == 0) {
        event = new WebSocketEvent(type, WebSocketEvent.EMPTY, 0, 0);
        if (lengthAt >= 0) {
          i = expectCrlf(body, offset, i, end, 0);
        }
      } else {
        if (contentLength > end - i) {
          throw fail(offset, lengthAt, "length " + contentLength + " (0x" + quote(body, lengthAt,
              tokenEnd(body, lengthAt, end)) + ") runs past the end of the body (" + (end - i) + " bytes left)");
        }
        if (type == WebSocketEvent.Type.CLOSE && contentLength == 1) {
          throw fail(offset, i, "CLOSE content is one byte; a close code takes two");
        }
        event = new WebSocketEvent(type, body, i, contentLength);
        i = expectCrlf(body, offset, i + contentLength, end, contentLength);
      }
      events.add(event);
      pos = i;
    }
    return events;
  }

  private static int expectCrlf(byte[] body, int base, int at, int end, int contentLength) {
    if (end - at < 2 || body[at] != CR || body[at + 1] != LF) {
      throw fail(base, at, "content of " + contentLength + " bytes is not followed by CRLF");
    }
    return at + 2;
  }

  private static WebSocketEvent.Type typeOf(byte[] b, int at, int len) {
    switch (len) {
      case 4:
        if (is(b, at, WebSocketEvent.Type.TEXT)) {
          return WebSocketEvent.Type.TEXT;
        }
        if (is(b, at, WebSocketEvent.Type.PING)) {
          return WebSocketEvent.Type.PING;
        }
        if (is(b, at, WebSocketEvent.Type.PONG)) {
          return WebSocketEvent.Type.PONG;
        }
        return is(b, at, WebSocketEvent.Type.OPEN) ? WebSocketEvent.Type.OPEN : null;
      case 5:
        return is(b, at, WebSocketEvent.Type.CLOSE) ? WebSocketEvent.Type.CLOSE : null;
      case 6:
        return is(b, at, WebSocketEvent.Type.BINARY) ? WebSocketEvent.Type.BINARY : null;
      case 10:
        return is(b, at, WebSocketEvent.Type.DISCONNECT) ? WebSocketEvent.Type.DISCONNECT : null;
      default:
        return null;
    }
  }

  private static boolean is(byte[] b, int at, WebSocketEvent.Type type) {
    byte[] w = type.wire;
    for (int k = 0; k < w.length; k++) {
      if (b[at + k] != w[k]) {
        return false;
      }
    }
    return true;
  }

  /** The end of a token for an error message: up to a space, CR or LF, and no further than needed to quote. */
  private static int tokenEnd(byte[] b, int at, int end) {
    int i = at;
    int limit = Math.min(end, at + QUOTE_MAX + 1);
    while (i < limit && b[i] != SP && b[i] != CR && b[i] != LF) {
      i++;
    }
    return i;
  }

  /** Quotes bytes for a message: printable ASCII as is, others as \xNN, at most QUOTE_MAX of them. */
  private static String quote(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder();
    int stop = Math.min(to, from + QUOTE_MAX);
    for (int i = from; i < stop; i++) {
      int c = b[i] & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append("\\x").append(Character.forDigit(c >>> 4, 16)).append(Character.forDigit(c & 0xf, 16));
      }
    }
    if (to > stop) {
      sb.append("...");
    }
    return sb.toString();
  }

  private static WebSocketProtocolException fail(int base, int at, String fault) {
    return new WebSocketProtocolException(at - base, fault);
  }
}
