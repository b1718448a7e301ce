package org.faasgrip.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the shared workloads: the files the JavaScript reference's {@code make-workloads.mjs} writes (so that
 * both sides read identical bytes), plus the payload 2.0 and ALB twins of its Lambda events
 * ({@link EventShapes}).
 *
 * <p>The folder is the system property {@value #PROPERTY}, else the environment variable {@value #ENV}
 * (which JMH's forked JVMs inherit). {@code scripts/bench workloads DIR} writes one.
 */
public final class Workloads {
  /** The system property naming the workload folder. */
  public static final String PROPERTY = "faasgrip.workloads";
  /** The environment variable naming the workload folder. */
  public static final String ENV = "FAASGRIP_WORKLOADS";
  /** The codec workloads, without {@code .bin}. */
  public static final List<String> CODEC = List.of("ws-small", "ws-batch", "ws-large");
  /** The payload 1.0 Lambda events, without {@code .json}. */
  public static final List<String> LAMBDA_EVENTS = List.of("lambda-open", "lambda-messages", "lambda-close");

  private Workloads() {}

  /**
   * Returns the workload folder named by the property or the environment.
   *
   * @return the folder
   * @throws IllegalStateException when neither names a folder that holds the workloads
   */
  public static Path dir() {
    String named = System.getProperty(PROPERTY);
    if (named == null || named.isEmpty()) {
      named = System.getenv(ENV);
    }
    if (named == null || named.isEmpty()) {
      throw new IllegalStateException("no workload folder: set -D" + PROPERTY + "=DIR or " + ENV
          + "=DIR, after writing one with scripts/bench workloads DIR");
    }
    Path dir = Path.of(named);
    if (!Files.isRegularFile(dir.resolve("ws-small.bin"))) {
      throw new IllegalStateException("workload folder " + dir + " holds no ws-small.bin: write it with "
          + "scripts/bench workloads " + dir);
    }
    return dir;
  }

  /**
   * Reads one workload file from {@link #dir()}.
   *
   * @param fileName the file's name, such as {@code ws-small.bin} or {@code lambda-open-v2.json}
   * @return its bytes
   * @throws UncheckedIOException when it cannot be read
   */
  public static byte[] read(String fileName) {
    try {
      return Files.readAllBytes(dir().resolve(fileName));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read workload " + fileName, e);
    }
  }

  /**
   * Finds the reference's folder: {@code REFERENCE_JS} when set, else the first {@code shared/reference-js}
   * in the working directory or one of its parents (the repository's root has {@code ../shared} beside it; a
   * worktree further down finds the same folder higher up).
   *
   * @return the folder holding {@code make-workloads.mjs}, or null when there is none
   */
  public static Path referenceDir() {
    String env = System.getenv("REFERENCE_JS");
    if (env != null && !env.isEmpty()) {
      return Path.of(env);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("reference-js");
      if (Files.isRegularFile(candidate.resolve("make-workloads.mjs"))) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * Writes every workload into a folder: runs the reference's {@code make-workloads.mjs} with {@code node}
   * (it needs no npm package), then writes the 2.0 and ALB events.
   *
   * @param dir the folder to write
   * @throws IllegalStateException when the reference or {@code node} cannot be found, or node fails
   */
  public static void generate(Path dir) {
    Path ref = referenceDir();
    if (ref == null) {
      throw new IllegalStateException("cannot find shared/reference-js above " + Path.of("").toAbsolutePath()
          + "; set REFERENCE_JS");
    }
    try {
      Process node = new ProcessBuilder("node", ref.resolve("make-workloads.mjs").toString(), dir.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!node.waitFor(60, TimeUnit.SECONDS)) {
        node.destroyForcibly();
        throw new IllegalStateException("node make-workloads.mjs did not finish in 60 s");
      }
      if (node.exitValue() != 0) {
        throw new IllegalStateException("node make-workloads.mjs exited with " + node.exitValue());
      }
      EventShapes.writeTwins(dir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run node " + ref.resolve("make-workloads.mjs") + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing workloads", e);
    }
  }

  /**
   * Writes the workloads into a folder (see {@link #generate(Path)}).
   *
   * @param args one argument: the folder
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: Workloads DIR");
      System.exit(2);
    }
    generate(Path.of(args[0]));
    System.out.println("workloads written to " + args[0]);
  }
}
