package org.faasgrip.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.List;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.lambda.GripStreamHandler;
import org.faasgrip.lambda.LambdaEvent;
import org.faasgrip.lambda.LambdaGrip;
import org.faasgrip.lambda.LambdaJsonResponse;
import org.faasgrip.lambda.LambdaWebSocketContext;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// The hooks are called directly: SnapStart's checkpoint and restore need a CRaC JVM, which does not run here.
class SnapStartPrimingTest {
  private static final byte[] OPEN = ResponseCheckTest.resource("lambda-open.json");
  private static final byte[] MESSAGES = ResponseCheckTest.resource("lambda-messages.json");

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
    PublishCounter real = new PublishCounter();
    LambdaGrip realGrip = LambdaGrip.builder().publishWith(real).build();
    FaasGrip.install(realGrip);
    Echo handler = new Echo();
    SnapStartPriming hook = new SnapStartPriming(handler, List.of(OPEN, MESSAGES));

    hook.beforeCheckpoint(null);

    assertThat(handler.handled).isEqualTo(2);
    assertThat(hook.primed()).isEqualTo(2);
    // lambda-messages.json carries "/nick alice" and eight chat messages.
    assertThat(hook.publishedWhilePriming()).isEqualTo(9);
    assertThat(real.items()).as("priming must not publish for real").isZero();
    assertThat(FaasGrip.instance()).isSameAs(realGrip);
  }

  @Test
  void afterRestoreInstallsAFreshInstance() {
    LambdaGrip before = LambdaGrip.builder().publishWith(new PublishCounter()).build();
    FaasGrip.install(before);
    new SnapStartPriming(new Echo(), List.of()).afterRestore(null);
    assertThat(FaasGrip.instance()).isNotSameAs(before);
  }

  @Test
  void registeringOnAJvmWithoutCracDoesNothingHarmful() throws Exception {
    SnapStartPriming hook = SnapStartPriming.register(new Echo(), List.of(OPEN));
    assertThat(hook.primed()).isZero();
  }
}
