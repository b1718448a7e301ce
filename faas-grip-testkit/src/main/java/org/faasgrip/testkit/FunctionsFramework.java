package org.faasgrip.testkit;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Google's Functions Framework for Java (the invoker that Cloud Functions and Cloud Run functions run a Java
 * function in) serving one {@code HttpFunction} on a free port, in a JVM of its own, for tests and the demo.
 *
 * <p>It runs exactly as the platform does: {@code java -jar java-function-invoker.jar --classpath CP --target
 * CLASS --port N}, with the function's classes loaded by the invoker's own class loader, which shows the function
 * nothing of the invoker but the Functions Framework API. A JVM of its own, not a server inside the test's JVM,
 * because the invoker's jar carries Jetty and Jackson under their own package names: on one class path with the
 * library's Jackson, one of the two would get the other's classes.
 *
 * <p>The invoker listens on every interface (1.4.1 has no option to choose one); clients here reach it on
 * {@code 127.0.0.1}. Its output goes to a log file ({@link #logs()}). A JVM shutdown hook, and a watchdog shell
 * for a JVM that is killed, stop invokers a caller forgot to close.
 *
 * <p>Arguments: a null, like any other bad value, is refused at once with an {@link IllegalArgumentException}
 * that names the parameter, never a bare {@link NullPointerException}.
 */
public final class FunctionsFramework implements AutoCloseable {
  /**
   * The system property that names the invoker's jar when {@link Builder#invokerJar(Path)} is not called, as the
   * build sets it for tests ({@code java-function-invoker-VERSION.jar} from Maven Central).
   */
  public static final String INVOKER_JAR_PROPERTY = "faasgrip.gcf.invoker";
  private static final long MAX_LOG_BYTES = 64 * 1024;
  private static final Set<FunctionsFramework> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(
        new Thread(() -> List.copyOf(LIVE).forEach(FunctionsFramework::close), "functions-framework-shutdown"));
  }

  private final String target;
  private final int port;
  private final Path dir;
  private final Path log;
  private final Process process;

  private FunctionsFramework(String target, int port, Path dir, Path log, Process process) {
    this.target = target;
    this.port = port;
    this.dir = dir;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts a builder for a function.
   *
   * @param target the function's class name, e.g. {@code com.example.ChatFunction} (the invoker's
   *     {@code --target}, the {@code --entry-point} of {@code gcloud functions deploy})
   * @return a new builder
   * @throws IllegalArgumentException if {@code target} is null or blank
   */
  public static Builder builder(String target) {
    Args.notNull(target, "target");
    if (target.isBlank()) {
      throw new IllegalArgumentException("target must name the function's class, got a blank string");
    }
    return new Builder(target);
  }

  /**
   * A port that is free on loopback now, for {@link Builder#port(int)}.
   *
   * @return the port
   */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port", e);
    }
  }

  /**
   * The port the invoker serves on.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * The function's address on loopback, e.g. {@code http://127.0.0.1:41234}.
   *
   * @return the base URI, without a trailing slash
   */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * The invoker's JVM.
   *
   * @return its process handle
   */
  public ProcessHandle process() {
    return process.toHandle();
  }

  /**
   * The invoker's output so far (Jetty's start-up lines, the function's logging, uncaught exceptions), at most the
   * last 64 KiB.
   *
   * @return the output, or a note saying why it could not be read
   */
  public String logs() {
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long from = Math.max(0, f.length() - MAX_LOG_BYTES);
      byte[] tail = new byte[(int) (f.length() - from)];
      f.seek(from);
      f.readFully(tail);
      return new String(tail, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<cannot read " + log + ": " + e.getMessage() + ">";
    }
  }

  /**
   * Stops the invoker's JVM (SIGTERM, then SIGKILL after ten seconds) and deletes its folder. Safe to call more
   * than once.
   */
  @Override
  public void close() {
    LIVE.remove(this);
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(log);
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a leftover temporary log harms nothing
    }
  }

  /**
   * Describes the instance: the function and its port.
   *
   * @return a short description
   */
  @Override
  public String toString() {
    return "FunctionsFramework{" + target + " on " + uri() + (process.isAlive() ? "" : ", stopped") + "}";
  }

  /** How to run one function. Not thread-safe. */
  public static final class Builder {
    private final String target;
    private Path invokerJar;
    private String classPath;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>(List.of("-XX:+UseSerialGC"));
    private Duration startTimeout = Duration.ofSeconds(60);
    private int port;

    private Builder(String target) {
      this.target = target;
    }

    /**
     * Sets the invoker's jar; by default the file that the system property {@value #INVOKER_JAR_PROPERTY} names.
     *
     * @param jar the {@code java-function-invoker} jar
     * @return this builder
     */
    public Builder invokerJar(Path jar) {
      this.invokerJar = Args.notNull(jar, "jar");
      return this;
    }

    /**
     * Sets where the function's classes are (the invoker's {@code --classpath}); by default this JVM's own class
     * path.
     *
     * @param classPath entries separated by {@link File#pathSeparator}
     * @return this builder
     */
    public Builder classPath(String classPath) {
      this.classPath = Args.notNull(classPath, "classPath");
      return this;
    }

    /**
     * Sets one environment variable of the invoker's JVM, where the function reads its configuration
     * ({@code GRIP_URL}, {@code GRIP_VERIFY}, ...). The rest of the environment is this JVM's.
     *
     * @param name the variable's name
     * @param value its value
     * @return this builder
     */
    public Builder env(String name, String value) {
      env.put(Args.notNull(name, "name"), Args.notNull(value, "value"));
      return this;
    }

    /**
     * Adds an option to the invoker's {@code java} command line (by default only {@code -XX:+UseSerialGC}).
     *
     * @param option the option, e.g. {@code -Xmx256m}
     * @return this builder
     */
    public Builder jvmOption(String option) {
      jvmOptions.add(Args.notNull(option, "option"));
      return this;
    }

    /**
     * Sets the port to serve on; by default (0) a free one. A fixed port lets a proxy's routes name the function
     * before it runs, as when the function's configuration needs the proxy's own address.
     *
     * @param port 1 to 65535, or 0 for a free one
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets how long to wait for the invoker to accept connections; 60 seconds by default.
     *
     * @param timeout the start-up timeout, positive
     * @return this builder
     */
    public Builder startTimeout(Duration timeout) {
      Args.notNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      this.startTimeout = timeout;
      return this;
    }

    /**
     * Starts the invoker on a free port and waits until it accepts connections.
     *
     * @return the running invoker; close it when done
     * @throws IllegalStateException if there is no invoker jar, or the invoker exited or did not start in time
     *     (the message ends with its output)
     */
    public FunctionsFramework start() {
      Path jar = invokerJar;
      if (jar == null) {
        String named = System.getProperty(INVOKER_JAR_PROPERTY);
        if (named == null || named.isBlank()) {
          throw new IllegalStateException("No Functions Framework invoker: set the system property "
              + INVOKER_JAR_PROPERTY + " to the java-function-invoker jar, or call invokerJar(path)");
        }
        jar = Paths.get(named);
      }
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException("The Functions Framework invoker " + jar + " is not a file");
      }
      String cp = classPath != null ? classPath : System.getProperty("java.class.path");
      int port = this.port != 0 ? this.port : freePort();
      Path dir;
      Path log;
      try {
        dir = Files.createTempDirectory("gcf-invoker-");
        log = dir.resolve("invoker.log");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create a folder for the invoker's log", e);
      }
      List<String> command = new ArrayList<>();
      command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", jar.toString(), "--classpath", cp, "--target", target,
          "--port", Integer.toString(port)));
      ProcessBuilder pb = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().putAll(env);
      Process process;
      try {
        process = pb.start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the invoker's JVM " + command.get(0), e);
      }
      FunctionsFramework ff = new FunctionsFramework(target, port, dir, log, process);
      LIVE.add(ff);
      watch(process);
      try {
        awaitListening(ff);
      } catch (RuntimeException e) {
        ff.close();
        throw e;
      }
      return ff;
    }

    private void awaitListening(FunctionsFramework ff) {
      long deadline = System.nanoTime() + startTimeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (!ff.process.isAlive()) {
          throw new IllegalStateException("The invoker for " + target + " exited with code "
              + ff.process.exitValue() + "; its output:\n" + ff.logs());
        }
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ff.port), 200);
          return;
        } catch (IOException notYet) {
          sleep(50);
        }
      }
      throw new IllegalStateException("The invoker for " + target + " did not accept connections on port "
          + ff.port + " within " + startTimeout + "; its output:\n" + ff.logs());
    }

    /** Stops the invoker if this JVM dies without running its shutdown hooks (SIGKILL). */
    private static void watch(Process process) {
      String script = "while kill -0 \"$1\" 2>/dev/null && kill -0 \"$2\" 2>/dev/null; do sleep 1; done;"
          + " kill -KILL \"$2\" 2>/dev/null";
      try {
        new ProcessBuilder("sh", "-c", script, "gcf-invoker-watchdog",
            Long.toString(ProcessHandle.current().pid()), Long.toString(process.pid()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
      } catch (IOException e) {
        // Without sh the shutdown hook still stops the invoker on a normal exit; only a killed JVM would leak it.
      }
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the invoker", e);
      }
    }
  }
}
