package org.faasgrip.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load tool's bookkeeping: exactly once, in each sender's order, and latencies from send to arrival. */
class TallyTest {

  @Test
  void countsDeliveriesDuplicatesOutOfOrderAndStrays() {
    Tally t = new Tally('F', 2, 3, 4, null);
    long sent = 1_000_000_000L;
    assertThat(t.expected).isEqualTo(2 * 3 * 4);

    t.arrived(0, Tally.message('F', 1, 0, sent), sent + 2_000_000);
    t.arrived(0, Tally.message('F', 1, 2, sent), sent + 2_000_000);
    t.arrived(0, Tally.message('F', 1, 1, sent), sent + 2_000_000); // after 2: out of order
    t.arrived(0, Tally.message('F', 1, 2, sent), sent + 2_000_000); // again: a duplicate
    t.arrived(1, Tally.message('F', 1, 2, sent), sent + 2_000_000); // another receiver: its own first
    t.arrived(1, Tally.message('P', 1, 3, sent), sent);             // another phase's message
    t.arrived(1, Tally.message('F', 3, 0, sent), sent);             // no such sender
    t.arrived(1, "", sent);                                          // the chat's empty message

    assertThat(t.delivered.sum()).isEqualTo(4);
    assertThat(t.outOfOrder.sum()).isEqualTo(1);
    assertThat(t.duplicates.sum()).isEqualTo(1);
    assertThat(t.stray.sum()).isEqualTo(3);
  }

  @Test
  void aSenderIsToldOnceWhenItsOwnMessageReachesIt() {
    List<String> echoes = new ArrayList<>();
    Tally t = new Tally('F', 3, 2, 2, (sender, seq) -> echoes.add(sender + "/" + seq));
    long sent = 1_000_000_000L;
    t.arrived(1, Tally.message('F', 0, 0, sent), sent); // sender 0's message at receiver 1: not an echo
    t.arrived(2, Tally.message('F', 1, 0, sent), sent); // receiver 2 is a stream, no sender
    t.arrived(1, Tally.message('F', 1, 1, sent), sent); // sender 1's own
    t.arrived(1, Tally.message('F', 1, 1, sent), sent); // again: a duplicate, not a second echo
    t.arrived(0, Tally.message('F', 0, 0, sent), sent); // sender 0's own

    assertThat(echoes).containsExactly("1/1", "0/0");
  }

  @Test
  void latencyQuantilesComeFromSendToArrivalWithinThreePercent() {
    Tally t = new Tally('F', 1, 1000, 1, null);
    long sent = 5_000_000_000L;
    for (int s = 0; s < 1000; s++) {
      // 1 ms, 2 ms, ... 1000 ms
      t.arrived(0, Tally.message('F', s, 0, sent), sent + (s + 1) * 1_000_000L);
    }
    assertThat(t.quantileMillis(0.50)).isBetween(500 * 0.97, 500 * 1.03);
    assertThat(t.quantileMillis(0.99)).isBetween(990 * 0.97, 990 * 1.03);
    assertThat(t.maxMicros.get()).isEqualTo(1_000_000);
    assertThat(t.quantileMillis(1.0)).isLessThanOrEqualTo(1000.0);
    assertThat(t.lastArrival.get()).isEqualTo(sent + 1000 * 1_000_000L);
  }
}
