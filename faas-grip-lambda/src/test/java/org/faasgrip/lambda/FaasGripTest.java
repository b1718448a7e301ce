package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.faasgrip.GripException;
import org.faasgrip.config.GripConfig;
import org.faasgrip.config.GripConfigException;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.publish.Format;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.InvalidItemException;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.websocket.NotGripModeException;
import org.faasgrip.websocket.NotWebSocketRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.faasgrip.function.Grip;
import org.faasgrip.function.GripLogger;
import org.faasgrip.function.NotFromProxyException;

/** The static facade and its instance, with the real AWS event classes. */
class FaasGripTest {
  private final Recorder recorder = new Recorder();

  @AfterEach
  void forgetInstalled() {
    FaasGrip.install(null);
  }

  private static String decoded(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  @Test
  void restWebSocketRoundTripReadsLikeTheSeed() {
    FaasGrip.install(Grip.builder().publishWith(recorder).build());
    APIGatewayProxyRequestEvent event = TypedEventsTest.restEvent();

    var ws = FaasGrip.lambdaGetWebSocket(event);
    assertThat(ws.isOpening()).isTrue();
    ws.accept();
    ws.subscribe("room");
    String message = null;
    while (ws.canRecv()) {
      message = ws.recv();
      FaasGrip.publish("room", WebSocketMessageFormat.text(ws.meta().get("nick") + ": " + message));
    }
    APIGatewayProxyResponseEvent r = ws.toResponse();

    assertThat(message).isEqualTo("hello");
    assertThat(recorder.items).hasSize(1);
    assertThat(recorder.items.get(0).formats()).containsExactly(WebSocketMessageFormat.text("bob: hello"));
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.getIsBase64Encoded()).isTrue();
    assertThat(r.getHeaders()).containsEntry("Content-Type", "application/websocket-events");
    assertThat(decoded(r.getBody())).startsWith("OPEN\r\n").contains("subscribe").contains("room");
  }

  @Test
  void v2ResponseIsTheV2Type() {
    FaasGrip.install(Grip.builder().publishWith(recorder).build());
    APIGatewayV2HTTPEvent event = TypedEventsTest.v2Event(TypedEventsTest.b64("TEXT 9\r\n/nick bob\r\n"), true);

    var ws = FaasGrip.lambdaGetWebSocket(event);
    String m = ws.recv();
    ws.meta().put("nick", m.substring(6));
    ws.send("ok");
    APIGatewayV2HTTPResponse r = ws.toResponse();

    assertThat(r.getIsBase64Encoded()).isTrue();
    assertThat(r.getHeaders()).containsEntry("Content-Type", "application/websocket-events");
    assertThat(r.getHeaders()).hasEntrySatisfying("Set-Meta-nick", v -> assertThat(v).isEqualTo("bob"));
    assertThat(r.getMultiValueHeaders()).isNull();
    assertThat(decoded(r.getBody())).isEqualTo("TEXT 2\r\nok\r\n");
  }

  @Test
  void gripModeRequestGetsTheExtensionBackAndPrefixedMessages() {
    FaasGrip.install(Grip.builder().publishWith(recorder).build());

    var ws = FaasGrip.lambdaGetWebSocket(TypedEventsTest.restEvent());
    ws.accept();
    ws.send("hi");
    APIGatewayProxyResponseEvent r = ws.toResponse();

    assertThat(r.getHeaders()).containsEntry("Sec-WebSocket-Extensions", "grip");
    // No name repeats, so the plain map says it all.
    assertThat(r.getMultiValueHeaders()).isNull();
    assertThat(decoded(r.getBody())).contains("TEXT 4\r\nm:hi\r\n");
  }

  @Test
  void plainModeRequestGetsNoExtensionAndUnprefixedMessages() {
    FaasGrip.install(Grip.builder().publishWith(recorder).build());
    APIGatewayProxyRequestEvent event = TypedEventsTest.restEvent();
    event.getMultiValueHeaders().remove("Sec-WebSocket-Extensions");
    event.getHeaders().remove("Sec-WebSocket-Extensions");

    var ws = FaasGrip.lambdaGetWebSocket(event);
    ws.accept();
    ws.send("hi");
    APIGatewayProxyResponseEvent r = ws.toResponse();

    assertThat(r.getHeaders()).doesNotContainKey("Sec-WebSocket-Extensions");
    assertThat(decoded(r.getBody())).isEqualTo("OPEN\r\nTEXT 2\r\nhi\r\n");
  }

