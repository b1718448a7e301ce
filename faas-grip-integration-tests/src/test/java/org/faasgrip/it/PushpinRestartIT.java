package org.faasgrip.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.faasgrip.examples.Chat;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.publisher.RetryPolicy;
import org.faasgrip.testkit.Pushpin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pushpin restarted while 20 WebSocket clients and 3 streams are connected and a publisher (a server-side
 * announcer, publishing through the function's configuration every 100 ms) runs: the clients reconnect, the
 * publisher's retries carry what it published while Pushpin was down, and the test counts what reached whom.
 */
class PushpinRestartIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int CLIENTS = 20;
  private static final int STREAMS = 3;
  private static final Duration OUTAGE = Duration.ofSeconds(3);
  /**
   * A budget longer than the restart: the default policy (4 attempts, 100 ms to 2 s apart) gives up after about a
   * second of connection errors.
   */
  private static final RetryPolicy RETRY = RetryPolicy.builder().maxAttempts(200).baseBackoff(Duration.ofMillis(50))
      .maxBackoff(Duration.ofMillis(250)).timeBudget(Duration.ofSeconds(30)).build();

  private final FaultRig rig = new FaultRig();

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  @Test
  void clientsReconnectAndPublishesMadeWhileItIsDownAreAcceptedOnceItIsBack() throws Exception {
    Pushpin pushpin = rig.pushpin(rig.gateway().port());
    rig.function(RETRY, e -> { }, pushpin.controlUri());
    UpgradeRelay relay = rig.relay(pushpin);
    Room room = rig.room(WAIT);
    room.connect(CLIENTS, name -> relay.wsUri(FaultRoom.CHAT_PATH));
    room.openStreams(STREAMS, pushpin.httpUri(FaultRoom.STREAM_PATH));
    pushpin.awaitSubscribers(Chat.CHANNEL, CLIENTS + STREAMS, WAIT);
    List<String> before = room.sendFromAll(3);
    room.awaitDelivered(before, room.receivers(), WAIT);

    // The announcer: a publish every 100 ms, not waiting for the one before (so that those made while Pushpin
    // is down are all held by the publisher's retries at once).
    Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
    List<String> failed = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Void>> publishes = new CopyOnWriteArrayList<>();
    AtomicBoolean announcing = new AtomicBoolean(true);
    Thread announcer = new Thread(() -> {
      for (int n = 1; announcing.get(); n++) {
        String m = "a1-" + n;
        publishes.add(FaasGrip.publishAsync(Chat.CHANNEL, WebSocketMessageFormat.text("anonymous: " + m))
            .whenComplete((ok, e) -> {
              if (e == null) {
                acceptedAt.put(m, System.nanoTime());
              } else {
                failed.add(m + ": " + e.getMessage());
              }
            }));
        Room.pause(100);
      }
    }, "announcer");
    announcer.start();
    rig.onClose(() -> {
      announcing.set(false);
      announcer.join(WAIT.toMillis());
    });
    awaitSize(acceptedAt, 5);

    long stopped = System.nanoTime();
    pushpin.stop();
    Room.pause(OUTAGE.toMillis()); // the outage itself; the announcer goes on publishing
    pushpin.restart();
    long started = System.nanoTime();
    // Every socket and stream ended with Pushpin; each client connects again, as a browser would.
    for (Room.Client c : room.clients()) {
      c.reconnect(WAIT);
    }
    for (Room.Stream s : room.streams()) {
      s.reopen(WAIT);
    }
    for (Room.Client c : room.clients()) {
      c.awaitSubscribed(WAIT);
    }
    pushpin.awaitSubscribers(Chat.CHANNEL, CLIENTS + STREAMS, WAIT);
    long resubscribed = System.nanoTime();
    int acceptedBeforeResubscribed = acceptedAt.size();
    awaitSize(acceptedAt, acceptedBeforeResubscribed + 10);
    announcing.set(false);
    announcer.join(WAIT.toMillis());
    CompletableFuture.allOf(publishes.toArray(new CompletableFuture<?>[0])).exceptionally(e -> null)
        .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    List<String> after = room.sendFromAll(3);
    room.awaitDelivered(after, room.receivers(), WAIT);

    List<String> announced = acceptedAt.keySet().stream().sorted((x, y) -> Integer.compare(Room.seq(x), Room.seq(y)))
        .collect(Collectors.toList());
    // Accepted while Pushpin was down or after it came back but before this receiver had subscribed again.
    List<String> whileAway = announced.stream().filter(m -> acceptedAt.get(m) > stopped && acceptedAt.get(m) < resubscribed)
        .collect(Collectors.toList());
    List<String> duringOutage = announced.stream().filter(m -> acceptedAt.get(m) > stopped && acceptedAt.get(m) < started)
        .collect(Collectors.toList());
    List<String> afterResubscribed = announced.stream().filter(m -> acceptedAt.get(m) > resubscribed)
        .collect(Collectors.toList());
    List<String> beforeRestart = announced.stream().filter(m -> acceptedAt.get(m) < stopped).collect(Collectors.toList());
    room.awaitDelivered(afterResubscribed, room.receivers(), WAIT);

    Room.Count beforeCount = Room.count(before, room.receivers());
    Room.Count awayCount = Room.count(whileAway, room.receivers());
    Room.Count backCount = Room.count(afterResubscribed, room.receivers());
    Room.Count afterCount = Room.count(after, room.receivers());
    Room.Count allAnnounced = Room.count(announced, room.receivers());
    System.out.println("[faults] Pushpin restarted: " + CLIENTS + " WebSocket clients, " + STREAMS
        + " streams, an announcer every 100 ms; restart took " + Duration.ofNanos(started - stopped).toMillis()
        + " ms (" + OUTAGE.toMillis() + " ms down), clients back and subscribed " + Duration.ofNanos(resubscribed - started).toMillis() + " ms later");
    System.out.println("[faults] Pushpin restarted: chat before " + beforeCount);
    System.out.println("[faults] Pushpin restarted: announcements accepted before the restart " + beforeRestart.size()
        + ", during it (held by the publisher's retries) " + duringOutage.size() + ", after it but before the"
        + " clients were back " + (whileAway.size() - duringOutage.size()) + ", after " + afterResubscribed.size()
        + "; failed " + failed.size());
    System.out.println("[faults] Pushpin restarted: announcements while the clients were away " + awayCount);
    System.out.println("[faults] Pushpin restarted: announcements once they were back " + backCount);
    System.out.println("[faults] Pushpin restarted: all announcements " + allAnnounced);
    System.out.println("[faults] Pushpin restarted: chat after " + afterCount + "; socket endings " + room.endings());

    assertThat(failed).as("the retries outlast the restart: no publish fails").isEmpty();
    assertThat(beforeCount.deliveries).isEqualTo(beforeCount.expected());
    assertThat(afterCount.deliveries).as("every client chats again: %s", afterCount).isEqualTo(afterCount.expected());
    assertThat(backCount.deliveries).as("everything published once they are back reaches them: %s", backCount)
        .isEqualTo(backCount.expected());
    assertThat(Room.count(beforeRestart, room.receivers()).deliveries)
        .isEqualTo(Room.count(beforeRestart, room.receivers()).expected());
    // What is lost is exactly what was accepted while the receivers were away: the restart forgot every
    // subscription, so those publishes had no one to go to.
    assertThat(allAnnounced.lost).allMatch(whileAway::contains);
    assertThat(allAnnounced.partial).allMatch(whileAway::contains);
    assertThat(allAnnounced.duplicates).isEmpty();
    assertThat(afterCount.duplicates).isEmpty();
  }

  private static void awaitSize(Map<?, ?> map, int n) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (map.size() < n) {
      assertThat(System.nanoTime() - deadline).as("waiting for %s accepted publishes", n).isNegative();
      Room.pause(20);
    }
  }
}
