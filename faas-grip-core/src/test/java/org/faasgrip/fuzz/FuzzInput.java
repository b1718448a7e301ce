package org.faasgrip.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A fuzz input read as a small program of lines, so that the committed inputs stay readable and the fuzzer's
 * byte mutations still reach every call: each line is an operation name, a space, and arguments separated by
 * {@code |}. Arguments take C escapes ({@code \r \n \t \0 \\ \| \xHH}, and a backslash, {@code u} and four
 * hex digits for any UTF-16 unit), so a seed can spell the control characters a target must refuse. Malformed
 * UTF-8 and escapes read as what they are, never fail.
 */
public final class FuzzInput {
  /** Enough operations for any interesting sequence; bounds the time one input can take. */
  private static final int MAX_OPS = 64;

  private final String[] lines;
  private int next;

  private FuzzInput(String[] lines) {
    this.lines = lines;
  }

  /** Reads the data as UTF-8 lines. */
  public static FuzzInput of(byte[] data) {
    return new FuzzInput(new String(data, StandardCharsets.UTF_8).split("\n", -1));
  }

  /** Tells whether another operation is left. */
  public boolean hasNext() {
    return next < lines.length && next < MAX_OPS;
  }

  /** The next operation. */
  public Op next() {
    String line = lines[next++];
    int space = line.indexOf(' ');
    String name = space < 0 ? line : line.substring(0, space);
    List<String> args = new ArrayList<>(2);
    if (space >= 0) {
      StringBuilder arg = new StringBuilder();
      String rest = line.substring(space + 1);
      for (int i = 0; i < rest.length(); i++) {
        char c = rest.charAt(i);
        if (c == '|') {
          args.add(arg.toString());
          arg.setLength(0);
        } else if (c == '\\' && i + 1 < rest.length()) {
          i = unescape(rest, i + 1, arg);
        } else {
          arg.append(c);
        }
      }
      args.add(arg.toString());
    }
    return new Op(name, args);
  }

  /** Appends the escape starting after the backslash at {@code i}; returns the index of its last character. */
  private static int unescape(String s, int i, StringBuilder out) {
    char c = s.charAt(i);
    switch (c) {
      case 'r': out.append('\r'); return i;
      case 'n': out.append('\n'); return i;
      case 't': out.append('\t'); return i;
      case '0': out.append('\0'); return i;
      case 'x':
        if (i + 2 < s.length() && hex(s, i + 1, 2) >= 0) {
          out.append((char) hex(s, i + 1, 2));
          return i + 2;
        }
        break;
      case 'u':
        if (i + 4 < s.length() && hex(s, i + 1, 4) >= 0) {
          out.append((char) hex(s, i + 1, 4));
          return i + 4;
        }
        break;
      default:
        break;
    }
    out.append(c); // \\, \| and any other: the character itself
    return i;
  }

  private static int hex(String s, int from, int n) {
    int v = 0;
    for (int k = from; k < from + n; k++) {
      int d = Character.digit(s.charAt(k), 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  /**
   * One operation: its name and arguments.
   *
   * @param name the operation's name
   * @param args its arguments, unescaped
   */
  public record Op(String name, List<String> args) {
    /** The argument at an index, or an empty string when there are fewer. */
    public String arg(int i) {
      return i < args.size() ? args.get(i) : "";
    }

    /** The argument at an index as an int, or the default when it is missing or not a number. */
    public int intArg(int i, int otherwise) {
      try {
        return Integer.parseInt(arg(i).trim());
      } catch (NumberFormatException e) {
        return otherwise;
      }
    }

    /** The arguments from an index on. */
    public String[] argsFrom(int i) {
      return i >= args.size() ? new String[0] : args.subList(i, args.size()).toArray(new String[0]);
    }
  }
}
