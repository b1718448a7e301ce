package org.faasgrip.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.faasgrip.publish.HttpStreamFormat;
import org.junit.jupiter.api.Test;

/**
 * Finding: a proxy's large error body exhausts memory. A proxy that answers {@code 500} with a 1 GB body sent at
 * full speed made the publisher read the body whole before shortening it for the message: every HTTP client
 * thread ran out of heap, the publish never returned, and the JVM no longer answered SIGTERM.
 */
class LargeErrorBodyTest {
  private static final long ONE_GB = 1L << 30;

  /** The child's heap, far below the body: reading it whole cannot succeed. */
  private static final String HEAP = "-Xmx64m";

  /** Bytes a connection may carry before the publisher closes it: socket buffers, never the heap's worth. */
  private static final long MAX_SENT_PER_CONNECTION = 32L << 20;

  /** Big enough that draining it shows, small enough that the test JVM can hold it (before the fix, it did). */
  private static final long QUARTER_GB = 1L << 28;

  @Test
  void aProxysLargeErrorBodyIsCutOffWithItsConnectionNotDrained() throws Exception {
    try (FloodProxy proxy = new FloodProxy(500, QUARTER_GB); GripPublisher publisher = publisherTo(proxy)) {
      PublishException e = catchThrowableOfType(PublishException.class,
          () -> publisher.publish("room", HttpStreamFormat.of("x")));

      PublishException.Failure f = e.failures().get(0);
      assertThat(f.status()).isEqualTo(500);
      assertThat(f.body()).isEqualTo("x".repeat(PublishException.MAX_BODY_CHARS) + "…");
      assertConnectionsGivenUp(proxy, 1);
    }
  }

  @Test
  void aLarge2xxBodyIsCutOffTooAndThePublishSucceeds() throws Exception {
    try (FloodProxy proxy = new FloodProxy(200, QUARTER_GB); GripPublisher publisher = publisherTo(proxy)) {
      publisher.publish("room", HttpStreamFormat.of("x"));

      assertConnectionsGivenUp(proxy, 1);
    }
  }

  private static GripPublisher publisherTo(FloodProxy proxy) {
    return GripPublisher.builder().endpoint(new ProxyEndpoint(proxy.publishUri(), null, null, null))
        .retry(RetryPolicy.none()).build();
  }

  /**
   * Waits, while the publisher is still open, for the proxy to see each connection closed, and checks that each
   * carried little of the body: the publisher closed it rather than leaving it to stall or reading it to its end.
   */
  private static void assertConnectionsGivenUp(FloodProxy proxy, int connections) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (proxy.sent.size() < connections && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(proxy.sent).hasSize(connections)
        .allSatisfy(n -> assertThat(n).isLessThan(MAX_SENT_PER_CONNECTION));
  }

  @Test
  void aProxysLargeErrorBodyDoesNotExhaustMemory() throws Exception {
    try (FloodProxy proxy = new FloodProxy(500, ONE_GB)) {
      Path out = Files.createTempFile("large-error-body", ".out");
      try {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, HEAP, "-cp",
            System.getProperty("java.class.path"), LargeErrorBodyPublish.class.getName(),
            proxy.publishUri().toString())
            .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = child.waitFor(20, TimeUnit.SECONDS);
        if (!ended) {
          child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);

        assertThat(ended).as("the publish in a %s JVM ended within 20 s; its output:%n%s", HEAP, output).isTrue();
        assertThat(output).doesNotContain("OutOfMemoryError");
        assertThat(child.exitValue()).as("exit status; output:%n%s", output).isZero();
        assertThat(output).contains("status=500 attempts=2 bodyChars=" + (PublishException.MAX_BODY_CHARS + 1));
        // Neither attempt read far into the gigabyte.
        assertConnectionsGivenUp(proxy, 2);
      } finally {
        Files.deleteIfExists(out);
      }
    }
  }
}
