package org.faasgrip.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.faasgrip.examples.Chat;
import org.faasgrip.testkit.FunctionsFramework;
import org.faasgrip.testkit.Pushpin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The function's host killed (SIGKILL) while clients chat, then started again: a real Pushpin in front of
 * {@link FaultRoom} in a JVM of its own ({@link FunctionHost}), 30 WebSocket clients and 3 HTTP streams.
 *
 * <p>Pushpin sends a refused request again (5 times, 1 s to 16 s apart), so requests made while the host is down
 * arrive once it is back. A request the host had taken when it died is either lost with its socket (Pushpin does
 * not resend what reached the origin) or, when it went out on a kept-alive connection that died before any answer,
 * sent again by Pushpin's HTTP client, and then published twice if the host had published it before it died.
 */
class FunctionHostKilledIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int CLIENTS = 30;
  private static final int SENDERS = 15;
  private static final int STREAMS = 3;
  private static final int BURST = 10;
  /** How long the host stays down: within Pushpin's retries of a refused request. */
  private static final Duration DOWN = Duration.ofSeconds(2);
  /** How long each call takes: the kill finds calls inside the host. */
  private static final Duration CALL = Duration.ofMillis(300);

  private final FaultRig rig = new FaultRig();

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  @Test
  void onlyCallsInsideTheHostAreLostOrRepeatedAndEveryClientChatsAgainOnceItIsBack() throws Exception {
    int port = FunctionsFramework.freePort();
    Pushpin pushpin = rig.pushpin(port);
    FunctionHost host = rig.host(port, pushpin.controlUri(), CALL);
    host.start(WAIT);
    UpgradeRelay relay = rig.relay(pushpin);
    Room room = rig.room(WAIT);
    List<Room.Client> clients = room.connect(CLIENTS, name -> relay.wsUri(FaultRoom.CHAT_PATH));
    room.openStreams(STREAMS, pushpin.httpUri(FaultRoom.STREAM_PATH));
    pushpin.awaitSubscribers(Chat.CHANNEL, CLIENTS + STREAMS, WAIT);

    List<String> before = room.sendFromAll(3);
    room.awaitDelivered(before, room.receivers(), WAIT);

    // Half the clients send a burst; the host is killed as soon as the first of it reaches a stream, so that
    // some requests are inside the host, some wait in Pushpin, and some are not sent yet.
    List<Room.Client> senders = clients.subList(0, SENDERS);
    List<Room.Client> idle = clients.subList(SENDERS, CLIENTS);
    Room.Stream watcher = room.streams().iterator().next();
    CompletableFuture<List<String>> burst = CompletableFuture.supplyAsync(() -> room.send(senders, BURST));
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (watcher.receivedSet().size() <= before.size() && System.nanoTime() - deadline < 0) {
      watcher.drain();
      Room.pause(2);
    }
    host.kill();
    List<String> sentInBurst = burst.get();
    Room.pause(DOWN.toMillis()); // the outage itself: requests made now are refused, and Pushpin retries them
    host.start(WAIT);

    // Pushpin retries a refused request 5 times over about 31 s; a request the host had taken when it died is
    // not retried, and that client's socket is dropped. Wait until each sender is one or the other.
    deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!senders.stream().allMatch(c -> c.isClosed() || c.receivedSet().containsAll(sentBy(c, sentInBurst)))
        && System.nanoTime() - deadline < 0) {
      senders.forEach(Room.Client::drain);
      Room.pause(50);
    }
    List<Room.Client> dropped = clients.stream().filter(Room.Client::isClosed).collect(Collectors.toList());
    for (Room.Client c : dropped) {
      c.reconnect(WAIT);
      c.awaitSubscribed(WAIT);
    }
    List<String> after = room.sendFromAll(3);
    room.awaitDelivered(after, room.receivers(), WAIT);

    Room.Count beforeCount = Room.count(before, room.receivers());
    Room.Count afterCount = Room.count(after, room.receivers());
    // Only the idle clients and the streams were connected throughout: the burst is counted at them.
    List<Room.Receiver> survivors = new ArrayList<>(idle);
    survivors.addAll(room.streams());
    Room.Count burstCount = Room.count(sentInBurst, survivors);
    String logs = pushpin.logs();
    int resent = count(logs, "Connection died, retrying a fresh connect");
    System.out.println("[faults] host killed: " + CLIENTS + " WebSocket clients (" + SENDERS + " sending " + BURST
        + " messages each when the host is killed), " + STREAMS + " streams");
    System.out.println("[faults] host killed: before the kill " + beforeCount);
    System.out.println("[faults] host killed: the burst, at the clients connected throughout " + burstCount);
    System.out.println("[faults] host killed: sockets dropped " + dropped.size() + " " + dropped
        + ", their endings " + room.endings() + "; requests Pushpin's HTTP client sent again on a fresh connection "
        + resent + "; Pushpin's retries of refused requests " + count(logs, "woh: trying again"));
    System.out.println("[faults] host killed: after the restart " + afterCount);

    assertThat(beforeCount.deliveries).isEqualTo(beforeCount.expected());
    assertThat(afterCount.deliveries).as("every client chats again: %s", afterCount).isEqualTo(afterCount.expected());
    assertThat(afterCount.duplicates).isEmpty();
    assertThat(afterCount.outOfOrder).isZero();
    assertThat(dropped).as("an idle client's socket is not touched").allMatch(senders::contains);
    // A call inside the host when it died ends one of two ways: its socket dropped, or (on a kept-alive
    // connection that died before any answer) the request sent again, and retried until the host is back.
    assertThat(dropped.size() + resent).as("the kill found calls inside the host").isPositive();
    assertThat(burstCount.partial).as("a message reaches every receiver or none").isEmpty();
    assertThat(burstCount.outOfOrder).isZero();
    // What is lost is what the dropped sockets had in flight: for each, a tail of what it sent.
    for (String m : burstCount.lost) {
      Room.Client sender = clients.stream().filter(c -> c.name.equals(Room.sender(m))).findFirst().orElseThrow();
      assertThat(dropped).as("%s was lost, but its sender's socket was not dropped", m).contains(sender);
      assertThat(sentBy(sender, sentInBurst).stream().filter(x -> Room.seq(x) > Room.seq(m)))
          .as("%s was lost: everything its sender sent after it is lost too", m)
          .allMatch(burstCount.lost::contains);
    }
    assertThat(burstCount.lost.size()).isLessThanOrEqualTo(dropped.size() * BURST);
    // A duplicate is a request the host had published from when it died, sent again: at most one extra copy.
    assertThat(burstCount.duplicates.size())
        .isLessThanOrEqualTo(new HashSet<>(burstCount.duplicates).size() * survivors.size());
  }

  private static List<String> sentBy(Room.Client c, List<String> messages) {
    return messages.stream().filter(m -> Room.sender(m).equals(c.name)).collect(Collectors.toList());
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
