package org.faasgrip.publisher;

import java.net.URI;
import java.time.Duration;
import org.faasgrip.publish.HttpStreamFormat;

/**
 * Publishes once to the proxy given as the argument and prints how it ended, for {@link LargeErrorBodyTest} to run
 * in a JVM with a small heap. Exits 0 when the publish failed with a {@link PublishException}, 1 when it was
 * accepted, 2 on anything else.
 */
public final class LargeErrorBodyPublish {
  private LargeErrorBodyPublish() {}

  /**
   * Runs the publish.
   *
   * @param args the proxy's publish URI
   */
  public static void main(String[] args) {
    long start = System.nanoTime();
    int exit;
    try (GripPublisher publisher = GripPublisher.builder()
        .endpoint(new ProxyEndpoint(URI.create(args[0]), null, null, null))
        .retry(RetryPolicy.builder().maxAttempts(2).baseBackoff(Duration.ofMillis(10)).build())
        .build()) {
      publisher.publish("room", HttpStreamFormat.of("x"));
      System.out.println("accepted");
      exit = 1;
    } catch (PublishException e) {
      PublishException.Failure f = e.failures().get(0);
      System.out.println("status=" + f.status() + " attempts=" + f.attempts() + " bodyChars=" + f.body().length()
          + " millis=" + (System.nanoTime() - start) / 1_000_000 + " error=" + f.error());
      exit = 0;
    } catch (Throwable t) {
      t.printStackTrace();
      exit = 2;
    }
    System.out.flush();
    // The HTTP client's threads must not keep this JVM alive: exit as soon as the publish has ended.
    System.exit(exit);
  }
}
