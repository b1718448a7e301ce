package org.faasgrip.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.faasgrip.examples.ChatStreamHandler;

/**
 * The JavaScript faas-grip library's chat handler as the benchmarks drive it: {@code ChatStreamHandler} (on {@code GripStreamHandler},
 * raw JSON in and out) with {@code publish} replaced by a counter, as the reference's handler mode does, so
 * that what is measured is the library's request and response path, not the network.
 */
public final class ChatInvoker {
  private final RequestStreamHandler handler;
  private final PublishCounter counter;

  /** Installs a counting publisher as {@code FaasGrip}'s shared instance, and makes the handler. */
  public ChatInvoker() {
    this.counter = PublishCounter.install();
    this.handler = new ChatStreamHandler();
  }

  /**
   * Invokes the handler on one event.
   *
   * @param eventJson the Lambda event's JSON
   * @return the response's JSON
   * @throws UncheckedIOException never in practice: both streams are in memory
   */
  public byte[] invoke(byte[] eventJson) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try {
      handler.handleRequest(new ByteArrayInputStream(eventJson), out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Returns how many items the handler has published so far.
   *
   * @return the count
   */
  public long published() {
    return counter.items();
  }
}
