package org.faasgrip.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.faasgrip.examples.Chat;
import org.faasgrip.publisher.RetryPolicy;
import org.faasgrip.testkit.Pushpin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A function that takes 2 s per call behind a real Pushpin, with 20 WebSocket clients each sending 5 messages at
 * once and 3 streams: Pushpin sends a connection's next request only when the last one was answered, so what a
 * client sends meanwhile waits in Pushpin and goes in one batch. Nothing may be lost, duplicated or reordered.
 */
class SlowFunctionIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration CALL = Duration.ofSeconds(2);
  private static final int CLIENTS = 20;
  private static final int STREAMS = 3;
  private static final int MESSAGES = 5;

  private final FaultRig rig = new FaultRig();

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  @Test
  void everyMessageArrivesOnceAndInOrder() throws Exception {
    FaultRoom.delayMillis = CALL.toMillis();
    rig.onClose(() -> FaultRoom.delayMillis = 0);
    Pushpin pushpin = rig.pushpin(rig.gateway().port());
    rig.function(RetryPolicy.defaults(), e -> { }, pushpin.controlUri());
    UpgradeRelay relay = rig.relay(pushpin);
    Room room = rig.room(WAIT);
    long connecting = System.nanoTime();
    room.connect(CLIENTS, name -> relay.wsUri(FaultRoom.CHAT_PATH));
    long connected = System.nanoTime();
    room.openStreams(STREAMS, pushpin.httpUri(FaultRoom.STREAM_PATH));
    pushpin.awaitSubscribers(Chat.CHANNEL, CLIENTS + STREAMS, WAIT);

    long start = System.nanoTime();
    List<String> sent = room.sendFromAll(MESSAGES);
    room.awaitDelivered(sent, room.receivers(), WAIT);
    long end = System.nanoTime();
    Room.Count count = Room.count(sent, room.receivers());

    // Latency: from the send to the sender's own copy (the chat sends every message back to everyone).
    List<Long> latencies = new ArrayList<>();
    for (Room.Client c : room.clients()) {
      for (String m : sent) {
        if (Room.sender(m).equals(c.name) && c.firstSeen(m) != null) {
          latencies.add(Duration.ofNanos(c.firstSeen(m) - room.sentAt(m)).toMillis());
        }
      }
    }
    Collections.sort(latencies);
    System.out.println("[faults] slow function (" + CALL.toMillis() + " ms per call): " + CLIENTS
        + " WebSocket clients connected in " + Duration.ofNanos(connected - connecting).toMillis() + " ms, "
        + STREAMS + " streams; " + count + "; all delivered in " + Duration.ofNanos(end - start).toMillis()
        + " ms; latency to the sender ms: min " + latencies.get(0) + ", median "
        + latencies.get(latencies.size() / 2) + ", max " + latencies.get(latencies.size() - 1));

    assertThat(count.deliveries).as("nothing lost: %s", count).isEqualTo(count.expected());
    assertThat(count.duplicates).isEmpty();
    assertThat(count.outOfOrder).isZero();
    assertThat(latencies).hasSize(sent.size());
  }
}
