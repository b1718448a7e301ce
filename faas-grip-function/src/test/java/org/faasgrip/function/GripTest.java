package org.faasgrip.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.faasgrip.GripException;
import org.faasgrip.config.GripConfig;
import org.faasgrip.config.GripConfigException;
import org.faasgrip.grip.GripInstruct;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.InvalidItemException;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.sig.GripSigException;
import org.faasgrip.websocket.NotGripModeException;
import org.faasgrip.websocket.NotWebSocketRequestException;
import org.faasgrip.websocket.WebSocketContext;
import org.faasgrip.websocket.WebSocketProtocolException;
import org.junit.jupiter.api.Test;

class GripTest {
  private final List<Item> published = new ArrayList<>();
  private final List<String> logged = new ArrayList<>();
  private final PublishFunction recorder = items -> {
    published.addAll(items);
    return CompletableFuture.completedFuture(null);
  };
  private final GripLogger log = (level, line) -> logged.add(level + " " + line);

  private static GripRequest open(String... gripSigs) {
    GripRequest.Builder b = GripRequest.builder()
        .addHeader("Content-Type", "application/websocket-events")
        .addHeader("Connection-Id", "c1")
        .addHeader("Sec-WebSocket-Extensions", "grip")
        .body("OPEN\r\n".getBytes(StandardCharsets.US_ASCII));
    for (String s : gripSigs) {
      b.addHeader("Grip-Sig", s);
    }
    return b.build();
  }

