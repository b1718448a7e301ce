package org.faasgrip.grip;

/** When the proxy sends keep-alive data on a held stream ({@code Grip-Keep-Alive}'s {@code mode}). */
public enum KeepAliveMode {
  /** After the stream has been idle for the timeout (the proxy's default). */
  IDLE("idle"),
  /** Every timeout seconds, whether or not anything else was sent. */
  INTERVAL("interval");

  private final String value;

  KeepAliveMode(String value) {
    this.value = value;
  }

  /** Returns the parameter value: {@code idle} or {@code interval}.
   *
   * @return the {@code mode} value
   */
  public String value() {
    return value;
  }
}
