package org.faasgrip.publish;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.faasgrip.websocket.WebSocketEvent;

/**
 * A message sent to every WebSocket connection subscribed to the channel, or an instruction about those
 * connections. Published as {@code "ws-message"}:
 *
 * <ul>
 *   <li>{@link #text(String)}: {@code {"content": "..."}}, a text message;
 *   <li>{@link #binary(byte[])}: {@code {"content-bin": "<base64>"}}, a binary message;
 *   <li>{@link #ping(byte[])}, {@link #pong(byte[])}: {@code {"type": "ping", "content-bin": "<base64>"}}, a
 *       control frame (its payload at most {@value #MAX_CONTROL_PAYLOAD_BYTES} bytes, as RFC 6455 requires);
 *   <li>{@link #close()}: {@code {"action": "close"}}, with {@code "code"} and {@code "reason"} when given;
 *   <li>{@link #refresh()}: {@code {"action": "refresh"}}, which makes the proxy call the origin for each
 *       connection now (a WebSocket-over-HTTP request), as its keep-alive timer would; Pushpin 1.38 or later.
 * </ul>
 *
 * <p>There is no {@code hint} for WebSockets: Pushpin parses the action and then drops it for this format.
 *
 * <p>Close codes are checked against RFC 6455: 1000–1003, 1007–1014 and 3000–4999 may be sent; 1004–1006 and
 * 1015 are reserved for the endpoints' own use, and 0 (which an earlier library sent) is not a close code at all.
 * A close without a code sends none (never the invalid 0); what the client then sees is the proxy's choice
 * (Pushpin 1.36 closes with 1000). Immutable.
 */
public final class WebSocketMessageFormat implements Format {
  /** The longest close reason, in UTF-8 bytes: a close frame's payload is at most 125 bytes, 2 of them the code. */
  public static final int MAX_CLOSE_REASON_BYTES = 123;

  /** The longest payload of a ping or pong: RFC 6455 (section 5.5) limits a control frame's payload to 125 bytes. */
  public static final int MAX_CONTROL_PAYLOAD_BYTES = 125;

  // What the format does; the protocol's type (send) or action (close, refresh) is derived from it.
  private static final int TEXT = 0;
  private static final int BINARY = 1;
  private static final int PING = 2;
  private static final int PONG = 3;
  private static final int CLOSE = 4;
  private static final int REFRESH = 5;

  private static final WebSocketMessageFormat CLOSE_NO_CODE = new WebSocketMessageFormat(CLOSE, null, null, 0, null);
  private static final WebSocketMessageFormat REFRESH_ALL = new WebSocketMessageFormat(REFRESH, null, null, 0, null);

  private final int kind;
  private final String text;
  private final byte[] bytes;
  private final int closeCode;
  private final String closeReason;

  private WebSocketMessageFormat(int kind, String text, byte[] bytes, int closeCode, String closeReason) {
    this.kind = kind;
    this.text = text;
    this.bytes = bytes;
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
    return new WebSocketMessageFormat(TEXT, content, null, 0, null);
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
    return new WebSocketMessageFormat(BINARY, null, content.clone(), 0, null);
  }

  /**
   * Returns a format that sends a ping frame to each connection: {@code {"type": "ping", "content-bin": ...}}.
   * The client's WebSocket answers it with a pong, which the proxy passes to the origin as a {@code PONG} event.
   *
   * @param payload the ping's payload, at most {@value #MAX_CONTROL_PAYLOAD_BYTES} bytes (may be empty); copied
   * @return the format
   * @throws InvalidItemException if payload is null or longer than {@value #MAX_CONTROL_PAYLOAD_BYTES} bytes
   */
  public static WebSocketMessageFormat ping(byte[] payload) {
    return new WebSocketMessageFormat(PING, null, checkControlPayload("ping", payload), 0, null);
  }

  /**
   * Returns a format that sends an unsolicited pong frame to each connection (a one-way heartbeat, which RFC 6455
   * allows and which needs no answer): {@code {"type": "pong", "content-bin": ...}}.
   *
   * @param payload the pong's payload, at most {@value #MAX_CONTROL_PAYLOAD_BYTES} bytes (may be empty); copied
   * @return the format
   * @throws InvalidItemException if payload is null or longer than {@value #MAX_CONTROL_PAYLOAD_BYTES} bytes
   */
  public static WebSocketMessageFormat pong(byte[] payload) {
    return new WebSocketMessageFormat(PONG, null, checkControlPayload("pong", payload), 0, null);
  }

