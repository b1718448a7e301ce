package org.faasgrip.publish;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.faasgrip.internal.Http;

/**
 * One publish: a channel, the formats to deliver (at most one of each kind), and optionally an {@code id} and a
 * {@code prev-id} (the proxy uses them to order items and detect gaps) and {@code meta} (string pairs that
 * subscription filters, such as {@code skip-self}, compare).
 *
 * <pre>{@code
 * Item.of("room", WebSocketMessageFormat.text("hello"));
 * Item.builder("room").id("7").prevId("6").meta("sender", "alice")
 *     .format(WebSocketMessageFormat.text("hello")).format(HttpStreamFormat.of("hello\n")).build();
 * }</pre>
 *
 * <p>The channel is the name the application uses; {@link PublishBody#toJson} puts the configured prefix
 * ({@code GRIP_PREFIX}) in front of it. Immutable.
 *
 * <p>The channel, {@code id} and {@code prev-id} may not hold CR, LF, NUL or another control character (a tab is
 * allowed): the proxy sends a channel and the id of its last item back to the origin in a
 * {@code Grip-Last: <channel>; last-id=<id>} request header, written as they are, and a {@code prev-id} names
 * such an id. Meta and content travel only in the publish JSON, which carries any text.
 */
public final class Item {
  private final String channel;
  private final String id;
  private final String prevId;
  private final Map<String, String> meta;
  private final List<Format> formats;

