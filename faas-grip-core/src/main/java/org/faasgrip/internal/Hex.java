package org.faasgrip.internal;

/** Reading hexadecimal digits, as the WebSocket-over-HTTP codec and the Lambda event reader both do. */
public final class Hex {
  private Hex() {}

  /**
   * Returns the value of one hexadecimal digit, either case.
   *
   * @param c an ASCII byte
   * @return 0 to 15, or -1 when the byte is not a hexadecimal digit
   */
  public static int value(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
