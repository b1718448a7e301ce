package org.faasgrip.websocket;

import org.faasgrip.internal.JsonBytes;

/**
 * Writes GRIP control messages: {@code c:} and a JSON object, as UTF-8. A few fixed shapes, so the core's small
 * JSON writer ({@link JsonBytes}) does the work of a JSON library without loading one on the cold path. The
 * bytes are written straight into one array that becomes the event's content, with no string in between.
 */
final class ControlMessage {
  private final JsonBytes out = new JsonBytes(64);
  private boolean first = true;

  /** Starts a message of a type: one of the context's own ASCII constants, written as is like the keys. */
  ControlMessage(String type) {
    out.ascii("c:{\"type\":\"").ascii(type).ascii('"');
    first = false;
  }

  ControlMessage field(String name, String value) {
    key(name);
    out.string(value);
    return this;
  }

  ControlMessage field(String name, long value) {
    key(name);
    out.ascii(Long.toString(value));
    return this;
  }

  ControlMessage base64Field(String name, byte[] value) {
    key(name);
    out.base64String(value);
    return this;
  }

  ControlMessage field(String name, String[] values) {
    key(name);
    out.ascii('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.ascii(',');
      }
      out.string(values[i]);
    }
    out.ascii(']');
    return this;
  }

  /** The message as a TEXT event whose content is this writer's array: no copy. */
  WebSocketEvent toEvent() {
    out.ascii('}');
    return new WebSocketEvent(WebSocketEvent.Type.TEXT, out.array(), 0, out.length());
  }

  /** Writes {@code "name":}, after a comma unless first; names are this class's own ASCII constants. */
  private void key(String name) {
    if (!first) {
      out.ascii(',');
    }
    first = false;
    out.ascii('"').ascii(name).ascii("\":");
  }
}
