package org.faasgrip.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the figures {@code scripts/compare} gathered (one JSON line per run, from both implementations) into a
 * markdown table of medians and ratios, with each target and whether it was met.
 *
 * <p>Input lines: {@code bench.mjs} / {@code scripts/bench} lines ({@code impl}, {@code mode}, {@code file},
 * {@code ops_per_s}, and from Java {@code alloc_b_per_op}), and for whole-process runs
 * {@code {"impl", "mode": "once", "variant", "file", "ms"}}.
 */
public final class CompareTable {
  static final String JS = "js-reference";
  static final String JAVA = "java";

  private CompareTable() {}

  /** One row of figures: every run of one implementation, mode, workload and variant. */
  private static final class Runs {
    final List<Double> values = new ArrayList<>();
    final List<Double> alloc = new ArrayList<>();

    double median() {
      return CompareTable.median(values);
    }

    /** Spread of the runs around their median, in percent: (max - min) / median. */
    double spreadPercent() {
      if (values.size() < 2) {
        return 0;
      }
      return 100 * (Collections.max(values) - Collections.min(values)) / median();
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * Builds the markdown table from result lines.
   *
   * @param lines the JSON lines; blank lines and lines that are not JSON objects are skipped
   * @return the markdown: a table of throughput, a table of whole-process times
   */
  public static String table(List<String> lines) {
    Map<String, Runs> runs = new LinkedHashMap<>();
    for (String line : lines) {
      String t = line.trim();
      if (!t.startsWith("{")) {
        continue;
      }
      Object o = Json.parse(t.getBytes(StandardCharsets.UTF_8));
      String mode = (String) Json.get(o, "mode");
      String key = Json.get(o, "impl") + "|" + mode + "|" + Json.get(o, "file") + "|"
          + (Json.get(o, "variant") == null ? "" : Json.get(o, "variant"));
      Runs r = runs.computeIfAbsent(key, k -> new Runs());
      Object value = "once".equals(mode) ? Json.get(o, "ms") : Json.get(o, "ops_per_s");
      r.values.add(((Number) value).doubleValue());
      if (Json.get(o, "alloc_b_per_op") instanceof Number) {
        r.alloc.add(((Number) Json.get(o, "alloc_b_per_op")).doubleValue());
      }
    }
    StringBuilder md = new StringBuilder();
    md.append("| mode | workload | JS reference ops/s | Java ops/s | Java alloc/op | ratio Java ÷ JS | target | met |\n");
    md.append("|---|---|---:|---:|---:|---:|---|---|\n");
    for (String w : Workloads.CODEC) {
      throughputRow(md, runs, "codec", "codec", w + ".bin", w + ".bin", "", codecTarget(w));
    }
    for (EventShapes.Shape shape : EventShapes.Shape.values()) {
      for (String e : Workloads.LAMBDA_EVENTS) {
        throughputRow(md, runs, "handler", "handler", shape.fileName(e), EventShapes.Shape.V1.fileName(e), "", 5);
      }
    }
    // Lambda's java17 runtime stops its JIT at C1 unless told otherwise: shown for what a user gets by default.
    for (String e : Workloads.LAMBDA_EVENTS) {
      String file = EventShapes.Shape.V1.fileName(e);
      throughputRow(md, runs, "handler", "handler, C1 only", file, file, "c1", Double.NaN);
    }
    md.append('\n');
    md.append("| whole process (`once`) | workload | JS reference ms | Java ms | ratio Java ÷ JS | target | met |\n");
    md.append("|---|---|---:|---:|---:|---|---|\n");
    List<String> variants = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (String key : runs.keySet()) {
      String[] k = key.split("\\|", -1);
      if (k[0].equals(JAVA) && k[1].equals("once")) {
        if (!variants.contains(k[3])) {
          variants.add(k[3]);
        }
        if (!files.contains(k[2])) {
          files.add(k[2]);
        }
      }
    }
    for (String file : files) {
      Runs js = runs.get(JS + "|once|" + file + "|");
      for (String variant : variants) {
        Runs java = runs.get(JAVA + "|once|" + file + "|" + variant);
        if (java == null) {
          continue;
        }
        double target = variant.contains("appcds") ? 1.0 : variant.equals("default") ? 2.0 : Double.NaN;
        double ratio = js == null ? Double.NaN : java.median() / js.median();
        md.append("| java ").append(variant).append(" | ").append(file).append(" | ")
            .append(js == null ? "—" : fmt(js.median()) + spread(js)).append(" | ")
            .append(fmt(java.median())).append(spread(java)).append(" | ")
            .append(Double.isNaN(ratio) ? "—" : String.format(Locale.ROOT, "%.2f×", ratio)).append(" | ")
            .append(Double.isNaN(target) ? "—" : String.format(Locale.ROOT, "≤ %.1f×", target)).append(" | ")
            .append(Double.isNaN(target) || Double.isNaN(ratio) ? "" : ratio <= target ? "yes" : "**no**")
            .append(" |\n");
      }
    }
    return md.toString();
  }

  private static double codecTarget(String workload) {
    switch (workload) {
      case "ws-small":
        return 5;
      case "ws-batch":
        return 1000;
      default:
        return 1;
    }
  }

  /** A row of Java's runs in {@code variant} against the reference's; {@code target} NaN for none. */
  private static void throughputRow(StringBuilder md, Map<String, Runs> runs, String mode, String label,
      String javaFile, String jsFile, String variant, double target) {
    Runs java = runs.get(JAVA + "|" + mode + "|" + javaFile + "|" + variant);
    Runs js = runs.get(JS + "|" + mode + "|" + jsFile + "|");
    if (java == null && js == null) {
      return;
    }
    double ratio = java == null || js == null ? Double.NaN : java.median() / js.median();
    String workload = javaFile.equals(jsFile) ? javaFile : javaFile + " (JS: " + jsFile + ")";
    if (java == null && !variant.isEmpty()) {
      return;
    }
    md.append("| ").append(label).append(" | ").append(workload).append(" | ")
        .append(js == null ? "—" : fmt(js.median()) + spread(js)).append(" | ")
        .append(java == null ? "—" : fmt(java.median()) + spread(java)).append(" | ")
        .append(java == null || java.alloc.isEmpty() ? "—" : fmt(median(java.alloc)) + " B").append(" | ")
        .append(Double.isNaN(ratio) ? "—" : String.format(Locale.ROOT, "%.1f×", ratio)).append(" | ")
        .append(Double.isNaN(target) ? "—" : String.format(Locale.ROOT, "≥ %s×", fmt(target))).append(" | ")
        .append(Double.isNaN(ratio) || Double.isNaN(target) ? "" : ratio >= target ? "yes" : "**no**").append(" |\n");
  }

  private static String spread(Runs r) {
    return r.values.size() < 2 ? "" : String.format(Locale.ROOT, " ±%.0f%%", r.spreadPercent() / 2);
  }

  static String fmt(double v) {
    if (v >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (v >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /**
   * Prints the table for a results file.
   *
   * @param args one argument: the file of JSON lines
   * @throws IOException when it cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: CompareTable RESULTS_JSONL");
      System.exit(2);
    }
    System.out.print(table(Files.readAllLines(Path.of(args[0]))));
  }
}
