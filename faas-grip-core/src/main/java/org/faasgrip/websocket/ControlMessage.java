package org.faasgrip.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes GRIP control messages: {@code c:} and a JSON object, as UTF-8. A few fixed shapes, so a small escaper
 * does the work of a JSON library without loading one on the cold path.
 */
final class ControlMessage {
  private final StringBuilder sb = new StringBuilder(64).append("c:{");
  private boolean first = true;

  ControlMessage(String type) {
    field("type", type);
  }

  ControlMessage field(String name, String value) {
    key(name);
    quote(sb, value);
    return this;
  }

  ControlMessage field(String name, long value) {
    key(name);
    sb.append(value);
    return this;
  }

  ControlMessage base64Field(String name, byte[] value) {
    key(name);
    sb.append('"').append(Base64.getEncoder().encodeToString(value)).append('"');
    return this;
  }

  ControlMessage field(String name, String[] values) {
    key(name);
    sb.append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      quote(sb, values[i]);
    }
    sb.append(']');
    return this;
  }

  private void key(String name) {
    if (!first) {
      sb.append(',');
    }
    first = false;
    sb.append('"').append(name).append("\":");
  }

  byte[] toBytes() {
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Appends a JSON string literal: quotes, backslashes and control characters escaped. */
  static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
