package org.faasgrip.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The SnapStart sample of docs/cold-start.md primes its handler with the recorded events it names. */
class ColdStartSamplesTest {

  @Test
  void theSampleFunctionPrimesWithItsRecordedEvents() throws Exception {
    ColdStartSamples.ChatFunction function = new ColdStartSamples.ChatFunction();
    // The hook runs only under CRaC; call it as SnapStart would before the snapshot.
    function.priming().beforeCheckpoint(null);
    assertThat(function.priming().primed()).isEqualTo(2);
  }
}
