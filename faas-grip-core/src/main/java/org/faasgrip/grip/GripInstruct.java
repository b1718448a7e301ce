package org.faasgrip.grip;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faasgrip.internal.Http;

/**
 * GRIP instructions for an HTTP response: hold it (streaming or long-polling) on channels, with a timeout,
 * keep-alive data, connection meta, the status the client sees, and the next link to fetch. The proxy reads and
 * strips these {@code Grip-*} headers before the client sees the response.
 *
 * <pre>{@code
 * GripInstruct instruct = GripInstruct.builder()
 *     .holdStream()
 *     .channel("news")
 *     .keepAlive(":\n\n", 20)
 *     .build();
 * GripResponse response = instruct.applyTo(GripResponse.builder(), config.prefix())
 *     .addHeader("Content-Type", "text/event-stream").body("stream open\n").build();
 * }</pre>
 *
 * <p>Headers are written in this order, each at most once: {@code Grip-Hold}, {@code Grip-Channel} (channels
 * joined by {@code ", "}), {@code Grip-Timeout}, {@code Grip-Keep-Alive}, {@code Grip-Set-Meta},
 * {@code Grip-Status}, {@code Grip-Link}, {@code Grip-Expose-Headers}. Parameter values that are HTTP tokens are
 * written bare; any other is a quoted-string with {@code \} and {@code "} escaped. Nothing with a line break is
 * accepted, so a value cannot inject a header.
 *
 * <p>Keep-alive data is written in the format that carries it exactly and shortest: {@code raw} when it is
 * printable ASCII without {@code ; , " \} or spaces; otherwise {@code cstring} (escapes {@code \\ \r \n \xHH},
 * the ones Pushpin decodes) or {@code base64}, whichever is shorter (cstring on a tie).
 *
 * <p>Immutable; build with {@link #builder()}.
 */
public final class GripInstruct {
  private final HoldMode hold;
  private final List<Channel> channels;
  private final int timeout;
  private final byte[] keepAlive;
  private final int keepAliveTimeout;
  private final KeepAliveMode keepAliveMode;
  private final Map<String, String> meta;
  private final int status;
  private final String statusReason;
  private final URI nextLink;
  private final int nextLinkTimeout;
  private final URI goneLink;
  private final List<String> exposeHeaders;

