package org.faasgrip.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchTest {
  @Test
  void printsTheReferencesJsonLineWithJavaAsImpl() throws Exception {
    byte[] data = new byte[1000];
    String line = Bench.run("codec", "ws-small.bin", 0.05, 1000, () -> data.clone());
    Object json = Json.parse(line.getBytes(StandardCharsets.UTF_8));
    assertThat(Json.get(json, "impl")).isEqualTo("java");
    assertThat(Json.get(json, "mode")).isEqualTo("codec");
    assertThat(Json.get(json, "file")).isEqualTo("ws-small.bin");
    long ops = (Long) Json.get(json, "ops_per_s");
    assertThat(ops).isPositive();
    double us = ((Number) Json.get(json, "us_per_op")).doubleValue();
    assertThat(us * ops).isCloseTo(1e6, org.assertj.core.data.Percentage.withPercentage(1));
    double mb = ((Number) Json.get(json, "mb_per_s")).doubleValue();
    assertThat(mb).isCloseTo(ops * 1000 / 1e6, org.assertj.core.data.Offset.offset(0.06));
    // Each operation clones 1000 bytes: an array of 1016 bytes with its header.
    assertThat((Long) Json.get(json, "alloc_b_per_op")).isBetween(1000L, 1100L);
  }
}
