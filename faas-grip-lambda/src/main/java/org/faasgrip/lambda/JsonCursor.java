package org.faasgrip.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.faasgrip.internal.Hex;

/**
 * A strict RFC 8259 reader over one byte array, made for reading Lambda events: the caller walks the members it
 * needs and skips the rest, and nothing is made of what is skipped. Skipped values are still checked as JSON
 * (structure, string escapes, number and literal grammar), so a malformed event fails wherever the fault is.
 *
 * <p>Why not jackson-core's parser, which the project uses elsewhere: on a 1.5 KB API Gateway event, tokenising
 * alone took 3.2 µs, most of a 4 µs budget per invocation (docs/decisions.md), because it interns every field
 * name and makes a token of every value. Here a name is compared in place against the few the reader wants,
 * and a string becomes a {@code String} only when asked.
 *
 * <p>Every fault is a {@link LambdaEventException} that names the byte offset, line and column.
 */
final class JsonCursor {
  /** As jackson-core's default: deep enough for any event, shallow enough that nothing can exhaust memory. */
  static final int MAX_DEPTH = 1000;

  /** The bytes that stand for themselves in a string: printable ASCII but the quote and the backslash. */
  private static final boolean[] ORDINARY = new boolean[256];

  static {
    for (int c = 0x20; c < 0x80; c++) {
      ORDINARY[c] = c != '"' && c != '\\';
    }
  }

  /** The value of each base64 character, and -1 for every other byte. */
  private static final int[] BASE64 = new int[256];

  static {
    Arrays.fill(BASE64, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      BASE64[alphabet.charAt(i)] = i;
    }
  }

  private final byte[] b;
  private final int end;
  private int pos;
  /** The last string scanned: its content between the quotes, and whether it is ASCII without escapes. */
  private int strStart;
  private int strEnd;
  private boolean strPlain;

  JsonCursor(byte[] json) {
    this.b = json;
    this.end = json.length;
    // RFC 8259 lets a reader ignore a UTF-8 byte order mark.
    if (end >= 3 && (json[0] & 0xff) == 0xEF && (json[1] & 0xff) == 0xBB && (json[2] & 0xff) == 0xBF) {
      pos = 3;
    }
  }

