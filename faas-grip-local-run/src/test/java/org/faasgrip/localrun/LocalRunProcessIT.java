package org.faasgrip.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LocalRun#main} as a user's build runs it: its own JVM, the handler named by its class, found on the
 * class path; then stopped with Ctrl-C's signal, after which none of the processes it started may be left.
 */
class LocalRunProcessIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private final LinkedBlockingQueue<String> output = new LinkedBlockingQueue<>();
  private Process process;

  @AfterEach
  void stop() throws Exception {
    if (process != null && process.isAlive()) {
      List<ProcessHandle> tree = process.descendants().collect(Collectors.toList());
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      tree.forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void runsTheNamedHandlerBehindPushpinUntilCtrlCThenLeavesNothingRunning() throws Exception {
    int port = freePort();
    process = launch(Map.of(), "--handler", TestChat.class.getName(), "--port", Integer.toString(port), "--quiet");
    String banner = awaitLine("Ready on ");
    assertThat(banner).contains("FaaS GRIP local run: " + TestChat.class.getName() + " (payload 1.0) behind Pushpin.")
        .contains("Clients connect to  http://127.0.0.1:" + port + "/")
        .contains("Ready on http://127.0.0.1:" + port + "/ Press Ctrl-C to stop.");

    try (TestWebSocket alice = TestWebSocket.connect(java.net.URI.create("ws://127.0.0.1:" + port + "/chat"));
        TestWebSocket bob = TestWebSocket.connect(java.net.URI.create("ws://127.0.0.1:" + port + "/chat"))) {
      alice.send("/nick alice");
      bob.send("/nick bob");
      assertThat(alice.awaitText(WAIT)).isEqualTo("nickname set to [alice]");
      assertThat(bob.awaitText(WAIT)).isEqualTo("nickname set to [bob]");
      bob.send("hi alice");
      assertThat(alice.awaitText(WAIT)).isEqualTo("bob: hi alice");
    }

    List<ProcessHandle> started = process.descendants().collect(Collectors.toList());
    assertThat(names(started)).contains("pushpin", "condure", "zurl", "pushpin-proxy", "pushpin-handler");
    // Ctrl-C's SIGINT, to the Java process alone: only its shutdown hook can stop Pushpin.
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("it exits").isTrue();
    assertThat(process.exitValue()).isEqualTo(130);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos(); // the testkit's watchdog polls each second
    while (started.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(started.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().commandLine()))
        .as("processes left running").isEmpty();
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
    assertThat(drain()).contains("Stopped Pushpin and the local gateway.");
  }

  @Test
  void withoutPushpinItSaysWhatToInstall() throws Exception {
    process = launch(Map.of("PATH", "/nonexistent"), "--handler", TestChat.class.getName(), "--port",
        Integer.toString(freePort()));
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(drain()).contains("local-run: pushpin, condure, zurl not found on the PATH. Install Pushpin:"
        + " apt-get install pushpin (Debian, Ubuntu), brew install pushpin (macOS), or see"
        + " https://pushpin.org/docs/install/");
  }

  @Test
  void anUnknownHandlerClassIsNamed() throws Exception {
    process = launch(Map.of(), "--handler", "com.example.Missing", "--port", Integer.toString(freePort()));
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(drain()).contains("local-run: handler class com.example.Missing is not on the class path");
  }

  @Test
  void aBadOptionExitsWithTwoAndTheHelp() throws Exception {
    process = launch(Map.of(), "--port", "7999");
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(drain()).contains("local-run: --handler CLASS is required, e.g. --handler com.example.ChatHandler"
        + " (try --help)");
  }

  private Process launch(Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath(),
        LocalRun.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          output.add(line);
        }
      } catch (IOException e) {
        output.add("<read failed: " + e + ">");
      }
    }, "local-run-output");
    reader.setDaemon(true);
    reader.start();
    return p;
  }

  /** Every line up to the one starting with {@code prefix}, which must come within 90 seconds. */
  private String awaitLine(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    StringBuilder seen = new StringBuilder();
    while (System.nanoTime() < deadline) {
      String line = output.poll(1, TimeUnit.SECONDS);
      if (line != null) {
        seen.append(line).append('\n');
        if (line.startsWith(prefix)) {
          return seen.toString();
        }
      } else if (!process.isAlive()) {
        break;
      }
    }
    throw new AssertionError("No line starting with '" + prefix + "'; the output:\n" + seen);
  }

  private String drain() throws InterruptedException {
    Thread.sleep(200); // the reader thread may still be taking the last lines
    List<String> lines = new ArrayList<>();
    output.drainTo(lines);
    return String.join("\n", lines);
  }

  /** The module's classes, test classes and test class path, as written by the dependency plugin. */
  private static String classPath() throws IOException {
    Path file = Paths.get("target", "test.classpath");
    assertThat(file).as("written by maven-dependency-plugin before the integration tests").isRegularFile();
    return Paths.get("target", "classes").toAbsolutePath() + File.pathSeparator
        + Paths.get("target", "test-classes").toAbsolutePath() + File.pathSeparator
        + Files.readString(file).strip();
  }

  private static List<String> names(List<ProcessHandle> processes) {
    return processes.stream()
        .map(p -> p.info().command().map(c -> c.substring(c.lastIndexOf('/') + 1)).orElse("?"))
        .collect(Collectors.toList());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
