package org.faasgrip.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.faasgrip.grip.Channel;
import org.faasgrip.grip.Filters;
import org.faasgrip.grip.GripInstruct;
import org.faasgrip.grip.Headers;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.testkit.OriginServer;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinExtension;
import org.faasgrip.testkit.TestStream;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Subscription filters, users and item meta behind a real Pushpin 1.36 on loopback, with two or three real
 * WebSocket clients (and two HTTP streams for {@code Grip-Set-Meta}): who gets a publish and who does not. Where
 * 1.36 does not do what the filter promises on a WebSocket ({@code require-sub}), the test shows what it does.
 *
 * <p>Each "does not get it" is shown by order, never by waiting: the item that must not arrive is published
 * first, a marker after it in the same publish request, and the client's next message must be the marker.
 */
class WebSocketFiltersPushpinIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  static PushpinExtension rig = PushpinExtension.withOrigin();

  private static final ScriptedOrigin origin = new ScriptedOrigin();
  private final List<AutoCloseable> clients = new ArrayList<>();

  @BeforeAll
  static void route() {
    rig.origin().handle("/ws", origin::handle);
    // An HTTP stream held on channel g-room with skip-self, whose user is the last path segment (Grip-Set-Meta).
    rig.origin().handle("/stream/", ex -> {
      String user = ex.getRequestURI().getPath().substring("/stream/".length());
      Headers grip = GripInstruct.builder().holdStream()
          .channel(Channel.builder("g-room").filter(Filters.SKIP_SELF).build())
          .setMeta(Filters.USER, user)
          .build().headers();
      for (Map.Entry<String, String> h : grip) {
        ex.getResponseHeaders().add(h.getKey(), h.getValue());
      }
      OriginServer.reply(ex, 200, Map.of("Content-Type", "text/plain"), "welcome " + user + "\n");
    });
  }

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable c : clients) {
      c.close();
    }
  }

  private static Pushpin pushpin() {
    return rig.pushpin();
  }

  /** Connects a client and runs commands on it, each waited for. */
  private TestWebSocket client(String... commands) {
    TestWebSocket ws = TestWebSocket.connect(pushpin().wsUri("/ws"));
    clients.add(ws);
    for (String c : commands) {
      ws.send(c);
      assertThat(ws.awaitText(WAIT)).isEqualTo("ok " + c);
    }
    return ws;
  }

  private static WebSocketMessageFormat text(String content) {
    return WebSocketMessageFormat.text(content);
  }

  @Test
  void everyoneButTheSenderGetsWhatTheSenderPublishes() throws Exception {
    TestWebSocket alice = client("as alice f-room");
    TestWebSocket bob = client("as bob f-room");
    pushpin().awaitSubscribers("f-room", 2, WAIT);
    origin.publish(pushpin(),
        Item.builder("f-room").sender("alice").format(text("from alice")).build(),
        Item.builder("f-room").sender("bob").format(text("from bob")).build());
    assertThat(alice.awaitText(WAIT)).isEqualTo("from bob");
    assertThat(bob.awaitText(WAIT)).isEqualTo("from alice");
  }

  @Test
  void onlyTheListedUsersGetWhatIsPublishedToThem() throws Exception {
    TestWebSocket alice = client("user alice");
    TestWebSocket bob = client("user bob");
    TestWebSocket carol = client("user carol");
    for (String user : List.of("alice", "bob", "carol")) {
      pushpin().awaitSubscribers(Filters.userChannel(user), 1, WAIT);
    }
    List<Item> items = new ArrayList<>(Item.toUsers(List.of("alice", "carol"), text("psst")));
    items.addAll(Item.toUsers(List.of("alice", "bob", "carol"), text("marker")));
    origin.publish(pushpin(), items.toArray(new Item[0]));
    assertThat(alice.awaitMessages(2, WAIT)).extracting(TestWebSocket.Message::text).containsExactly("psst", "marker");
    assertThat(carol.awaitMessages(2, WAIT)).extracting(TestWebSocket.Message::text).containsExactly("psst", "marker");
    assertThat(bob.awaitText(WAIT)).isEqualTo("marker");
  }

  @Test
  void skipUsersLeavesOutTheListedUsers() throws Exception {
    TestWebSocket alice = client("as alice s-room");
    TestWebSocket bob = client("as bob s-room");
    TestWebSocket carol = client("as carol s-room");
    pushpin().awaitSubscribers("s-room", 3, WAIT);
    origin.publish(pushpin(),
        Item.builder("s-room").skipUsers("alice", "bob").format(text("not for alice and bob")).build(),
        Item.of("s-room", text("marker")));
    assertThat(alice.awaitText(WAIT)).isEqualTo("marker");
    assertThat(bob.awaitText(WAIT)).isEqualTo("marker");
    assertThat(carol.awaitMessages(2, WAIT)).extracting(TestWebSocket.Message::text)
        .containsExactly("not for alice and bob", "marker");
  }

  @Test
  void theFiltersDoNotSeeMetaSetByResponseHeaders() throws Exception {
    // meta() writes Set-Meta-user, which Pushpin keeps for the function, not for its filters: the sender is
    // not recognised, and gets its own message.
    TestWebSocket alice = client("meta user alice", "sub h-room skip-self");
    pushpin().awaitSubscribers("h-room", 1, WAIT);
    origin.publish(pushpin(), Item.builder("h-room").sender("alice").format(text("own")).build());
    assertThat(alice.awaitText(WAIT)).isEqualTo("own");
  }

  @Test
  void varSubstWritesTheSubscribersSetMetaIntoTheContentAndDropsWhatNamesMissingMeta() throws Exception {
    TestWebSocket bob = client("setmeta name bob", "sub v-room var-subst");
    pushpin().awaitSubscribers("v-room", 1, WAIT);
    origin.publish(pushpin(), Item.of("v-room", text("hi %(name)s")), Item.of("v-room", text("%(missing)s")),
        Item.of("v-room", text("marker")));
    assertThat(bob.awaitMessages(2, WAIT)).extracting(TestWebSocket.Message::text)
        .containsExactly("hi bob", "marker");
  }

  @Test
  void buildIdWritesTheIdsTheContentNamesAndNeedsAnIdFormat() throws Exception {
    // Pushpin 1.36 on a WebSocket: the subscriber's id_format meta must exist (its value is unused, as a
    // WebSocket subscription has no previous ids), %(id)I writes the id, in hex with id_encoding=hex.
    TestWebSocket withFormat = client("setmeta id_format x", "setmeta id_encoding hex", "sub b-room build-id");
    TestWebSocket withoutFormat = client("sub b2-room build-id", "sub b2-marker");
    pushpin().awaitSubscribers("b-room", 1, WAIT);
    pushpin().awaitSubscribers("b2-room", 1, WAIT);
    pushpin().awaitSubscribers("b2-marker", 1, WAIT);
    origin.publish(pushpin(), Item.of("b-room", text("id=%(ab)I")), Item.of("b2-room", text("id=%(ab)I")),
        Item.of("b2-marker", text("marker")));
    assertThat(withFormat.awaitText(WAIT)).isEqualTo("id=6162");
    assertThat(withoutFormat.awaitText(WAIT)).isEqualTo("marker");
  }

  @Test
  void pushpin136DropsEveryRequireSubItemOnAWebSocketEvenForASubscriberOfTheRequiredChannel() throws Exception {
    TestWebSocket client = client("sub r-room require-sub", "sub r-other");
    pushpin().awaitSubscribers("r-room", 1, WAIT);
    pushpin().awaitSubscribers("r-other", 1, WAIT);
    origin.publish(pushpin(),
        Item.builder("r-room").meta(Filters.REQUIRE_SUB_META, "r-other").format(text("needs r-other")).build(),
        Item.of("r-room", text("marker")));
    assertThat(client.awaitText(WAIT)).isEqualTo("marker");
  }

  @Test
  void gripSetMetaGivesAnHttpStreamTheUserThatSkipSelfCompares() throws Exception {
    TestStream alice = TestStream.open(pushpin().httpUri("/stream/alice"));
    clients.add(alice);
    TestStream bob = TestStream.open(pushpin().httpUri("/stream/bob"));
    clients.add(bob);
    assertThat(alice.awaitLine(WAIT)).isEqualTo("welcome alice");
    assertThat(bob.awaitLine(WAIT)).isEqualTo("welcome bob");
    pushpin().awaitSubscribers("g-room", 2, WAIT);
    origin.publish(pushpin(),
        Item.builder("g-room").sender("alice").format(HttpStreamFormat.of("from alice\n")).build(),
        Item.builder("g-room").sender("bob").format(HttpStreamFormat.of("from bob\n")).build());
    assertThat(alice.awaitLine(WAIT)).isEqualTo("from bob");
    assertThat(bob.awaitLine(WAIT)).isEqualTo("from alice");
  }
}
