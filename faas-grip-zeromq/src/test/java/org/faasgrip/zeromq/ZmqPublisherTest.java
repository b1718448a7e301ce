package org.faasgrip.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.InvalidItemException;
import org.faasgrip.publish.Item;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The publisher against plain JeroMQ SUB sockets standing in for Pushpin instances. */
class ZmqPublisherTest {
  @Test
  void countsEachSubscribedPeerAndSendsChannelThenJson() {
    try (ZmqPublisher pub = ZmqPublisher.builder().channelPrefix("app-").bind("tcp://127.0.0.1:*");
        ZContext ctx = new ZContext()) {
      assertThat(pub.endpoint()).matches("tcp://127\\.0\\.0\\.1:\\d+");
      ZMQ.Socket a = sub(ctx, pub.endpoint(), "app-room");
      ZMQ.Socket b = sub(ctx, pub.endpoint(), "app-room");
      pub.awaitSubscribers("room", 2, Duration.ofSeconds(10));
      assertThat(pub.subscribers("room")).isEqualTo(2);
      assertThat(pub.subscribers("other")).isZero();

      pub.publish(Item.of("room", HttpStreamFormat.of("hi\n")));
      for (ZMQ.Socket s : List.of(a, b)) {
        assertThat(s.recvStr()).isEqualTo("app-room");
        assertThat(s.hasReceiveMore()).isTrue();
        assertThat(new String(s.recv(), StandardCharsets.UTF_8))
            .isEqualTo("J{\"channel\":\"app-room\",\"formats\":{\"http-stream\":{\"content\":\"hi\\n\"}}}");
        assertThat(s.hasReceiveMore()).isFalse();
      }

      a.unsubscribe("app-room".getBytes(StandardCharsets.UTF_8));
      awaitCount(pub, "room", 1);
      ctx.destroySocket(b);
      awaitCount(pub, "room", 0);
    }
  }

  @Test
  void awaitTimesOutWithTheCountAndClosedPublishersRefuse() {
    ZmqPublisher pub = ZmqPublisher.builder().bind("tcp://127.0.0.1:*");
    assertThatThrownBy(() -> pub.awaitSubscribers("room", 1, Duration.ofMillis(50)))
        .isInstanceOf(ZmqException.class).hasMessageContaining("\"room\"").hasMessageContaining("0 did");
    pub.close();
    pub.close();
    assertThatThrownBy(() -> pub.publish(Item.of("room", HttpStreamFormat.of("x"))))
        .isInstanceOf(ZmqException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> pub.publish((Item) null)).isInstanceOf(InvalidItemException.class);
  }

  @Test
  void badEndpointsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> ZmqPublisher.builder().bind("ipc:///tmp/x")).isInstanceOf(ZmqException.class)
        .hasMessageContaining("JeroMQ");
    assertThatThrownBy(() -> ZmqPublisher.builder().bind("tcp://no-such-host.invalid:1"))
        .isInstanceOf(ZmqException.class).hasMessageContaining("Cannot bind");
    try (ZmqPublisher first = ZmqPublisher.builder().bind("tcp://127.0.0.1:*")) {
      assertThatThrownBy(() -> ZmqPublisher.builder().bind(first.endpoint()))
          .isInstanceOf(ZmqException.class).hasMessageContaining(first.endpoint());
    }
  }

  private static ZMQ.Socket sub(ZContext ctx, String endpoint, String topic) {
    ZMQ.Socket s = ctx.createSocket(SocketType.SUB);
    s.setReceiveTimeOut(10_000);
    s.connect(endpoint);
    s.subscribe(topic.getBytes(StandardCharsets.UTF_8));
    return s;
  }

  private static void awaitCount(ZmqPublisher pub, String channel, int n) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (pub.subscribers(channel) != n) {
      assertThat(System.nanoTime() - deadline).as("count of " + channel + " reaching " + n).isNegative();
      Thread.onSpinWait();
    }
  }
}
