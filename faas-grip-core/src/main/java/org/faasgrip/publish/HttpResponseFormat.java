package org.faasgrip.publish;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.faasgrip.grip.Headers;
import org.faasgrip.internal.Http;

/**
 * The response given to every held long-polling request ({@code Grip-Hold: response}) subscribed to the
 * channel, or the hint to fetch it from the origin. Published as {@code "http-response"}: {@code code} (when set;
 * the proxy defaults to 200), {@code reason}, {@code headers} (an object; a list of {@code [name, value]} pairs
 * when a name repeats) and {@code body} for text or {@code body-bin} (base64) for bytes; a response built without
 * a body is published with an empty {@code body}, since Pushpin refuses an {@code http-response} with none.
 * {@link #hint()} publishes {@code {"action": "hint"}}.
 *
 * <pre>{@code
 * HttpResponseFormat.of("new data\n");
 * HttpResponseFormat.builder().code(409).reason("Conflict").header("Content-Type", "text/plain").body("stale\n").build();
 * }</pre>
 *
 * <p>There is no {@code close} nor {@code refresh} for held responses: Pushpin parses both actions and then drops
 * them for this format (to end a long-poll, send it a response; 1.36 refuses {@code refresh} altogether).
 * Immutable.
 */
public final class HttpResponseFormat implements Format {
  private static final HttpResponseFormat HINT = new HttpResponseFormat();

  private final boolean hint;
  private final int code;
  private final String reason;
  private final Headers headers;
  private final String text;
  private final byte[] bytes;

  private HttpResponseFormat(Builder b) {
    this.hint = false;
    this.code = b.code;
    this.reason = b.reason;
    this.headers = b.headers.build();
    this.text = b.text;
    this.bytes = b.bytes;
  }

  private HttpResponseFormat() {
    this.hint = true;
    this.code = 0;
    this.reason = null;
    this.headers = Headers.empty();
    this.text = null;
    this.bytes = null;
  }

  /**
   * Returns a format whose response has a text body (sent as UTF-8) and the proxy's defaults otherwise.
   *
   * @param body the body text
   * @return the format
   * @throws InvalidItemException if body is null
   */
  public static HttpResponseFormat of(String body) {
    return builder().body(body).build();
  }

  /**
   * Returns a format whose response has a binary body and the proxy's defaults otherwise.
   *
   * @param body the body bytes; copied
   * @return the format
   * @throws InvalidItemException if body is null
   */
  public static HttpResponseFormat of(byte[] body) {
    return builder().body(body).build();
  }

  /** Returns a builder for a response with every part optional.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the format that tells the proxy to fetch each held request's response from the origin itself
   * ({@code {"action": "hint"}}) instead of receiving it in the publish.
   *
   * <p>Pushpin then sends each held request again to the origin, as the client first sent it, and handles the
   * answer as it did the first: an ordinary response goes to the client, a new {@code Grip-Hold} holds it again.
   * Useful when the response differs per client (it is made from the request's own headers, cookies or query) or
   * is too large to publish.
   *
   * @return the hint format
   */
  public static HttpResponseFormat hint() {
    return HINT;
  }

  @Override
  public String name() {
    return "http-response";
  }

  /**
   * Returns the format's action: {@code send} (deliver this response) or {@code hint}.
   *
   * @return the action
   */
  @Override
  public String action() {
    return hint ? "hint" : "send";
  }

  /** Returns the status code, or 0 when not set (the proxy then sends 200).
   *
   * @return the code, or 0
   */
  public int code() {
    return code;
  }

  /** Returns the reason phrase, or null when not set.
   *
   * @return the reason, or null
   */
  public String reason() {
    return reason;
  }

  /** Returns the headers, in the order added.
   *
   * @return the headers
   */
  public Headers headers() {
    return headers;
  }

  /** Returns whether the body was given as bytes (published as {@code body-bin}).
   *
   * @return true for a binary body
   */
  public boolean isBinary() {
    return bytes != null;
  }

  /** Returns the body text, or null when the body is bytes or not set.
   *
   * @return the text, or null
   */
  public String text() {
    return text;
  }

