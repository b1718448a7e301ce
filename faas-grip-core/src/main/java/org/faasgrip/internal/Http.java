package org.faasgrip.internal;

/**
 * Checks of HTTP syntax shared by the packages that write headers. Internal: not part of the public API.
 */
public final class Http {
  private Http() {}

  /**
   * Returns whether a character may appear in an HTTP token (RFC 9110 {@code tchar}): header names, parameter
   * names and unquoted parameter values.
   *
   * @param c the character
   * @return true for a tchar
   */
  public static boolean isTokenChar(char c) {
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
      return true;
    }
    return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /**
   * Returns whether a string is a non-empty HTTP token.
   *
   * @param s the string
   * @return true when every character is a tchar and there is at least one
   */
  public static boolean isToken(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns a string for a message: control characters as Java escapes (a line feed as backslash, {@code u000a}),
   * at most 40 characters and then {@code ...}, so that the message itself stays one printable line.
   *
   * @param s the string
   * @return the printable form
   */
  public static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 40; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return s.length() > 40 ? b.append("...").toString() : b.toString();
  }

  /**
   * Returns the index of the first character that may not appear in a header value (CR, LF, NUL or another
   * control character except tab), or -1 when there is none. Header injection starts with a line break.
   *
   * @param s the value
   * @return the index of the first bad character, or -1
   */
  public static int indexOfBadValueChar(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        return i;
      }
    }
    return -1;
  }
}
