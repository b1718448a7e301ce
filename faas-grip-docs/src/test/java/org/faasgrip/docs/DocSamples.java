package org.faasgrip.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the tagged samples of Java sources and checks the {@code ```java} blocks of Markdown pages against them.
 *
 * <p>A sample is every line between {@code // tag::NAME[]} and {@code // end::NAME[]}; several regions of one
 * name are joined in order (so a sample can skip a constructor or Javadoc the page does not need). Marker lines
 * of other samples inside a region are left out. A page names its sample in an HTML comment,
 * {@code <!-- sample: NAME -->}, on the last non-blank line before the block.
 */
final class DocSamples {
  private static final Pattern TAG = Pattern.compile("^\\s*// (tag|end)::([A-Za-z0-9_-]+)\\[\\]\\s*$");
  private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*sample:\\s*([A-Za-z0-9_-]+)\\s*-->\\s*$");

  private DocSamples() {}

  /** Finds the repository root: the nearest folder up from here that holds mvnw, README.md and docs/. */
  static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("mvnw")) && Files.isRegularFile(p.resolve("README.md"))
          && Files.isDirectory(p.resolve("docs"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root (mvnw, README.md, docs/) above " + Path.of("").toAbsolutePath());
  }

  /** README.md and every docs/*.md, in a stable order. */
  static List<Path> pages(Path root) {
    List<Path> pages = new ArrayList<>();
    pages.add(root.resolve("README.md"));
    try (Stream<Path> s = Files.list(root.resolve("docs"))) {
      s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  /** Every .java file under the given folders. */
  static List<Path> javaFiles(Path... folders) {
    List<Path> out = new ArrayList<>();
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(folder)) {
        s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Collects the samples of some sources, by name.
   *
   * @param sources file name to text
   * @param problems where an unclosed, unopened or nested-with-itself region is reported
   * @return the samples' lines, before removing their common indentation
   */
  static Map<String, List<String>> samples(Map<String, String> sources, List<String> problems) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> src : sources.entrySet()) {
      List<String> open = new ArrayList<>();
      String[] lines = src.getValue().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = stripEnd(lines[i]);
        Matcher m = TAG.matcher(line);
        if (m.matches()) {
          String name = m.group(2);
          if (m.group(1).equals("tag")) {
            if (open.contains(name)) {
              problems.add(src.getKey() + ":" + (i + 1) + ": tag::" + name + "[] opened again before its end");
            } else {
              open.add(name);
              out.computeIfAbsent(name, k -> new ArrayList<>());
            }
          } else if (!open.remove(name)) {
            problems.add(src.getKey() + ":" + (i + 1) + ": end::" + name + "[] without tag::" + name + "[]");
          }
          continue;
        }
        for (String name : open) {
          out.get(name).add(line);
        }
      }
      for (String name : open) {
        problems.add(src.getKey() + ": tag::" + name + "[] is never ended");
      }
    }
    return out;
  }

  /** Removes the indentation common to the non-blank lines, and blank lines at both ends. */
  static String dedent(List<String> lines) {
    int from = 0;
    int to = lines.size();
    while (from < to && lines.get(from).isBlank()) {
      from++;
    }
    while (to > from && lines.get(to - 1).isBlank()) {
      to--;
    }
    int indent = Integer.MAX_VALUE;
    for (String l : lines.subList(from, to)) {
      if (!l.isBlank()) {
        int n = 0;
        while (n < l.length() && l.charAt(n) == ' ') {
          n++;
        }
        indent = Math.min(indent, n);
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String l : lines.subList(from, to)) {
      sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    return sb.toString();
  }

  /**
   * Checks the Java blocks of one page.
   *
   * @param page the page's name, for messages
   * @param markdown the page's text
   * @param samples the samples by name, as {@link #samples} returns them
   * @param used receives the names the page shows
   * @return one line per problem; empty when every block is its sample
   */
  static List<String> check(String page, String markdown, Map<String, List<String>> samples, List<String> used) {
    List<String> problems = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    String lastNonBlank = "";
    for (int i = 0; i < lines.length; i++) {
      String line = stripEnd(lines[i]);
      String fence = line.strip();
      if (!fence.startsWith("```")) {
        if (!line.isBlank()) {
          lastNonBlank = line;
        }
        continue;
      }
      String info = fence.substring(3).strip();
      int start = i;
      List<String> body = new ArrayList<>();
      for (i++; i < lines.length && !stripEnd(lines[i]).strip().equals("```"); i++) {
        body.add(stripEnd(lines[i]));
      }
      if (i == lines.length) {
        problems.add(page + ":" + (start + 1) + ": code block is never closed");
        break;
      }
      lastNonBlank = line;
      if (!info.equals("java")) {
        continue;
      }
      Matcher m = MARKER.matcher(start > 0 ? previousNonBlank(lines, start) : "");
      if (!m.matches()) {
        problems.add(page + ":" + (start + 1) + ": java block without a <!-- sample: NAME --> line before it");
        continue;
      }
      String name = m.group(1);
      used.add(name);
      List<String> sample = samples.get(name);
      if (sample == null) {
        problems.add(page + ":" + (start + 1) + ": sample '" + name + "' is not tagged in faas-grip-docs");
        continue;
      }
      String expected = dedent(sample);
      String actual = dedent(body);
      if (!expected.equals(actual)) {
        problems.add(page + ":" + (start + 1) + ": block differs from sample '" + name + "'; first difference at "
            + firstDifference(expected, actual) + "\n--- tagged source:\n" + expected + "--- page:\n" + actual);
      }
    }
    return problems;
  }

  private static String previousNonBlank(String[] lines, int before) {
    for (int j = before - 1; j >= 0; j--) {
      if (!lines[j].isBlank()) {
        return stripEnd(lines[j]);
      }
    }
    return "";
  }

  private static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String el = i < e.length ? e[i] : "<end>";
      String al = i < a.length ? a[i] : "<end>";
      if (!el.equals(al)) {
        return "line " + (i + 1) + " of the block: source '" + el + "', page '" + al + "'";
      }
    }
    return "?";
  }

  private static String stripEnd(String s) {
    return s.stripTrailing();
  }
}
