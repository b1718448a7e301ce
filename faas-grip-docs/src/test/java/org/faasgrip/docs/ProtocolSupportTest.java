package org.faasgrip.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every test that {@code docs/protocol-support.md} names as proof ({@code `Class#method`}, or {@code `#method`} for
 * the class named before it in the same cell) exists: a test class of that name in some module, with a method of
 * that name.
 */
class ProtocolSupportTest {
  private static final Pattern REFERENCE = Pattern.compile("`(?:([A-Z][A-Za-z0-9]*)(?:\\.[A-Z][A-Za-z0-9]*)?)?#([a-z][A-Za-z0-9]*)`");

  @Test
  void everyTestNamedAsProofExists() throws IOException {
    Path root = DocSamples.repoRoot();
    Map<String, String> sources = new HashMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(p -> p.toString().contains("/src/test/java/") && p.toString().endsWith(".java"))
          .forEach(p -> sources.put(p.getFileName().toString().replace(".java", ""), DocSamples.read(p)));
    }
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (String line : DocSamples.read(root.resolve("docs/protocol-support.md")).split("\n")) {
      for (String cell : line.split("\\|")) {
        String currentClass = null;
        Matcher m = REFERENCE.matcher(cell);
        while (m.find()) {
          if (m.group(1) != null) {
            currentClass = m.group(1);
          }
          String source = currentClass == null ? null : sources.get(currentClass);
          if (source == null || !source.contains(" " + m.group(2) + "(")) {
            missing.add(m.group());
          }
          checked++;
        }
      }
    }
    assertThat(missing).as("tests named in docs/protocol-support.md that do not exist").isEmpty();
    assertThat(checked).isGreaterThan(20);
  }
}
