package org.faasgrip.apigw;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.faasgrip.config.GripConfig;
import org.faasgrip.function.Grip;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.localgateway.PayloadVersion;
import org.faasgrip.publisher.GripPublisher;
import org.faasgrip.testkit.Pushpin;
import org.faasgrip.testkit.PushpinOptions;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API Gateway ends a connection after 10 idle minutes (and any after 2 hours); behind a GRIP proxy the only idle
 * limit is the proxy's, and a keep-alive the function asks for once, in {@code $connect}, outlasts it. Scaled down:
 * Pushpin's client side (condure) is given an idle limit of {@value #IDLE_LIMIT_SECONDS} seconds
 * ({@code --stream-timeout}, 1,800 seconds by default), the keep-alive an interval of one second, and the
 * connection stays open for three idle limits without a message, then still routes.
 */
class IdleLimitIT {
  static final int IDLE_LIMIT_SECONDS = 2;
  private static final Duration IDLE_LIMIT = Duration.ofSeconds(IDLE_LIMIT_SECONDS);
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static Path dir;
  private static Pushpin pushpin;
  private static LocalGateway gateway;
  private static GripPublisher publisher;

  /** One function, two APIs: connections to /keep get the keep-alive, connections to /plain do not. */
  static final class Function implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final WebSocketApi keep;
    private final WebSocketApi plain;

    Function(WebSocketApi keep, WebSocketApi plain) {
      this.keep = keep;
      this.plain = plain;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
      return (event.getRawPath().startsWith("/keep") ? keep : plain).handle(event, context);
    }
  }

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("idle-limit-");
    // Pushpin's runner starts condure by the name in its config; this one adds the short idle limit.
    Path condure = dir.resolve("condure");
    Files.writeString(condure, "#!/bin/sh\nexec condure --stream-timeout=" + IDLE_LIMIT_SECONDS + " \"$@\"\n",
        StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(condure, PosixFilePermissions.fromString("rwx------"));

    AtomicReference<GripPublisher> late = new AtomicReference<>();
    Grip grip = Grip.builder().publishWith(items -> late.get().publishAsync(items)).build();
    GripConnections connections = GripConnections.of(grip);
    TutorialHandler handler = new TutorialHandler(connections);
    WebSocketApi keep = WebSocketApi.builder(connections).route("whoami").twoWay("whoami").handler(handler)
        .keepAlive(Duration.ofSeconds(1)).build();
    WebSocketApi plain = WebSocketApi.builder(connections).route("whoami").twoWay("whoami").handler(handler).build();
    gateway = LocalGateway.builder().handler(new Function(keep, plain)).payload(PayloadVersion.V2).port(0).build()
        .start();
    pushpin = Pushpin.start(PushpinOptions.builder().origin(gateway.port())
        .config("runner", "condure_bin", condure.toString()).build());
    publisher = GripPublisher.builder().config(GripConfig.of(List.of(GripConfig.parseGripUrl(pushpin.gripUrl())), ""))
        .build();
    late.set(publisher);
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (publisher != null) {
        publisher.close();
      }
      if (pushpin != null) {
        pushpin.close();
      }
      if (gateway != null) {
        gateway.close();
      }
    } finally {
      if (dir != null) {
        Files.deleteIfExists(dir.resolve("condure"));
        Files.deleteIfExists(dir);
      }
    }
  }

  private static String whoami(TestWebSocket ws) {
    ws.send("{\"action\":\"whoami\"}");
    return ws.awaitText(WAIT);
  }

  private static long number(String json, String field) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
    assertThat(m.find()).as(field + " in " + json).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void withoutKeepAliveTheProxysIdleLimitEndsTheConnection() {
    try (TestWebSocket ws = TestWebSocket.connect(pushpin.wsUri("/plain"))) {
      whoami(ws);
      long idleFrom = System.nanoTime();
      TestWebSocket.Close close = ws.awaitClose(IDLE_LIMIT.multipliedBy(4));
      Duration idle = Duration.ofNanos(System.nanoTime() - idleFrom);

      assertThat(close.code()).as("dropped without a close frame").isEqualTo(1006);
      assertThat(idle).isBetween(IDLE_LIMIT.minusMillis(200), IDLE_LIMIT.multipliedBy(3));
    }
  }

  @Test
  void aKeepAliveKeepsAnIdleConnectionOpenPastTheIdleLimitAndItStillRoutes() {
    try (TestWebSocket ws = TestWebSocket.connect(pushpin.wsUri("/keep"))) {
      long connectedAt = number(whoami(ws), "connectedAt");

      // Three idle limits without a message either way; only the proxy's pongs, which the client ignores.
      long end = System.nanoTime() + IDLE_LIMIT.multipliedBy(3).toNanos();
      int pongs = 0;
      while (System.nanoTime() < end) {
        ws.awaitPong(IDLE_LIMIT);
        pongs++;
      }
      assertThat(ws.pending()).isEmpty();
      assertThat(pongs).isGreaterThanOrEqualTo(3);

      String later = whoami(ws);
      assertThat(number(later, "connectedAt")).isEqualTo(connectedAt);
      assertThat(number(later, "requestTimeEpoch") - connectedAt).isGreaterThanOrEqualTo(IDLE_LIMIT.multipliedBy(3).toMillis());
    }
  }
}
