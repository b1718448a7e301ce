package org.faasgrip.publish;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.faasgrip.grip.Headers;
import org.faasgrip.internal.Json;

/**
 * Writes items as the body of the proxy's publish API ({@code POST <control URI>/publish/}):
 *
 * <pre>{@code
 * {"items":[{"channel":"room","id":"7","prev-id":"6","meta":{"sender":"alice"},
 *            "formats":{"ws-message":{"content":"hello"}}}]}
 * }</pre>
 *
 * <p>Keys come in this order, without spaces; absent values are left out, never written as {@code null}.
 * Binary content goes base64 (standard alphabet, padded) in {@code content-bin} / {@code body-bin}. This is the
 * publish hot path: it streams straight to UTF-8 bytes, with no intermediate tree or string.
 */
public final class PublishBody {
  private static final SerializableString ITEMS = new SerializedString("items");
  private static final SerializableString CHANNEL = new SerializedString("channel");
  private static final SerializableString ID = new SerializedString("id");
  private static final SerializableString PREV_ID = new SerializedString("prev-id");
  private static final SerializableString META = new SerializedString("meta");
  private static final SerializableString FORMATS = new SerializedString("formats");
  private static final SerializableString HTTP_STREAM = new SerializedString("http-stream");
  private static final SerializableString HTTP_RESPONSE = new SerializedString("http-response");
  private static final SerializableString WS_MESSAGE = new SerializedString("ws-message");
  private static final SerializableString CONTENT = new SerializedString("content");
  private static final SerializableString CONTENT_BIN = new SerializedString("content-bin");
  private static final SerializableString ACTION = new SerializedString("action");
  private static final SerializableString CLOSE = new SerializedString("close");
  private static final SerializableString HINT = new SerializedString("hint");
  private static final SerializableString REFRESH = new SerializedString("refresh");
  private static final SerializableString TYPE = new SerializedString("type");
  private static final SerializableString CODE = new SerializedString("code");
  private static final SerializableString REASON = new SerializedString("reason");
  private static final SerializableString HEADERS = new SerializedString("headers");
  private static final SerializableString BODY = new SerializedString("body");
  private static final SerializableString BODY_BIN = new SerializedString("body-bin");

  private PublishBody() {}

