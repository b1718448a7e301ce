package org.faasgrip.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SubscriptionTrackerTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<String> events = new ArrayList<>();
  private final SubscriptionListener recorder = new SubscriptionListener() {
    @Override
    public void subscribed(String channel) {
      events.add("+" + channel);
    }

    @Override
    public void unsubscribed(String channel) {
      events.add("-" + channel);
    }
  };

  private SubscriptionTracker tracker(String prefix) {
    return SubscriptionTracker.builder().channelPrefix(prefix).listener(recorder).clock(now::get).build();
  }

  private static byte[] tnet(String type, String... kv) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < kv.length; i += 2) {
      body.append(kv[i].length()).append(':').append(kv[i]).append(',');
      String v = kv[i + 1];
      char t = v.charAt(v.length() - 1);
      String raw = v.substring(0, v.length() - 1);
      body.append(raw.length()).append(':').append(raw).append(t);
    }
    return (type + " T" + body.length() + ":" + body + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sub(String from, String channel, int ttl) {
    return tnet("sub", "subscribers", "1#", "mode", "stream,", "ttl", ttl + "#", "from", from + ",",
        "channel", channel + ",");
  }

  private static byte[] gone(String from, String channel) {
    return tnet("sub", "mode", "stream,", "unavailable", "true!", "from", from + ",", "channel", channel + ",");
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void firstSubscribeAndLastUnsubscribeOverInstancesAreEvents() {
    SubscriptionTracker t = tracker("");
    t.accept(sub("a", "room", 60));
    t.accept(sub("b", "room", 60));
    t.accept(sub("a", "room", 60));
    assertThat(t.hasSubscribers("room")).isTrue();
    assertThat(t.subscribers("room")).isEqualTo(2);
    t.accept(gone("a", "room"));
    assertThat(t.hasSubscribers("room")).isTrue();
    t.accept(gone("b", "room"));
    assertThat(t.hasSubscribers("room")).isFalse();
    assertThat(events).containsExactly("+room", "-room");
  }

  @Test
  void unsubMessagesCountAsUnsubscribeToo() {
    SubscriptionTracker t = tracker("");
    t.accept(sub("a", "room", 60));
    t.accept(tnet("unsub", "mode", "stream,", "from", "a,", "channel", "room,"));
    assertThat(events).containsExactly("+room", "-room");
  }

  @Test
  void aReportNotRefreshedWithinItsTtlExpiresAndARefreshKeepsItAlive() {
    SubscriptionTracker t = tracker("");
    t.accept(sub("a", "room", 5));
    advance(Duration.ofSeconds(4));
    t.accept(sub("a", "room", 5));
    advance(Duration.ofSeconds(5));
    t.expire();
    assertThat(t.hasSubscribers("room")).isTrue();
    assertThat(events).containsExactly("+room");
    advance(Duration.ofMillis(1100));
    assertThat(t.hasSubscribers("room")).isFalse();
    t.expire();
    assertThat(events).containsExactly("+room", "-room");
  }

  @Test
  void thePrefixSelectsAndIsTakenOffChannels() {
    SubscriptionTracker t = tracker("app-");
    t.accept(sub("a", "app-room", 60));
    t.accept(sub("a", "other-room", 60));
    assertThat(t.hasSubscribers("room")).isTrue();
    assertThat(t.hasSubscribers("app-room")).isFalse();
    assertThat(events).containsExactly("+room");
  }

  @Test
  void otherMessageTypesAreIgnoredAndBadOnesRefusedWithTheirOffset() {
    SubscriptionTracker t = tracker("");
    t.accept("conn T2:0:~}".getBytes(StandardCharsets.US_ASCII));
    t.accept("report Tgarbage".getBytes(StandardCharsets.US_ASCII));
    assertThat(events).isEmpty();
    assertThatThrownBy(() -> t.accept("sub T5:abc,}".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOfSatisfying(TnetStringException.class, e -> assertThat(e.offset()).isEqualTo(5));
    assertThatThrownBy(() -> t.accept("sub J{}".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(TnetStringException.class).hasMessageContaining("not tnetstring");
    assertThatThrownBy(() -> t.accept(tnet("sub", "mode", "stream,")))
        .isInstanceOf(TnetStringException.class).hasMessageContaining("\"channel\"");
    assertThatThrownBy(() -> t.accept("nospace".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(TnetStringException.class);
  }

  @Test
  void channelsPastTheLimitAreCountedNotTracked() {
    SubscriptionTracker t = SubscriptionTracker.builder().maxChannels(1).clock(now::get).build();
    t.accept(sub("a", "one", 60));
    t.accept(sub("a", "two", 60));
    assertThat(t.hasSubscribers("one")).isTrue();
    assertThat(t.hasSubscribers("two")).isFalse();
    assertThat(t.droppedReports()).isEqualTo(1);
  }

  @Test
  void ipcEndpointsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> SubscriptionTracker.builder().connect("ipc:///tmp/stats"))
        .isInstanceOf(ZmqException.class).hasMessageContaining("tcp://");
  }
}
