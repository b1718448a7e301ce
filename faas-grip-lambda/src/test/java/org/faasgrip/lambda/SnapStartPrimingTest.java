package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.faasgrip.function.PublishFunction;
import org.faasgrip.function.Grip;

// The hooks are called directly: SnapStart's checkpoint and restore need a CRaC JVM, which does not run here.
class SnapStartPrimingTest {
  // The JavaScript reference's lambda-open.json and lambda-messages.json (REST, payload 1.0).
  private static final byte[] OPEN = resource("open.json");
  private static final byte[] MESSAGES = resource("messages.json");

  private static byte[] resource(String name) {
    try (InputStream in = SnapStartPrimingTest.class.getResourceAsStream("/recorded/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers every event and publishes one item per message received. */
  static final class Echo extends GripStreamHandler {
    int handled;

    @Override
    protected LambdaJsonResponse handle(LambdaEvent event, Context context) {
      handled++;
      LambdaWebSocketContext<LambdaJsonResponse> ws = webSocket(event);
      if (ws.isOpening()) {
        ws.accept();
      }
      while (ws.canRecv()) {
        String message = ws.recv();
        if (message != null) {
          FaasGrip.publish("room", WebSocketMessageFormat.text(message));
        }
      }
      return ws.toResponse();
    }
  }

  @AfterEach
  void forgetTheSharedInstance() {
    FaasGrip.install(null);
  }

  @Test
  void primesThroughTheHandlerWithPublishingCountedNotSent() throws Exception {
    Counter real = new Counter();
    Grip realGrip = Grip.builder().publishWith(real).build();
    FaasGrip.install(realGrip);
    Echo handler = new Echo();
    SnapStartPriming hook = new SnapStartPriming(handler, List.of(OPEN, MESSAGES));

    hook.beforeCheckpoint(null);

    assertThat(handler.handled).isEqualTo(2);
    assertThat(hook.primed()).isEqualTo(2);
    // lambda-messages.json carries "/nick alice" and eight chat messages.
    assertThat(hook.publishedWhilePriming()).isEqualTo(9);
    assertThat(real.items).as("priming must not publish for real").isZero();
    assertThat(FaasGrip.instance()).isSameAs(realGrip);
  }

  @Test
  void afterRestoreInstallsAFreshInstance() {
    Grip before = Grip.builder().publishWith(new Counter()).build();
    FaasGrip.install(before);
    new SnapStartPriming(new Echo(), List.of()).afterRestore(null);
    assertThat(FaasGrip.instance()).isNotSameAs(before);
  }

  @Test
  void registeringOnAJvmWithoutCracDoesNothingHarmful() throws Exception {
    SnapStartPriming hook = SnapStartPriming.register(new Echo(), List.of(OPEN));
    assertThat(hook.primed()).isZero();
  }

  /** Publishing counted in memory: the test's stand-in for a proxy. */
  private static final class Counter implements PublishFunction {
    long items;

    @Override
    public CompletableFuture<Void> publish(List<Item> batch) {
      items += batch.size();
      return CompletableFuture.completedFuture(null);
    }
  }
}
