package org.faasgrip.lambda;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.faasgrip.publish.Item;
import org.faasgrip.function.PublishFunction;

/**
 * Stands in for the publisher in unit tests: it records what would have been published. Publishing to a real
 * Pushpin is the integration tests' job; here only what the handler asks to publish is under test.
 */
final class Recorder implements PublishFunction {
  final List<Item> items = new CopyOnWriteArrayList<>();

  @Override
  public CompletableFuture<Void> publish(List<Item> batch) {
    items.addAll(batch);
    return CompletableFuture.completedFuture(null);
  }
}
