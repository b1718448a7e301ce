package org.faasgrip.function;

import java.util.List;

/**
 * The recent items of each channel, oldest first: what {@link ReliableStream} answers a recovery from. Implement it
 * over the store the function already has (a table keyed by channel and sequence, a Redis list, ...), since a
 * function's memory does not outlive its instance; {@link InMemoryItemStore} is the bounded implementation for
 * examples, tests and a single long-lived server.
 *
 * <p>Ids are the ones the items are published with, unique within a channel. Implementations are called from many
 * invocations at once and must be thread-safe; {@link #append} must be atomic per channel, so that two publishers
 * never both name the same item as the one before theirs.
 */
public interface ItemStore {
  /**
   * Stores an item as the channel's newest, and returns the id of the item that was newest before it.
   *
   * @param channel the channel, without the prefix
   * @param item the item
   * @return the id of the item before it, or null when the channel had none (or none the store still keeps)
   */
  String append(String channel, StoredItem item);

  /**
   * Returns the items after an id, oldest first.
   *
   * @param channel the channel, without the prefix
   * @param afterId the id of the last item the client has; null for every item the store keeps
   * @param max the most items to return, 1 or more: the oldest {@code max} of them when there are more
   * @return the items after {@code afterId}, empty when it is the newest; null when the store does not know
   *     {@code afterId} (never stored, or dropped since), so that the caller can tell a gap it cannot fill
   */
  List<StoredItem> itemsAfter(String channel, String afterId, int max);

  /**
   * Returns the id of the channel's newest item.
   *
   * @param channel the channel, without the prefix
   * @return the id, or null when the store keeps no item of the channel
   */
  String lastId(String channel);
}
