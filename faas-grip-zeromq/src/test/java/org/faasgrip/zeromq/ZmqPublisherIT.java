package org.faasgrip.zeromq;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.testkit.OriginServer;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinOptions;
import org.faasgrip.testkit.TestStream;
import org.junit.jupiter.api.Test;

/** One publish over ZeroMQ reaches three real Pushpin instances that connect to the publisher. */
class ZmqPublisherIT {
  @Test
  void onePublishReachesAClientOnEachOfThreeInstances() throws Exception {
    String channel = "zmq-" + UUID.randomUUID();
    List<Pushpin> cluster = new ArrayList<>();
    List<TestStream> clients = new ArrayList<>();
    try (OriginServer origin = OriginServer.start();
        ZmqPublisher publisher = ZmqPublisher.builder().channelPrefix("app-").bind("tcp://127.0.0.1:*")) {
      origin.handle("/hold", ex -> OriginServer.reply(ex, 200, Map.of("Content-Type", "text/plain",
          "Grip-Hold", "stream", "Grip-Channel", "app-" + channel), "held\n"));
      try {
        for (int i = 0; i < 3; i++) {
          cluster.add(Pushpin.start(PushpinOptions.builder().origin(origin.port())
              .config("handler", "push_in_sub_specs", publisher.endpoint())
              .config("handler", "push_in_sub_connect", "true")
              .build()));
        }
        assertThat(publisher.subscribers(channel)).isZero();
        for (Pushpin p : cluster) {
          TestStream client = TestStream.open(p.httpUri("/hold"));
          clients.add(client);
          assertThat(client.awaitLine(Duration.ofSeconds(10))).isEqualTo("held");
        }
        // The slow joiner: each instance subscribes its SUB socket once its client holds the channel, and a
        // message sent before the subscription arrives is dropped. The XPUB socket sees each subscription.
        publisher.awaitSubscribers(channel, 3, Duration.ofSeconds(10));

        publisher.publish(Item.of(channel, HttpStreamFormat.of("to all\n")));
        for (TestStream client : clients) {
          assertThat(client.awaitLine(Duration.ofSeconds(10))).as(client.toString()).isEqualTo("to all");
        }

        // A client that leaves makes its instance unsubscribe: the publisher sees two instances left.
        clients.remove(0).close();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (publisher.subscribers(channel) != 2 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(publisher.subscribers(channel)).isEqualTo(2);
      } finally {
        clients.forEach(TestStream::close);
        cluster.forEach(Pushpin::close);
      }
    }
  }
}
