package org.faasgrip.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.faasgrip.config.GripConfig;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.function.Grip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming and long-polling examples' answers; holding and releasing through a real Pushpin is in the end-to-end tests. */
class HoldResponsesTest {
  @BeforeEach
  void prefix() {
    FaasGrip.install(Grip.builder().config(GripConfig.of(List.of(), "test-")).build());
  }

  @AfterEach
  void forget() {
    FaasGrip.install(null);
  }

  @Test
  void holdsOnThePrefixedChannelWithTheDefaultTimeoutAndTheTimeoutBody() {
    GripResponse r = LongPolling.hold(null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Grip-Hold")).isEqualTo("response");
    assertThat(r.header("Grip-Channel")).isEqualTo("test-poll");
    assertThat(r.header("Grip-Timeout")).isEqualTo(String.valueOf(LongPolling.DEFAULT_TIMEOUT));
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("request timed out\n");
  }

  @Test
  void timeoutParameterSetsGripTimeout() {
    assertThat(LongPolling.hold("7").header("Grip-Timeout")).isEqualTo("7");
    assertThat(LongPolling.hold(String.valueOf(LongPolling.MAX_TIMEOUT)).header("Grip-Timeout")).isEqualTo("300");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "301", "soon", "", "1.5", "99999999999"})
  void badTimeoutIs400WithoutHold(String timeout) {
    GripResponse r = LongPolling.hold(timeout);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Grip-Hold")).isNull();
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("1 to 300");
  }

  @Test
  void streamingOpensAStreamOnThePrefixedChannel() {
    GripResponse r = Streaming.open();

    assertThat(Map.of("hold", r.header("Grip-Hold"), "channel", r.header("Grip-Channel")))
        .isEqualTo(Map.of("hold", "stream", "channel", "test-stream"));
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("stream opened, prepare yourself!\n");
  }
}
