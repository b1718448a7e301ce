package org.faasgrip.examples.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.HttpResponseMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.faasgrip.azure.AzureGrip;
import org.faasgrip.examples.Chat;
import org.faasgrip.examples.LongPolling;
import org.faasgrip.examples.Streaming;
import org.faasgrip.function.Grip;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.testkit.azure.StandInContext;
import org.faasgrip.testkit.azure.StandInRequest;
import org.faasgrip.testkit.azure.StandInResponse;
import org.junit.jupiter.api.Test;

/**
 * The Azure Functions examples called as the Java worker calls them, with the testkit's stand-ins for its request,
 * response and context: no HTTP, no proxy.
 */
class AzureExamplesTest {
  private static final String WS = "application/websocket-events";

  private final List<Item> published = new ArrayList<>();
  private final AzureGrip azure = AzureGrip.of(Grip.builder().publishWith(items -> {
    published.addAll(items);
    return CompletableFuture.completedFuture(null);
  }).build());
  private final StandInContext context = new StandInContext("chat");

  private static StandInRequest events(String body, String... meta) {
    StandInRequest.Builder b = StandInRequest.builder("POST", URI.create("http://localhost:7071/api/chat"))
        .header("Content-Type", WS).header("Connection-Id", "c1").header("Sec-WebSocket-Extensions", "grip");
    for (int i = 0; i < meta.length; i += 2) {
      b.header(meta[i], meta[i + 1]);
    }
    return b.body(body.getBytes(StandardCharsets.UTF_8)).build();
  }

  private static String text(HttpResponseMessage m) {
    return new String(StandInResponse.bodyBytes(m), StandardCharsets.UTF_8);
  }

  @Test
  void theChatAcceptsAndSubscribesANewConnection() {
    HttpResponseMessage out = new ChatFunction(azure).run(events("OPEN\r\n"), context);

    assertThat(out.getStatusCode()).isEqualTo(200);
    assertThat(out.getHeader("Content-Type")).isEqualTo(WS);
    assertThat(text(out)).startsWith("OPEN\r\n").contains("\"channel\":\"" + Chat.CHANNEL + "\"");
  }

  @Test
  void theChatSetsANicknameAndPublishesUnderIt() {
    HttpResponseMessage nick = new ChatFunction(azure).run(events("TEXT 9\r\n/nick bob\r\n"), context);
    assertThat(nick.getHeader("Set-Meta-nick")).isEqualTo("bob");
    assertThat(text(nick)).isEqualTo("TEXT 17\r\nm:nickname set to [bob]\r\n");

    // The next request carries the nickname back as Meta-Nick, which the host passes in lower case.
    new ChatFunction(azure).run(events("TEXT 2\r\nhi\r\n", "Meta-Nick", "bob"), context);
    assertThat(published).containsExactly(Item.of(Chat.CHANNEL, WebSocketMessageFormat.text("bob: hi")));
  }

  @Test
  void theStreamIsHeldOnItsChannel() {
    HttpResponseMessage out = new StreamFunction(azure).run(
        StandInRequest.builder("GET", URI.create("http://localhost:7071/api/stream")).build(), context);

    assertThat(out.getHeader("Grip-Hold")).isEqualTo("stream");
    assertThat(out.getHeader("Grip-Channel")).isEqualTo(Streaming.CHANNEL);
    assertThat(text(out)).isEqualTo(Streaming.OPENED);
  }

  @Test
  void theLongPollIsHeldForTheTimeoutAskedAndABadOneIs400() {
    HttpResponseMessage held = new LongPollFunction(azure).run(
        StandInRequest.builder("GET", URI.create("http://localhost:7071/api/poll?timeout=7")).build(), context);
    assertThat(held.getHeader("Grip-Hold")).isEqualTo("response");
    assertThat(held.getHeader("Grip-Channel")).isEqualTo(LongPolling.CHANNEL);
    assertThat(held.getHeader("Grip-Timeout")).isEqualTo("7");

    HttpResponseMessage bad = new LongPollFunction(azure).run(
        StandInRequest.builder("GET", URI.create("http://localhost:7071/api/poll?timeout=soon")).build(), context);
    assertThat(bad.getStatusCode()).isEqualTo(400);
    assertThat(text(bad)).startsWith("timeout must be a whole number");
  }
}
