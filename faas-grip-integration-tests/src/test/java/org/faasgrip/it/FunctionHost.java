package org.faasgrip.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link FaultRoom} in the local gateway in a JVM of its own, on a fixed loopback port, so that a test can kill
 * the function's host (SIGKILL: no shutdown hook, no answer to what is in flight) and start it again where
 * Pushpin's route points. Its {@code GRIP_URL} comes from the test; its output goes to a file, read on failure.
 */
final class FunctionHost implements AutoCloseable {
  private final int port;
  private final String gripUrl;
  private final Duration delay;
  private final Path log;
  private Process process;

  /** A host on {@code port} whose every call takes {@code delay} first (so that a kill finds calls inside it). */
  FunctionHost(int port, String gripUrl, Duration delay) {
    this.port = port;
    this.gripUrl = gripUrl;
    this.delay = delay;
    try {
      this.log = Files.createTempFile("function-host", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the host and waits until it accepts connections. */
  void start(Duration wait) {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), FaultRoom.class.getName(), Integer.toString(port),
        Long.toString(delay.toMillis())))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // The key is in this variable only: never on the command line, where ps would show it.
    pb.environment().put("GRIP_URL", gripUrl);
    pb.environment().remove("GRIP_PROXIES");
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the function's host", e);
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (!accepts()) {
      if (!process.isAlive() || System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("the function's host did not start on port " + port + ":\n" + logs());
      }
      Room.pause(50);
    }
  }

  private boolean accepts() {
    try {
      new Socket(InetAddress.getLoopbackAddress(), port).close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGKILL, and waits until the process is gone. */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the function's host did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String logs() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      kill();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // a temporary file; the system cleans it up
    }
  }
}
