package org.faasgrip.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PushpinOptionsTest {

  @Test
  void forOriginRoutesEverythingToLoopbackOverHttp() {
    PushpinOptions options = PushpinOptions.forOrigin(8088);

    assertThat(options.routes()).containsExactly("* 127.0.0.1:8088,over_http");
    assertThat(options.sigKey()).isEqualTo("changeme");
    assertThat(options.sigIss()).isEqualTo("pushpin");
    assertThat(options.logLevel()).isEqualTo(3);
    assertThat(options.httpPort()).isZero();
  }

  @Test
  void httpPortFixesTheClientPortOrLeavesItFree() {
    assertThat(PushpinOptions.builder().httpPort(7999).build().httpPort()).isEqualTo(7999);
    assertThat(PushpinOptions.builder().httpPort(7999).httpPort(0).build().httpPort()).isZero();
    assertThatThrownBy(() -> PushpinOptions.builder().httpPort(65536))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");
  }

  @Test
  void builderKeepsRoutesInOrderAndConfigBySection() {
    PushpinOptions options = PushpinOptions.builder()
        .route("example.test", "127.0.0.1:9000", false)
        .routeLine("  * 127.0.0.1:9001,over_http,path_beg=/api  ")
        .sigKey("s3cret")
        .sigIss("issuer")
        .logLevel(1)
        .startTimeout(Duration.ofSeconds(5))
        .config("handler", "message_rate", "100000")
        .config("handler", "message_rate", "200000")
        .build();

    assertThat(options.routes())
        .containsExactly("example.test 127.0.0.1:9000", "* 127.0.0.1:9001,over_http,path_beg=/api");
    assertThat(options.config()).containsOnlyKeys("handler");
    assertThat(options.config().get("handler")).containsExactly(java.util.Map.entry("message_rate", "200000"));
    assertThat(options.startTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.logLevel()).isEqualTo(1);
  }

  @Test
  void toStringNeverShowsTheKey() {
    assertThat(PushpinOptions.builder().sigKey("very-secret-key").build().toString())
        .doesNotContain("very-secret-key");
  }

  @Test
  void rejectsBadInputWithMessagesThatSayWhat() {
    PushpinOptions.Builder b = PushpinOptions.builder();
    assertThatThrownBy(() -> b.origin(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    assertThatThrownBy(() -> b.origin(70000)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
    assertThatThrownBy(() -> b.route("*", "127.0.0.1:1 2", true)).hasMessageContaining("target");
    assertThatThrownBy(() -> b.routeLine("a\nb")).hasMessageContaining("one non-blank line");
    assertThatThrownBy(() -> b.logLevel(4)).hasMessageContaining("0 to 3");
    assertThatThrownBy(() -> b.config("server", "x", "y")).hasMessageContaining("Unknown Pushpin config section \"server\"");
    assertThatThrownBy(() -> b.config("proxy", "x", "a\nb")).hasMessageContaining("proxy.x");
    assertThatThrownBy(() -> b.startTimeout(Duration.ZERO)).hasMessageContaining("positive");
    assertThatThrownBy(() -> b.sigKey("")).hasMessageContaining("sig_key");
  }

  @Test
  void missingPushpinSaysToRunInstallDeps() {
    assertThatThrownBy(() -> Pushpin.requireInstalled("/nonexistent-dir"))
        .isInstanceOf(PushpinException.class)
        .hasMessageContaining("pushpin, condure, zurl not found on the PATH")
        .hasMessageContaining("apt-get install pushpin")
        .hasMessageContaining("brew install pushpin")
        .hasMessageContaining("https://pushpin.org/docs/install/");
  }
}