  private Item(Builder b) {
    this.channel = b.channel;
    this.id = b.id;
    this.prevId = b.prevId;
    this.meta = b.meta == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.meta));
    this.formats = List.copyOf(b.formats);
  }

  /** The one-format item of {@link #of}: checked by the caller. */
  private Item(String channel, Format format) {
    this.channel = channel;
    this.id = null;
    this.prevId = null;
    this.meta = Map.of();
    this.formats = List.of(format);
  }

  /**
   * Returns an item on a channel with the given formats.
   *
   * @param channel the channel name, not empty
   * @param formats one or more formats, at most one of each kind
   * @return the item
   * @throws InvalidItemException if the channel is empty or holds a control character, there is no format, or
   *     two formats have one kind
   */
  public static Item of(String channel, Format... formats) {
    // The usual publish, one format and no id or meta, is built directly: the builder's map, list and their
    // copies were a third of the objects a chat handler allocated per invocation. Same checks, same faults.
    if (formats != null && formats.length == 1) {
      return of(channel, formats[0]);
    }
    Builder b = builder(channel);
    if (formats != null) {
      for (Format f : formats) {
        b.format(f);
      }
    }
    return b.build();
  }

  /**
   * Returns an item on a channel with one format, the usual publish (without the array that
   * {@link #of(String, Format...)} takes).
   *
   * @param channel the channel name, not empty
   * @param format the format
   * @return the item
   * @throws InvalidItemException if the channel is null, empty or holds a control character, or the format is
   *     null
   */
  public static Item of(String channel, Format format) {
    checkChannel(channel);
    return new Item(channel, checkFormat(format));
  }

  /**
   * Returns a builder for an item on a channel.
   *
   * @param channel the channel name, not empty
   * @return a new builder
   * @throws InvalidItemException if the channel is null, empty or holds a control character
   */
  public static Builder builder(String channel) {
    return new Builder(channel);
  }

  /** Returns the channel name, without prefix.
   *
   * @return the channel
   */
  public String channel() {
    return channel;
  }

  /** Returns the item's id, or null.
   *
   * @return the id, or null
   */
  public String id() {
    return id;
  }

  /** Returns the id of the item before this one, or null.
   *
   * @return the previous id, or null
   */
  public String prevId() {
    return prevId;
  }

  /** Returns the meta pairs, in the order added.
   *
   * @return the meta, unmodifiable; empty when none
   */
  public Map<String, String> meta() {
    return meta;
  }

  /** Returns the formats, in the order added.
   *
   * @return the formats, unmodifiable, never empty
   */
  public List<Format> formats() {
    return formats;
  }

  /**
   * Returns this item's format of a kind, or null.
   *
   * @param <T> the format type
   * @param type the format class, such as {@code WebSocketMessageFormat.class}
   * @return the format, or null when the item has none of that kind
   */
  public <T extends Format> T format(Class<T> type) {
    for (Format f : formats) {
      if (type.isInstance(f)) {
        return type.cast(f);
      }
    }
    return null;
  }

  private static String checkChannel(String channel) {
    if (channel == null || channel.isEmpty()) {
      throw new InvalidItemException("item channel must not be " + (channel == null ? "null" : "empty"));
    }
    return checkHeaderText(channel, "item channel");
  }

  /** Refuses what a header cannot carry, in a value the proxy writes into {@code Grip-Last}; null passes. */
  static String checkHeaderText(String value, String what) {
    int bad = value == null ? -1 : Http.indexOfBadValueChar(value);
    if (bad >= 0) {
      throw new InvalidItemException(what + " '" + Http.printable(value) + "' has control character U+"
          + String.format("%04X", (int) value.charAt(bad)) + " at index " + bad
          + ": the proxy sends channels and ids back in Grip-Last request headers, which cannot carry it");
    }
    return value;
  }

  private static Format checkFormat(Format format) {
    if (format == null) {
      throw new InvalidItemException("item format must not be null");
    }
    return format;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Item i
        && channel.equals(i.channel)
        && Objects.equals(id, i.id)
        && Objects.equals(prevId, i.prevId)
        && meta.equals(i.meta)
        && formats.equals(i.formats);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channel, id, prevId, meta, formats);
  }

  @Override
  public String toString() {
    return "Item[channel=" + channel + (id != null ? ", id=" + id : "") + (prevId != null ? ", prev-id=" + prevId : "")
        + ", formats=" + formats + "]";
  }

  /** Builds an {@link Item}. Not thread-safe. */
  public static final class Builder {
    private final String channel;
    private String id;
    private String prevId;
    /** Made by the first meta pair: most items have none. */
    private Map<String, String> meta;
    private final List<Format> formats = new ArrayList<>(2);

    private Builder(String channel) {
      this.channel = checkChannel(channel);
    }

    /**
     * Sets the item's id.
     *
     * @param id the id; null for none
     * @return this builder
     * @throws InvalidItemException if the id holds a control character
     */
    public Builder id(String id) {
      this.id = checkHeaderText(id, "item id");
      return this;
    }

    /**
     * Sets the id of the item before this one on the channel.
     *
     * @param prevId the previous id; null for none
     * @return this builder
     * @throws InvalidItemException if the id holds a control character
     */
    public Builder prevId(String prevId) {
      this.prevId = checkHeaderText(prevId, "item prev-id");
      return this;
    }

    /**
     * Adds one meta pair; a name set twice keeps the last value.
     *
     * @param name the name, not empty
     * @param value the value, not null
     * @return this builder
     * @throws InvalidItemException if the name is empty or the value null
     */
    public Builder meta(String name, String value) {
      if (name == null || name.isEmpty()) {
        throw new InvalidItemException("item meta name must not be " + (name == null ? "null" : "empty"));
      }
      if (value == null) {
        throw new InvalidItemException("item meta '" + name + "' has a null value");
      }
      if (meta == null) {
        meta = new LinkedHashMap<>();
      }
      meta.put(name, value);
      return this;
    }

    /**
     * Adds every pair of a map as meta.
     *
     * @param pairs the pairs
     * @return this builder
     * @throws InvalidItemException if a name is empty or a value null
     */
    public Builder meta(Map<String, String> pairs) {
      if (pairs == null) {
        throw new InvalidItemException("item meta map must not be null");
      }
      for (Map.Entry<String, String> e : pairs.entrySet()) {
        meta(e.getKey(), e.getValue());
      }
      return this;
    }

    /**
     * Adds a format.
     *
     * @param format the format
     * @return this builder
     * @throws InvalidItemException if format is null or the item already has a format of its kind
     */
    public Builder format(Format format) {
      checkFormat(format);
      for (Format f : formats) {
        if (f.name().equals(format.name())) {
          throw new InvalidItemException("item on channel '" + channel + "' already has a " + format.name()
              + " format; an item carries at most one format of each kind");
        }
      }
      formats.add(format);
      return this;
    }

    /** Builds the item.
     *
     * @return the immutable item
     * @throws InvalidItemException if no format was added
     */
    public Item build() {
      if (formats.isEmpty()) {
        throw new InvalidItemException("item on channel '" + channel + "' has no format; add at least one");
      }
      return new Item(this);
    }
  }
}
