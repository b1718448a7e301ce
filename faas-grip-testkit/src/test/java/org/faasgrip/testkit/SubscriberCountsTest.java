package org.faasgrip.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriberCountsTest {
  @TempDir Path dir;

  private void append(Path log, String text) throws Exception {
    Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void followsTheHandlersStatsLinesPerChannelAndModeAsTheLogGrows() throws Exception {
    Path log = dir.resolve("pushpin-handler.log");
    SubscriberCounts counts = new SubscriberCounts(log);
    assertThat(counts.count("a")).isZero(); // no log yet

    append(log, "[DEBUG] 2026-11-26 13:40:19.116 stats: OUT sub { \"ttl\": 60, \"mode\": \"stream\", "
        + "\"from\": \"pushpin-handler_1\", \"subscribers\": 1, \"channel\": \"a\" }\n"
        + "[INFO] 2026-11-26 13:40:19.116 subscribe http://127.0.0.1:7999/stream channel=a\n"
        + "[DEBUG] 2026-11-26 13:40:19.117 stats: OUT sub { \"ttl\": 60, \"mode\": \"ws\", \"from\": \"x\", "
        + "\"subscribers\": 2, \"channel\": \"a\" }\n"
        // a line cut in the middle: counted only once complete
        + "[DEBUG] 2026-11-26 13:40:19.118 stats: OUT sub { \"ttl\": 60, \"mode\": \"stream\", \"subscr");
    assertThat(counts.count("a")).isEqualTo(3);
    assertThat(counts.count("b")).isZero();

    append(log, "ibers\": 5, \"channel\": \"q\\\"uote\" }\n"
        + "[DEBUG] 2026-11-26 13:40:20.000 stats: OUT sub { \"mode\": \"stream\", \"unavailable\": true, "
        + "\"from\": \"x\", \"channel\": \"a\" }\n");
    assertThat(counts.count("q\"uote")).isEqualTo(5);
    assertThat(counts.count("a")).isEqualTo(2); // the stream subscribers left, the ws ones remain

    counts.reset();
    Files.delete(log);
    assertThat(counts.count("a")).isZero();
  }
}
