package org.faasgrip.grip;

/** How the proxy holds a request ({@code Grip-Hold}). */
public enum HoldMode {
  /** Long-polling: the request is answered by the first publish on a channel, or by the response on timeout. */
  RESPONSE("response"),
  /** Streaming: the response stays open and every publish on a channel is appended to it. */
  STREAM("stream");

  private final String value;

  HoldMode(String value) {
    this.value = value;
  }

  /** Returns the header value: {@code response} or {@code stream}.
   *
   * @return the {@code Grip-Hold} value
   */
  public String value() {
    return value;
  }
}
