package org.faasgrip.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.faasgrip.config.GripConfig;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.function.Grip;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoHandlerTest {
  private static final String KEY = "demo-test-key";
  private final DemoHandler handler = new DemoHandler();
  // Publishing is captured here instead of sent: these tests are about routing; DemoIT publishes to real Pushpin.
  private final List<Item> published = new ArrayList<>();

  @BeforeEach
  void installCapturingGrip() {
    GripConfig config = GripConfig.of(List.of(GripConfig.parseGripUrl(
        "http://127.0.0.1:5561?iss=pushpin&key=" + KEY + "&verify-iss=pushpin&verify-key=" + KEY)), "");
    FaasGrip.install(Grip.builder().config(config).requireSignature(true).publishWith(items -> {
      published.addAll(Feed.mirrorChat(items));
      return CompletableFuture.completedFuture(null);
    }).build());
  }

  @AfterEach
  void forgetGrip() {
    FaasGrip.install(null);
  }

  private static APIGatewayProxyRequestEvent request(String method, String path) {
    return new APIGatewayProxyRequestEvent().withHttpMethod(method).withPath(path).withHeaders(Map.of());
  }

  private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    return handler.handleRequest(event, null);
  }

  @Test
  void servesThePagesAndAssetsWithTheirTypes() {
    APIGatewayProxyResponseEvent page = handle(request("GET", "/"));
    assertThat(page.getStatusCode()).isEqualTo(200);
    assertThat(page.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8");
    assertThat(page.getBody()).contains("<script src=\"/assets/chat.js\">").contains("id=\"nick\"");

    assertThat(handle(request("GET", "/feed")).getBody()).contains("/assets/feed.js");
    assertThat(handle(request("GET", "/assets/style.css")).getHeaders())
        .containsEntry("Content-Type", "text/css; charset=utf-8");
    assertThat(handle(request("GET", "/assets/chat.js")).getBody()).contains("'/chat'");
    assertThat(handle(request("GET", "/assets/icon.svg")).getHeaders()).containsEntry("Content-Type", "image/svg+xml");
    APIGatewayProxyResponseEvent head = handle(request("HEAD", "/"));
    assertThat(head.getStatusCode()).isEqualTo(200);
    assertThat(head.getBody()).isEmpty();
  }

  @Test
  void answersUnknownPathsAndWrongMethodsClearly() {
    APIGatewayProxyResponseEvent missing = handle(request("GET", "/assets/../pom.xml"));
    assertThat(missing.getStatusCode()).isEqualTo(404);
    assertThat(missing.getBody()).contains("/assets/../pom.xml");

    APIGatewayProxyResponseEvent post = handle(request("POST", "/"));
    assertThat(post.getStatusCode()).isEqualTo(405);
    assertThat(post.getHeaders()).containsEntry("Allow", "GET, HEAD");
    assertThat(handle(request("GET", Feed.PUBLISH_PATH)).getHeaders()).containsEntry("Allow", "POST");
    assertThat(handle(request("POST", Feed.STREAM_PATH)).getStatusCode()).isEqualTo(405);
  }

  @Test
  void handsTheChatPathToTheSeedsChatHandler() {
    // A plain GET through Pushpin is not WebSocket-over-HTTP: the JavaScript faas-grip library's handler answers 400 with its own words.
    APIGatewayProxyResponseEvent plain =
        handle(request("GET", DemoHandler.CHAT_PATH).withHeaders(Map.of("Grip-Sig", gripSig(KEY))));
    assertThat(plain.getStatusCode()).isEqualTo(400);
    assertThat(plain.getBody()).isEqualTo("Not a WebSocket-over-HTTP request\n");

    // WebSocket-over-HTTP without Pushpin's signature: refused, since the demo requires it.
    APIGatewayProxyRequestEvent open = request("POST", DemoHandler.CHAT_PATH)
        .withHeaders(Map.of("Content-Type", "application/websocket-events", "Connection-Id", "c1"))
        .withBody("OPEN\r\n");
    assertThat(handle(open).getStatusCode()).isEqualTo(403);

    // Signed: accepted and subscribed to the JavaScript faas-grip library's channel.
    APIGatewayProxyResponseEvent accepted = handle(open.withHeaders(Map.of(
        "Content-Type", "application/websocket-events", "Connection-Id", "c1",
        "Sec-WebSocket-Extensions", "grip", "Grip-Sig", gripSig(KEY))));
    assertThat(accepted.getStatusCode()).isEqualTo(200);
    String body = accepted.getIsBase64Encoded()
        ? new String(Base64.getDecoder().decode(accepted.getBody()), StandardCharsets.UTF_8) : accepted.getBody();
    assertThat(body).startsWith("OPEN\r\n").contains("\"subscribe\"").contains("\"room\"");
  }

  @Test
  void opensAnEventStreamHeldOnTheFeedChannelThatRecoversWhatAStreamMissed() {
    assertThat(handle(request("GET", Feed.STREAM_PATH)).getStatusCode()).isEqualTo(403);
    Item first = Feed.note("first");
    APIGatewayProxyResponseEvent stream = handle(request("GET", Feed.STREAM_PATH)
        .withHeaders(Map.of("Grip-Sig", gripSig(KEY))));

    assertThat(stream.getStatusCode()).isEqualTo(200);
    assertThat(stream.getHeaders())
        .containsEntry("Content-Type", "text/event-stream")
        .containsEntry("Grip-Hold", "stream")
        .containsEntry("Grip-Channel", "feed; prev-id=" + first.id())
        .containsEntry("Grip-Link", "</feed/stream>; rel=next")
        .containsEntry("Grip-Keep-Alive", "OgoK; format=base64; timeout=20" /* ":\n\n" */);
    assertThat(stream.getBody()).isEqualTo("retry: 2000\n\nevent: hello\ndata: stream opened\n\n");

    // Pushpin saw a gap after "first": it asks the same path with Grip-Last, and gets what came after.
    Item second = Feed.note("second");
    APIGatewayProxyResponseEvent recovery = handle(request("GET", Feed.STREAM_PATH).withHeaders(Map.of(
        "Grip-Sig", gripSig(KEY), "Grip-Last", "feed; last-id=" + first.id())));
    assertThat(recovery.getBody()).isEqualTo("event: note\nid: " + second.id() + "\ndata: second\n\n");
    assertThat(recovery.getHeaders()).containsEntry("Grip-Channel", "feed; prev-id=" + second.id());
    // A browser that reconnects after "first" gets the preamble, then "second".
    assertThat(handle(request("GET", Feed.STREAM_PATH).withHeaders(Map.of(
        "Grip-Sig", gripSig(KEY), "Last-Event-ID", first.id()))).getBody())
        .isEqualTo(Feed.PREAMBLE + "event: note\nid: " + second.id() + "\ndata: second\n\n");

    // The load tool's feed: the same channel, no prev-id, so items without ids go out as they come.
    APIGatewayProxyResponseEvent live = handle(request("GET", Feed.LIVE_PATH));
    assertThat(live.getHeaders()).containsEntry("Grip-Channel", "feed").doesNotContainKey("Grip-Link");
    assertThat(live.getBody()).isEqualTo(Feed.PREAMBLE);
    assertThat(handle(request("POST", Feed.LIVE_PATH)).getStatusCode()).isEqualTo(405);
  }

  @Test
  void publishesANoteOnlyWhenItCameThroughThePushpin() {
    APIGatewayProxyRequestEvent unsigned = request("POST", Feed.PUBLISH_PATH).withBody("hi");
    assertThat(handle(unsigned).getStatusCode()).isEqualTo(403);
    assertThat(published).isEmpty();

    APIGatewayProxyRequestEvent signed = request("POST", Feed.PUBLISH_PATH)
        .withHeaders(Map.of("Grip-Sig", gripSig(KEY)))
        .withBody("  two\nlines  ");
    assertThat(handle(signed).getStatusCode()).isEqualTo(202);
    assertThat(published).hasSize(1);
    Item note = published.get(0);
    assertThat(note.channel()).isEqualTo("feed");
    assertThat(note.prevId()).isNotNull();
    assertThat(note.format(HttpStreamFormat.class).text())
        .isEqualTo("event: note\nid: " + note.id() + "\ndata: two\ndata: lines\n\n");

    assertThat(handle(signed.withBody("   ")).getStatusCode()).isEqualTo(400);
    assertThat(handle(signed.withBody("x".repeat(Feed.MAX_NOTE_CHARS + 1))).getStatusCode()).isEqualTo(413);
    assertThat(handle(request("POST", Feed.PUBLISH_PATH).withHeaders(Map.of("Grip-Sig", gripSig("other-key")))
        .withBody("forged")).getStatusCode()).isEqualTo(403);
    assertThat(published).hasSize(1);
  }

  @Test
  void mirrorsChatTextToTheFeedAndLeavesOtherItemsAlone() {
    Item chat = Item.of("room", WebSocketMessageFormat.text("ada: hi"));
    Item close = Item.of("room", WebSocketMessageFormat.close(1001));
    Item other = Item.of("elsewhere", WebSocketMessageFormat.text("x"));

    List<Item> out = Feed.mirrorChat(List.of(chat, close, other));
    assertThat(out).hasSize(4).startsWith(chat, close, other);
    Item mirrored = out.get(3);
    assertThat(mirrored.channel()).isEqualTo("feed");
    assertThat(mirrored.format(HttpStreamFormat.class).text())
        .isEqualTo("event: chat\nid: " + mirrored.id() + "\ndata: ada: hi\n\n");
    // The next event names this one as the one before it.
    assertThat(Feed.note("after").prevId()).isEqualTo(mirrored.id());
  }

  /** A Grip-Sig as Pushpin makes it: HS256 over {"iss":"pushpin","exp":now+3600}. */
  private static String gripSig(String key) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String head = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    long exp = System.currentTimeMillis() / 1000 + 3600;
    String claims = b64.encodeToString(("{\"iss\":\"pushpin\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] sig = mac.doFinal((head + "." + claims).getBytes(StandardCharsets.US_ASCII));
      return head + "." + claims + "." + b64.encodeToString(sig);
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