  @Test
  void albResponseFollowsTheRequestsHeaderForm() {
    FaasGrip.install(Grip.builder().publishWith(recorder).build());

    var multi = FaasGrip.lambdaGetWebSocket(TypedEventsTest.albEvent(true));
    multi.accept();
    ApplicationLoadBalancerResponseEvent m = multi.toResponse();
    var single = FaasGrip.lambdaGetWebSocket(TypedEventsTest.albEvent(false));
    single.accept();
    ApplicationLoadBalancerResponseEvent s = single.toResponse();

    assertThat(m.getMultiValueHeaders()).containsEntry("Content-Type", List.of("application/websocket-events"));
    assertThat(m.getHeaders()).isNull();
    assertThat(s.getHeaders()).containsEntry("Content-Type", "application/websocket-events");
    assertThat(s.getMultiValueHeaders()).isNull();
    assertThat(decoded(s.getBody())).startsWith("OPEN\r\n");
  }

  @Test
  void notWebSocketIsATypedExceptionAndTheSeeds400() {
    APIGatewayProxyRequestEvent get = new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/");
    FaasGrip.install(Grip.builder().publishWith(recorder).build());

    GripException e = org.junit.jupiter.api.Assertions.assertThrows(
        GripException.class, () -> FaasGrip.lambdaGetWebSocket(get));
    assertThat(e).isInstanceOf(NotWebSocketRequestException.class);

    APIGatewayProxyResponseEvent r = FaasGrip.errorResponse(e, get);
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(r.getBody()).isEqualTo("Not a WebSocket-over-HTTP request\n");
    assertThat(r.getIsBase64Encoded()).isFalse();
    assertThat(r.getHeaders()).containsEntry("Content-Type", "text/plain; charset=utf-8");
  }

  /** The README's handler keeps its whole body in the try: what it answers for a client that bypassed the proxy. */
  @Test
  void aControlMessageWithoutGripModeIs400InEachEventShapeWithOneLogLineEach() {
    List<String> logged = new ArrayList<>();
    FaasGrip.install(Grip.builder().publishWith(recorder)
        .logger((level, line) -> logged.add(level + " " + line)).build());
    String expected = "Bad request: subscribe() needs GRIP mode, but the OPEN came without Sec-WebSocket-Extensions:"
        + " grip";

    APIGatewayProxyRequestEvent rest = TypedEventsTest.restEvent();
    rest.getHeaders().remove("Sec-WebSocket-Extensions");
    rest.getMultiValueHeaders().remove("Sec-WebSocket-Extensions");
    APIGatewayProxyResponseEvent r1 = FaasGrip.errorResponse(notGripMode(() -> FaasGrip.lambdaGetWebSocket(rest)
        .subscribe("room")), rest);
    assertThat(r1.getStatusCode()).isEqualTo(400);
    assertThat(r1.getBody()).startsWith(expected);

    APIGatewayV2HTTPEvent v2 = TypedEventsTest.v2Event(TypedEventsTest.b64("OPEN\r\n"), true);
    APIGatewayV2HTTPResponse r2 = FaasGrip.errorResponse(notGripMode(() -> FaasGrip.lambdaGetWebSocket(v2)
        .subscribe("room")), v2);
    assertThat(r2.getStatusCode()).isEqualTo(400);
    assertThat(r2.getBody()).startsWith(expected);

    ApplicationLoadBalancerRequestEvent alb = TypedEventsTest.albEvent(true);
    ApplicationLoadBalancerResponseEvent r3 = FaasGrip.errorResponse(notGripMode(() -> FaasGrip.lambdaGetWebSocket(alb)
        .subscribe("room")), alb);
    assertThat(r3.getStatusCode()).isEqualTo(400);
    assertThat(r3.getBody()).startsWith(expected);

    assertThat(logged).hasSize(3).allSatisfy(line ->
        assertThat(line).startsWith("WARNING 400 NotGripModeException: subscribe() needs GRIP mode"));
    assertThat(recorder.items).isEmpty();
  }

  private static GripException notGripMode(org.junit.jupiter.api.function.Executable handler) {
    return org.junit.jupiter.api.Assertions.assertThrows(NotGripModeException.class, handler);
  }

