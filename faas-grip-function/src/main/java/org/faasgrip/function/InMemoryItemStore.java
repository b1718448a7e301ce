package org.faasgrip.function;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faasgrip.internal.Checks;

/**
 * An {@link ItemStore} in this JVM's memory, bounded: at most {@code itemsPerChannel} items per channel (the oldest
 * go first) and {@code channels} channels (the one used least recently goes first). For examples, tests and a
 * server that lives as long as its streams; a function on a platform that starts and stops instances needs a store
 * that every instance shares. Thread-safe.
 */
public final class InMemoryItemStore implements ItemStore {
  private final int itemsPerChannel;
  private final int maxChannels;
  /** In access order: the eldest is the channel used least recently. */
  private final Map<String, ArrayDeque<StoredItem>> channels;

  private InMemoryItemStore(int itemsPerChannel, int maxChannels) {
    this.itemsPerChannel = itemsPerChannel;
    this.maxChannels = maxChannels;
    this.channels = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<StoredItem>> eldest) {
        return size() > InMemoryItemStore.this.maxChannels;
      }
    };
  }

  /**
   * Returns a store that keeps the last {@code itemsPerChannel} items of at most {@code channels} channels.
   *
   * @param itemsPerChannel items kept per channel, 1 or more
   * @param channels channels kept, 1 or more
   * @return the store
   * @throws IllegalArgumentException if a bound is below 1
   */
  public static InMemoryItemStore create(int itemsPerChannel, int channels) {
    if (itemsPerChannel < 1 || channels < 1) {
      throw new IllegalArgumentException("an InMemoryItemStore keeps at least 1 item of 1 channel, was asked for "
          + itemsPerChannel + " items of " + channels + " channels");
    }
    return new InMemoryItemStore(itemsPerChannel, channels);
  }

  @Override
  public synchronized String append(String channel, StoredItem item) {
    Checks.notNull(channel, "channel");
    Checks.notNull(item, "item");
    ArrayDeque<StoredItem> items = channels.computeIfAbsent(channel, c -> new ArrayDeque<>());
    String prev = items.isEmpty() ? null : items.peekLast().id();
    if (items.size() == itemsPerChannel) {
      items.removeFirst();
    }
    items.addLast(item);
    return prev;
  }

  @Override
  public synchronized List<StoredItem> itemsAfter(String channel, String afterId, int max) {
    Checks.notNull(channel, "channel");
    if (max < 1) {
      throw new IllegalArgumentException("max must be 1 or more, was " + max);
    }
    ArrayDeque<StoredItem> items = channels.get(channel);
    if (items == null) {
      return afterId == null ? List.of() : null;
    }
    Iterator<StoredItem> it = items.iterator();
    if (afterId != null) {
      boolean found = false;
      while (it.hasNext() && !found) {
        found = it.next().id().equals(afterId);
      }
      if (!found) {
        return null;
      }
    }
    List<StoredItem> out = new ArrayList<>();
    while (it.hasNext() && out.size() < max) {
      out.add(it.next());
    }
    return out;
  }

  @Override
  public synchronized String lastId(String channel) {
    ArrayDeque<StoredItem> items = channels.get(Checks.notNull(channel, "channel"));
    return items == null || items.isEmpty() ? null : items.peekLast().id();
  }

  @Override
  public synchronized String toString() {
    return "InMemoryItemStore{" + channels.size() + " of at most " + maxChannels + " channels, " + itemsPerChannel
        + " items each}";
  }
}