  private static String body(GripResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /** A platform's own context type, as an adapter makes it. */
  static final class PlatformContext extends WebSocketContext {
    final String prefix;

    PlatformContext(GripRequest request, String channelPrefix) {
      super(request, channelPrefix);
      this.prefix = channelPrefix;
    }
  }

  @Test
  void verifyModeFromTheEnvironmentSaysWhatToChange() {
    assertThat(Grip.fromEnvironment(Map.of("GRIP_VERIFY", "required", "GRIP_URL", Tokens.PUSHPIN_URL))
        .signatureRequired()).isTrue();
    assertThat(Grip.fromEnvironment(Map.of("GRIP_VERIFY", " Optional ")).signatureRequired()).isFalse();
    assertThat(Grip.fromEnvironment(Map.of()).signatureRequired()).isFalse();
    assertThatThrownBy(() -> Grip.fromEnvironment(Map.of("GRIP_VERIFY", "yes")))
        .isInstanceOf(GripConfigException.class)
        .hasMessage("GRIP_VERIFY: must be 'required' or 'optional', was 'yes'; set it to 'required' to refuse"
            + " requests without a valid Grip-Sig, or unset it");
    assertThatThrownBy(() -> Grip.fromEnvironment(Map.of("GRIP_VERIFY", "required", "GRIP_URL",
        "http://127.0.0.1:5561")))
        .isInstanceOf(GripConfigException.class)
        .hasMessageStartingWith("GRIP_VERIFY: signatures are required, but no proxy")
        .hasMessageEndingWith("or unset GRIP_VERIFY");
  }

  @Test
  void requiredSignaturesAreCheckedBeforeAnyContextIsMade() {
    Grip strict = Grip.builder().config(Tokens.PUSHPIN).requireSignature(true).build();
    String wrongKey = Tokens.hs256("wrong-key", "pushpin", System.currentTimeMillis() / 1000 + 60);

    assertThatThrownBy(() -> strict.webSocket(open()))
        .isExactlyInstanceOf(NotFromProxyException.class).isInstanceOf(GripSigException.class)
        .hasMessage("signatures are required and the request has no Grip-Sig header");
    assertThatThrownBy(() -> strict.webSocket(open(wrongKey), PlatformContext::new))
        .isInstanceOf(NotFromProxyException.class)
        .satisfies(t -> assertThat(t.getMessage()).doesNotContain(wrongKey).doesNotContain(Tokens.KEY));
    assertThatThrownBy(() -> strict.webSocket(open(",")))
        .isInstanceOf(NotFromProxyException.class).hasMessageStartingWith("signatures are required and ");
    assertThat(strict.webSocket(open(Tokens.pushpin(60))).isOpening()).isTrue();
  }

  @Test
  void anAdapterGetsItsOwnContextTypeWithThePrefix() {
    Grip grip = Grip.builder().config(GripConfig.of(List.of(), "test-")).publishWith(recorder).build();
    PlatformContext ws = grip.webSocket(open(), PlatformContext::new);

    assertThat(ws.prefix).isEqualTo("test-");
    ws.accept();
    ws.subscribe("room");
    assertThat(body(ws.toGripResponse())).contains("test-room");
    assertThatThrownBy(() -> grip.webSocket(GripRequest.builder().method("GET").build(), PlatformContext::new))
        .isInstanceOf(NotWebSocketRequestException.class);
  }

  @Test
  void isFromProxyTriesEveryCommaJoinedTokenAndKeepsTheUnsignedProxyRule() {
    Grip grip = Grip.builder().config(Tokens.PUSHPIN).build();
    assertThat(grip.isFromProxy(open("not-a-jwt," + Tokens.pushpin(60)))).isTrue();
    assertThat(grip.isFromProxy(open(Tokens.pushpin(-3600)))).as("expired").isFalse();
    assertThat(grip.isFromProxy(open())).isFalse();

    Grip mixed = Grip.builder().config(GripConfig.fromEnvironment(Map.of("GRIP_PROXIES",
            "[{\"control_uri\":\"http://127.0.0.1:5561\",\"verify_iss\":\"pushpin\",\"verify_key\":\"changeme\"},"
                + "{\"control_uri\":\"http://127.0.0.1:5562\"}]")))
        .requireSignature(true).build();
    assertThat(mixed.isFromProxy(open("anything"))).isTrue();
    assertThatThrownBy(() -> mixed.webSocket(open("anything"))).isInstanceOf(NotFromProxyException.class);
  }

  @Test
  void holdResponsesCarryThePrefix() {
    Grip grip = Grip.builder().config(GripConfig.of(List.of(), "p-")).build();
    GripResponse stream = grip.holdStream("news", "open\n");
    GripResponse poll = grip.holdResponse("inbox", 55, "timed out\n");
    GripResponse any = grip.hold(GripInstruct.builder().holdStream().channel("a").channel("b").build(),
        "text/event-stream", null);

    assertThat(stream.headers().get("grip-hold")).isEqualTo("stream");
    assertThat(stream.header("Grip-Channel")).isEqualTo("p-news");
    assertThat(body(stream)).isEqualTo("open\n");
    assertThat(poll.headers().values("Grip-Timeout")).containsExactly("55");
    assertThat(poll.header("Grip-Channel")).isEqualTo("p-inbox");
    assertThat(any.header("Grip-Channel")).isEqualTo("p-a, p-b");
    assertThat(any.header("Content-Type")).isEqualTo("text/event-stream");
    assertThat(any.body()).isEmpty();
  }

  @Test
  void eachFailureHasItsStatusAndOneLogLine() {
    Grip grip = Grip.builder().logger(log).build();
    String[][] cases = {
        {"400", "Not a WebSocket-over-HTTP request\n", "NotWebSocketRequestException"},
        {"400", "Malformed WebSocket-over-HTTP body: ", "WebSocketProtocolException"},
        {"400", "Bad request: event without 'httpMethod'\n", "BadRequestException"},
        {"413", "Payload Too Large: the request body is larger than the limit of 6291456 bytes\n",
            "BodyTooLargeException"},
        {"403", "Forbidden: the request is not signed by the GRIP proxy\n", "NotFromProxyException"},
        {"400", "Bad request: subscribe() needs GRIP mode, but the OPEN came without Sec-WebSocket-Extensions: grip",
            "NotGripModeException"},
        {"500", "Internal Server Error\n", "GripConfigException"},
        {"500", "Internal Server Error\n", "GripException"},
    };
    GripException[] errors = {
        org.junit.jupiter.api.Assertions.assertThrows(NotWebSocketRequestException.class,
            () -> grip.webSocket(GripRequest.builder().method("GET").build())),
        org.junit.jupiter.api.Assertions.assertThrows(WebSocketProtocolException.class,
            () -> grip.webSocket(GripRequest.builder().addHeader("Content-Type", "application/websocket-events")
                .body("NOPE".getBytes(StandardCharsets.US_ASCII)).build())),
        new BadRequestException("event without 'httpMethod'"),
        new BodyTooLargeException(6 * 1024 * 1024, "the request body"),
        new NotFromProxyException("signatures are required and the request has no Grip-Sig header"),
        org.junit.jupiter.api.Assertions.assertThrows(NotGripModeException.class,
            () -> grip.webSocket(GripRequest.builder().method("POST")
                .addHeader("Content-Type", "application/websocket-events")
                .body("OPEN\r\n".getBytes(StandardCharsets.US_ASCII)).build()).subscribe("room")),
        new GripConfigException("GRIP_PROXIES[1].key", "is not valid base64"),
        new GripException("something else"),
    };
    for (int i = 0; i < errors.length; i++) {
      logged.clear();
      GripResponse r = grip.errorResponse(errors[i]);
      assertThat(r.status()).as(cases[i][2]).isEqualTo(Integer.parseInt(cases[i][0]));
      assertThat(body(r)).startsWith(cases[i][1]);
      assertThat(r.headers().get("Content-Type")).isEqualTo("text/plain; charset=utf-8");
      assertThat(logged).as(cases[i][2]).containsExactly((r.status() >= 500 ? "ERROR " : "WARNING ") + r.status()
          + " " + cases[i][2] + ": " + errors[i].getMessage()
          + (errors[i] instanceof GripConfigException ? " (change GRIP_PROXIES[1].key in the function's configuration)" : ""));
    }
    assertThat(((BodyTooLargeException) errors[3]).limit()).isEqualTo(6 * 1024 * 1024);

    logged.clear();
    assertThat(Grip.errorResponse(new NotFromProxyException("x"), log).status()).isEqualTo(403);
    assertThat(logged).hasSize(1);
  }

  @Test
  void publishingGoesThroughTheFunctionAndItsFailureArrivesAsItself() {
    Grip grip = Grip.builder().publishWith(recorder).build();
    WebSocketMessageFormat text = WebSocketMessageFormat.text("hi");
    grip.publish("room", text);
    grip.publish("room", text, HttpStreamFormat.of("hi\n"));
    grip.publish(Item.of("room", text));
    grip.publishAsync("room", text).join();
    grip.publishAsync("room", text, HttpStreamFormat.of("hi\n")).join();
    grip.publishAsync(Item.of("room", text)).join();
    assertThat(published).hasSize(6).allSatisfy(item -> assertThat(item.channel()).isEqualTo("room"));
    assertThatThrownBy(grip::publisher).isInstanceOf(IllegalStateException.class);

    GripException refused = new GripException("the proxy refused the item");
    Grip failing = Grip.builder().publishWith(items -> CompletableFuture.failedFuture(refused)).build();
    assertThatThrownBy(() -> failing.publish("room", text)).isSameAs(refused);
    assertThat(failing.publishAsync("room", text)).isCompletedExceptionally();
  }

  @Test
  void aListOfItemsIsPublishedInOneCall() {
    List<List<Item>> calls = new ArrayList<>();
    Grip grip = Grip.builder().publishWith(items -> {
      calls.add(items);
      return CompletableFuture.completedFuture(null);
    }).build();
    List<Item> toUsers = Item.toUsers(List.of("bob", "carol"), WebSocketMessageFormat.text("psst"));
    grip.publish(toUsers);
    grip.publishAsync(toUsers).join();
    assertThat(calls).containsExactly(toUsers, toUsers);
    assertThat(calls.get(0)).extracting(Item::channel).containsExactly("user:bob", "user:carol");
    assertThatThrownBy(() -> grip.publish(List.of())).isInstanceOf(InvalidItemException.class)
        .hasMessage("items is empty: publish at least one");
    assertThatThrownBy(() -> grip.publishAsync(java.util.Arrays.asList(toUsers.get(0), null)))
        .isInstanceOf(InvalidItemException.class).hasMessage("items[1] is null");
    assertThat(calls).hasSize(2);
  }

  @Test
  void thePublisherIsMadeOnceAndOnlyWhenAsked() {
    Grip grip = Grip.fromEnvironment(Map.of("GRIP_URL", "http://127.0.0.1:5561"));
    assertThat(grip.publisher()).isSameAs(grip.publisher());
    assertThat(Grip.builder().publisher(grip.publisher()).build().publisher()).isSameAs(grip.publisher());
    assertThatThrownBy(() -> Grip.builder().build().publish("feed", HttpStreamFormat.of("x")))
        .isInstanceOf(GripException.class).hasMessageContaining("GRIP_URL");
    assertThatThrownBy(() -> Grip.builder().config(null)).isExactlyInstanceOf(GripException.class)
        .hasMessage("config is null");
    assertThat(grip.toString()).startsWith("Grip{").doesNotContain("changeme");
  }
}
