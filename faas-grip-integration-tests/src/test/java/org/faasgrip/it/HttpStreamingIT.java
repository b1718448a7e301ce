package org.faasgrip.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.faasgrip.examples.Streaming;
import org.faasgrip.it.Payload.Example;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The streaming example end to end, for each payload: a real HTTP client opens a stream through Pushpin, gets
 * the initial body from the function, then each chunk the function side publishes.
 */
class HttpStreamingIT {
  private static final Duration TIMEOUT = RigExtension.TIMEOUT;

  @RegisterExtension
  final RigExtension rig = new RigExtension();

  private final HttpClient http = HttpClient.newHttpClient();

  @ParameterizedTest
  @EnumSource(Payload.class)
  void streamGetsInitialBodyThenEachPublishedChunk(Payload payload) throws Exception {
    HttpResponse<InputStream> response = http.sendAsync(
            HttpRequest.newBuilder(rig.http(payload, Example.STREAM, null)).timeout(TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofInputStream())
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    try (Chunks chunks = new Chunks(response.body())) {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
      // Pushpin strips the instructions before the client sees the response.
      assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("grip-"));
      assertThat(chunks.read(Streaming.OPENED.length())).isEqualTo(Streaming.OPENED);

      rig.awaitSubscribers(Streaming.CHANNEL, 1);
      Streaming.publish("first chunk\n");
      assertThat(chunks.read("first chunk\n".length())).isEqualTo("first chunk\n");
      Streaming.publish("second chunk\n");
      assertThat(chunks.read("second chunk\n".length())).isEqualTo("second chunk\n");
    }
  }

  /** Reads a streamed body on a thread of its own, so that the test can wait for data with a timeout. */
  private static final class Chunks implements AutoCloseable {
    private final BlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();
    private final InputStream in;
    private final Thread reader;

    Chunks(InputStream in) {
      this.in = in;
      reader = new Thread(() -> {
        try {
          int b;
          while ((b = in.read()) >= 0) {
            bytes.add(b);
          }
        } catch (IOException e) {
          // closed by the test
        }
      }, "stream-reader");
      reader.setDaemon(true);
      reader.start();
    }

    /** The next {@code n} bytes as UTF-8; fails if they do not all come within the timeout. */
    String read(int n) throws InterruptedException {
      byte[] out = new byte[n];
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      for (int i = 0; i < n; i++) {
        Integer b = bytes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (b == null) {
          throw new AssertionError("only " + i + " of " + n + " bytes came within " + TIMEOUT + ": "
              + new String(out, 0, i, StandardCharsets.UTF_8));
        }
        out[i] = (byte) (int) b;
      }
      return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      in.close();
      reader.interrupt();
    }
  }
}
