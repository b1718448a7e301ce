package org.faasgrip.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.faasgrip.examples.Chat;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.publisher.PublishException;
import org.faasgrip.publisher.RetryPolicy;
import org.faasgrip.testkit.Pushpin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two Pushpins in front of one function ({@code GRIP_PROXIES} lists both), 15 WebSocket clients and 2 streams on
 * each; then one Pushpin goes down. Its clients reconnect to the other, as they would through a load balancer;
 * the function keeps publishing to both, with the default retry policy, and the test counts what the live one
 * delivered and reads the error the function got.
 */
class OneOfTwoProxiesDownIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int CLIENTS_EACH = 15;
  private static final int STREAMS_EACH = 2;
  /** How many clients send, one after the other, while one proxy is down. */
  private static final int SENDERS = 10;

  private final FaultRig rig = new FaultRig();

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  @Test
  void theLiveProxyDeliversEverythingAndTheErrorNamesTheProxyThatIsDown() throws Exception {
    LocalGateway gateway = rig.gateway();
    Pushpin live = rig.pushpin(gateway.port());
    Pushpin down = rig.pushpin(gateway.port());
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    // The default retry policy, as in production: a refused connection is tried 4 times in under a second.
    rig.function(RetryPolicy.defaults(), failures::add, live.controlUri(), down.controlUri());
    UpgradeRelay liveRelay = rig.relay(live);
    UpgradeRelay downRelay = rig.relay(down);
    URI liveChat = liveRelay.wsUri(FaultRoom.CHAT_PATH);
    Room room = rig.room(WAIT);
    List<Room.Client> onLive = room.connect(CLIENTS_EACH, name -> liveChat);
    List<Room.Client> onDown = room.connect(CLIENTS_EACH, name -> downRelay.wsUri(FaultRoom.CHAT_PATH));
    room.openStreams(STREAMS_EACH, live.httpUri(FaultRoom.STREAM_PATH));
    List<Room.Stream> streamsOnDown = room.openStreams(STREAMS_EACH, down.httpUri(FaultRoom.STREAM_PATH));
    live.awaitSubscribers(Chat.CHANNEL, CLIENTS_EACH + STREAMS_EACH, WAIT);
    down.awaitSubscribers(Chat.CHANNEL, CLIENTS_EACH + STREAMS_EACH, WAIT);
    List<String> before = room.sendFromAll(2);
    room.awaitDelivered(before, room.receivers(), WAIT);
    Room.Count beforeCount = Room.count(before, room.receivers());
    assertThat(failures).isEmpty();

    down.stop();
    // Its clients come back through the other, as a load balancer in front of both would send them.
    for (Room.Client c : onDown) {
      c.reconnect(liveChat, WAIT);
      c.awaitSubscribed(WAIT);
    }
    for (Room.Stream s : streamsOnDown) {
      s.reopen(live.httpUri(FaultRoom.STREAM_PATH), WAIT);
    }
    live.awaitSubscribers(Chat.CHANNEL, 2 * (CLIENTS_EACH + STREAMS_EACH), WAIT);

    // One sender at a time, half from each side: each message is published to both proxies; the down one
    // fails, so the function fails, and Pushpin closes the sender's socket; it reconnects before the next.
    List<Room.Client> senders = new ArrayList<>(onLive.subList(0, SENDERS / 2));
    senders.addAll(onDown.subList(0, SENDERS / 2));
    List<String> sent = new ArrayList<>();
    int droppedSenders = 0;
    for (Room.Client c : senders) {
      String m = c.send();
      assertThat(m).as("%s could send", c).isNotNull();
      sent.add(m);
      room.awaitDelivered(List.of(m), room.receivers(), WAIT);
      if (awaitClosed(c, Duration.ofSeconds(15))) {
        droppedSenders++;
        c.reconnect(WAIT);
        c.awaitSubscribed(WAIT);
      }
    }
    Room.Count whileDown = Room.count(sent, room.receivers());

    System.out.println("[faults] one of two proxies down: " + 2 * CLIENTS_EACH + " WebSocket clients and "
        + 2 * STREAMS_EACH + " streams, half on each; before " + beforeCount);
    System.out.println("[faults] one of two proxies down: " + SENDERS + " messages sent one at a time while it is"
        + " down, everyone on the live one " + whileDown + "; senders' sockets closed after their message "
        + droppedSenders + ", endings " + room.endings() + "; publish errors " + failures.size());
    for (Throwable t : failures.subList(0, Math.min(1, failures.size()))) {
      System.out.println("[faults] one of two proxies down: the function's error: " + cause(t));
    }

    assertThat(beforeCount.deliveries).isEqualTo(beforeCount.expected());
    assertThat(whileDown.deliveries).as("the live proxy delivers every message: %s", whileDown)
        .isEqualTo(whileDown.expected());
    assertThat(whileDown.duplicates).isEmpty();
    assertThat(failures).as("every publish fails for the proxy that is down").hasSize(SENDERS);
    // The chat lets the exception escape: the function fails (502), and Pushpin closes the sender's socket.
    assertThat(droppedSenders).isEqualTo(SENDERS);
    String downUri = down.controlUri() + "/publish/";
    for (Throwable t : failures) {
      PublishException e = (PublishException) cause(t);
      assertThat(e.proxies()).isEqualTo(2);
      assertThat(e.failures()).singleElement().satisfies(f -> {
        assertThat(f.proxy()).isEqualTo(downUri);
        assertThat(f.status()).isEqualTo(-1);
        assertThat(f.attempts()).as("a refused connection is retried").isGreaterThan(1);
      });
      assertThat(e.getMessage()).contains(downUri).doesNotContain(live.controlUri().toString())
          .doesNotContain(rig.key());
    }
  }

  private static Throwable cause(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  /** Whether the client's socket closes within {@code wait}. */
  private static boolean awaitClosed(Room.Client c, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!c.isClosed()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Room.pause(20);
    }
    return true;
  }
}
