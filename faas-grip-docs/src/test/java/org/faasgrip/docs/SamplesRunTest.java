package org.faasgrip.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faasgrip.config.GripConfig;
import org.faasgrip.config.GripConfigException;
import org.faasgrip.config.GripProxy;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.function.Grip;
import org.faasgrip.function.InMemoryItemStore;
import org.faasgrip.function.ReliableStream;
import org.faasgrip.lambda.LambdaGrip;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.PublishBody;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.websocket.WebSocketContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The samples of docs/*.md that run without a proxy do what their pages say. */
class SamplesRunTest {
  private final List<Item> published = new ArrayList<>();

  @BeforeEach
  void recordPublishes() {
    FaasGrip.install(Grip.builder().publishWith(items -> {
      published.addAll(items);
      return CompletableFuture.completedFuture(null);
    }).build());
  }

  @AfterEach
  void forget() {
    FaasGrip.install(null);
  }

  private static WebSocketContext opening(String extraHeader, String value) {
    return WebSocketContext.from(GripRequest.builder().method("POST").path("/chat")
        .addHeader("Content-Type", "application/websocket-events").addHeader("Sec-WebSocket-Extensions", "grip")
        .addHeader("Connection-Id", "c1").addHeader(extraHeader, value)
        .body("OPEN\r\n".getBytes(StandardCharsets.US_ASCII)).build(), "staging-");
  }

