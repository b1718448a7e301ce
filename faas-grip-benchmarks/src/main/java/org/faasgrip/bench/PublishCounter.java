package org.faasgrip.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.faasgrip.function.PublishFunction;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.function.Grip;
import org.faasgrip.publish.Item;

/**
 * Counts published items instead of sending them: {@code publish()} replaced by a counter, as in the
 * reference's {@code chat-handler.cjs}, so that a benchmark measures the library's request and response path,
 * not the network. A named class rather than a lambda, so that the cold path ({@code Once}) bootstraps no
 * lambda of its own.
 */
public final class PublishCounter implements PublishFunction {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
  private long items;

  /** Makes a counter at zero. */
  public PublishCounter() {}

  /**
   * Installs a new counter as the publishing of {@link FaasGrip}'s shared instance (with no proxy configured).
   *
   * @return the counter
   */
  public static PublishCounter install() {
    PublishCounter c = new PublishCounter();
    FaasGrip.install(Grip.builder().publishWith(c).build());
    return c;
  }

  @Override
  public CompletableFuture<Void> publish(List<Item> batch) {
    items += batch.size();
    return DONE;
  }

  /**
   * Returns how many items were published so far.
   *
   * @return the count
   */
  public long items() {
    return items;
  }
}
