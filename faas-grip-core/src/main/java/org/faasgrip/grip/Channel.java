package org.faasgrip.grip;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A channel a held request subscribes to ({@code Grip-Channel}): its name, optionally the id of the last item
 * the client saw ({@code prev-id}, so the proxy can tell whether it missed one) and filters such as
 * {@code skip-self}. Immutable.
 */
public final class Channel {
  private final String name;
  private final String prevId;
  private final List<String> filters;

  private Channel(String name, String prevId, List<String> filters) {
    this.name = name;
    this.prevId = prevId;
    this.filters = filters;
  }

  /**
   * Returns a channel with a name only.
   *
   * @param name the channel name (without the configured prefix)
   * @return the channel
   * @throws GripInstructException if the name cannot be carried in {@code Grip-Channel}
   */
  public static Channel of(String name) {
    return builder(name).build();
  }

  /**
   * Returns a channel with a name and the previous item id.
   *
   * @param name the channel name (without the configured prefix)
   * @param prevId the id of the last item the client saw; null for none
   * @return the channel
   * @throws GripInstructException if a value cannot be carried in {@code Grip-Channel}
   */
  public static Channel of(String name, String prevId) {
    return builder(name).prevId(prevId).build();
  }

  /**
   * Returns a builder for a channel.
   *
   * @param name the channel name (without the configured prefix)
   * @return a new builder
   * @throws GripInstructException if the name cannot be carried in {@code Grip-Channel}
   */
  public static Builder builder(String name) {
    return new Builder(GripInstruct.checkChannelName(name, "channel name"));
  }

  /** Returns the name, without prefix.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /** Returns the previous item id, or null.
   *
   * @return the prev-id, or null
   */
  public String prevId() {
    return prevId;
  }

  /** Returns the filters, in order.
   *
   * @return the filters, unmodifiable
   */
  public List<String> filters() {
    return filters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Channel c && name.equals(c.name) && Objects.equals(prevId, c.prevId) && filters.equals(c.filters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, prevId, filters);
  }

  @Override
  public String toString() {
    return "Channel[" + name + (prevId != null ? ", prev-id=" + prevId : "") + (filters.isEmpty() ? "" : ", filters=" + filters) + "]";
  }

  /** Builds a {@link Channel}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private String prevId;
    private final List<String> filters = new ArrayList<>(1);

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets the id of the last item the client saw.
     *
     * @param prevId the id; null for none
     * @return this builder
     * @throws GripInstructException if the id holds a control character
     */
    public Builder prevId(String prevId) {
      this.prevId = prevId == null ? null : GripInstruct.checkValue(prevId, "channel '" + name + "' prev-id");
      return this;
    }

    /**
     * Adds a filter, such as {@code skip-self}.
     *
     * @param filter the filter name
     * @return this builder
     * @throws GripInstructException if the filter is empty or holds a control character
     */
    public Builder filter(String filter) {
      if (filter == null || filter.isEmpty()) {
        throw new GripInstructException("channel '" + name + "' filter must not be " + (filter == null ? "null" : "empty"));
      }
      filters.add(GripInstruct.checkValue(filter, "channel '" + name + "' filter"));
      return this;
    }

    /** Builds the channel.
     *
     * @return the immutable channel
     */
    public Channel build() {
      return new Channel(name, prevId, List.copyOf(filters));
    }
  }
}
