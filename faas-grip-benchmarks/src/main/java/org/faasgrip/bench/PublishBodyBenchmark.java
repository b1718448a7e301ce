package org.faasgrip.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.PublishBody;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The publish request's body: what the chat handler's {@code publish("room", ...)} turns into before it goes on
 * the wire. {@code items} is how many messages one request carries: 1 (one chat message), or 8 (the eight
 * messages of {@code lambda-messages.json}, coalesced into one request).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PublishBodyBenchmark {
  /** How many items one publish request carries. */
  @Param({"1", "8"})
  public int items;

  /** Made by JMH, once per fork; the state is built in the {@code @Setup} method. */
  public PublishBodyBenchmark() {}

  private List<Item> wsItems;
  private List<Item> mixedItems;

  /** Builds the items once: the benchmark measures writing them, not building them. */
  @Setup
  public void setUp() {
    wsItems = new ArrayList<>();
    mixedItems = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      String text = "bob: message number " + i + " lorem ipsum dolor sit amet, consectetur";
      wsItems.add(Item.of("room", WebSocketMessageFormat.text(text)));
      mixedItems.add(Item.builder("room").id(Integer.toString(i + 1)).prevId(Integer.toString(i))
          .format(WebSocketMessageFormat.text(text)).format(HttpStreamFormat.of(text + "\n")).build());
    }
  }

  /**
   * The chat handler's publish: {@code ws-message} text items on one channel, with a channel prefix.
   *
   * @return the JSON body
   */
  @Benchmark
  public byte[] wsMessage() {
    return PublishBody.toJson(wsItems, "chat-");
  }

  /**
   * Items with {@code id}, {@code prev-id} and two formats ({@code ws-message} and {@code http-stream}).
   *
   * @return the JSON body
   */
  @Benchmark
  public byte[] mixed() {
    return PublishBody.toJson(mixedItems, "");
  }
}
