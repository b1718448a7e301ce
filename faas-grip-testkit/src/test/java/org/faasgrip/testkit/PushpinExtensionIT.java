package org.faasgrip.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.ConnectException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The extension's lifecycle, checked by running test classes that fail on purpose. */
class PushpinExtensionIT {
  private static final String INNER = "faasgrip.testkit.inner";

  /** What the inner classes saw while they ran: Pushpin's processes and the origin's port. */
  static final List<ProcessHandle> processes = new CopyOnWriteArrayList<>();
  static final List<Integer> originPorts = new CopyOnWriteArrayList<>();
  static final List<String> httpUris = new CopyOnWriteArrayList<>();

  private static EngineExecutionResults run(Class<?> testClass) {
    processes.clear();
    originPorts.clear();
    httpUris.clear();
    System.setProperty(INNER, "true");
    try {
      return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    } finally {
      System.clearProperty(INNER);
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return s.isConnected();
    } catch (ConnectException e) {
      return false;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void aStaticExtensionStopsPushpinAndItsOriginAfterFailingTests() {
    EngineExecutionResults results = run(StaticFailing.class);

    results.testEvents().assertStatistics(s -> s.started(2).failed(1).succeeded(1));
    assertThat(httpUris).as("one Pushpin for the whole class").hasSize(2).containsOnly(httpUris.get(0));
    assertThat(processes).as("runner, condure, zurl, proxy, handler").hasSizeGreaterThanOrEqualTo(5);
    assertThat(processes).noneMatch(ProcessHandle::isAlive);
    assertThat(listening(originPorts.get(0))).as("origin stopped").isFalse();
  }

  @Test
  void anInstanceExtensionRunsAFreshPushpinPerTestAndStopsEach() {
    EngineExecutionResults results = run(PerTestFailing.class);

    results.testEvents().assertStatistics(s -> s.started(2).failed(1).succeeded(1));
    assertThat(httpUris).as("one Pushpin per test").hasSize(2).doesNotHaveDuplicates();
    assertThat(processes).hasSizeGreaterThanOrEqualTo(10).noneMatch(ProcessHandle::isAlive);
  }

  @Test
  void aPushpinThatCannotStartFailsTheClassWithItsLogsAndLeavesNothing() {
    EngineExecutionResults results = run(CannotStart.class);

    results.containerEvents().assertStatistics(s -> s.failed(1));
    Throwable failure = results.containerEvents().failed().list().get(0)
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    assertThat(failure).isInstanceOf(PushpinException.class)
        .hasMessageContaining("did not become ready")
        .hasMessageContaining("==> runner.log <==");
    // The runner's log names the instance's folder (condure's socket paths); nothing may run from it now.
    java.util.regex.Matcher folder = java.util.regex.Pattern.compile("ipc://(/[^ ]*?/pushpin-\\d+)/run/")
        .matcher(failure.getMessage());
    assertThat(folder.find()).as("folder named in the log tail").isTrue();
    assertThat(ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(folder.group(1))))
        .isEmpty();
  }

  @EnabledIfSystemProperty(named = INNER, matches = "true")
  static class StaticFailing {
    @RegisterExtension static PushpinExtension rig = PushpinExtension.withOrigin();

    @Test
    void passes() {
      processes.addAll(rig.pushpin().processes());
      originPorts.add(rig.origin().port());
      httpUris.add(rig.pushpin().httpUri().toString());
    }

    @Test
    void fails() {
      httpUris.add(rig.pushpin().httpUri().toString());
      throw new AssertionError("failing on purpose");
    }
  }

  @EnabledIfSystemProperty(named = INNER, matches = "true")
  static class PerTestFailing {
    @RegisterExtension PushpinExtension rig = PushpinExtension.withOrigin();

    @Test
    void passes() {
      processes.addAll(rig.pushpin().processes());
      httpUris.add(rig.pushpin().httpUri().toString());
    }

    @Test
    void fails() {
      processes.addAll(rig.pushpin().processes());
      httpUris.add(rig.pushpin().httpUri().toString());
      throw new AssertionError("failing on purpose");
    }
  }

  @EnabledIfSystemProperty(named = INNER, matches = "true")
  static class CannotStart {
    // Without its proxy and handler (the runner skips a service it does not know) Pushpin never answers.
    @RegisterExtension static PushpinExtension rig = PushpinExtension.of(() -> PushpinOptions.builder()
        .config("runner", "services", "condure,faasgrip-cannot-start")
        .startTimeout(java.time.Duration.ofSeconds(3))
        .build());

    @Test
    void neverRuns() {
      throw new AssertionError("Pushpin should not have started");
    }
  }
}
