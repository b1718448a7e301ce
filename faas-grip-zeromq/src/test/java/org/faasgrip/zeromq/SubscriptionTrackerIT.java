package org.faasgrip.zeromq;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.faasgrip.testkit.OriginServer;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinOptions;
import org.faasgrip.testkit.TestStream;
import org.junit.jupiter.api.Test;

/** A real Pushpin's stats socket, a real streaming client holding a channel, then going away. */
class SubscriptionTrackerIT {
  @Test
  void seesARealClientSubscribeAndGoAway() throws Exception {
    String channel = "stats-" + UUID.randomUUID();
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    try (OriginServer origin = OriginServer.start();
        // A short ttl: Pushpin then refreshes its reports every second or so, which the test sees pass.
        Pushpin pushpin = Pushpin.start(PushpinOptions.builder().origin(startOrigin(origin, channel))
            .config("handler", "stats_subscription_ttl", "2").build());
        SubscriptionTracker tracker = SubscriptionTracker.builder().channelPrefix("app-")
            .listener(new SubscriptionListener() {
              @Override
              public void subscribed(String c) {
                events.add("+" + c);
              }

              @Override
              public void unsubscribed(String c) {
                events.add("-" + c);
              }
            })
            .connect(pushpin.statsEndpoint())) {
      // ZeroMQ's slow joiner: a SUB socket misses what is published before it has connected; with the short
      // ttl a missed first report is made up by its refresh a second later, within the wait below.
      assertThat(tracker.hasSubscribers(channel)).isFalse();
      try (TestStream client = TestStream.open(pushpin.httpUri("/hold"))) {
        assertThat(client.awaitLine(Duration.ofSeconds(10))).isEqualTo("held");
        // Generous: on a loaded machine the first report and a refresh or two can come and go before the SUB socket
        // has joined.
        assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("+" + channel);
        // Past the report's ttl: refreshes keep the channel subscribed, with no event.
        assertThat(events.poll(3, TimeUnit.SECONDS)).isNull();
        assertThat(tracker.hasSubscribers(channel)).isTrue();
        assertThat(tracker.subscribers(channel)).isEqualTo(1);
      }
      assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("-" + channel);
      assertThat(tracker.hasSubscribers(channel)).isFalse();
      assertThat(tracker.malformedMessages()).isZero();
    }
  }

  private static int startOrigin(OriginServer origin, String channel) {
    origin.handle("/hold", ex -> OriginServer.reply(ex, 200, Map.of("Content-Type", "text/plain",
        "Grip-Hold", "stream", "Grip-Channel", "app-" + channel), "held\n"));
    return origin.port();
  }
}
