package org.faasgrip.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GcfDemoTest {
  @Test
  void theInvokersTargetNamesTheFunctionClass() {
    // Named as a string so that the demo's JVM never loads the function API; the name must still be right.
    assertThat(GcfDemo.TARGET).isEqualTo(GcfDemo.Function.class.getName());
  }

  @Test
  void anUnknownPlatformIsRefusedWithTheChoices() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Demo.start("azure", 7999, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lambda").hasMessageContaining("gcf");
  }
}
