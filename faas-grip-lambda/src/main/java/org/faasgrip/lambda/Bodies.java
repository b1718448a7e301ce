package org.faasgrip.lambda;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** Body conversions between Lambda's string bodies and the core's bytes, shared by every event format. */
final class Bodies {
  private static final byte[] EMPTY = new byte[0];

  private Bodies() {}

  /**
   * Turns an event's body field into bytes.
   *
   * @param body the body field; null when the request had no body
   * @param base64 the event's {@code isBase64Encoded}
   * @return the bytes, empty for a missing body
   * @throws LambdaEventException when {@code base64} is set and the body is not base64
   */
  static byte[] decode(String body, boolean base64) {
    if (body == null || body.isEmpty()) {
      return EMPTY;
    }
    if (!base64) {
      return body.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new LambdaEventException(
          "event field 'body' is marked isBase64Encoded but is not base64 (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Tells whether a response body may go out as plain text: its content type is textual and its bytes are
   * valid UTF-8. Everything else, WebSocket-over-HTTP events included, goes out base64.
   *
   * @param contentType the response's Content-Type, or null
   * @param body the body bytes
   * @return true to send the body as a plain string
   */
  static boolean isPlainText(String contentType, byte[] body) {
    if (body.length == 0) {
      // An empty body is the same in both encodings; keep the flag false unless the type is binary.
      return contentType == null || isTextual(contentType);
    }
    if (contentType == null || !isTextual(contentType)) {
      return false;
    }
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean isTextual(String contentType) {
    String t = contentType.trim().toLowerCase(Locale.ROOT);
    int semi = t.indexOf(';');
    if (semi >= 0) {
      t = t.substring(0, semi).trim();
    }
    return t.startsWith("text/")
        || t.equals("application/json")
        || t.endsWith("+json")
        || t.equals("application/xml")
        || t.endsWith("+xml")
        || t.equals("application/javascript")
        || t.equals("application/x-www-form-urlencoded");
  }

  /**
   * Encodes a response body for a Lambda response.
   *
   * @param body the bytes
   * @param plain true for a plain UTF-8 string, false for base64
   * @return the body field's value
   */
  static String encode(byte[] body, boolean plain) {
    return plain ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body);
  }
}