  /**
   * Returns the format that makes the proxy call the origin for each connection now ({@code {"action":
   * "refresh"}}): for a connection it serves with WebSocket-over-HTTP, Pushpin sends the origin a request at once,
   * as its keep-alive timer would, and carries out what the origin answers (messages, control messages such as new
   * subscriptions, {@code Set-Meta-*} headers). Use it when something outside the connection changed what the
   * origin would tell it. Nothing is sent to the client itself.
   *
   * <p><b>Pushpin 1.38 or later</b> (its changelog: "Publish refresh action for triggering WebSocket-over-HTTP
   * requests"): Pushpin 1.36 and 1.37 refuse the whole publish with {@code 400 Invalid format}, which the
   * publisher reports as a {@code PublishException} without retrying.
   *
   * @return the refresh format
   */
  public static WebSocketMessageFormat refresh() {
    return REFRESH_ALL;
  }

  /**
   * Returns the format that closes each connection without a close code.
   *
   * @return the close format
   */
  public static WebSocketMessageFormat close() {
    return CLOSE_NO_CODE;
  }

  /**
   * Returns a format that closes each connection with a close code.
   *
   * @param code the close code: 1000–1003, 1007–1014 or 3000–4999
   * @return the close format
   * @throws InvalidItemException if RFC 6455 does not allow sending the code
   */
  public static WebSocketMessageFormat close(int code) {
    return new WebSocketMessageFormat(CLOSE, null, null, checkCloseCode(code), null);
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
    return new WebSocketMessageFormat(CLOSE, null, null, code, reason);
  }

  private static byte[] checkControlPayload(String type, byte[] payload) {
    if (payload == null) {
      throw new InvalidItemException("ws-message " + type + " payload must not be null (use new byte[0] for none)");
    }
    if (payload.length > MAX_CONTROL_PAYLOAD_BYTES) {
      throw new InvalidItemException("ws-message " + type + " payload is " + payload.length + " bytes; a control"
          + " frame carries at most " + MAX_CONTROL_PAYLOAD_BYTES + " (RFC 6455, section 5.5)");
    }
    return payload.clone();
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

  /**
   * Returns the format's action: {@code send} for a message or a ping or pong, {@code close} or {@code refresh}.
   *
   * @return the action
   */
  @Override
  public String action() {
    return kind == CLOSE ? "close" : kind == REFRESH ? "refresh" : "send";
  }

  /**
   * Returns the type of the message sent: {@code text}, {@code binary}, {@code ping} or {@code pong}; null when
   * this format closes or refreshes the connections instead.
   *
   * @return the message type, or null
   */
  public String type() {
    switch (kind) {
      case TEXT:
        return "text";
      case BINARY:
        return "binary";
      case PING:
        return "ping";
      case PONG:
        return "pong";
      default:
        return null;
    }
  }

  /** Returns whether this format closes the connections instead of sending a message.
   *
   * @return true for the {@code close} factories
   */
  public boolean isClose() {
    return kind == CLOSE;
  }

  /** Returns whether this is a binary message.
   *
   * @return true for {@link #binary(byte[])}
   */
  public boolean isBinary() {
    return kind == BINARY;
  }

  /** Returns the message text, or null when this is not a text message.
   *
   * @return the text, or null
   */
  public String text() {
    return text;
  }

  /**
   * Returns the message, ping or pong payload as bytes (text as UTF-8); empty for a close or a refresh.
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

  boolean isRefresh() {
    return kind == REFRESH;
  }

  boolean isControlFrame() {
    return kind == PING || kind == PONG;
  }

  byte[] rawBytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebSocketMessageFormat f
        && kind == f.kind
        && closeCode == f.closeCode
        && Objects.equals(closeReason, f.closeReason)
        && Objects.equals(text, f.text)
        && Arrays.equals(bytes, f.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, text, Arrays.hashCode(bytes), closeCode, closeReason);
  }

  @Override
  public String toString() {
    switch (kind) {
      case CLOSE:
        return "WebSocketMessageFormat[close" + (closeCode != 0 ? " " + closeCode : "") + "]";
      case REFRESH:
        return "WebSocketMessageFormat[refresh]";
      case TEXT:
        return "WebSocketMessageFormat[text, " + text.length() + " chars]";
      default:
        return "WebSocketMessageFormat[" + type() + ", " + bytes.length + " bytes]";
    }
  }
}
