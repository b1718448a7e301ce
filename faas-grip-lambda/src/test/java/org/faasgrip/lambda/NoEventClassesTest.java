package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * aws-lambda-java-events is an optional dependency: a stream handler must run without it. This test starts a
 * fresh JVM ({@code java -verbose:class}) on this test's own class path minus the aws-lambda-java-events jar, runs
 * {@link NoEventsProbe} (the chat handler on REST, 2.0 and ALB JSON, a bad event, a publish, a JSON response), and
 * checks both that it worked and, in the class-loading log, that no class of the events package was ever asked for.
 */
class NoEventClassesTest {

  @Test
  void streamHandlerPathRunsWithoutTheEventsLibrary(@TempDir Path tmp) throws Exception {
    List<String> full = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    List<String> without = full.stream()
        .filter(e -> !Paths.get(e).getFileName().toString().startsWith("aws-lambda-java-events"))
        .collect(Collectors.toList());
    assertThat(without).as("the events jar is on the test class path, and is left out").hasSize(full.size() - 1);

    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Path log = tmp.resolve("out.txt");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Xshare:auto", "-verbose:class",
        "-cp", String.join(File.pathSeparator, without), NoEventsProbe.class.getName(),
        "rest-open.json", "httpapi-text.json", "alb-multi.json", "rest-get-nobody.json", "{\"httpMethod\":"));
    Path err = tmp.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(log.toFile()).redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("GRIP_"));
    Process p = pb.start();
    try {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
    } finally {
      p.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    List<String> output = lines.stream().filter(l -> !l.startsWith("[")).collect(Collectors.toList());
    List<String> errors = Files.readAllLines(err, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(String.join("\n", output) + "\n" + String.join("\n", errors)).isZero();
    // The handler logs each answered failure in one line, without a stack trace.
    assertThat(errors).hasSize(2).noneMatch(l -> l.startsWith("\tat "));

    assertThat(output.get(0)).isEqualTo("events-absent");
    assertThat(output.get(1)).contains("\"statusCode\":200").contains("\"headers\":{\"Content-Type\"");
    assertThat(output.get(2)).contains("\"statusCode\":200").doesNotContain("multiValueHeaders");
    assertThat(output.get(3)).contains("\"statusDescription\":\"200 OK\"");
    assertThat(output.get(4)).contains("\"statusCode\":400").contains("Not a WebSocket-over-HTTP request");
    assertThat(output.get(5)).contains("\"statusCode\":400").contains("malformed event JSON");
    assertThat(output.get(6)).contains("\"body\":\"ok\"");
    // One publish from the 2.0 message, one direct; the ALB event's "hello" is a third.
    assertThat(output.get(7)).isEqualTo("published=3");

    List<String> eventClasses = lines.stream()
        .filter(l -> l.contains("com.amazonaws.services.lambda.runtime.events"))
        .collect(Collectors.toList());
    assertThat(eventClasses).as("classes of aws-lambda-java-events loaded").isEmpty();
    long ours = lines.stream().filter(l -> l.startsWith("[") && l.contains(" org.faasgrip.lambda.")).count();
    assertThat(ours).as("org.faasgrip.lambda classes loaded").isPositive();
  }

}
