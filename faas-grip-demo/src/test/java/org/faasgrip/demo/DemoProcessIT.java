package org.faasgrip.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.stream.Stream;
import org.faasgrip.testkit.TestWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo as people run it: {@link Demo#main} in its own JVM (the class path {@code scripts/demo} uses), on a
 * free port, with real Pushpin, reached by plain {@code java.net.http} WebSocket clients; then stopped by a signal,
 * after which none of the processes it started may be left. It runs for each of {@link Demo#PLATFORMS}.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("platforms")
class DemoProcessIT {
  /**
   * What the shutdown hook names besides Pushpin, per platform: a platform added to {@link Demo#PLATFORMS} without
   * a line here fails here.
   */
  private static final Map<String, String> STOPPED = Map.of(
      "lambda", "the local gateway",
      "servlet", "Jetty",
      "gcf", "the Functions Framework invoker",
      "apigw-websocket", "the local gateway");

  private static final Duration WAIT = Duration.ofSeconds(15);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process demo;
  private final LinkedBlockingQueue<String> output = new LinkedBlockingQueue<>();

  @Parameter
  String platform;

  static Stream<String> platforms() {
    return Demo.PLATFORMS.keySet().stream();
  }

  /** The names of processes the demo starts, which must all be gone once it is stopped. */
  private List<String> startedProcesses() {
    List<String> names = new ArrayList<>(List.of("pushpin", "condure", "zurl", "pushpin-proxy", "pushpin-handler"));
    if (platform.equals("gcf")) {
      names.add("java"); // the invoker's JVM
    }
    return names;
  }

  /** What the demo says when its shutdown hook has stopped everything. */
  private String stoppedLine() {
    assertThat(STOPPED).as("the shutdown line of every platform").containsKey(platform);
    return "Stopped Pushpin and " + STOPPED.get(platform) + ".";
  }

  @AfterEach
  void stopDemo() throws Exception {
    if (demo != null && demo.isAlive()) {
      List<ProcessHandle> tree = demo.descendants().collect(Collectors.toList());
      demo.destroy();
      if (!demo.waitFor(20, TimeUnit.SECONDS)) {
        demo.destroyForcibly();
      }
      tree.forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aClientSetsItsNicknameAndItsMessageReachesTheOtherClientThenSigtermStopsEverything() throws Exception {
    int port = freePort();
    URI page = startDemo(port);
    assertThat(page).isEqualTo(URI.create("http://127.0.0.1:" + port + "/"));
    URI chat = URI.create("ws://127.0.0.1:" + port + "/chat");

    try (TestWebSocket alice = chatClient(chat); TestWebSocket bob = chatClient(chat)) {
      alice.send("/nick alice");
      bob.send("/nick bob");
      // The reply comes in a later response than the one that subscribed the socket: once it is here, Pushpin has
      // subscribed it to the room, and a publish reaches it.
      assertThat(alice.awaitText(WAIT)).isEqualTo("nickname set to [alice]");
      assertThat(bob.awaitText(WAIT)).isEqualTo("nickname set to [bob]");

      alice.send("hello bob");
      assertThat(bob.awaitText(WAIT)).isEqualTo("alice: hello bob");
      assertThat(alice.awaitText(WAIT)).isEqualTo("alice: hello bob");
      bob.send("hi alice");
      assertThat(alice.awaitText(WAIT)).isEqualTo("bob: hi alice");
      assertThat(bob.awaitText(WAIT)).isEqualTo("bob: hi alice");
    }

    List<ProcessHandle> started = demo.descendants().collect(Collectors.toList());
    assertThat(names(started)).containsAll(startedProcesses());

    demo.toHandle().destroy(); // SIGTERM (Process.destroy() would also close our end of its output)
    assertStopsEverything(started, port, 143);
  }

  @Test
  void ctrlCStopsEveryProcessItStarted() throws Exception {
    int port = freePort();
    startDemo(port);
    List<ProcessHandle> started = demo.descendants().collect(Collectors.toList());
    assertThat(names(started)).containsAll(startedProcesses());

    // Ctrl-C in a terminal: SIGINT. Sent to the Java process alone, the harder case: in a terminal Pushpin gets
    // it too, here only the demo's shutdown hook can stop it.
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
    assertStopsEverything(started, port, 130);
  }

  @Test
  void aBusyPortIsRefusedWithWhatToDo() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      demo = launch(busy.getLocalPort());
      assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(demo.exitValue()).isEqualTo(1);
      assertThat(String.join("\n", drain())).contains("127.0.0.1:" + busy.getLocalPort() + " is in use")
          .contains("--port");
    }
  }

  private void assertStopsEverything(List<ProcessHandle> started, int port, int exitCode) throws Exception {
    assertThat(demo.waitFor(30, TimeUnit.SECONDS)).as("the demo exits").isTrue();
    assertThat(demo.exitValue()).isEqualTo(exitCode);
    // The testkit's watchdog shell notices within a second that the runner is gone (it polls with sleep 1).
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (started.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(started.stream().filter(ProcessHandle::isAlive).map(this::describe))
        .as("processes the demo started, left running").isEmpty();
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
    assertThat(String.join("\n", drain())).contains(stoppedLine());
  }

  private URI startDemo(int port) throws Exception {
    demo = launch(port);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    StringBuilder seen = new StringBuilder();
    while (System.nanoTime() < deadline) {
      String line = output.poll(1, TimeUnit.SECONDS);
      if (line != null) {
        seen.append(line).append('\n');
        if (line.startsWith("Open ")) {
          return URI.create(line.split(" ")[1]);
        }
      }
      if (!demo.isAlive() && output.isEmpty()) {
        break;
      }
    }
    throw new AssertionError("The demo did not print its URL; its output:\n" + seen);
  }

  private Process launch(int port) throws IOException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    String invoker = System.getProperty(GcfDemo.INVOKER_JAR);
    if (invoker != null) {
      command.add("-D" + GcfDemo.INVOKER_JAR + "=" + invoker);
    }
    command.addAll(List.of("-cp", demoClassPath(), Demo.class.getName(), "--platform", platform,
        "--port", Integer.toString(port), "--quiet"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          output.add(line);
        }
      } catch (IOException e) {
        output.add("<read failed: " + e + ">");
      }
    }, "demo-output");
    reader.setDaemon(true);
    reader.start();
    return p;
  }

  /** The class path scripts/demo runs with, written at package time; the test's own when run from elsewhere. */
  private static String demoClassPath() throws IOException {
    Path file = Paths.get("target", "demo.classpath");
    if (Files.isRegularFile(file)) {
      return Paths.get("target", "classes").toAbsolutePath() + java.io.File.pathSeparator
          + Files.readString(file).strip();
    }
    return System.getProperty("java.class.path");
  }

  private List<String> drain() throws InterruptedException {
    Thread.sleep(200); // the reader thread may still be taking the last lines
    List<String> lines = new ArrayList<>();
    output.drainTo(lines);
    return lines;
  }

  private static List<String> names(List<ProcessHandle> processes) {
    return processes.stream()
        .map(p -> p.info().command().map(c -> c.substring(c.lastIndexOf('/') + 1)).orElse("?"))
        .collect(Collectors.toList());
  }

  private String describe(ProcessHandle p) {
    return p.pid() + " " + p.info().commandLine().orElse("?");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * A chat client. It ignores {@code anonymous: }: Java 17's client sends {@code Content-Length: 0} with the
   * upgrade, which makes condure pass an empty message after the handshake, and the JavaScript faas-grip chat example, as written,
   * broadcasts it from "anonymous". Browsers send none. (The refused 101 the same header causes now and then is
   * retried by {@link TestWebSocket}.)
   */
  private TestWebSocket chatClient(URI chat) {
    return TestWebSocket.builder(chat).client(http).ignoreTexts("anonymous: "::equals).connect();
  }
}
