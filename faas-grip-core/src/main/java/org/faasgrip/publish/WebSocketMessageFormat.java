package org.faasgrip.publish;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.faasgrip.websocket.WebSocketEvent;

/**
 * A message sent to every WebSocket connection subscribed to the channel, or the instruction to close those
 * connections. Published as {@code "ws-message"}: {@code {"content": "..."}} for a text message,
 * {@code {"content-bin": "<base64>"}} for a binary one, {@code {"action": "close"}} (with {@code "code"} and
 * {@code "reason"} when given) to close.
 *
 * <p>Close codes are checked against RFC 6455: 1000–1003, 1007–1014 and 3000–4999 may be sent; 1004–1006 and
 * 1015 are reserved for the endpoints' own use, and 0 (which an earlier library sent) is not a close code at all.
 * A close without a code sends none (never the invalid 0); what the client then sees is the proxy's choice
 * (Pushpin 1.36 closes with 1000). Immutable.
 */
public final class WebSocketMessageFormat implements Format {
  /** The longest close reason, in UTF-8 bytes: a close frame's payload is at most 125 bytes, 2 of them the code. */
  public static final int MAX_CLOSE_REASON_BYTES = 123;

  private static final WebSocketMessageFormat CLOSE = new WebSocketMessageFormat(null, null, true, 0, null);

  private final String text;
  private final byte[] bytes;
  private final boolean close;
  private final int closeCode;
  private final String closeReason;

  private WebSocketMessageFormat(String text, byte[] bytes, boolean close, int closeCode, String closeReason) {
    this.text = text;
    this.bytes = bytes;
    this.close = close;
    this.closeCode = closeCode;
    this.closeReason = closeReason;
  }

  /**
   * Returns a format that sends a text message.
   *
   * @param content the message text
   * @return the format
   * @throws InvalidItemException if content is null
   */
  public static WebSocketMessageFormat text(String content) {
    if (content == null) {
      throw new InvalidItemException("ws-message content must not be null");
    }
    return new WebSocketMessageFormat(content, null, false, 0, null);
  }

  /**
   * Returns a format that sends a binary message; published base64-encoded as {@code content-bin}.
   *
   * @param content the message bytes; copied
   * @return the format
   * @throws InvalidItemException if content is null
   */
  public static WebSocketMessageFormat binary(byte[] content) {
    if (content == null) {
      throw new InvalidItemException("ws-message content must not be null");
    }
    return new WebSocketMessageFormat(null, content.clone(), false, 0, null);
  }

  /**
   * Returns the format that closes each connection without a close code.
   *
   * @return the close format
   */
  public static WebSocketMessageFormat close() {
    return CLOSE;
  }

  /**
   * Returns a format that closes each connection with a close code.
   *
   * @param code the close code: 1000–1003, 1007–1014 or 3000–4999
   * @return the close format
   * @throws InvalidItemException if RFC 6455 does not allow sending the code
   */
  public static WebSocketMessageFormat close(int code) {
    return new WebSocketMessageFormat(null, null, true, checkCloseCode(code), null);
  }

  /**
   * Returns a format that closes each connection with a close code and a reason.
   *
   * @param code the close code: 1000–1003, 1007–1014 or 3000–4999
   * @param reason the reason, at most {@value #MAX_CLOSE_REASON_BYTES} bytes of UTF-8
   * @return the close format
   * @throws InvalidItemException if the code is not allowed, or the reason is null or too long
   */
  public static WebSocketMessageFormat close(int code, String reason) {
    checkCloseCode(code);
    if (reason == null) {
      throw new InvalidItemException("ws-message close reason must not be null (use close(code) for none)");
    }
    int len = reason.getBytes(StandardCharsets.UTF_8).length;
    if (len > MAX_CLOSE_REASON_BYTES) {
      throw new InvalidItemException("ws-message close reason is " + len + " bytes of UTF-8; at most "
          + MAX_CLOSE_REASON_BYTES + " fit in a close frame");
    }
    return new WebSocketMessageFormat(null, null, true, code, reason);
  }

  private static int checkCloseCode(int code) {
    if (!WebSocketEvent.isSendableCloseCode(code)) {
      throw new InvalidItemException("ws-message close code " + code
          + " may not be sent (RFC 6455 allows 1000-1003, 1007-1014 and 3000-4999)");
    }
    return code;
  }

  @Override
  public String name() {
    return "ws-message";
  }

  /** Returns whether this format closes the connections instead of sending a message.
   *
   * @return true for the {@code close} factories
   */
  public boolean isClose() {
    return close;
  }

  /** Returns whether this is a binary message.
   *
   * @return true for {@link #binary(byte[])}
   */
  public boolean isBinary() {
    return bytes != null;
  }

  /** Returns the message text, or null for a binary message or a close.
   *
   * @return the text, or null
   */
  public String text() {
    return text;
  }

  /**
   * Returns the message as bytes (text as UTF-8); empty for a close.
   *
   * @return a copy of the content
   */
  public byte[] content() {
    if (bytes != null) {
      return bytes.clone();
    }
    return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the close code, or 0 when this is not a close or the close has no code.
   *
   * @return the close code, or 0
   */
  public int closeCode() {
    return closeCode;
  }

  /** Returns the close reason, or null when there is none.
   *
   * @return the reason, or null
   */
  public String closeReason() {
    return closeReason;
  }

  byte[] rawBytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebSocketMessageFormat f
        && close == f.close
        && closeCode == f.closeCode
        && Objects.equals(closeReason, f.closeReason)
        && Objects.equals(text, f.text)
        && Arrays.equals(bytes, f.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, Arrays.hashCode(bytes), close, closeCode, closeReason);
  }

  @Override
  public String toString() {
    if (close) {
      return "WebSocketMessageFormat[close" + (closeCode != 0 ? " " + closeCode : "") + "]";
    }
    return bytes != null
        ? "WebSocketMessageFormat[binary, " + bytes.length + " bytes]"
        : "WebSocketMessageFormat[text, " + text.length() + " chars]";
  }
}
