package org.faasgrip.internal;

import java.net.URI;

/** Writes URIs for logs, messages and {@code toString()}: without anything that may be a credential. */
public final class Uris {
  private Uris() {}

  /**
   * Returns the URI without userinfo and with every query value replaced by {@code ***}: a query parameter's
   * name says what it is, its value may be a token (a key pasted under a name this library does not know).
   *
   * @param uri the URI; may be null
   * @return the text to show; {@code "null"} for a null URI
   */
  public static String forLogs(URI uri) {
    if (uri == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder();
    if (uri.getScheme() != null) {
      b.append(uri.getScheme()).append(':');
    }
    if (uri.getHost() != null) {
      b.append("//").append(uri.getHost());
      if (uri.getPort() >= 0) {
        b.append(':').append(uri.getPort());
      }
    } else if (uri.getRawAuthority() != null) {
      b.append("//***");
    }
    if (uri.getRawPath() != null) {
      b.append(uri.getRawPath());
    }
    String query = uri.getRawQuery();
    if (query != null) {
      b.append('?');
      int from = 0;
      while (from <= query.length()) {
        int amp = query.indexOf('&', from);
        int to = amp < 0 ? query.length() : amp;
        int eq = query.indexOf('=', from);
        if (eq >= 0 && eq < to) {
          b.append(query, from, eq).append("=***");
        } else {
          b.append(query, from, to);
        }
        if (amp < 0) {
          break;
        }
        b.append('&');
        from = amp + 1;
      }
    }
    return b.toString();
  }
}
