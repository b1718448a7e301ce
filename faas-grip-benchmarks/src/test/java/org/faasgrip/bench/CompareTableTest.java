package org.faasgrip.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompareTableTest {
  @Test
  void mediansRatiosAndTargets() {
    String table = CompareTable.table(List.of(
        "{\"impl\":\"js-reference\",\"mode\":\"codec\",\"file\":\"ws-small.bin\",\"ops_per_s\":100}",
        "{\"impl\":\"js-reference\",\"mode\":\"codec\",\"file\":\"ws-small.bin\",\"ops_per_s\":300}",
        "{\"impl\":\"js-reference\",\"mode\":\"codec\",\"file\":\"ws-small.bin\",\"ops_per_s\":200}",
        "{\"impl\":\"java\",\"mode\":\"codec\",\"file\":\"ws-small.bin\",\"ops_per_s\":900,\"alloc_b_per_op\":48}",
        "{\"impl\":\"js-reference\",\"mode\":\"codec\",\"file\":\"ws-batch.bin\",\"ops_per_s\":10}",
        "{\"impl\":\"java\",\"mode\":\"codec\",\"file\":\"ws-batch.bin\",\"ops_per_s\":20000}",
        "{\"impl\":\"js-reference\",\"mode\":\"handler\",\"file\":\"lambda-open.json\",\"ops_per_s\":1000}",
        "{\"impl\":\"java\",\"mode\":\"handler\",\"file\":\"lambda-open-v2.json\",\"ops_per_s\":6000}",
        "{\"impl\":\"java\",\"mode\":\"handler\",\"file\":\"lambda-open.json\",\"ops_per_s\":3000,\"variant\":\"c1\"}",
        "not json: a line of noise",
        "{\"impl\":\"js-reference\",\"mode\":\"once\",\"file\":\"lambda-messages.json\",\"ms\":100}",
        "{\"impl\":\"java\",\"mode\":\"once\",\"variant\":\"default\",\"file\":\"lambda-messages.json\",\"ms\":150}",
        "{\"impl\":\"java\",\"mode\":\"once\",\"variant\":\"appcds\",\"file\":\"lambda-messages.json\",\"ms\":110}"));
    assertThat(table)
        .contains("| codec | ws-small.bin | 200 ±50% | 900 | 48.0 B | 4.5× | ≥ 5.00× | **no** |")
        .contains("| codec | ws-batch.bin | 10.0 | 20,000 | — | 2000.0× | ≥ 1,000× | yes |")
        .contains("| handler | lambda-open-v2.json (JS: lambda-open.json) | 1,000 | 6,000 | — | 6.0× | ≥ 5.00× | yes |")
        // A variant's row stands apart from the main one, and has no target.
        .contains("| handler, C1 only | lambda-open.json | 1,000 | 3,000 | — | 3.0× | — |  |")
        .contains("| handler | lambda-open.json | 1,000 | — | — | — | ≥ 5.00× |  |")
        .doesNotContain("C1 only | lambda-close.json")
        .contains("| java default | lambda-messages.json | 100 | 150 | 1.50× | ≤ 2.0× | yes |")
        .contains("| java appcds | lambda-messages.json | 100 | 110 | 1.10× | ≤ 1.0× | **no** |")
        .doesNotContain("ws-large");
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(CompareTable.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(CompareTable.median(List.of())).isNaN();
  }
}
