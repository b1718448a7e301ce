package org.faasgrip.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of README.md and docs/*.md is a tagged sample of this module, word for word: a sample
 * that no longer compiles fails the build, and so does a page that no longer shows what compiles.
 */
class SamplesInDocsTest {
  /**
   * Pages whose authors were still writing them when this check was added: their Java blocks are not checked yet.
   * Give each block a sample here and a marker there, then take the page off this list.
   */
  private static final List<String> NOT_YET_CHECKED = List.of();

  @Test
  void everyJavaBlockOfThePagesIsItsTaggedSample() {
    Path root = DocSamples.repoRoot();
    Path module = root.resolve("faas-grip-docs");
    Map<String, String> sources = new LinkedHashMap<>();
    for (Path p : DocSamples.javaFiles(module.resolve("src/main/java"), module.resolve("src/test/java"))) {
      sources.put(root.relativize(p).toString(), DocSamples.read(p));
    }
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> samples = DocSamples.samples(sources, problems);
    List<String> used = new ArrayList<>();
    int blocks = 0;
    for (Path page : DocSamples.pages(root)) {
      if (NOT_YET_CHECKED.contains(root.relativize(page).toString().replace('\\', '/'))) {
        continue;
      }
      int before = used.size();
      problems.addAll(DocSamples.check(root.relativize(page).toString(), DocSamples.read(page), samples, used));
      blocks += used.size() - before;
    }
    TreeSet<String> unused = new TreeSet<>(samples.keySet());
    unused.removeAll(used);
    for (String name : unused) {
      problems.add("sample '" + name + "' is tagged but no page shows it");
    }
    assertThat(problems).as("Every ```java block of README.md and docs/*.md must be a sample of faas-grip-docs: put the"
        + " code between // tag::NAME[] and // end::NAME[] in faas-grip-docs/src, and <!-- sample: NAME --> on the"
        + " line before the block.\n" + String.join("\n", problems)).isEmpty();
    assertThat(blocks).as("java blocks checked").isGreaterThanOrEqualTo(samples.size());
  }

  private static Map<String, List<String>> samplesOf(String source) {
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> s = DocSamples.samples(Map.of("A.java", source), problems);
    assertThat(problems).isEmpty();
    return s;
  }

  private static final String SOURCE = String.join("\n",
      "class A {",
      "  // tag::one[]",
      "  void f() {",
      "    // tag::inner[]",
      "    g();",
      "    // end::inner[]",
      "  }",
      "  // end::one[]",
      "  /** Skipped. */",
      "  // tag::one[]",
      "  int x;",
      "  // end::one[]",
      "}");

  @Test
  void regionsOfOneNameJoinAndOtherMarkersAreLeftOut() {
    Map<String, List<String>> s = samplesOf(SOURCE);
    assertThat(DocSamples.dedent(s.get("one"))).isEqualTo("void f() {\n  g();\n}\nint x;\n");
    assertThat(DocSamples.dedent(s.get("inner"))).isEqualTo("g();\n");
  }

  @Test
  void aMatchingBlockPassesWhateverItsIndentation() {
    String page = "text\n\n<!-- sample: inner -->\n```java\n        g();\n```\n";
    List<String> used = new ArrayList<>();
    assertThat(DocSamples.check("p.md", page, samplesOf(SOURCE), used)).isEmpty();
    assertThat(used).containsExactly("inner");
  }

  @Test
  void aBlockWithoutMarkerOrWithAnUnknownNameOrOtherTextFails() {
    Map<String, List<String>> s = samplesOf(SOURCE);
    List<String> used = new ArrayList<>();
    assertThat(DocSamples.check("p.md", "```java\ng();\n```\n", s, used))
        .singleElement().asString().contains("p.md:1").contains("without a <!-- sample: NAME -->");
    assertThat(DocSamples.check("p.md", "<!-- sample: two -->\n```java\ng();\n```\n", s, used))
        .singleElement().asString().contains("sample 'two' is not tagged");
    assertThat(DocSamples.check("p.md", "<!-- sample: inner -->\n```java\nh();\n```\n", s, used))
        .singleElement().asString().contains("differs from sample 'inner'").contains("source 'g();', page 'h();'");
  }

  @Test
  void otherBlocksAreNotChecked() {
    String page = "```sh\nscripts/test\n```\n\n```\nplain\n```\n";
    assertThat(DocSamples.check("p.md", page, samplesOf(SOURCE), new ArrayList<>())).isEmpty();
  }

  @Test
  void brokenRegionsAreReported() {
    List<String> problems = new ArrayList<>();
    DocSamples.samples(Map.of("B.java", "// tag::a[]\nx\n// end::b[]\n"), problems);
    assertThat(problems).containsExactlyInAnyOrder("B.java:3: end::b[] without tag::b[]",
        "B.java: tag::a[] is never ended");
  }
}
