package org.faasgrip.grip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.faasgrip.internal.Http;

/** Reads the GRIP headers the proxy adds to a request: {@code Grip-Last} and {@code Grip-Feature}. */
final class GripRequestHeaders {
  /** More than the proxy ever sends: Pushpin caps a connection at 20 channels by default. */
  static final int MAX_ENTRIES = 100;
  /** Per header value; a value is a channel name and an id per entry. */
  static final int MAX_VALUE_CHARS = 16 * 1024;

  private static final String LAST_ID = "last-id=";

  private GripRequestHeaders() {}

  static Map<String, String> gripLast(Headers headers) {
    List<String> values = headers.values("Grip-Last");
    if (values.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String v : values) {
      checkLength("Grip-Last", v);
      parseLast(v, out);
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * One value: {@code name; last-id=ID}, or several joined by commas (as some platforms join repeated headers).
   * Pushpin writes the id as it is, unquoted, so an id may hold commas, semicolons and quotes: an entry ends only
   * where a comma is followed by the next {@code name; last-id=}.
   */
  private static void parseLast(String v, Map<String, String> out) {
    int i = skipSpace(v, 0);
    while (i < v.length()) {
      int semi = v.indexOf(';', i);
      if (semi < 0) {
        throw new GripHeaderException("Grip-Last entry at index " + i + " has no '; last-id=' (expected"
            + " 'CHANNEL; last-id=ID')");
      }
      String name = v.substring(i, semi).trim();
      checkChannel(name, i);
      int p = skipSpace(v, semi + 1);
      if (!v.regionMatches(true, p, LAST_ID, 0, LAST_ID.length())) {
        throw new GripHeaderException("Grip-Last entry for channel '" + name + "' has no last-id parameter at index "
            + p + " (expected 'CHANNEL; last-id=ID')");
      }
      int idStart = p + LAST_ID.length();
      int end = nextEntry(v, idStart);
      String id = v.substring(idStart, end < 0 ? v.length() : end);
      int bad = Http.indexOfBadValueChar(id);
      if (bad >= 0) {
        throw new GripHeaderException("Grip-Last id for channel '" + name + "' has a control character at index "
            + (idStart + bad));
      }
      if (!out.containsKey(name) && out.size() == MAX_ENTRIES) {
        throw new GripHeaderException("Grip-Last names more than " + MAX_ENTRIES + " channels");
      }
      out.put(name, id);
      if (end < 0) {
        return;
      }
      i = skipSpace(v, end + 1);
    }
  }

  /** The index of the comma that starts the next entry, or -1. */
  private static int nextEntry(String v, int from) {
    for (int c = v.indexOf(',', from); c >= 0; c = v.indexOf(',', c + 1)) {
      int n = skipSpace(v, c + 1);
      int k = n;
      while (k < v.length() && isChannelChar(v.charAt(k))) {
        k++;
      }
      if (k == n) {
        continue;
      }
      k = skipSpace(v, k);
      if (k < v.length() && v.charAt(k) == ';'
          && v.regionMatches(true, skipSpace(v, k + 1), LAST_ID, 0, LAST_ID.length())) {
        return c;
      }
    }
    return -1;
  }

  static Set<String> gripFeatures(Headers headers) {
    List<String> values = headers.values("Grip-Feature");
    if (values.isEmpty()) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String v : values) {
      checkLength("Grip-Feature", v);
      int start = 0;
      while (start <= v.length()) {
        int comma = v.indexOf(',', start);
        int end = comma < 0 ? v.length() : comma;
        String f = v.substring(start, end).trim();
        if (!f.isEmpty()) {
          for (int k = 0; k < f.length(); k++) {
            char c = f.charAt(k);
            if (c <= 0x20 || c >= 0x7f) {
              throw new GripHeaderException("Grip-Feature entry '" + Http.printable(f) + "' has a character that is"
                  + " not visible ASCII at index " + k);
            }
          }
          if (out.add(f) && out.size() > MAX_ENTRIES) {
            throw new GripHeaderException("Grip-Feature names more than " + MAX_ENTRIES + " features");
          }
        }
        if (comma < 0) {
          break;
        }
        start = comma + 1;
      }
    }
    return Collections.unmodifiableSet(out);
  }

  private static void checkLength(String header, String v) {
    if (v.length() > MAX_VALUE_CHARS) {
      throw new GripHeaderException(header + " value is " + v.length() + " characters, more than the "
          + MAX_VALUE_CHARS + " accepted");
    }
  }

  private static void checkChannel(String name, int at) {
    if (name.isEmpty()) {
      throw new GripHeaderException("Grip-Last entry at index " + at + " has an empty channel name");
    }
    for (int k = 0; k < name.length(); k++) {
      if (!isChannelChar(name.charAt(k))) {
        throw new GripHeaderException("Grip-Last channel '" + Http.printable(name) + "' has a character a channel"
            + " name cannot hold at index " + k);
      }
    }
  }

  private static boolean isChannelChar(char c) {
    return c > 0x20 && c < 0x7f && c != ',' && c != ';' && c != '"';
  }

  private static int skipSpace(String v, int i) {
    while (i < v.length() && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
