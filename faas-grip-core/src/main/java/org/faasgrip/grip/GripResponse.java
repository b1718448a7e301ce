package org.faasgrip.grip;

import java.nio.charset.StandardCharsets;
import org.faasgrip.internal.Checks;
import org.faasgrip.internal.Http;

/**
 * A platform-neutral HTTP response for the proxy: status, headers in order and body bytes. The core produces
 * one (from {@code WebSocketContext.toResponse()}, or a hold response built here); a platform adapter wraps it
 * in the platform's response type. Instances are immutable.
 */
public final class GripResponse {
  /** The body of a response without one: an empty array, shared since nothing can be written to it. */
  private static final byte[] EMPTY = new byte[0];
  private final int status;
  private final Headers headers;
  private final byte[] body;

  private GripResponse(Builder b) {
    this.status = b.status;
    this.headers = b.headers.build();
    this.body = b.body;
  }

  /** Returns a builder; status defaults to 200 and the body to empty.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the HTTP status code.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /** Returns every header in the order added; a name may appear more than once.
   *
   * @return the headers
   */
  public Headers headers() {
    return headers;
  }

  /**
   * Returns the first value of a header, compared without case, or null: {@code headers().get(name)}.
   *
   * @param name the header name
   * @return the first value, or null
   */
  public String header(String name) {
    return headers.get(name);
  }

  /** Returns the body bytes. The array is the response's own: do not modify it.
   *
   * @return the body, empty when there is none
   */
  public byte[] body() {
    return body;
  }

  /** Builds a {@link GripResponse}. Not thread-safe. */
  public static final class Builder {
    private int status = 200;
    // Room for the usual few headers.
    private final Headers.Builder headers = new Headers.Builder(8);
    private byte[] body = EMPTY;

    private Builder() {}

    /** Sets the status code.
     *
     * @param status the HTTP status, 100 to 599
     * @return this builder
     */
    public Builder status(int status) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("status must be 100..599, was " + status);
      }
      this.status = status;
      return this;
    }

    /**
     * Adds a header; adding a name twice sends it twice.
     *
     * @param name the header name, an HTTP token
     * @param value the value: no CR, LF, NUL or other control character but tab
     * @return this builder
     * @throws InvalidHeaderException if the name is not a token or the value holds a control character
     * @throws org.faasgrip.GripException if the name or value is null
     */
    public Builder addHeader(String name, String value) {
      Checks.notNull(name, "header name");
      Checks.notNull(value, "header value");
      if (!Http.isToken(name)) {
        throw new InvalidHeaderException("header name '" + Http.printable(name) + "' is not an HTTP token (letters,"
            + " digits and !#$%&'*+-.^_`|~ only)");
      }
      int bad = Http.indexOfBadValueChar(value);
      if (bad >= 0) {
        // The value is not shown: it may be a credential.
        throw new InvalidHeaderException("header '" + name + "' has control character U+"
            + String.format("%04X", (int) value.charAt(bad)) + " at index " + bad
            + " of its value: CR, LF and other control characters could inject headers");
      }
      headers.add(name, value);
      return this;
    }

    /**
     * Adds every header of another set, in order (such as {@code GripInstruct.headers()}), each checked as by
     * {@link #addHeader}.
     *
     * @param more the headers to add
     * @return this builder
     * @throws InvalidHeaderException if a name is not a token or a value holds a control character
     */
    public Builder addHeaders(Headers more) {
      for (int i = 0, n = more.size(); i < n; i++) {
        addHeader(more.name(i), more.value(i));
      }
      return this;
    }

    /**
     * Sets the body. The array is kept, not copied.
     *
     * @param body the body bytes; null means empty
     * @return this builder
     */
    public Builder body(byte[] body) {
      this.body = body == null ? EMPTY : body;
      return this;
    }

    /**
     * Sets the body to the UTF-8 bytes of a text.
     *
     * @param text the body text
     * @return this builder
     */
    public Builder body(String text) {
      return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Builds the response.
     *
     * @return the immutable response
     */
    public GripResponse build() {
      return new GripResponse(this);
    }
  }
}
