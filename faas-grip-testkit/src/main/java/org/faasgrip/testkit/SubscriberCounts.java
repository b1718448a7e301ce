package org.faasgrip.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the handler's debug log and keeps, per channel and mode, the subscriber count the handler last
 * reported in its stats ({@code stats: OUT sub { "mode": "stream", "subscribers": 2, "channel": "c" }}).
 *
 * <p>Why the stats lines: they carry the handler's own count of live subscriptions, which is exactly the
 * number of receivers a publish would reach. A new channel is reported at once; later changes are batched by
 * the handler (seen here: within about a second); a channel's last subscriber leaving is reported at once as
 * {@code "unavailable": true}. The {@code subscribe ... channel=X} info lines are immediate too, but there is
 * no line for a subscriber leaving, so they cannot give a current count.
 */
final class SubscriberCounts {
  private static final Pattern SUB_LINE = Pattern.compile("stats: OUT sub \\{(.*)}\\s*$");
  private static final Pattern MODE = Pattern.compile("\"mode\": \"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern CHANNEL = Pattern.compile("\"channel\": \"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern COUNT = Pattern.compile("\"subscribers\": (\\d+)");

  private final Path file;
  private long offset;
  private byte[] partial = new byte[0];
  // channel -> mode -> count
  private final Map<String, Map<String, Integer>> counts = new HashMap<>();

  SubscriberCounts(Path file) {
    this.file = file;
  }

  /** Forgets all counts and starts reading {@code file} afresh (after a restart rotated the logs). */
  synchronized void reset() {
    counts.clear();
    offset = 0;
    partial = new byte[0];
  }

  /** The handler's last reported number of subscribers of {@code channel}, over all modes. */
  synchronized int count(String channel) throws IOException {
    readNewLines();
    Map<String, Integer> byMode = counts.get(channel);
    return byMode == null ? 0 : byMode.values().stream().mapToInt(Integer::intValue).sum();
  }

  private void readNewLines() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length <= offset) {
        return;
      }
      in.seek(offset);
      byte[] chunk = new byte[(int) Math.min(length - offset, 1 << 22)];
      in.readFully(chunk);
      offset += chunk.length;
      byte[] data = new byte[partial.length + chunk.length];
      System.arraycopy(partial, 0, data, 0, partial.length);
      System.arraycopy(chunk, 0, data, partial.length, chunk.length);
      int start = 0;
      for (int i = 0; i < data.length; i++) {
        if (data[i] == '\n') {
          line(new String(data, start, i - start, StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
      partial = java.util.Arrays.copyOfRange(data, start, data.length);
    }
  }

  private void line(String line) {
    if (!line.contains("stats: OUT sub {")) {
      return;
    }
    Matcher m = SUB_LINE.matcher(line);
    if (!m.find()) {
      return;
    }
    String body = m.group(1);
    Matcher mode = MODE.matcher(body);
    Matcher channel = CHANNEL.matcher(body);
    if (!mode.find() || !channel.find()) {
      return;
    }
    Matcher count = COUNT.matcher(body);
    int n = body.contains("\"unavailable\": true") || !count.find() ? 0 : Integer.parseInt(count.group(1));
    counts.computeIfAbsent(unescape(channel.group(1)), c -> new HashMap<>()).put(mode.group(1), n);
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          if (i + 4 < s.length()) {
            out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
            i += 4;
          }
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }
}
