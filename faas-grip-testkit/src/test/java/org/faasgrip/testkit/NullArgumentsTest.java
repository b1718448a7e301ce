package org.faasgrip.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The testkit's rule for arguments (see {@link Args}): a null is an {@link IllegalArgumentException} naming the
 * parameter, thrown before anything starts, never a bare {@link NullPointerException} from inside.
 */
class NullArgumentsTest {
  private static void refused(ThrowingCallable call, String parameter) {
    assertThatThrownBy(call).isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(parameter + " must not be null");
  }

  @Test
  void optionsAndTheExtensionNameTheMissingArgument() {
    refused(() -> PushpinOptions.builder().sigKey(null), "key");
    refused(() -> PushpinOptions.builder().routeLine(null), "line");
    refused(() -> PushpinOptions.builder().route("*", null, true), "target");
    refused(() -> PushpinOptions.builder().startTimeout(null), "timeout");
    refused(() -> PushpinOptions.builder().config(null, "k", "v"), "section");
    refused(() -> PushpinOptions.builder().config("proxy", "k", null), "value");
    refused(() -> PushpinExtension.of(null), "options");
    refused(() -> PushpinExtension.forOrigin(null), "port");
    refused(() -> PushpinExtension.withOrigin(null), "customize");
  }

  @Test
  void pushpinIsNotStartedWithoutOptions() {
    // Refused before looking for the pushpin binary: this holds on a machine without Pushpin too.
    refused(() -> Pushpin.start(null), "options");
  }

  @Test
  void theWebSocketBuilderNamesTheMissingArgument() {
    refused(() -> TestWebSocket.connect(null), "uri");
    refused(() -> TestWebSocket.builder(null), "uri");
    TestWebSocket.Builder b = TestWebSocket.builder(URI.create("ws://127.0.0.1:1/"));
    refused(() -> b.client(null), "client");
    refused(() -> b.timeout(null), "timeout");
    refused(() -> b.ignoreTexts(null), "ignored");
    refused(() -> new TestWebSocket.Close(1000, null), "reason");
  }

  @Test
  void theOriginNamesTheMissingArgument() {
    try (OriginServer origin = OriginServer.start()) {
      refused(() -> origin.handle(null, ex -> { }), "pathPrefix");
      refused(() -> origin.handle("/x", null), "handler");
      refused(() -> OriginServer.reply(null, 200, Map.of(), "body"), "exchange");
      refused(() -> OriginServer.reply(null, 200, Map.of(), (String) null), "body");
    }
  }
}
