package org.faasgrip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.faasgrip.examples.Chat;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.publisher.GripPublisher;
import org.faasgrip.publisher.PublishException;
import org.faasgrip.publisher.RetryPolicy;
import org.faasgrip.testkit.Pushpin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proxy answers every publish with 503 (or 429), {@code Retry-After: 1}, for 10 s ({@link RefusingRelay} in
 * front of Pushpin's publish port), while 20 WebSocket clients each send 3 messages and 3 streams listen: the
 * function's publishes wait in the publisher's retries, and once the proxy takes them again everything is
 * delivered, once, each sender's messages in order.
 */
class ProxyRefusesPublishesIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration REFUSING = Duration.ofSeconds(10);
  private static final int CLIENTS = 20;
  private static final int STREAMS = 3;
  private static final int MESSAGES = 3;
  /**
   * The budget this needs: longer than the refusal. The default (4 attempts, 15 s, {@code Retry-After} up to 5 s)
   * gives up after 4 attempts, about 3 s here, where the proxy asks for 1 s between them (the last test).
   */
  private static final RetryPolicy RETRY = RetryPolicy.builder().maxAttempts(40).baseBackoff(Duration.ofMillis(200))
      .maxBackoff(Duration.ofSeconds(1)).timeBudget(Duration.ofSeconds(25)).build();

  private final FaultRig rig = new FaultRig();

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {503, 429})
  void retriesDeliverEverythingOnceTheProxyTakesPublishesAgain(int status) throws Exception {
    Pushpin pushpin = rig.pushpin(rig.gateway().port());
    RefusingRelay refusing = rig.refusingRelay(pushpin);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    rig.function(RETRY, failures::add, refusing.uri());
    UpgradeRelay relay = rig.relay(pushpin);
    Room room = rig.room(WAIT);
    room.connect(CLIENTS, name -> relay.wsUri(FaultRoom.CHAT_PATH));
    room.openStreams(STREAMS, pushpin.httpUri(FaultRoom.STREAM_PATH));
    pushpin.awaitSubscribers(Chat.CHANNEL, CLIENTS + STREAMS, WAIT);
    List<String> before = room.sendFromAll(1);
    room.awaitDelivered(before, room.receivers(), WAIT);

    long refusingFrom = System.nanoTime(); // before: the refusal ends no sooner than 10 s after this
    refusing.refuse(status, REFUSING);
    List<String> sent = room.sendFromAll(MESSAGES);
    room.awaitDelivered(sent, room.receivers(), WAIT);
    long delivered = System.nanoTime();
    Room.Count count = Room.count(sent, room.receivers());
    long firstDelivery = Long.MAX_VALUE;
    for (Room.Receiver r : room.receivers()) {
      for (String m : sent) {
        Long at = r.firstSeen(m);
        if (at != null) {
          firstDelivery = Math.min(firstDelivery, at);
        }
      }
    }
    List<Room.Client> closed = room.clients().stream().filter(Room.Client::isClosed).toList();
    System.out.println("[faults] proxy answers " + status + " for " + REFUSING.toSeconds() + " s: " + CLIENTS
        + " WebSocket clients sending " + MESSAGES + " each, " + STREAMS + " streams; " + count + "; refused "
        + refusing.refused.get() + " publish requests, then forwarded " + refusing.forwarded.get()
        + "; first delivered " + Duration.ofNanos(firstDelivery - refusingFrom).toMillis() + " ms after the"
        + " refusal began, all " + Duration.ofNanos(delivered - refusingFrom).toMillis() + " ms after; publish"
        + " failures " + failures.size() + ", sockets closed " + closed.size());

    assertThat(failures).as("every publish outlasts the refusal within its budget").isEmpty();
    assertThat(refusing.refused.get()).as("the proxy refused publishes").isPositive();
    assertThat(count.deliveries).as("nothing lost: %s", count).isEqualTo(count.expected());
    assertThat(count.duplicates).isEmpty();
    assertThat(count.outOfOrder).isZero();
    assertThat(firstDelivery - refusingFrom).as("nothing is delivered while the proxy refuses")
        .isGreaterThanOrEqualTo(REFUSING.toNanos());
    assertThat(closed).isEmpty();
  }

  @Test
  void theDefaultPolicyGivesUpBeforeATenSecondRefusalEnds() throws Exception {
    RefusingRelay refusing = rig.refusingRelay(rig.pushpin());
    GripPublisher publisher = rig.publisher(RetryPolicy.defaults(), refusing.uri());
    refusing.refuse(503, REFUSING);
    long start = System.nanoTime();

    PublishException e = catchThrowableOfType(PublishException.class,
        () -> publisher.publish(Chat.CHANNEL, WebSocketMessageFormat.text("lost")));
    long took = System.nanoTime() - start;

    System.out.println("[faults] proxy answers 503 for " + REFUSING.toSeconds() + " s, default retry policy: "
        + e.getMessage() + " after " + Duration.ofNanos(took).toMillis() + " ms");
    assertThat(e.failures()).singleElement().satisfies(f -> {
      assertThat(f.proxy()).isEqualTo(refusing.uri() + "/publish/");
      assertThat(f.status()).isEqualTo(503);
      assertThat(f.attempts()).isEqualTo(RetryPolicy.defaults().maxAttempts());
    });
    assertThat(e.getMessage()).doesNotContain(rig.key());
    assertThat(refusing.forwarded.get()).as("nothing reached Pushpin").isZero();
  }
}
