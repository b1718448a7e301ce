package org.faasgrip.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.faasgrip.config.GripConfig;
import org.faasgrip.grip.GripHeaderException;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.grip.Headers;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.sse.ServerSentEvent;
import org.junit.jupiter.api.Test;

class ReliableStreamTest {
  private final List<Item> published = new ArrayList<>();
  private final Grip grip = Grip.builder()
      .config(GripConfig.fromEnvironment(Map.of("GRIP_URL", "http://127.0.0.1:5561", "GRIP_PREFIX", "p-")))
      .publishWith(items -> {
        published.addAll(items);
        return CompletableFuture.completedFuture(null);
      })
      .build();
  private final InMemoryItemStore store = InMemoryItemStore.create(3, 2);
  private final ReliableStream news = ReliableStream.builder(grip, store).nextLink(URI.create("/news")).build();

  private static GripRequest request(String... headers) {
    GripRequest.Builder b = GripRequest.builder().method("GET").path("/news");
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  private static String body(GripResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void itemsChainTheirPrevIdsFromTheStart() {
    news.publish("news", "1", "one\n");
    Item second = news.item("news", "2", "two\n");
    assertThat(published).containsExactly(Item.builder("news").id("1").prevId(ReliableStream.START)
        .format(HttpStreamFormat.of("one\n")).build());
    assertThat(second.prevId()).isEqualTo("1");
    assertThat(store.lastId("news")).isEqualTo("2");
    assertThatThrownBy(() -> news.item("news", ReliableStream.START, "x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.lastId("news")).isEqualTo("2");
  }

  @Test
  void aNewClientGetsThePreambleAndIsHeldAfterTheNewestItem() {
    GripResponse empty = news.hold(request(), "news", "hi\n");
    assertThat(body(empty)).isEqualTo("hi\n");
    assertThat(empty.headers()).isEqualTo(Headers.of("Content-Type", "text/plain; charset=utf-8",
        "Grip-Hold", "stream", "Grip-Channel", "p-news; prev-id=-", "Grip-Link", "</news>; rel=next"));
    news.item("news", "1", "one\n");
    assertThat(news.hold(request(), "news", "hi\n").header("Grip-Channel")).isEqualTo("p-news; prev-id=1");
  }

  @Test
  void aRecoveryGetsWhatCameAfterGripLastWithoutThePreamble() {
    news.item("news", "1", "one\n");
    news.item("news", "2", "two\n");
    news.item("news", "3", "three\n");
    GripResponse r = news.hold(request("Grip-Last", "p-news; last-id=1"), "news", "hi\n");
    assertThat(body(r)).isEqualTo("two\nthree\n");
    assertThat(r.header("Grip-Channel")).isEqualTo("p-news; prev-id=3");
    GripResponse none = news.hold(request("Grip-Last", "p-news; last-id=3"), "news", "hi\n");
    assertThat(body(none)).isEmpty();
    assertThat(none.header("Grip-Channel")).isEqualTo("p-news; prev-id=3");
    // Held before the channel had an item: everything from the start.
    assertThat(body(news.hold(request("Grip-Last", "p-news; last-id=-"), "news"))).isEqualTo("one\ntwo\nthree\n");
  }

  @Test
  void aLastIdTheStoreNoLongerHasGetsEverythingItKeeps() {
    for (int i = 1; i <= 5; i++) {
      news.item("news", Integer.toString(i), i + "\n");
    }
    GripResponse r = news.hold(request("Grip-Last", "p-news; last-id=1"), "news");
    assertThat(body(r)).isEqualTo("3\n4\n5\n");
    assertThat(r.header("Grip-Channel")).isEqualTo("p-news; prev-id=5");
    InMemoryItemStore empty = InMemoryItemStore.create(3, 1);
    GripResponse lost = ReliableStream.builder(grip, empty).nextLink(URI.create("/x")).build()
        .hold(request("Grip-Last", "p-news; last-id=9"), "news");
    assertThat(lost.header("Grip-Channel")).isEqualTo("p-news; prev-id=-");
  }

  @Test
  void oneResponseCarriesAtMostMaxItems() {
    ReliableStream two = ReliableStream.builder(grip, store).nextLink(URI.create("/n")).maxItems(2)
        .nextLinkTimeout(30).build();
    two.item("news", "1", "1\n");
    two.item("news", "2", "2\n");
    two.item("news", "3", "3\n");
    GripResponse r = two.hold(request("Grip-Last", "p-news; last-id=-"), "news");
    assertThat(body(r)).isEqualTo("1\n2\n");
    assertThat(r.header("Grip-Channel")).isEqualTo("p-news; prev-id=2");
    assertThat(r.header("Grip-Link")).isEqualTo("</n>; rel=next; timeout=30");
  }

  @Test
  void anEventStreamResumesFromLastEventIdOnlyWhenTheProxyGaveNoGripLast() {
    ReliableStream feed = ReliableStream.eventStream(grip, store).nextLink(URI.create("/feed")).build();
    feed.item("feed", ServerSentEvent.builder().id("a").data("A").build());
    feed.item("feed", ServerSentEvent.builder().id("b").data("B").build());
    GripResponse r = feed.hold(request("Last-Event-ID", "a"), "feed", "retry: 1000\n\n");
    assertThat(body(r)).isEqualTo("retry: 1000\n\nid: b\ndata: B\n\n");
    assertThat(r.headers()).isEqualTo(Headers.of("Content-Type", "text/event-stream", "Cache-Control", "no-cache",
        "Grip-Hold", "stream", "Grip-Channel", "p-feed; prev-id=b", "Grip-Keep-Alive", "OgoK; format=base64; timeout=20",
        "Grip-Link", "</feed>; rel=next"));
    // A Last-Event-ID that no event of ours could have is ignored: the browser starts from now.
    assertThat(body(feed.hold(request("Last-Event-ID", "a\u0001"), "feed"))).isEmpty();
    assertThatThrownBy(() -> feed.item("feed", ServerSentEvent.of("no id"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs an id");
    // A plain stream does not read Last-Event-ID.
    assertThat(body(news.hold(request("Last-Event-ID", "a"), "feed"))).isEmpty();
  }

  @Test
  void requiredSignaturesAndMalformedGripLastAreRefused() {
    Grip strict = Grip.builder().config(GripConfig.fromEnvironment(Map.of("GRIP_URL",
        "http://127.0.0.1:5561?verify-iss=pushpin&verify-key=changeme"))).requireSignature(true).build();
    ReliableStream s = ReliableStream.builder(strict, store).nextLink(URI.create("/n")).build();
    assertThatThrownBy(() -> s.hold(request(), "news")).isInstanceOf(NotFromProxyException.class);
    assertThatThrownBy(() -> news.hold(request("Grip-Last", "p-news"), "news")).isInstanceOf(GripHeaderException.class);
    assertThat(grip.errorResponse(new GripHeaderException("x")).status()).isEqualTo(400);
    assertThatThrownBy(() -> ReliableStream.builder(grip, store).build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a next link");
  }

  @Test
  void theInMemoryStoreIsBoundedPerChannelAndInChannels() {
    store.append("a", StoredItem.of("1", new byte[] {1}));
    store.append("b", StoredItem.of("1", new byte[] {2}));
    store.append("c", StoredItem.of("1", new byte[] {3}));   // "a", used least recently, goes
    assertThat(store.lastId("a")).isNull();
    assertThat(store.itemsAfter("a", "1", 5)).isNull();
    assertThat(store.itemsAfter("a", null, 5)).isEmpty();
    assertThat(store.itemsAfter("c", null, 5)).containsExactly(StoredItem.of("1", new byte[] {3}));
    assertThat(store.append("c", StoredItem.of("2", new byte[0]))).isEqualTo("1");
    assertThatThrownBy(() -> InMemoryItemStore.create(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gripReadsLastIdsWithThePrefixAndHoldsEventStreams() {
    assertThat(grip.lastId(request("Grip-Last", "p-news; last-id=7"), "news")).isEqualTo("7");
    assertThat(grip.lastId(request("Grip-Last", "news; last-id=7"), "news")).isNull();
    GripResponse r = grip.holdEventStream("feed", ServerSentEvent.builder().retry(1000).build(),
        ServerSentEvent.of("hello", "open"));
    assertThat(body(r)).isEqualTo("retry: 1000\n\nevent: hello\ndata: open\n\n");
    assertThat(r.headers()).isEqualTo(Headers.of("Content-Type", "text/event-stream", "Cache-Control", "no-cache",
        "Grip-Hold", "stream", "Grip-Channel", "p-feed", "Grip-Keep-Alive", "OgoK; format=base64; timeout=20"));
    GripResponse instruct = grip.holdInstructBody(org.faasgrip.grip.GripInstruct.builder().holdResponse().channel("c")
        .build(), "text/plain", "t");
    assertThat(body(instruct)).isEqualTo("{\"hold\":{\"mode\":\"response\",\"channels\":[{\"name\":\"p-c\"}]},"
        + "\"response\":{\"code\":200,\"headers\":[[\"Content-Type\",\"text/plain\"]],\"body\":\"t\"}}");
  }
}
