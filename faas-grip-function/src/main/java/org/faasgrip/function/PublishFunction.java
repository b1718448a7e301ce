package org.faasgrip.function;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.faasgrip.publish.Item;

/**
 * Publishes a batch of items somewhere: the seam that replaces the {@link org.faasgrip.publisher.GripPublisher}
 * ({@link Grip.Builder#publishWith(PublishFunction)}), for tests and benchmarks that count publishes instead of
 * sending them, or for an application's own transport.
 */
@FunctionalInterface
public interface PublishFunction {
  /**
   * Publishes items, in order.
   *
   * @param items the items, channel names without the prefix
   * @return a future that completes when the items are published
   */
  CompletableFuture<Void> publish(List<Item> items);
}