  /**
   * Returns the publish API's JSON for a list of items, as UTF-8 bytes.
   *
   * @param items the items, at least one
   * @param channelPrefix put in front of every channel name ({@code GRIP_PREFIX}); null or empty for none
   * @return the JSON body
   * @throws InvalidItemException if items is null or empty, or holds a null, or the prefix holds a control
   *     character (as an item's channel may not)
   */
  public static byte[] toJson(List<Item> items, String channelPrefix) {
    if (items == null || items.isEmpty()) {
      throw new InvalidItemException("nothing to publish: the item list is " + (items == null ? "null" : "empty"));
    }
    String prefix = channelPrefix == null ? "" : Item.checkHeaderText(channelPrefix, "channel prefix");
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName(ITEMS);
      g.writeStartArray();
      for (int i = 0, n = items.size(); i < n; i++) {
        Item item = items.get(i);
        if (item == null) {
          throw new InvalidItemException("item " + i + " of the publish list is null");
        }
        writeItem(g, item, prefix);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      // Writing to memory does not fail; a failure here is a bug in the generator.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Returns the publish API's JSON for one item.
   *
   * @param item the item
   * @param channelPrefix put in front of the channel name; null or empty for none
   * @return the JSON body
   * @throws InvalidItemException if item is null, or the prefix holds a control character
   */
  public static byte[] toJson(Item item, String channelPrefix) {
    if (item == null) {
      throw new InvalidItemException("nothing to publish: the item is null");
    }
    return toJson(List.of(item), channelPrefix);
  }

  /**
   * Returns one item's JSON on its own, without the {@code {"items":[...]}} around it: the form an item takes
   * where the channel travels beside it, such as Pushpin's ZeroMQ publish socket ({@code J} then this JSON).
   *
   * @param item the item
   * @param channelPrefix put in front of the channel name; null or empty for none
   * @return the item's JSON, as UTF-8 bytes
   * @throws InvalidItemException if item is null, or the prefix holds a control character
   */
  public static byte[] itemJson(Item item, String channelPrefix) {
    if (item == null) {
      throw new InvalidItemException("nothing to publish: the item is null");
    }
    String prefix = channelPrefix == null ? "" : Item.checkHeaderText(channelPrefix, "channel prefix");
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      writeItem(g, item, prefix);
    } catch (IOException e) {
      // Writing to memory does not fail; a failure here is a bug in the generator.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeItem(JsonGenerator g, Item item, String prefix) throws IOException {
    g.writeStartObject();
    g.writeFieldName(CHANNEL);
    g.writeString(prefix.isEmpty() ? item.channel() : prefix.concat(item.channel()));
    if (item.id() != null) {
      g.writeFieldName(ID);
      g.writeString(item.id());
    }
    if (item.prevId() != null) {
      g.writeFieldName(PREV_ID);
      g.writeString(item.prevId());
    }
    Map<String, String> meta = item.meta();
    if (!meta.isEmpty()) {
      g.writeFieldName(META);
      g.writeStartObject();
      for (Map.Entry<String, String> e : meta.entrySet()) {
        g.writeFieldName(e.getKey());
        g.writeString(e.getValue());
      }
      g.writeEndObject();
    }
    g.writeFieldName(FORMATS);
    g.writeStartObject();
    for (Format f : item.formats()) {
      if (f instanceof WebSocketMessageFormat ws) {
        g.writeFieldName(WS_MESSAGE);
        writeWs(g, ws);
      } else if (f instanceof HttpStreamFormat hs) {
        g.writeFieldName(HTTP_STREAM);
        writeStream(g, hs);
      } else {
        g.writeFieldName(HTTP_RESPONSE);
        writeResponse(g, (HttpResponseFormat) f);
      }
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeWs(JsonGenerator g, WebSocketMessageFormat f) throws IOException {
    g.writeStartObject();
    if (f.isClose()) {
      g.writeFieldName(ACTION);
      g.writeString(CLOSE);
      if (f.closeCode() != 0) {
        g.writeFieldName(CODE);
        g.writeNumber(f.closeCode());
      }
      if (f.closeReason() != null) {
        g.writeFieldName(REASON);
        g.writeString(f.closeReason());
      }
    } else if (f.isRefresh()) {
      g.writeFieldName(ACTION);
      g.writeString(REFRESH);
    } else if (f.isControlFrame()) {
      // Without "type" Pushpin would take content-bin for a binary message.
      g.writeFieldName(TYPE);
      g.writeString(f.type());
      writeContent(g, f.rawBytes(), null);
    } else {
      writeContent(g, f.isBinary() ? f.rawBytes() : null, f.text());
    }
    g.writeEndObject();
  }

  private static void writeStream(JsonGenerator g, HttpStreamFormat f) throws IOException {
    g.writeStartObject();
    if (f.isClose()) {
      g.writeFieldName(ACTION);
      g.writeString(CLOSE);
    } else if (f.isHint()) {
      g.writeFieldName(ACTION);
      g.writeString(HINT);
    } else {
      writeContent(g, f.isBinary() ? f.rawBytes() : null, f.text());
    }
    g.writeEndObject();
  }

  /** The content of a message: {@code content-bin} (base64) when it is binary, else {@code content}. */
  private static void writeContent(JsonGenerator g, byte[] binary, String text) throws IOException {
    if (binary != null) {
      g.writeFieldName(CONTENT_BIN);
      g.writeBinary(binary);
    } else {
      g.writeFieldName(CONTENT);
      g.writeString(text);
    }
  }

  private static void writeResponse(JsonGenerator g, HttpResponseFormat f) throws IOException {
    g.writeStartObject();
    if (f.isHint()) {
      g.writeFieldName(ACTION);
      g.writeString(HINT);
      g.writeEndObject();
      return;
    }
    if (f.code() != 0) {
      g.writeFieldName(CODE);
      g.writeNumber(f.code());
    }
    if (f.reason() != null) {
      g.writeFieldName(REASON);
      g.writeString(f.reason());
    }
    Headers headers = f.headers();
    if (!headers.isEmpty()) {
      g.writeFieldName(HEADERS);
      // An object cannot hold a name twice (Set-Cookie); the API's list-of-pairs form can.
      if (f.hasRepeatedHeaderName()) {
        g.writeStartArray();
        for (int i = 0; i < headers.size(); i++) {
          g.writeStartArray();
          g.writeString(headers.name(i));
          g.writeString(headers.value(i));
          g.writeEndArray();
        }
        g.writeEndArray();
      } else {
        g.writeStartObject();
        for (int i = 0; i < headers.size(); i++) {
          g.writeFieldName(headers.name(i));
          g.writeString(headers.value(i));
        }
        g.writeEndObject();
      }
    }
    if (f.isBinary()) {
      g.writeFieldName(BODY_BIN);
      g.writeBinary(f.rawBytes());
    } else {
      // Pushpin refuses an http-response without body, body-bin or body-patch: no body is an empty one.
      g.writeFieldName(BODY);
      g.writeString(f.text() != null ? f.text() : "");
    }
    g.writeEndObject();
  }
}