  private GripInstruct(Builder b) {
    this.hold = b.hold;
    this.channels = List.copyOf(b.channels);
    this.timeout = b.timeout;
    this.keepAlive = b.keepAlive;
    this.keepAliveTimeout = b.keepAliveTimeout;
    this.keepAliveMode = b.keepAliveMode;
    this.meta = b.meta.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.meta));
    this.status = b.status;
    this.statusReason = b.statusReason;
    this.nextLink = b.nextLink;
    this.nextLinkTimeout = b.nextLinkTimeout;
    this.goneLink = b.goneLink;
    this.exposeHeaders = List.copyOf(b.exposeHeaders);
  }

  /** Returns a builder with no instruction set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the hold mode, or null when the response is not held.
   *
   * @return the hold mode, or null
   */
  public HoldMode hold() {
    return hold;
  }

  /** Returns the channels, in order, without prefix.
   *
   * @return the channels, unmodifiable
   */
  public List<Channel> channels() {
    return channels;
  }

  /** Returns the hold timeout in seconds, or -1 when not set.
   *
   * @return the timeout, or -1
   */
  public int timeout() {
    return timeout;
  }

  /** Returns the meta to set on the connection, in the order set.
   *
   * @return the meta, unmodifiable
   */
  public Map<String, String> meta() {
    return meta;
  }

  /**
   * Returns the instructions as headers with no channel prefix.
   *
   * @return the headers, in order
   */
  public Headers headers() {
    return headers("");
  }

  /**
   * Returns the instructions as headers, with the channel prefix ({@code GRIP_PREFIX}) in front of every
   * channel name.
   *
   * @param channelPrefix the prefix; null or empty for none
   * @return the headers, in order
   * @throws GripInstructException if the prefix holds a character a channel name cannot
   */
  public Headers headers(String channelPrefix) {
    String prefix = channelPrefix == null ? "" : channelPrefix;
    if (!prefix.isEmpty()) {
      checkChannelChars(prefix, "channel prefix");
    }
    Headers.Builder out = new Headers.Builder(16);
    if (hold != null) {
      out.add("Grip-Hold", hold.value());
    }
    if (!channels.isEmpty()) {
      StringBuilder b = new StringBuilder(32);
      for (Channel c : channels) {
        if (b.length() > 0) {
          b.append(", ");
        }
        b.append(prefix).append(c.name());
        if (c.prevId() != null) {
          b.append("; prev-id=");
          appendParamValue(b, c.prevId());
        }
        for (String f : c.filters()) {
          b.append("; filter=");
          appendParamValue(b, f);
        }
      }
      out.add("Grip-Channel", b.toString());
    }
    if (timeout >= 0) {
      out.add("Grip-Timeout", Integer.toString(timeout));
    }
    if (keepAlive != null) {
      StringBuilder b = new StringBuilder(keepAlive.length + 40);
      appendKeepAliveData(b, keepAlive);
      b.append("; timeout=").append(keepAliveTimeout);
      if (keepAliveMode == KeepAliveMode.INTERVAL) {
        b.append("; mode=interval");
      }
      out.add("Grip-Keep-Alive", b.toString());
    }
    if (!meta.isEmpty()) {
      StringBuilder b = new StringBuilder(32);
      for (Map.Entry<String, String> e : meta.entrySet()) {
        if (b.length() > 0) {
          b.append(", ");
        }
        b.append(e.getKey()).append('=');
        appendQuoted(b, e.getValue());
      }
      out.add("Grip-Set-Meta", b.toString());
    }
    if (status != 0) {
      out.add("Grip-Status", statusReason == null ? Integer.toString(status) : status + " " + statusReason);
    }
    if (nextLink != null || goneLink != null) {
      StringBuilder b = new StringBuilder(64);
      if (nextLink != null) {
        b.append('<').append(linkText(nextLink)).append(">; rel=next");
        if (nextLinkTimeout >= 0) {
          b.append("; timeout=").append(nextLinkTimeout);
        }
      }
      if (goneLink != null) {
        if (b.length() > 0) {
          b.append(", ");
        }
        b.append('<').append(linkText(goneLink)).append(">; rel=gone");
      }
      out.add("Grip-Link", b.toString());
    }
    if (!exposeHeaders.isEmpty()) {
      out.add("Grip-Expose-Headers", String.join(", ", exposeHeaders));
    }
    return out.build();
  }

  /**
   * Adds the instruction headers to a response builder.
   *
   * @param response the builder to add to
   * @param channelPrefix the channel prefix; null or empty for none
   * @return the same builder, for chaining
   * @throws GripInstructException if the response builder is null or the prefix is not usable
   */
  public GripResponse.Builder applyTo(GripResponse.Builder response, String channelPrefix) {
    if (response == null) {
      throw new GripInstructException("the response builder to apply GRIP instructions to is null");
    }
    return response.addHeaders(headers(channelPrefix));
  }

  // ---- writing values ----

  private static void appendParamValue(StringBuilder b, String v) {
    if (Http.isToken(v)) {
      b.append(v);
    } else {
      appendQuoted(b, v);
    }
  }

  private static void appendQuoted(StringBuilder b, String v) {
    b.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    b.append('"');
  }

  private static String linkText(URI uri) {
    // The proxy splits Grip-Link on ',' and its parameters on ';'. Both are legal in a URI, so they are
    // percent-encoded: the URI then names the same resource for any server that decodes its parts.
    String s = uri.toASCIIString();
    if (s.indexOf(',') < 0 && s.indexOf(';') < 0) {
      return s;
    }
    return s.replace(",", "%2C").replace(";", "%3B");
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  static void appendKeepAliveData(StringBuilder b, byte[] data) {
    boolean raw = true;
    int cstringLength = 0;
    for (int i = 0; i < data.length; i++) {
      int c = data[i] & 0xff;
      boolean edge = i == 0 || i == data.length - 1;
      if (!isRawSafe(c)) {
        raw = false;
      }
      cstringLength += cstringWidth(c, edge);
    }
    if (raw) {
      for (byte d : data) {
        b.append((char) d);
      }
      b.append("; format=raw");
      return;
    }
    int base64Length = (data.length + 2) / 3 * 4;
    if (cstringLength <= base64Length) {
      for (int i = 0; i < data.length; i++) {
        appendCstring(b, data[i] & 0xff, i == 0 || i == data.length - 1);
      }
      b.append("; format=cstring");
    } else {
      b.append(Base64.getEncoder().encodeToString(data)).append("; format=base64");
    }
  }

  private static boolean isRawSafe(int c) {
    return c > 0x20 && c < 0x7f && c != ';' && c != ',' && c != '"' && c != '\\';
  }

  private static int cstringWidth(int c, boolean edge) {
    if (c == '\\' || c == '\r' || c == '\n') {
      return 2;
    }
    if (c == ' ' && !edge) {
      return 1;
    }
    return isRawSafe(c) ? 1 : 4;
  }

  private static void appendCstring(StringBuilder b, int c, boolean edge) {
    if (c == '\\') {
      b.append("\\\\");
    } else if (c == '\r') {
      b.append("\\r");
    } else if (c == '\n') {
      b.append("\\n");
    } else if (isRawSafe(c) || c == ' ' && !edge) {
      // An inner space is kept; at the edges the proxy would trim it away, so it is escaped there.
      b.append((char) c);
    } else {
      b.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
    }
  }

  // ---- checks ----

  static String checkChannelName(String name, String what) {
    if (name == null || name.isEmpty()) {
      throw new GripInstructException(what + " must not be " + (name == null ? "null" : "empty"));
    }
    return checkChannelChars(name, what);
  }

  private static String checkChannelChars(String name, String what) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == ',' || c == ';' || c == '"') {
        throw new GripInstructException(what + " '" + printable(name) + "' has a character Grip-Channel cannot carry"
            + " at index " + i + " (only visible ASCII other than , ; and \" is allowed)");
      }
    }
    return name;
  }

  static String checkValue(String v, String what) {
    int bad = Http.indexOfBadValueChar(v);
    if (bad >= 0) {
      throw new GripInstructException(what + " has a control character (such as CR or LF) at index " + bad);
    }
    return v;
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append("\\u").append(String.format("%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Builds a {@link GripInstruct}. Not thread-safe. */
  public static final class Builder {
    private HoldMode hold;
    private final List<Channel> channels = new ArrayList<>(2);
    private int timeout = -1;
    private byte[] keepAlive;
    private int keepAliveTimeout;
    private KeepAliveMode keepAliveMode = KeepAliveMode.IDLE;
    private final Map<String, String> meta = new LinkedHashMap<>();
    private int status;
    private String statusReason;
    private URI nextLink;
    private int nextLinkTimeout = -1;
    private URI goneLink;
    private final List<String> exposeHeaders = new ArrayList<>(0);

    private Builder() {}

    /**
     * Holds the request ({@code Grip-Hold}).
     *
     * @param mode {@link HoldMode#STREAM} or {@link HoldMode#RESPONSE}
     * @return this builder
     * @throws GripInstructException if mode is null
     */
    public Builder hold(HoldMode mode) {
      if (mode == null) {
        throw new GripInstructException("hold mode must not be null");
      }
      this.hold = mode;
      return this;
    }

    /** Holds the request as a stream ({@code Grip-Hold: stream}).
     *
     * @return this builder
     */
    public Builder holdStream() {
      return hold(HoldMode.STREAM);
    }

    /** Holds the request for a long-poll ({@code Grip-Hold: response}).
     *
     * @return this builder
     */
    public Builder holdResponse() {
      return hold(HoldMode.RESPONSE);
    }

    /**
     * Subscribes the held request to a channel.
     *
     * @param name the channel name, without prefix
     * @return this builder
     * @throws GripInstructException if the name cannot be carried in {@code Grip-Channel}
     */
    public Builder channel(String name) {
      channels.add(Channel.of(name));
      return this;
    }

    /**
     * Subscribes the held request to a channel with prev-id and filters.
     *
     * @param channel the channel
     * @return this builder
     * @throws GripInstructException if channel is null
     */
    public Builder channel(Channel channel) {
      if (channel == null) {
        throw new GripInstructException("channel must not be null");
      }
      channels.add(channel);
      return this;
    }

    /**
     * Sets how long a {@code response} hold lasts before the proxy sends the backend's response
     * ({@code Grip-Timeout}).
     *
     * @param seconds the timeout, 0 or more
     * @return this builder
     * @throws GripInstructException if seconds is negative
     */
    public Builder timeout(int seconds) {
      if (seconds < 0) {
        throw new GripInstructException("Grip-Timeout must be 0 or more seconds, was " + seconds);
      }
      this.timeout = seconds;
      return this;
    }

    /**
     * Sends text (as UTF-8) on the held stream when it has been idle for a time ({@code Grip-Keep-Alive}).
     *
     * @param data the keep-alive text, not empty
     * @param timeoutSeconds the idle time (or, with {@link KeepAliveMode#INTERVAL}, the period), 1 or more
     * @return this builder
     * @throws GripInstructException if data is null or empty, or the timeout is below 1
     */
    public Builder keepAlive(String data, int timeoutSeconds) {
      if (data == null) {
        throw new GripInstructException("Grip-Keep-Alive data must not be null");
      }
      return keepAlive(data.getBytes(StandardCharsets.UTF_8), timeoutSeconds);
    }

    /**
     * Sends bytes on the held stream when it has been idle for a time ({@code Grip-Keep-Alive}).
     *
     * @param data the keep-alive bytes, not empty; copied
     * @param timeoutSeconds the idle time (or, with {@link KeepAliveMode#INTERVAL}, the period), 1 or more
     * @return this builder
     * @throws GripInstructException if data is null or empty, or the timeout is below 1
     */
    public Builder keepAlive(byte[] data, int timeoutSeconds) {
      if (data == null || data.length == 0) {
        throw new GripInstructException("Grip-Keep-Alive data must not be " + (data == null ? "null" : "empty"));
      }
      if (timeoutSeconds < 1) {
        throw new GripInstructException("Grip-Keep-Alive timeout must be 1 or more seconds, was " + timeoutSeconds);
      }
      this.keepAlive = data.clone();
      this.keepAliveTimeout = timeoutSeconds;
      return this;
    }

    /**
     * Sets when keep-alive data is sent: after idleness (the default) or at a fixed interval.
     *
     * @param mode the mode
     * @return this builder
     * @throws GripInstructException if mode is null
     */
    public Builder keepAliveMode(KeepAliveMode mode) {
      if (mode == null) {
        throw new GripInstructException("Grip-Keep-Alive mode must not be null");
      }
      this.keepAliveMode = mode;
      return this;
    }

    /**
     * Sets a meta value on the held connection ({@code Grip-Set-Meta}); filters compare it with publish meta.
     *
     * @param name the meta name, an HTTP token
     * @param value the value; written as a quoted-string
     * @return this builder
     * @throws GripInstructException if the name is not a token or the value holds a control character
     */
    public Builder setMeta(String name, String value) {
      if (!Http.isToken(name)) {
        throw new GripInstructException("Grip-Set-Meta name must be an HTTP token, was "
            + (name == null ? "null" : "'" + printable(name) + "'"));
      }
      if (value == null) {
        throw new GripInstructException("Grip-Set-Meta '" + name + "' has a null value");
      }
      meta.put(name, checkValue(value, "Grip-Set-Meta '" + name + "'"));
      return this;
    }

    /**
     * Sets the status the client sees instead of the backend's ({@code Grip-Status}).
     *
     * @param code the status code, 100 to 599
     * @return this builder
     * @throws GripInstructException if the code is out of range
     */
    public Builder status(int code) {
      if (code < 100 || code > 599) {
        throw new GripInstructException("Grip-Status code must be 100..599, was " + code);
      }
      this.status = code;
      this.statusReason = null;
      return this;
    }

    /**
     * Sets the status and reason phrase the client sees ({@code Grip-Status: CODE REASON}).
     *
     * @param code the status code, 100 to 599
     * @param reason the reason phrase; no control characters
     * @return this builder
     * @throws GripInstructException if the code is out of range or the reason is null or holds a control character
     */
    public Builder status(int code, String reason) {
      status(code);
      if (reason == null) {
        throw new GripInstructException("Grip-Status reason must not be null (use status(code) for none)");
      }
      this.statusReason = reason.isEmpty() ? null : checkValue(reason, "Grip-Status reason");
      return this;
    }

    /**
     * Makes the proxy fetch a URI next, once the held stream is done with this response
     * ({@code Grip-Link: <URI>; rel=next}); the proxy applies its default timeout.
     *
     * @param uri the next URI
     * @return this builder
     * @throws GripInstructException if uri is null
     */
    public Builder nextLink(URI uri) {
      if (uri == null) {
        throw new GripInstructException("Grip-Link next URI must not be null");
      }
      this.nextLink = uri;
      this.nextLinkTimeout = -1;
      return this;
    }

    /**
     * Makes the proxy fetch a URI next, at most after a timeout
     * ({@code Grip-Link: <URI>; rel=next; timeout=SECONDS}).
     *
     * @param uri the next URI
     * @param timeoutSeconds the timeout, 0 or more
     * @return this builder
     * @throws GripInstructException if uri is null or the timeout negative
     */
    public Builder nextLink(URI uri, int timeoutSeconds) {
      nextLink(uri);
      if (timeoutSeconds < 0) {
        throw new GripInstructException("Grip-Link timeout must be 0 or more seconds, was " + timeoutSeconds);
      }
      this.nextLinkTimeout = timeoutSeconds;
      return this;
    }

    /**
     * Tells the proxy where to ask when the stream's resource is gone ({@code Grip-Link: <URI>; rel=gone}).
     *
     * @param uri the URI
     * @return this builder
     * @throws GripInstructException if uri is null
     */
    public Builder goneLink(URI uri) {
      if (uri == null) {
        throw new GripInstructException("Grip-Link gone URI must not be null");
      }
      this.goneLink = uri;
      return this;
    }

    /**
     * Keeps only the named response headers for the held response ({@code Grip-Expose-Headers}).
     *
     * @param names header names, each an HTTP token
     * @return this builder
     * @throws GripInstructException if a name is not a token
     */
    public Builder exposeHeaders(String... names) {
      if (names == null) {
        throw new GripInstructException("Grip-Expose-Headers names must not be null");
      }
      for (String n : names) {
        if (!Http.isToken(n)) {
          throw new GripInstructException("Grip-Expose-Headers name must be an HTTP token, was "
              + (n == null ? "null" : "'" + printable(n) + "'"));
        }
        exposeHeaders.add(n);
      }
      return this;
    }

    /** Builds the instructions.
     *
     * @return the immutable instructions
     */
    public GripInstruct build() {
      return new GripInstruct(this);
    }
  }
}
