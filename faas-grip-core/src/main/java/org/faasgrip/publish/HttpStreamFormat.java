package org.faasgrip.publish;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Content appended to every HTTP streaming connection ({@code Grip-Hold: stream}) subscribed to the channel, or
 * an instruction about those streams. Published as {@code "http-stream"}: {@code {"content": "..."}} for text,
 * {@code {"content-bin": "<base64>"}} for bytes, {@code {"action": "close"}} to close, {@code {"action":
 * "hint"}} to make the proxy fetch the content from the origin itself.
 *
 * <p>There is no {@code refresh} for streams: Pushpin (1.38 and later; 1.36 refuses the action altogether) drops
 * it for this format.
 *
 * <p>Immutable.
 */
public final class HttpStreamFormat implements Format {
  private static final int SEND = 0;
  private static final int CLOSE = 1;
  private static final int HINT = 2;

  private static final HttpStreamFormat CLOSE_ALL = new HttpStreamFormat(CLOSE, null, null);
  private static final HttpStreamFormat HINT_ALL = new HttpStreamFormat(HINT, null, null);

  private final int action;
  private final String text;
  private final byte[] bytes;

  private HttpStreamFormat(int action, String text, byte[] bytes) {
    this.action = action;
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
    return new HttpStreamFormat(SEND, content, null);
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
    return new HttpStreamFormat(SEND, null, content.clone());
  }

  /**
   * Returns the format that closes each stream ({@code {"action": "close"}}).
   *
   * @return the close format
   */
  public static HttpStreamFormat close() {
    return CLOSE_ALL;
  }

  /**
   * Returns the format that tells each stream's proxy to fetch the new content from the origin itself
   * ({@code {"action": "hint"}}) instead of receiving it in the publish.
   *
   * <p>Pushpin acts on it only for a stream whose origin response carried a next link
   * ({@code Grip-Link: <URI>; rel=next}): it requests that URI from the origin at once and appends the answer's
   * body to the stream; the answer's own {@code Grip-*} headers (a new next link, other channels) then apply. A
   * stream without a next link ignores the hint. Useful when the content is large, differs per subscriber, or
   * must come from the origin's own state; Pushpin clears what it had queued for the stream, since the fetch
   * supersedes it.
   *
   * @return the hint format
   */
  public static HttpStreamFormat hint() {
    return HINT_ALL;
  }

  @Override
  public String name() {
    return "http-stream";
  }

  /**
   * Returns the format's action: {@code send} (append content), {@code close} or {@code hint}.
   *
   * @return the action
   */
  @Override
  public String action() {
    return action == SEND ? "send" : action == CLOSE ? "close" : "hint";
  }

  /** Returns whether this format closes the streams instead of appending to them.
   *
   * @return true for {@link #close()}
   */
  public boolean isClose() {
    return action == CLOSE;
  }

  /** Returns whether the content was given as bytes (published as {@code content-bin}).
   *
   * @return true for {@link #of(byte[])}
   */
  public boolean isBinary() {
    return bytes != null;
  }

  /**
   * Returns the content as bytes (text as UTF-8); empty for a close or a hint.
   *
   * @return a copy of the content
   */
  public byte[] content() {
    if (bytes != null) {
      return bytes.clone();
    }
    return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the text content, or null when the content is bytes or this is a close or a hint.
   *
   * @return the text, or null
   */
  public String text() {
    return text;
  }

  boolean isHint() {
    return action == HINT;
  }

  // The JSON writer reads the array directly: no copy on the publish path.
  byte[] rawBytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpStreamFormat f
        && action == f.action
        && java.util.Objects.equals(text, f.text)
        && Arrays.equals(bytes, f.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * action + java.util.Objects.hashCode(text)) + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    if (action != SEND) {
      return "HttpStreamFormat[" + action() + "]";
    }
    return bytes != null
        ? "HttpStreamFormat[" + bytes.length + " bytes]"
        : "HttpStreamFormat[" + text.length() + " chars]";
  }
}