  /** Skips whitespace and returns the next byte without taking it, or -1 at the end of the input. */
  int peek() {
    int p = pos;
    // Compact JSON has no whitespace between tokens, and every byte above ' ' is none.
    if (p < end && b[p] > ' ') {
      return b[p];
    }
    while (p < end) {
      byte c = b[p];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        pos = p;
        return c & 0xff;
      }
      p++;
    }
    pos = p;
    return -1;
  }

  /** The offset of the next unread byte (after {@link #peek()}, of the next token). */
  int position() {
    return pos;
  }

  /** Moves back to an offset seen before, to read a value that was skipped the first time. */
  void seek(int offset) {
    pos = offset;
  }

  /** Takes an expected byte (after whitespace). */
  private void expect(char c, String context) {
    if (peek() != c) {
      throw malformed("expected '" + c + "' " + context + ", found " + describeNext());
    }
    pos++;
  }

  /**
   * Enters an object at the cursor and reads its first member's name, or its end.
   *
   * @return true when there is a member: its name is the last scanned string and the cursor is at its value
   */
  boolean enterObject() {
    pos++; // the '{', which the caller has seen
    if (peek() == '}') {
      pos++;
      return false;
    }
    memberName();
    return true;
  }

  /**
   * After a member's value, reads the next member's name, or the object's end.
   *
   * @return true when there is a member, as {@link #enterObject()}
   */
  boolean nextMember() {
    int c = peek();
    if (c == ',') {
      pos++;
      memberName();
      return true;
    }
    if (c == '}') {
      pos++;
      return false;
    }
    throw malformed("expected ',' or '}' after an object member, found " + describeNext());
  }

  private void memberName() {
    if (peek() != '"') {
      throw malformed("expected '\"' to start a member name, found " + describeNext());
    }
    scanString();
    expect(':', "after a member name");
    peek();
  }

  /** Enters an array at the cursor: true when it has a first element, at which the cursor then is. */
  boolean enterArray() {
    pos++;
    if (peek() == ']') {
      pos++;
      return false;
    }
    return true;
  }

  /** After an element, moves to the next one: true when there is one. */
  boolean nextElement() {
    int c = peek();
    if (c == ',') {
      pos++;
      peek();
      return true;
    }
    if (c == ']') {
      pos++;
      return false;
    }
    throw malformed("expected ',' or ']' after an array element, found " + describeNext());
  }

  /** Where the last scanned string's content starts (after its quote). */
  int stringStart() {
    return strStart;
  }

  /** Where the last scanned string's content ends (at its closing quote). */
  int stringEnd() {
    return strEnd;
  }

  /** Whether the last scanned string is ASCII without escapes. */
  boolean stringPlain() {
    return strPlain;
  }

  /** Makes a string scanned before the last one again, from its {@link #stringStart()} and so on. */
  void restoreString(int start, int end, boolean plain) {
    strStart = start;
    strEnd = end;
    strPlain = plain;
  }

  /** Tells whether the last scanned string (a member name) is this ASCII name, byte for byte. */
  boolean nameIs(String ascii) {
    int n = strEnd - strStart;
    if (!strPlain) {
      return stringValue().equals(ascii);
    }
    if (n != ascii.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[strStart + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Tells whether the last scanned string equals a name, ignoring ASCII case (as HTTP header names compare). */
  boolean nameEqualsIgnoreCase(String name) {
    int n = strEnd - strStart;
    if (!strPlain) {
      return stringValue().equalsIgnoreCase(name);
    }
    if (n != name.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      int x = b[strStart + i];
      int y = name.charAt(i);
      if (x != y && ((x | 0x20) != (y | 0x20) || (x | 0x20) < 'a' || (x | 0x20) > 'z')) {
        return false;
      }
    }
    return true;
  }

  /** The last scanned string as a {@code String}. */
  String stringValue() {
    if (strPlain) {
      // ASCII without escapes: the bytes are the characters, copied once into a compact string.
      return new String(b, strStart, strEnd - strStart, StandardCharsets.ISO_8859_1);
    }
    return decodeString(strStart, strEnd);
  }

  /** The last scanned string as UTF-8 bytes. */
  byte[] stringBytes() {
    if (strPlain) {
      return Arrays.copyOfRange(b, strStart, strEnd);
    }
    return decodeString(strStart, strEnd).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The last scanned string decoded as base64, with the rules of {@code java.util.Base64}'s basic decoder: the
   * standard alphabet, {@code =} padding optional but, when present, only where a group of four ends, and
   * nothing after it.
   *
   * <p>Decoded here rather than by the JDK so that the body is read where it sits in the event, with no copy of
   * its text first, and so that a fault can name its byte.
   *
   * @param field the field, for a fault
   * @throws LambdaEventException when it is not base64
   */
  byte[] base64Bytes(String field) {
    if (strPlain) {
      return base64(b, strStart, strEnd, true, field);
    }
    // JSON escapes (a serializer may write '/' as "\/") stand for their characters; offsets then count those.
    byte[] text = stringValue().getBytes(StandardCharsets.ISO_8859_1);
    return base64(text, 0, text.length, false, field);
  }

  private byte[] base64(byte[] s, int from, int to, boolean inEvent, String field) {
    int n = to - from;
    int pad = n > 0 && s[to - 1] == '=' ? (n > 1 && s[to - 2] == '=' ? 2 : 1) : 0;
    int chars = n - pad;
    if (pad > 0 && n % 4 != 0) {
      throw base64Fault(to - pad, from, inEvent, field, "'=' padding where no group of four characters ends");
    }
    if (chars % 4 == 1) {
      throw base64Fault(to - 1, from, inEvent, field, "one character left over after the last group of four");
    }
    byte[] out = new byte[chars / 4 * 3 + (chars % 4 == 0 ? 0 : chars % 4 - 1)];
    int p = from;
    int d = 0;
    for (int full = from + chars / 4 * 4; p < full; p += 4) {
      // An unknown byte is -1, which makes the whole group negative: one test per group.
      int v = BASE64[s[p] & 0xff] << 18 | BASE64[s[p + 1] & 0xff] << 12 | BASE64[s[p + 2] & 0xff] << 6
          | BASE64[s[p + 3] & 0xff];
      if (v < 0) {
        throw notInAlphabet(s, p, from, inEvent, field);
      }
      out[d] = (byte) (v >> 16);
      out[d + 1] = (byte) (v >> 8);
      out[d + 2] = (byte) v;
      d += 3;
    }
    int rest = chars % 4;
    if (rest > 0) {
      int v = BASE64[s[p] & 0xff] << 18 | BASE64[s[p + 1] & 0xff] << 12
          | (rest == 3 ? BASE64[s[p + 2] & 0xff] << 6 : 0);
      if (v < 0) {
        throw notInAlphabet(s, p, from, inEvent, field);
      }
      out[d] = (byte) (v >> 16);
      if (rest == 3) {
        out[d + 1] = (byte) (v >> 8);
      }
    }
    return out;
  }

  private LambdaEventException notInAlphabet(byte[] s, int p, int from, boolean inEvent, String field) {
    while (BASE64[s[p] & 0xff] >= 0) {
      p++;
    }
    if (s[p] == '=') {
      return base64Fault(p, from, inEvent, field, "'=' padding before the end");
    }
    return base64Fault(p, from, inEvent, field, "byte 0x" + Integer.toHexString(s[p] & 0xff)
        + (s[p] >= 0x21 && s[p] < 0x7f ? " ('" + (char) s[p] + "')" : "") + " is not in the base64 alphabet");
  }

  private LambdaEventException base64Fault(int at, int from, boolean inEvent, String field, String reason) {
    String message = "event field '" + field + "' is marked isBase64Encoded but is not base64: " + reason;
    return inEvent ? faultAt(at, message)
        : new LambdaEventException(message + " at character " + (at - from) + " of the field");
  }

  /**
   * Reads a string, number, {@code true} or {@code false} at the cursor as text (a number as written), or
   * null for {@code null}; anything else is a fault naming the field: {@code field}, then {@code .key} when the
   * key is not null, then {@code [index]} when the index is not negative. The name is joined only for a fault.
   */
  String scalar(String field, String key, int index) {
    int c = peek();
    int start = pos;
    if (c == '"') {
      scanString();
      return stringValue();
    }
    if (c == 'n') {
      literal("null");
      return null;
    }
    if (c == 't' || c == 'f') {
      literal(c == 't' ? "true" : "false");
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      number();
    } else {
      throw wrongType(field + (key == null ? "" : "." + key) + (index < 0 ? "" : "[" + index + "]"), "a string");
    }
    return new String(b, start, pos - start, StandardCharsets.ISO_8859_1);
  }

  /** Reads a string or null at the cursor (null gives false); anything else is a fault naming the field. */
  boolean string(String field) {
    int c = peek();
    if (c == '"') {
      scanString();
      return true;
    }
    if (c == 'n') {
      literal("null");
      return false;
    }
    throw wrongType(field, "a string");
  }

  /** Reads {@code true} or {@code false}, or the strings {@code "true"} and {@code "false"}; null is false. */
  boolean bool(String field) {
    int c = peek();
    if (c == 't') {
      literal("true");
      return true;
    }
    if (c == 'f' || c == 'n') {
      literal(c == 'f' ? "false" : "null");
      return false;
    }
    if (c == '"') {
      int at = pos;
      scanString();
      if (nameIs("true")) {
        return true;
      }
      if (nameIs("false")) {
        return false;
      }
      pos = at;
    }
    throw wrongType(field, "true or false");
  }

  /** Takes {@code null} at the cursor when it is there. */
  boolean skipNull() {
    if (peek() == 'n') {
      literal("null");
      return true;
    }
    return false;
  }

  /** Takes one value of any kind at the cursor, checking its grammar, and makes nothing of it. */
  void skipValue() {
    // Iterative, with the open containers as a stack of bytes, so that nesting cannot overflow the thread stack.
    byte[] open = null;
    int depth = 0;
    for (;;) {
      int c = peek();
      boolean done = true;
      if (c == '{' || c == '[') {
        if (depth == MAX_DEPTH) {
          throw malformed("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        boolean member = c == '{' ? enterObject() : enterArray();
        if (member) {
          if (open == null) {
            open = new byte[16];
          } else if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
          }
          open[depth++] = (byte) c;
          continue;
        }
      } else if (c == '"') {
        scanString();
      } else if (c == 't') {
        literal("true");
      } else if (c == 'f') {
        literal("false");
      } else if (c == 'n') {
        literal("null");
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        number();
      } else {
        throw malformed("expected a JSON value, found " + describeNext());
      }
      // A value is complete: close every container it completes, and stop at the next member or element.
      while (done && depth > 0) {
        boolean more = open[depth - 1] == '{' ? nextMember() : nextElement();
        if (more) {
          done = false;
        } else {
          depth--;
        }
      }
      if (done) {
        return;
      }
    }
  }

  /** Checks that nothing but whitespace follows. */
  void expectEnd(String what) {
    if (peek() != -1) {
      throw malformed("unexpected content after " + what);
    }
  }

  /** Describes the value starting at the cursor, for messages: "an object", "a string", ... */
  private String describeNext() {
    int c = peek();
    switch (c) {
      case -1: return "the end of the input";
      case '{': return "an object";
      case '[': return "an array";
      case '"': return "a string";
      case 't':
      case 'f': return "a boolean";
      case 'n': return "null";
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return "a number";
        }
        if (c >= 0x21 && c < 0x7f) {
          return "'" + (char) c + "'";
        }
        return "byte 0x" + Integer.toHexString(c);
    }
  }

  /**
   * The fault of a field whose value at the cursor has the wrong kind; or, when no JSON value starts there at
   * all (the input ends, say), the syntax fault that it really is.
   */
  LambdaEventException wrongType(String field, String expected) {
    int c = peek();
    if (c == '{' || c == '[' || c == '"' || c == 't' || c == 'f' || c == 'n' || c == '-' || (c >= '0' && c <= '9')) {
      return faultAt(pos, (field.equals("the event") ? field : "event field '" + field + "'") + " must be " + expected
          + ", found " + describeNext());
    }
    return malformed("expected a JSON value, found " + describeNext());
  }

  /** A JSON syntax fault at the cursor. */
  private LambdaEventException malformed(String message) {
    return malformedAt(pos, message);
  }

  private LambdaEventException malformedAt(int offset, String message) {
    return faultAt(offset, "malformed event JSON: " + message);
  }

  /** A fault at an offset: the message names the byte offset and its line and column (both from 1). */
  private LambdaEventException faultAt(int offset, String message) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < end; i++) {
      if (b[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new LambdaEventException(message + " at byte " + offset + " (line " + line + ", column "
        + (offset - lineStart + 1) + ")");
  }

  // --- scanning --------------------------------------------------------------------------------------------

  /** Scans the string at the cursor (its opening quote), leaving its range in strStart/strEnd/strPlain. */
  private void scanString() {
    int p = pos + 1;
    boolean plain = true;
    byte[] a = b;
    // The array's own length as the bound (end is the same), so that the compiler can drop the check on a[p].
    int limit = a.length;
    for (;;) {
      // Most bytes of an event are plain ASCII inside strings: one table look-up each, until one is not.
      while (p < limit && ORDINARY[a[p] & 0xff]) {
        p++;
      }
      if (p >= limit) {
        throw malformedAt(pos, "unterminated string");
      }
      byte c = a[p];
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        plain = false;
        p = escape(p);
        continue;
      }
      if (c >= 0 && c < 0x20) {
        throw malformedAt(p, "control character 0x" + Integer.toHexString(c) + " in a string (must be escaped)");
      }
      if (c < 0) {
        plain = false;
        p = utf8Sequence(p);
        continue;
      }
      p++;
    }
    strStart = pos + 1;
    strEnd = p;
    strPlain = plain;
    pos = p + 1;
  }

  /** Checks the escape at {@code p} (its backslash) and returns the offset after it. */
  private int escape(int p) {
    if (p + 1 >= end) {
      throw malformedAt(p, "unterminated string");
    }
    switch (b[p + 1]) {
      case '"':
      case '\\':
      case '/':
      case 'b':
      case 'f':
      case 'n':
      case 'r':
      case 't':
        return p + 2;
      case 'u':
        for (int i = p + 2; i < p + 6; i++) {
          if (i >= end || Hex.value(b[i]) < 0) {
            throw malformedAt(p, "invalid \\u escape: four hexadecimal digits must follow");
          }
        }
        return p + 6;
      default:
        throw malformedAt(p, "invalid escape '\\" + printable(b[p + 1]) + "'");
    }
  }

  private static String printable(byte c) {
    return c >= 0x21 && c < 0x7f ? String.valueOf((char) c) : "0x" + Integer.toHexString(c & 0xff);
  }

  /** Decodes a string's content with escapes or non-ASCII bytes; its escapes were checked by scanString. */
  private String decodeString(int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    int p = from;
    while (p < to) {
      int runStart = p;
      while (p < to && b[p] != '\\') {
        p++;
      }
      if (p > runStart) {
        out.append(utf8(runStart, p));
      }
      if (p == to) {
        break;
      }
      byte e = b[p + 1];
      switch (e) {
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 't': out.append('\t'); break;
        case 'u':
          out.append((char) (Hex.value(b[p + 2]) << 12 | Hex.value(b[p + 3]) << 8 | Hex.value(b[p + 4]) << 4
              | Hex.value(b[p + 5])));
          p += 6;
          continue;
        default: out.append((char) e); break; // '"', '\\' and '/' stand for themselves
      }
      p += 2;
    }
    // A \\u escape may leave a lone surrogate, as JSON allows; as UTF-8 it would become '?', as elsewhere in Java.
    return out.toString();
  }

  /** A run of bytes without escapes, which scanString has checked as UTF-8. */
  private String utf8(int from, int to) {
    return new String(b, from, to - from, StandardCharsets.UTF_8);
  }

  /**
   * Checks the UTF-8 sequence whose lead byte is at {@code p} ({@link Bodies#utf8End}) and returns the offset
   * after it.
   */
  private int utf8Sequence(int p) {
    int next = Bodies.utf8End(b, p, end);
    if (next >= 0) {
      return next;
    }
    int c = b[p] & 0xff;
    if (c < 0xc2 || c > 0xf4) {
      throw malformedAt(p, "invalid UTF-8 in a string: byte 0x" + Integer.toHexString(c) + " cannot start a character");
    }
    int length = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    throw malformedAt(p, "invalid UTF-8 in a string: " + (p + length > end ? "truncated" : "malformed") + " character");
  }

  private void literal(String word) {
    int n = word.length();
    if (pos + n > end) {
      throw malformed("expected '" + word + "'");
    }
    for (int i = 0; i < n; i++) {
      if (b[pos + i] != word.charAt(i)) {
        throw malformed("expected '" + word + "'");
      }
    }
    pos += n;
    if (pos < end && isWordByte(b[pos])) {
      throw malformed("unexpected character after '" + word + "'");
    }
  }

  private static boolean isWordByte(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c < 0;
  }

  /** Takes a number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
  private void number() {
    int p = pos;
    if (b[p] == '-') {
      p++;
    }
    if (p < end && b[p] == '0') {
      p++;
    } else {
      p = digits(p, "a digit");
    }
    if (p < end && b[p] == '.') {
      p = digits(p + 1, "a digit after the decimal point");
    }
    if (p < end && (b[p] == 'e' || b[p] == 'E')) {
      p++;
      if (p < end && (b[p] == '+' || b[p] == '-')) {
        p++;
      }
      p = digits(p, "a digit in the exponent");
    }
    if (p < end && (isWordByte(b[p]) || b[p] == '.')) {
      throw malformedAt(p, "invalid number");
    }
    pos = p;
  }

  private int digits(int p, String what) {
    int start = p;
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      p++;
    }
    if (p == start) {
      throw malformedAt(p, "invalid number: expected " + what);
    }
    return p;
  }
}