  @Test
  void errorStatusesPerFamily() {
    assertThat(Grip.errorResponse(new NotFromProxyException("x"), GripLogger.system()).status()).isEqualTo(403);
    assertThat(Grip.errorResponse(new LambdaEventException("bad"), GripLogger.system()).status()).isEqualTo(400);
    GripResponse config = Grip.errorResponse(new GripConfigException("GRIP_URL", "secret-free fault"), GripLogger.system());
    assertThat(config.status()).isEqualTo(500);
    assertThat(new String(config.body(), StandardCharsets.UTF_8)).isEqualTo("Internal Server Error\n");
  }

  @Test
  void channelPrefixAppliesToSubscribeAndHolds() {
    Grip grip = Grip.builder().config(GripConfig.of(List.of(), "test-")).publishWith(recorder).build();

    var ws = LambdaGrip.of(grip).lambdaGetWebSocket(TypedEventsTest.restEvent());
    ws.accept();
    ws.subscribe("room");
    assertThat(decoded(ws.toResponse().getBody())).contains("test-room");

    GripResponse hold = grip.holdStream("news", "");
    assertThat(hold.header("Grip-Channel")).isEqualTo("test-news");
  }

  @Test
  void holdResponsesInEachPlatformType() {
    FaasGrip.install(Grip.builder().publishWith(recorder).build());
    GripResponse stream = FaasGrip.holdStream("news", "stream opened\n");
    GripResponse poll = FaasGrip.holdResponse("inbox", 55, "timed out\n");
    GripResponse keepAlive = FaasGrip.hold(org.faasgrip.grip.GripInstruct.builder().holdStream().channel("a")
        .channel("b").keepAlive("\n", 20).build(), "text/event-stream", "");

    APIGatewayProxyResponseEvent rest = LambdaResponses.toApiGateway(stream);
    assertThat(rest.getHeaders()).containsEntry("Grip-Hold", "stream").containsEntry("Grip-Channel", "news")
        .containsEntry("Content-Type", "text/plain");
    assertThat(rest.getBody()).isEqualTo("stream opened\n");
    assertThat(rest.getIsBase64Encoded()).isFalse();

    APIGatewayV2HTTPResponse v2 = LambdaResponses.toV2(poll);
    assertThat(v2.getHeaders()).containsEntry("Grip-Hold", "response").containsEntry("Grip-Channel", "inbox")
        .containsEntry("Grip-Timeout", "55");
    assertThat(v2.getBody()).isEqualTo("timed out\n");

    ApplicationLoadBalancerResponseEvent alb = LambdaResponses.toAlb(keepAlive);
    assertThat(alb.getHeaders()).containsEntry("Grip-Hold", "stream").containsKey("Grip-Keep-Alive");
    assertThat(alb.getHeaders().get("Grip-Channel")).contains("a").contains("b");
    assertThat(alb.getHeaders().get("Grip-Keep-Alive")).contains("timeout=20");

    LambdaJsonResponse json = LambdaResponses.toJson(stream, EventFormat.HTTP_API);
    assertThat(TestJson.parse(json.toString()).get("headers")).isEqualTo(v2Headers(stream));
  }

  private static Map<String, String> v2Headers(GripResponse r) {
    return LambdaResponses.toV2(r).getHeaders();
  }

