package org.faasgrip.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Benchmarks are not tests: this only keeps them working. It runs every benchmark method, for every parameter,
 * once through JMH's API, in this JVM, with one short measurement, on the real shared workloads.
 */
class BenchmarksSmokeTest {
  /** Every benchmark class; a new one goes here so that the build runs it. */
  static final List<Class<?>> BENCHMARKS = List.of(CodecBenchmark.class, PublishBodyBenchmark.class, GripSigBenchmark.class,
      HandlerBenchmark.class, EventReadBenchmark.class, ServletBenchmark.class, GcfBenchmark.class);

  @TempDir
  static Path workloads;

  @BeforeAll
  static void writeWorkloads() {
    // The workloads come from the reference's make-workloads.mjs, so that both sides read identical bytes; it
    // needs node and ../shared/reference-js, which this project's machines and CI have.
    assumeTrue(Workloads.referenceDir() != null, "no shared/reference-js above the working directory");
    Workloads.generate(workloads);
    System.setProperty(Workloads.PROPERTY, workloads.toString());
  }

  @AfterAll
  static void forgetWorkloads() {
    System.clearProperty(Workloads.PROPERTY);
  }

  @Test
  void everyBenchmarkRunsOnce() throws Exception {
    Options options = new OptionsBuilder()
        .include("org\\.faasgrip\\.bench\\.[A-Za-z]+Benchmark\\.")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(20))
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT)
        .build();
    Collection<RunResult> results = new Runner(options).run();

    Set<String> expected = new TreeSet<>();
    for (Class<?> c : BENCHMARKS) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.isAnnotationPresent(Benchmark.class)) {
          expected.add(c.getName() + "." + m.getName());
        }
      }
    }
    Set<String> ran = new TreeSet<>();
    for (RunResult r : results) {
      ran.add(r.getParams().getBenchmark());
      assertThat(r.getPrimaryResult().getScore()).as(r.getParams().getBenchmark()).isPositive();
    }
    assertThat(ran).isEqualTo(expected);
  }

  @Test
  void gcfCpuPerInvocationPrintsOneMeasuredLinePerEvent() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    GcfCpuPerInvocation.run(200, new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));

    List<String> lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
        .collect(java.util.stream.Collectors.toList());
    assertThat(lines).hasSize(Workloads.LAMBDA_EVENTS.size());
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i)).startsWith(Workloads.LAMBDA_EVENTS.get(i)).matches(".*gcf +[1-9][0-9]* ns.*");
    }
  }
}
