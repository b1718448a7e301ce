package org.faasgrip.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What {@link FunctionsFramework} refuses before it starts a JVM. */
class FunctionsFrameworkTest {
  @Test
  void badArgumentsAreRefusedWithTheirName() {
    assertThatThrownBy(() -> FunctionsFramework.builder(null)).hasMessage("target must not be null");
    assertThatThrownBy(() -> FunctionsFramework.builder(" ")).hasMessageContaining("blank");
    FunctionsFramework.Builder b = FunctionsFramework.builder("com.example.Fn");
    assertThatThrownBy(() -> b.env("GRIP_URL", null)).hasMessage("value must not be null");
    assertThatThrownBy(() -> b.port(70000)).hasMessageContaining("70000");
    assertThatThrownBy(() -> b.startTimeout(Duration.ZERO)).hasMessageContaining("positive");
  }

  @Test
  void aMissingInvokerJarIsNamed() {
    assertThatThrownBy(() -> FunctionsFramework.builder("com.example.Fn")
        .invokerJar(Paths.get("target", "no-such-invoker.jar")).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-such-invoker.jar");
  }
}