  private static String body(GripResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  // tag::testing-core[]
  @Test
  void echoesTextAndAnswersThePing() {
    GripRequest request = GripRequest.builder()
        .method("POST").path("/echo")
        .addHeader("Content-Type", "application/websocket-events")
        .addHeader("Sec-WebSocket-Extensions", "grip")              // as Pushpin offers GRIP mode
        .body("TEXT 5\r\nhello\r\nPING 2\r\nhi\r\n".getBytes(StandardCharsets.UTF_8))
        .build();
    GripResponse response = WebSocketSamples.echo(LambdaGrip.of(Grip.builder().build()).webSocket(request));
    assertThat(response.header("Content-Type")).isEqualTo("application/websocket-events");
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo("TEXT d\r\nm:echo: hello\r\nPONG 2\r\nhi\r\n");       // m: is the GRIP message prefix
  }
  // end::testing-core[]

  @Test
  void theStreamHandlerSampleAnswersInTheEventsShape() throws Exception {
    String open = Base64.getEncoder().encodeToString("OPEN\r\n".getBytes(StandardCharsets.US_ASCII));
    String event = "{\"httpMethod\":\"POST\",\"path\":\"/chat\",\"headers\":{\"Content-Type\":"
        + "\"application/websocket-events\",\"Sec-WebSocket-Extensions\":\"grip\"},\"body\":\"" + open
        + "\",\"isBase64Encoded\":true}";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new WebSocketSamples.ChatStream().handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    String json = out.toString(StandardCharsets.UTF_8);
    assertThat(json).contains("\"statusCode\":200").contains("\"isBase64Encoded\":true");
    Matcher body = Pattern.compile("\"body\":\"([^\"]*)\"").matcher(json);
    assertThat(body.find()).as(json).isTrue();
    assertThat(new String(Base64.getDecoder().decode(body.group(1)), StandardCharsets.UTF_8))
        .isEqualTo("OPEN\r\nTEXT 27\r\nc:{\"type\":\"subscribe\",\"channel\":\"room\"}\r\n");

    ByteArrayOutputStream refused = new ByteArrayOutputStream();
    new WebSocketSamples.ChatStream().handleRequest(new ByteArrayInputStream(
        "{\"httpMethod\":\"GET\",\"path\":\"/chat\"}".getBytes(StandardCharsets.UTF_8)), refused, null);
    assertThat(refused.toString(StandardCharsets.UTF_8)).contains("\"statusCode\":400");
  }

  @Test
  void withOrWithoutGripModeSubscribesOnlyThroughTheProxy() {
    WebSocketContext proxied = opening("Meta-X", "y");
    WebSocketSamples.withOrWithoutGripMode(proxied);
    assertThat(body(proxied.toGripResponse()))
        .isEqualTo("OPEN\r\nTEXT 2f\r\nc:{\"type\":\"subscribe\",\"channel\":\"staging-room\"}\r\n");

    WebSocketContext direct = WebSocketContext.from(GripRequest.builder().method("POST")
        .addHeader("Content-Type", "application/websocket-events")
        .body("OPEN\r\n".getBytes(StandardCharsets.UTF_8)).build());
    WebSocketSamples.withOrWithoutGripMode(direct);
    GripResponse r = direct.toGripResponse();
    assertThat(r.header("Sec-WebSocket-Extensions")).isNull();
    assertThat(body(r))
        .isEqualTo("OPEN\r\nTEXT 3c\r\nconnected without GRIP mode: answers only, nothing published\r\n");
  }

  @Test
  void controlMessagesAndMetaAsWebsocketsMdShowsThem() {
    WebSocketContext ws = opening("Meta-Invite", "x");
    WebSocketSamples.control(ws);
    WebSocketSamples.meta(ws);
    GripResponse r = ws.toGripResponse();
    assertThat(r.headers()).containsExactly(entry("Content-Type", "application/websocket-events"),
        entry("Sec-WebSocket-Extensions", "grip"), entry("Set-Meta-nick", "guest-c1"), entry("Set-Meta-invite", ""));
    assertThat(body(r)).isEqualTo("OPEN\r\n"
        + "TEXT 2f\r\nc:{\"type\":\"subscribe\",\"channel\":\"staging-room\"}\r\n"
        + "TEXT 4a\r\nc:{\"type\":\"subscribe\",\"channel\":\"staging-user-42\",\"filters\":[\"skip-self\"]}\r\n"
        + "TEXT 32\r\nc:{\"type\":\"unsubscribe\",\"channel\":\"staging-lobby\"}\r\n"
        + "TEXT 33\r\nc:{\"type\":\"keep-alive\",\"content\":\"{}\",\"timeout\":25}\r\n"
        + "TEXT 5d\r\nc:{\"type\":\"keep-alive\",\"content-bin\":\"\",\"timeout\":30,\"mode\":\"interval\","
        + "\"message-type\":\"ping\"}\r\n"
        + "TEXT 33\r\nc:{\"type\":\"set-meta\",\"name\":\"room\",\"value\":\"lobby\"}\r\n"
        + "TEXT 1f\r\nc:{\"type\":\"session\",\"id\":\"s-7\"}\r\n"
        + "TEXT 13\r\nc:{\"type\":\"detach\"}\r\n");
  }

  @Test
  void usersAsWebsocketsMdShowsThem() {
    List<Item> published = new ArrayList<>();
    Grip grip = Grip.builder().publishWith(items -> {
      published.addAll(items);
      return CompletableFuture.completedFuture(null);
    }).build();
    WebSocketContext ws = opening("Meta-X", "y");
    WebSocketSamples.users(ws, grip);
    GripResponse r = ws.toGripResponse();
    assertThat(r.header("Set-Meta-user")).isEqualTo("alice");
    assertThat(body(r)).isEqualTo("OPEN\r\n"
        + "TEXT 33\r\nc:{\"type\":\"set-meta\",\"name\":\"user\",\"value\":\"alice\"}\r\n"
        + "TEXT 35\r\nc:{\"type\":\"subscribe\",\"channel\":\"staging-user:alice\"}\r\n"
        + "TEXT 54\r\nc:{\"type\":\"subscribe\",\"channel\":\"staging-room\","
        + "\"filters\":[\"skip-self\",\"skip-users\"]}\r\n");
    assertThat(published).extracting(Item::channel).containsExactly("room", "user:bob", "user:carol");
    assertThat(published.get(0).meta()).containsExactly(entry("sender", "alice"));
  }

  @Test
  void closeWaysAsWebsocketsMdShowsThem() {
    String[] expected = {"CLOSE\r\n", "CLOSE 2\r\n\u0003\u00e8\r\n", "CLOSE 10\r\n\u000f\u00a1nickname taken\r\n",
        "DISCONNECT\r\n"};
    for (int how = 0; how < 4; how++) {
      WebSocketContext ws = opening("Meta-X", "y");
      WebSocketSamples.close(ws, how);
      assertThat(new String(ws.toGripResponse().body(), StandardCharsets.ISO_8859_1)).as("way " + how)
          .isEqualTo(expected[how]);
    }
  }

  @Test
  void everyGripInstructionAsHttpStreamingMdShowsIt() {
    assertThat(StreamingSamples.everything().headers()).containsExactly(
        entry("Content-Type", "text/event-stream"),
        entry("Grip-Hold", "stream"),
        entry("Grip-Channel", "news, user-42; prev-id=17; filter=skip-self"),
        entry("Grip-Keep-Alive", "OgoK; format=base64; timeout=20; mode=interval"),
        entry("Grip-Set-Meta", "user=\"42\""),
        entry("Grip-Status", "200 OK"),
        entry("Grip-Link", "<https://example.com/news?after=17>; rel=next; timeout=120, "
            + "<https://example.com/gone>; rel=gone"),
        entry("Grip-Expose-Headers", "Content-Type"));
    GripResponse poll = StreamingSamples.longPoll();
    assertThat(poll.headers()).containsExactly(entry("Content-Type", "application/json"),
        entry("Grip-Hold", "response"), entry("Grip-Channel", "inbox-42"), entry("Grip-Timeout", "55"));
    assertThat(body(poll)).isEqualTo("{\"messages\":[]}");
  }

  @Test
  void streamPublishesGoOutInOrder() {
    StreamingSamples.publishToStream();
    Item item = StreamingSamples.resumable();
    assertThat(published).containsExactly(Item.of("news", HttpStreamFormat.of("headline 1\n")),
        Item.of("news", HttpStreamFormat.close()), item);
    assertThat(item.id()).isEqualTo("18");
    assertThat(item.prevId()).isEqualTo("17");
  }

  @Test
  void reliableStreamsAsHttpStreamingMdShowsThem() {
    Grip grip = FaasGrip.instance();
    InMemoryItemStore store = InMemoryItemStore.create(10, 2);
    GripRequest get = GripRequest.builder().method("GET").path("/news").build();
    GripResponse first = StreamingSamples.reliableStream(grip, store, get);
    assertThat(first.header("Grip-Channel")).isEqualTo("news; prev-id=-");
    assertThat(first.header("Grip-Link")).isEqualTo("</news>; rel=next");
    assertThat(published).singleElement().satisfies(i -> {
      assertThat(i.id()).isEqualTo("18");
      assertThat(i.prevId()).isEqualTo("-");
    });
    // Pushpin's recovery after the item before 18: it gets 18.
    GripRequest recovery = GripRequest.builder().method("GET").path("/news")
        .addHeader("Grip-Last", "news; last-id=-").build();
    assertThat(body(new StreamingSamplesAccess(grip, store).news(recovery))).isEqualTo("headline 18\n");

    GripResponse feed = StreamingSamples.reliableEventStream(grip, store,
        GripRequest.builder().method("GET").path("/feed").addHeader("Last-Event-ID", "nope").build());
    assertThat(body(feed)).isEqualTo("retry: 2000\n\n");
    assertThat(published.get(1).format(HttpStreamFormat.class).text())
        .isEqualTo("event: note\nid: 42\ndata: two\ndata: lines\n\n");

    GripRequest retried = GripRequest.builder().addHeader("Grip-Last", "inbox; last-id=41")
        .addHeader("Grip-Feature", "status, session, link:next").build();
    assertThat(StreamingSamples.readGripHeaders(grip, retried)).isEqualTo("41");
    GripResponse instruct = StreamingSamples.instructBody(grip);
    assertThat(instruct.header("Content-Type")).isEqualTo("application/grip-instruct");
    assertThat(body(instruct)).isEqualTo("{\"hold\":{\"mode\":\"stream\",\"channels\":[{\"name\":\"news\"}]},"
        + "\"response\":{\"code\":200,\"headers\":[[\"Content-Type\",\"text/plain\"]],\"body\":\"stream open\\n\"}}");
  }

  /** The same stream as the sample's, to answer the recovery with. */
  private record StreamingSamplesAccess(Grip grip, InMemoryItemStore store) {
    GripResponse news(GripRequest request) {
      return ReliableStream.builder(grip, store).nextLink(java.net.URI.create("/news")).build().hold(request, "news");
    }
  }

  @Test
  void publishFormatsAndItemJson() {
    PublishingSamples.formats();
    assertThat(published).hasSize(6);
    assertThat(published.get(2).format(WebSocketMessageFormat.class).closeCode()).isEqualTo(4000);
    assertThat(new String(PublishingSamples.item(), StandardCharsets.UTF_8)).isEqualTo("{\"items\":[{"
        + "\"channel\":\"myapp-news\",\"id\":\"18\",\"prev-id\":\"17\",\"meta\":{\"sender\":\"42\"},"
        + "\"formats\":{\"ws-message\":{\"content\":\"headline 18\"},"
        + "\"http-stream\":{\"content\":\"data: headline 18\\n\\n\"}}}]}");
  }

  @Test
  void publishActionsWriteTheirTypeOrAction() {
    PublishingSamples.actions();
    assertThat(published).hasSize(5);
    assertThat(new String(PublishBody.toJson(published, ""), StandardCharsets.UTF_8)).isEqualTo("{\"items\":["
        + "{\"channel\":\"room\",\"formats\":{\"ws-message\":{\"type\":\"ping\",\"content-bin\":\"Kg==\"}}},"
        + "{\"channel\":\"room\",\"formats\":{\"ws-message\":{\"type\":\"pong\",\"content-bin\":\"\"}}},"
        + "{\"channel\":\"room\",\"formats\":{\"ws-message\":{\"action\":\"refresh\"}}},"
        + "{\"channel\":\"news\",\"formats\":{\"http-stream\":{\"action\":\"hint\"}}},"
        + "{\"channel\":\"inbox\",\"formats\":{\"http-response\":{\"action\":\"hint\"}}}]}");
  }

  @Test
  void everyConfigurationSampleParses() {
    List<GripProxy> urls = ConfigSamples.gripUrls();
    assertThat(urls.get(0).controlIss()).isNull();
    assertThat(urls.get(0).key()).isNull();
    assertThat(urls.get(0).publishUri()).hasToString("http://127.0.0.1:5561/publish/");
    assertThat(urls.get(1).controlIss()).isEqualTo("pushpin");
    assertThat(urls.get(1).key()).isEqualTo("changeme".getBytes(StandardCharsets.UTF_8));
    assertThat(urls.get(1).verifyKey().algorithm()).isEqualTo("HS256");
    assertThat(urls.get(2).publishUri()).hasToString("https://api.fanout.io/realm/myrealm/publish/");
    assertThat(urls.get(2).key()).isEqualTo("secret".getBytes(StandardCharsets.UTF_8));
    assertThat(urls.get(3).controlIss()).isNull();
    assertThat(urls.get(3).key()).isEqualTo("API_TOKEN".getBytes(StandardCharsets.UTF_8));
    assertThat(urls.get(3).verifyIss()).isEqualTo("fastly:SERVICE_ID");
    assertThat(urls.get(3).verifyKey().algorithm()).isEqualTo("ES256");
    assertThat(urls).allSatisfy(p -> assertThat(p.toString()).doesNotContain("changeme", "c2VjcmV0", "API_TOKEN"));

    List<GripProxy> proxies = ConfigSamples.gripProxies();
    assertThat(proxies).extracting(p -> p.controlUri().toString())
        .containsExactly("http://pushpin-a:5561", "http://pushpin-b:5561");
    assertThat(proxies.get(1).verifyIss()).isEqualTo("pushpin");

    Grip env = ConfigSamples.fromMap();
    assertThat(env.config().prefix()).isEqualTo("staging-");
    assertThat(env.signatureRequired()).isTrue();

    Grip byHand = ConfigSamples.byHand("s3cret");
    assertThat(FaasGrip.instance()).isSameAs(byHand);
    assertThat(byHand.signatureRequired()).isTrue();
    assertThat(byHand.config().proxies().get(0).verifyKey().algorithm()).isEqualTo("HS256");
  }

  @Test
  void aBadKeyIsNamedButNotShown() {
    assertThatThrownBy(() -> GripConfig.parseGripUrl("http://127.0.0.1:5561?iss=pushpin&key=base64:s3cr*t!"))
        .isInstanceOf(GripConfigException.class)
        .hasMessage("GRIP_URL query parameter key: the key is not valid base64");
  }

  @Test
  void aRequestWithoutGripSigIsRefusedWithItsReason() {
    Grip grip = ConfigSamples.fromMap();
    assertThat(SecuritySamples.whyRefused(grip.config(), null)).isNotBlank();
    assertThat(SecuritySamples.whyRefused(grip.config(), "not.a.jwt")).isNotBlank();
  }
}
