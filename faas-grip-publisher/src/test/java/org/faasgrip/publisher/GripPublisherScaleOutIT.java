package org.faasgrip.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.faasgrip.config.GripConfig;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.testkit.PushpinExtension;
import org.faasgrip.testkit.TestStream;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two Pushpin instances on one machine, as behind a load balancer: one publish reaches the clients of both. */
class GripPublisherScaleOutIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension static PushpinExtension first = PushpinExtension.withOrigin();
  @RegisterExtension static PushpinExtension second = PushpinExtension.withOrigin();

  @Test
  void onePublishToGripProxiesReachesSubscribersOnBothInstances() throws Exception {
    String channel = "room-" + UUID.randomUUID();
    LiveClients.holdStream(first.origin(), "/stream", channel);
    LiveClients.subscribeWebSockets(first.origin(), "/ws", channel);
    LiveClients.holdStream(second.origin(), "/stream", channel);
    LiveClients.subscribeWebSockets(second.origin(), "/ws", channel);
    TestStream streamOnFirst = TestStream.open(first.pushpin().httpUri("/stream"));
    TestStream streamOnSecond = TestStream.open(second.pushpin().httpUri("/stream"));
    try (TestWebSocket wsOnFirst = TestWebSocket.connect(first.pushpin().wsUri("/ws"));
         TestWebSocket wsOnSecond = TestWebSocket.connect(second.pushpin().wsUri("/ws"))) {
      first.pushpin().awaitSubscribers(channel, 2, WAIT);
      second.pushpin().awaitSubscribers(channel, 2, WAIT);

      String proxies = "[{\"control_uri\": \"" + first.pushpin().controlUri() + "\", \"control_iss\": \"pushpin\","
          + " \"key\": \"changeme\"}, {\"control_uri\": \"" + second.pushpin().controlUri() + "\"}]";
      try (GripPublisher publisher = GripPublisher.builder()
          .config(GripConfig.fromEnvironment(Map.of("GRIP_PROXIES", proxies)))
          .build()) {
        publisher.publish(Item.builder(channel)
            .format(HttpStreamFormat.of("to all\n"))
            .format(WebSocketMessageFormat.text("to all"))
            .build());
      }

      assertThat(streamOnFirst.awaitLine(WAIT)).isEqualTo("start");
      assertThat(streamOnFirst.awaitLine(WAIT)).isEqualTo("to all");
      assertThat(streamOnSecond.awaitLine(WAIT)).isEqualTo("start");
      assertThat(streamOnSecond.awaitLine(WAIT)).isEqualTo("to all");
      assertThat(wsOnFirst.awaitText(WAIT)).isEqualTo("to all");
      assertThat(wsOnSecond.awaitText(WAIT)).isEqualTo("to all");
    }
  }
}