  @Test
  void publishGoesThroughTheInstalledInstance() {
    FaasGrip.install(Grip.builder().publishWith(recorder).build());
    FaasGrip.publish("feed", HttpStreamFormat.of("data\n"));
    FaasGrip.publishAsync("feed", HttpStreamFormat.of("more\n")).join();

    assertThat(recorder.items).extracting(i -> i.channel()).containsExactly("feed", "feed");
    assertThatThrownBy(FaasGrip::publisher).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void oneFormatPublishesTheItemThatTheArrayFormDoes() {
    FaasGrip.install(Grip.builder().publishWith(recorder).build());
    WebSocketMessageFormat text = WebSocketMessageFormat.text("hi");
    HttpStreamFormat stream = HttpStreamFormat.of("hi\n");
    FaasGrip.publish("room", text);
    FaasGrip.publish("room", new Format[] {text});
    FaasGrip.publishAsync("room", text).join();
    FaasGrip.publishAsync("room", new Format[] {text}).join();
    FaasGrip.publish("room", text, stream);

    Item one = Item.builder("room").format(text).build();
    assertThat(recorder.items).containsExactly(one, one, one, one,
        Item.builder("room").format(text).format(stream).build());
    assertThatThrownBy(() -> FaasGrip.publish("", text)).isInstanceOf(InvalidItemException.class)
        .hasMessage("item channel must not be empty");
    assertThatThrownBy(() -> FaasGrip.publish("room", (Format) null)).isInstanceOf(InvalidItemException.class)
        .hasMessage("item format must not be null");
    assertThatThrownBy(() -> FaasGrip.publishAsync(null, text)).isInstanceOf(InvalidItemException.class)
        .hasMessage("item channel must not be null");
    assertThat(recorder.items).hasSize(5);
  }

  @Test
  void aPublishFunctionsFailureReachesTheCallerAsItself() {
    GripException refused = new GripException("the proxy refused the item");
    Grip grip = Grip.builder().publishWith(items -> CompletableFuture.failedFuture(refused)).build();
    assertThatThrownBy(() -> grip.publish("room", WebSocketMessageFormat.text("x"))).isSameAs(refused);
    assertThatThrownBy(() -> grip.publish(Item.of("room", WebSocketMessageFormat.text("x")))).isSameAs(refused);
    assertThat(grip.publishAsync("room", WebSocketMessageFormat.text("x"))).isCompletedExceptionally();
  }

  @Test
  void publisherIsMadeOnceFromTheConfiguration() {
    Grip grip = FaasGrip.with(GripConfig.fromEnvironment(Map.of("GRIP_URL", "http://127.0.0.1:5561")));
    assertThat(grip.publisher()).isSameAs(grip.publisher());
    assertThat(FaasGrip.with(grip.publisher()).publisher()).isSameAs(grip.publisher());
  }

  @Test
  void nullArgumentsAreTypedErrors() {
    Grip grip = Grip.builder().publishWith(recorder).build();
    assertThatThrownBy(() -> LambdaGrip.of(grip).lambdaGetWebSocket((APIGatewayProxyRequestEvent) null))
        .isInstanceOf(LambdaEventException.class).hasMessage("the API Gateway event is null");
    assertThatThrownBy(() -> LambdaGrip.of(grip).lambdaGetWebSocket((LambdaEvent) null))
        .isInstanceOf(LambdaEventException.class).hasMessage("event is null");
    assertThatThrownBy(() -> LambdaEvent.parse((byte[]) null)).isInstanceOf(LambdaEventException.class);
    assertThatThrownBy(() -> LambdaResponses.toV2(null)).isInstanceOf(GripException.class)
        .hasMessage("response is null");
    assertThatThrownBy(() -> Grip.builder().config(null)).isInstanceOf(GripException.class)
        .hasMessage("config is null");
  }

  @Test
  void publishingWithoutAProxySaysWhatToSet() {
    Grip grip = FaasGrip.with(GripConfig.empty());
    assertThatThrownBy(() -> grip.publish("feed", HttpStreamFormat.of("x")))
        .isInstanceOf(GripException.class).hasMessageContaining("GRIP_URL");
  }

  @Test
  void sharedInstanceIsCreatedOnceUnderConcurrentFirstUse() throws Exception {
    FaasGrip.install(null);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    Set<Grip> seen = ConcurrentHashMap.newKeySet();
    try {
      Future<?>[] fs = new Future<?>[threads];
      for (int i = 0; i < threads; i++) {
        fs[i] = pool.submit(() -> {
          start.await();
          seen.add(FaasGrip.instance());
          return null;
        });
      }
      start.countDown();
      for (Future<?> f : fs) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).hasSize(1);
    assertThat(FaasGrip.instance()).isSameAs(seen.iterator().next());
  }

  @Test
  void verifyModeFromTheEnvironment() {
    assertThat(Grip.fromEnvironment(Map.of("GRIP_VERIFY", "required", "GRIP_URL", Tokens.PUSHPIN_URL))
        .signatureRequired()).isTrue();
    assertThatThrownBy(() -> Grip.fromEnvironment(Map.of("GRIP_VERIFY", "required")))
        .isInstanceOf(GripConfigException.class).hasMessageContaining("no proxy");
    assertThat(Grip.fromEnvironment(Map.of("GRIP_VERIFY", "optional")).signatureRequired()).isFalse();
    assertThat(Grip.fromEnvironment(Map.of()).signatureRequired()).isFalse();
    assertThatThrownBy(() -> Grip.fromEnvironment(Map.of("GRIP_VERIFY", "yes")))
        .isInstanceOf(GripConfigException.class).hasMessageContaining("GRIP_VERIFY");
  }
}
