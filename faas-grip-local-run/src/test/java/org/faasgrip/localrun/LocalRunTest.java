package org.faasgrip.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The command line and the builder's checks; nothing here starts Pushpin. */
class LocalRunTest {

  @Test
  void theHandlerIsRequired() {
    assertThatThrownBy(() -> LocalRun.fromArgs(new String[] {"--port", "8000"}))
        .isInstanceOf(LocalRunException.class)
        .hasMessage("--handler CLASS is required, e.g. --handler com.example.ChatHandler");
    assertThatThrownBy(() -> LocalRun.builder().port(0).start())
        .isInstanceOf(LocalRunException.class)
        .hasMessageStartingWith("handler is required");
  }

  @Test
  void anOptionWithoutItsValueSaysWhatItNeeds() {
    assertThatThrownBy(() -> LocalRun.fromArgs(new String[] {"--handler"}))
        .isInstanceOf(LocalRunException.class)
        .hasMessage("--handler needs a value, e.g. --handler com.example.ChatHandler");
    assertThatThrownBy(() -> LocalRun.fromArgs(new String[] {"--port", "--handler", "a.B"}))
        .isInstanceOf(LocalRunException.class)
        .hasMessage("--port needs a value, e.g. --port 7999");
  }

  @Test
  void badValuesAreRefused() {
    assertThatThrownBy(() -> LocalRun.fromArgs(new String[] {"--handler", "a.B", "--port", "0"}))
        .isInstanceOf(LocalRunException.class)
        .hasMessage("--port must be a number from 1 to 65535, got 0");
    assertThatThrownBy(() -> LocalRun.fromArgs(new String[] {"--handler", "a.B", "--port", "seven"}))
        .hasMessage("--port must be a number from 1 to 65535, got seven");
    assertThatThrownBy(() -> LocalRun.fromArgs(new String[] {"--handler", "a.B", "--payload", "3.0"}))
        .isInstanceOf(LocalRunException.class)
        .hasMessage("--payload must be 1.0, 2.0 or alb, not '3.0'");
    assertThatThrownBy(() -> LocalRun.fromArgs(new String[] {"--handler", "a.B", "--verbose"}))
        .isInstanceOf(LocalRunException.class)
        .hasMessage("unknown option --verbose");
    assertThatThrownBy(() -> LocalRun.builder().port(65536)).hasMessage("port must be 0 to 65535, got 65536");
    assertThatThrownBy(() -> LocalRun.builder().handler(null)).hasMessage("handler must not be null");
    assertThatThrownBy(() -> LocalRun.builder().beforePublish(null)).hasMessage("beforePublish must not be null");
    assertThatThrownBy(() -> LocalRun.builder().origin(null)).hasMessage("origin must not be null");
    assertThatThrownBy(() -> LocalRun.builder().pushpinLogLevel(4)).hasMessage("pushpinLogLevel must be 0 to 3, got 4");
    assertThatThrownBy(() -> LocalRun.builder().proxies(0)).hasMessage("proxies must be 1 to 4, got 0");
    assertThatThrownBy(() -> LocalRun.builder().proxies(5)).hasMessage("proxies must be 1 to 4, got 5");
  }

  @Test
  void aBusyPortIsRefusedWithWhatToDoBeforeAnythingStarts() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = busy.getLocalPort();
      assertThatThrownBy(() -> LocalRun.builder().handler(new TestChat()).port(port).start())
          .isInstanceOf(LocalRunException.class)
          .hasMessage("127.0.0.1:" + port + " is in use (another local run, demo or Pushpin?); stop it, or"
              + " choose another port with --port N");
    }
  }

  @Test
  void theUsageNamesEveryOption() {
    assertThat(LocalRun.usage()).contains("--handler CLASS", "--port N", "--payload", "--quiet", "7999");
  }
}
