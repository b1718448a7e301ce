package org.faasgrip.publish;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Content appended to every HTTP streaming connection ({@code Grip-Hold: stream}) subscribed to the channel, or
 * the instruction to close those streams. Published as {@code "http-stream"}: {@code {"content": "..."}} for
 * text, {@code {"content-bin": "<base64>"}} for bytes, {@code {"action": "close"}} to close.
 *
 * <p>Immutable.
 */
public final class HttpStreamFormat implements Format {
  private static final HttpStreamFormat CLOSE = new HttpStreamFormat(null, null);

  private final String text;
  private final byte[] bytes;

  private HttpStreamFormat(String text, byte[] bytes) {
    this.text = text;
    this.bytes = bytes;
  }

  /**
   * Returns a format that appends text (sent as UTF-8) to each stream.
   *
   * @param content the text to append
   * @return the format
   * @throws InvalidItemException if content is null
   */
  public static HttpStreamFormat of(String content) {
    if (content == null) {
      throw new InvalidItemException("http-stream content must not be null");
    }
    return new HttpStreamFormat(content, null);
  }

  /**
   * Returns a format that appends bytes to each stream; published base64-encoded as {@code content-bin}.
   *
   * @param content the bytes to append; copied
   * @return the format
   * @throws InvalidItemException if content is null
   */
  public static HttpStreamFormat of(byte[] content) {
    if (content == null) {
      throw new InvalidItemException("http-stream content must not be null");
    }
    return new HttpStreamFormat(null, content.clone());
  }

  /**
   * Returns the format that closes each stream ({@code {"action": "close"}}).
   *
   * @return the close format
   */
  public static HttpStreamFormat close() {
    return CLOSE;
  }

  @Override
  public String name() {
    return "http-stream";
  }

  /** Returns whether this format closes the streams instead of appending to them.
   *
   * @return true for {@link #close()}
   */
  public boolean isClose() {
    return text == null && bytes == null;
  }

  /** Returns whether the content was given as bytes (published as {@code content-bin}).
   *
   * @return true for {@link #of(byte[])}
   */
  public boolean isBinary() {
    return bytes != null;
  }

  /**
   * Returns the content as bytes (text as UTF-8); empty for a close.
   *
   * @return a copy of the content
   */
  public byte[] content() {
    if (bytes != null) {
      return bytes.clone();
    }
    return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the text content, or null when the content is bytes or this is a close.
   *
   * @return the text, or null
   */
  public String text() {
    return text;
  }

  // The JSON writer reads the array directly: no copy on the publish path.
  byte[] rawBytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpStreamFormat f
        && java.util.Objects.equals(text, f.text)
        && Arrays.equals(bytes, f.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Objects.hashCode(text) + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    if (isClose()) {
      return "HttpStreamFormat[close]";
    }
    return bytes != null
        ? "HttpStreamFormat[" + bytes.length + " bytes]"
        : "HttpStreamFormat[" + text.length() + " chars]";
  }
}
