package org.faasgrip.apigw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.faasgrip.apigw.Rig.lines;
import static org.faasgrip.apigw.Rig.request;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.websocket.WebSocketEvent;
import org.junit.jupiter.api.Test;

/** The @connections API: in the answer for the connection being handled, by publishing for the others. */
class GripConnectionsTest {
  private final Rig rig = new Rig();

  private static String text(Item item) {
    return item.format(WebSocketMessageFormat.class).text();
  }

  @Test
  void postingToTheConnectionBeingHandledAnswersInOrderWithTheRouteReply() {
    rig.handler.answer = e -> {
      rig.connections.postToConnection(e.getRequestContext().getConnectionId(), "first");
      rig.connections.postToConnection(e.getRequestContext().getConnectionId(), new byte[] {7});
      return Map.of("statusCode", 200, "body", "reply");
    };
    GripResponse r = rig.api().twoWay("$default").build().handle(request("c-1", WebSocketEvent.text("x")), null);

    assertThat(lines(r)).containsExactly("TEXT:m:first", "BINARY:m:\u0007", "TEXT:m:reply");
    assertThat(rig.published).isEmpty();
  }

  @Test
  void postingToAnotherConnectionPublishesToItsChannel() {
    rig.handler.answer = e -> {
      rig.connections.postToConnection("c-2", "hello two");
      rig.connections.postToConnection("c-3", "bytes".getBytes(StandardCharsets.UTF_8));
      return null;
    };
    rig.api().build().handle(request("c-1", WebSocketEvent.text("x")), null);

    assertThat(rig.published).extracting(Item::channel).containsExactly("connection:c-2", "connection:c-3");
    assertThat(text(rig.published.get(0))).isEqualTo("hello two");
    assertThat(rig.published.get(1).format(WebSocketMessageFormat.class).isBinary()).isTrue();
  }

  @Test
  void aConnectHandlerCanSubscribeAndGreetItsOwnConnectionBeforeItIsSubscribedToAnything() {
    rig.handler.answer = e -> {
      String id = e.getRequestContext().getConnectionId();
      if (e.getRequestContext().getRouteKey().equals("$connect")) {
        rig.connections.subscribe(id, "room");
        rig.connections.postToConnection(id, "welcome");
      }
      return null;
    };
    GripResponse r = rig.api().build().handle(request("c-1", Map.of(), WebSocketEvent.open()), null);

    assertThat(lines(r)).containsExactly("OPEN",
        "TEXT:c:{\"type\":\"subscribe\",\"channel\":\"room\"}",
        "TEXT:m:welcome",
        "TEXT:c:{\"type\":\"subscribe\",\"channel\":\"connection:c-1\"}");
  }

  @Test
  void subscribingAConnectionWithNoEventBeingHandledIsRefused() {
    assertThatThrownBy(() -> rig.connections.subscribe("c-9", "room"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("connection c-9 has no event being handled");
    rig.handler.answer = e -> {
      rig.connections.unsubscribe(e.getRequestContext().getConnectionId(), "room");
      return null;
    };
    GripResponse r = rig.api().build().handle(request("c-1", WebSocketEvent.text("x")), null);
    assertThat(lines(r)).containsExactly("TEXT:c:{\"type\":\"unsubscribe\",\"channel\":\"room\"}");
  }

  @Test
  void deletingTheConnectionBeingHandledClosesItAndDropsWhatWouldFollow() {
    rig.handler.answer = e -> {
      rig.connections.postToConnection(e.getRequestContext().getConnectionId(), "goodbye");
      rig.connections.deleteConnection(e.getRequestContext().getConnectionId());
      rig.connections.postToConnection(e.getRequestContext().getConnectionId(), "too late");
      return Map.of("body", "reply");
    };
    GripResponse r = rig.api().twoWay("$default").build()
        .handle(request("c-1", WebSocketEvent.text("x"), WebSocketEvent.text("y")), null);

    assertThat(lines(r)).containsExactly("TEXT:m:goodbye", "CLOSE");
    assertThat(rig.handler.events).hasSize(1);
    assertThat(rig.published).isEmpty();
  }

  @Test
  void deletingAnotherConnectionPublishesACloseToItsChannel() {
    rig.connections.deleteConnection("c-2");

    assertThat(rig.published).singleElement().satisfies(i -> {
      assertThat(i.channel()).isEqualTo("connection:c-2");
      assertThat(i.format(WebSocketMessageFormat.class).isClose()).isTrue();
    });
  }

  @Test
  void getConnectionKnowsTheConnectionBeingHandledOnly() {
    List<Optional<ConnectionInfo>> seen = new ArrayList<>();
    rig.handler.answer = e -> {
      seen.add(rig.connections.getConnection(e.getRequestContext().getConnectionId()));
      seen.add(rig.connections.getConnection("c-2"));
      return null;
    };
    rig.api().build().handle(request("c-1", WebSocketEvent.text("x")), null);

    assertThat(seen.get(0)).hasValueSatisfying(info -> {
      assertThat(info.connectionId()).isEqualTo("c-1");
      assertThat(info.connectedAt()).isEqualTo(Instant.ofEpochMilli(1705751697419L));
      assertThat(info.lastActiveAt()).isEqualTo(Rig.NOW);
      assertThat(info.sourceIp()).isEqualTo("198.51.100.7");
      assertThat(info.userAgent()).isEqualTo("Mozilla/5.0 (test)");
    });
    assertThat(seen.get(1)).isEmpty();
    assertThat(rig.connections.getConnection("c-1")).isEmpty();
    assertThat(rig.connections.handlingCount()).isZero();
  }

  @Test
  void broadcastIsOnePublishToTheChannel() {
    rig.connections.broadcast("room", "to all");
    rig.connections.broadcast("room", new byte[] {1, 2});

    assertThat(rig.published).extracting(Item::channel).containsExactly("room", "room");
    assertThat(text(rig.published.get(0))).isEqualTo("to all");
    assertThat(rig.published.get(1).format(WebSocketMessageFormat.class).content()).containsExactly(1, 2);
  }

  @Test
  void aPostAfterTheAnswerWasBuiltIsPublishedNotLost() {
    CompletableFuture<Void> later = new CompletableFuture<>();
    rig.handler.answer = e -> {
      String id = e.getRequestContext().getConnectionId();
      // Runs once the handler returned and the answer is built: must not vanish into a finished answer.
      later.thenRun(() -> rig.connections.postToConnection(id, "async"));
      return null;
    };
    GripResponse r = rig.api().build().handle(request("c-1", WebSocketEvent.text("x")), null);
    later.complete(null);

    assertThat(lines(r)).isEmpty();
    assertThat(rig.published).singleElement().satisfies(i -> assertThat(text(i)).isEqualTo("async"));
    assertThat(rig.connections.handlingCount()).isZero();
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> rig.connections.postToConnection(null, "x"))
        .isInstanceOf(org.faasgrip.GripException.class).hasMessage("connectionId is null");
    assertThatThrownBy(() -> GripConnections.of(null)).hasMessage("grip is null");
    assertThat(GripConnections.channelOf("abc")).isEqualTo("connection:abc");
  }
}