  /**
   * Returns the body as bytes (text as UTF-8); empty when not set.
   *
   * @return a copy of the body
   */
  public byte[] body() {
    if (bytes != null) {
      return bytes.clone();
    }
    return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
  }

  boolean isHint() {
    return hint;
  }

  byte[] rawBytes() {
    return bytes;
  }

  boolean hasRepeatedHeaderName() {
    for (int i = 1; i < headers.size(); i++) {
      String n = headers.name(i);
      for (int j = 0; j < i; j++) {
        if (headers.name(j).equalsIgnoreCase(n)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpResponseFormat f
        && hint == f.hint
        && code == f.code
        && Objects.equals(reason, f.reason)
        && headers.equals(f.headers)
        && Objects.equals(text, f.text)
        && Arrays.equals(bytes, f.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hint, code, reason, headers, text, Arrays.hashCode(bytes));
  }

  @Override
  public String toString() {
    if (hint) {
      return "HttpResponseFormat[hint]";
    }
    return "HttpResponseFormat[code=" + code + ", " + headers.size() + " headers, "
        + (bytes != null ? bytes.length + " bytes" : text != null ? text.length() + " chars" : "no body") + "]";
  }

  /** Builds an {@link HttpResponseFormat}. Not thread-safe. */
  public static final class Builder {
    private int code;
    private String reason;
    private final Headers.Builder headers = Headers.builder();
    private String text;
    private byte[] bytes;

    private Builder() {}

    /**
     * Sets the status code.
     *
     * @param code the status, 100 to 599
     * @return this builder
     * @throws InvalidItemException if the code is out of range
     */
    public Builder code(int code) {
      if (code < 100 || code > 599) {
        throw new InvalidItemException("http-response code must be 100..599, was " + code);
      }
      this.code = code;
      return this;
    }

    /**
     * Sets the reason phrase.
     *
     * @param reason the reason, such as {@code Not Found}; no line breaks
     * @return this builder
     * @throws InvalidItemException if reason is null or holds a control character
     */
    public Builder reason(String reason) {
      if (reason == null) {
        throw new InvalidItemException("http-response reason must not be null");
      }
      int bad = Http.indexOfBadValueChar(reason);
      if (bad >= 0) {
        throw new InvalidItemException("http-response reason has a control character at index " + bad);
      }
      this.reason = reason;
      return this;
    }

    /**
     * Adds a header; a name added twice is sent twice.
     *
     * @param name the header name, an HTTP token
     * @param value the value; no line breaks
     * @return this builder
     * @throws InvalidItemException if the name is not a token or the value holds a control character
     */
    public Builder header(String name, String value) {
      if (!Http.isToken(name)) {
        throw new InvalidItemException("http-response header name is not an HTTP token: "
            + (name == null ? "null" : "'" + name + "'"));
      }
      if (value == null) {
        throw new InvalidItemException("http-response header '" + name + "' has a null value");
      }
      int bad = Http.indexOfBadValueChar(value);
      if (bad >= 0) {
        throw new InvalidItemException("http-response header '" + name
            + "' has a control character (such as CR or LF) at index " + bad);
      }
      headers.add(name, value);
      return this;
    }

    /**
     * Sets a text body, sent as UTF-8; replaces any body set before.
     *
     * @param body the body text
     * @return this builder
     * @throws InvalidItemException if body is null
     */
    public Builder body(String body) {
      if (body == null) {
        throw new InvalidItemException("http-response body must not be null");
      }
      this.text = body;
      this.bytes = null;
      return this;
    }

    /**
     * Sets a binary body, published as {@code body-bin}; replaces any body set before.
     *
     * @param body the body bytes; copied
     * @return this builder
     * @throws InvalidItemException if body is null
     */
    public Builder body(byte[] body) {
      if (body == null) {
        throw new InvalidItemException("http-response body must not be null");
      }
      this.bytes = body.clone();
      this.text = null;
      return this;
    }

    /** Builds the format.
     *
     * @return the immutable format
     */
    public HttpResponseFormat build() {
      return new HttpResponseFormat(this);
    }
  }
}
