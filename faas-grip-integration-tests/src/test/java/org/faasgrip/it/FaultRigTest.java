package org.faasgrip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link FaultRig} closes what it started: the last first, every one of them, and once. */
class FaultRigTest {

  @Test
  void closesTheLastStartedFirstAndGoesOnPastAFailure() {
    FaultRig rig = new FaultRig();
    List<String> closed = new ArrayList<>();
    rig.onClose(() -> closed.add("gateway"));
    rig.onClose(() -> {
      closed.add("pushpin");
      throw new IOException("pushpin would not stop");
    });
    rig.onClose(() -> closed.add("relay"));
    rig.onClose(() -> {
      closed.add("room");
      throw new IllegalStateException("room would not close");
    });

    Throwable t = catchThrowable(rig::close);

    assertThat(closed).containsExactly("room", "relay", "pushpin", "gateway");
    assertThat(t).isInstanceOf(IllegalStateException.class).hasMessage("room would not close");
    assertThat(t.getSuppressed()).singleElement().satisfies(s ->
        assertThat(s).isInstanceOf(IOException.class).hasMessage("pushpin would not stop"));
  }

  @Test
  void closingAgainClosesNothingTwice() throws Exception {
    FaultRig rig = new FaultRig();
    List<String> closed = new ArrayList<>();
    rig.onClose(() -> closed.add("gateway"));
    rig.close();
    rig.close();

    assertThat(closed).containsExactly("gateway");
  }

  @Test
  void eachRigHasAKeyOfItsOwnLongEnoughForHs256() {
    String a = new FaultRig().key();
    String b = new FaultRig().key();

    assertThat(a).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(b);
  }
}
