package org.faasgrip.internal;

/** The check of a user name that the proxy's filters compare: one rule for connections and items. */
public final class Users {
  private Users() {}

  /**
   * Says what keeps a string from being a user that the filters compare exactly, or returns null: a user goes
   * into meta (a header value), a channel name and the comma-separated {@code skip_users} list, which Pushpin
   * splits on commas and trims.
   *
   * @param user the user
   * @return what is wrong, as the end of a sentence that starts with the user, or null
   */
  public static String problem(String user) {
    if (user == null) {
      return "is null";
    }
    if (user.isEmpty()) {
      return "is empty";
    }
    int bad = Http.indexOfBadValueChar(user);
    if (bad >= 0) {
      return "has control character U+" + String.format("%04X", (int) user.charAt(bad)) + " at index " + bad;
    }
    int comma = user.indexOf(',');
    if (comma >= 0) {
      return "has a comma at index " + comma + ": skip_users lists users separated by commas";
    }
    if (Character.isWhitespace(user.charAt(0)) || Character.isWhitespace(user.charAt(user.length() - 1))) {
      return "starts or ends with white space, which the proxy trims from skip_users";
    }
    return null;
  }
}
