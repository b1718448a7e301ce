package org.faasgrip.sse;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One Server-Sent Event, written exactly as the HTML standard's {@code EventSource} parses a
 * {@code text/event-stream}:
 *
 * <pre>{@code
 * ServerSentEvent.builder().event("note").id("42").data("two\nlines").build().text()
 *   // "event: note\nid: 42\ndata: two\ndata: lines\n\n"
 * ServerSentEvent.comment("keep-alive").text()        // ": keep-alive\n\n"
 * }</pre>
 *
 * <p>How each field is written, and why:
 * <ul>
 *   <li>{@code data} is split on CR LF, CR and LF, each part on its own {@code data:} line; the reader joins them
 *       with LF, so every line break arrives as LF (the only change). Empty data is one empty {@code data:} line,
 *       which is dispatched as an event with empty data; no data at all writes no {@code data:} line, and
 *       {@code EventSource} dispatches no event (an id or retry alone still takes effect).
 *   <li>Every value follows {@code ": "}: the reader drops one space after the colon, so a value that starts with a
 *       space keeps it.
 *   <li>{@code event}, {@code id} and comments are one line each: a CR or LF in them is refused, as is NUL in an id
 *       (the reader ignores such an id). An event name without data is refused: it would never be dispatched.
 *   <li>{@code retry} is the reconnection time in milliseconds, 0 or more.
 *   <li>A UTF-16 surrogate without its pair has no UTF-8 form and is refused wherever it is.
 * </ul>
 * Fields are written in the order comment, {@code event}, {@code id}, {@code retry}, {@code data}, then the blank
 * line that ends the event. Immutable.
 */
public final class ServerSentEvent {
  private final String comment;
  private final String event;
  private final String id;
  private final long retry;
  private final String data;

  private ServerSentEvent(Builder b) {
    this.comment = b.comment;
    this.event = b.event;
    this.id = b.id;
    this.retry = b.retry;
    this.data = b.data;
  }

  /**
   * Returns an event of the default type ({@code message}) with data.
   *
   * @param data the data; line breaks are kept (as LF)
   * @return the event
   * @throws ServerSentEventException if the data holds a surrogate without its pair
   */
  public static ServerSentEvent of(String data) {
    return builder().data(data).build();
  }

  /**
   * Returns a named event with data, for {@code addEventListener(event, ...)}.
   *
   * @param event the event's type
   * @param data the data; line breaks are kept (as LF)
   * @return the event
   * @throws ServerSentEventException if the name holds CR or LF, or either holds a surrogate without its pair
   */
  public static ServerSentEvent of(String event, String data) {
    return builder().event(event).data(data).build();
  }

  /**
   * Returns a comment, which {@code EventSource} ignores: a keep-alive that holds a quiet connection open.
   *
   * @param text the comment; empty for a bare {@code :} line
   * @return the comment, as an event with no fields
   * @throws ServerSentEventException if the text holds CR or LF, or a surrogate without its pair
   */
  public static ServerSentEvent comment(String text) {
    return builder().comment(text).build();
  }

  /**
   * Returns a builder with no field set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the event's type ({@code event:}), or null for the default, {@code message}.
   *
   * @return the type, or null
   */
  public String event() {
    return event;
  }

  /**
   * Returns the id ({@code id:}), which the browser sends back as {@code Last-Event-ID} when it reconnects, or
   * null for none.
   *
   * @return the id, or null
   */
  public String id() {
    return id;
  }

  /**
   * Returns the reconnection time in milliseconds ({@code retry:}), or -1 when not set.
   *
   * @return the retry time, or -1
   */
  public long retry() {
    return retry;
  }

  /**
   * Returns the data, with line breaks as given, or null when the event has none.
   *
   * @return the data, or null
   */
  public String data() {
    return data;
  }

  /**
   * Returns the comment, or null when there is none.
   *
   * @return the comment, or null
   */
  public String comment() {
    return comment;
  }

  /**
   * Returns the event as it goes on the stream, ending with the blank line that dispatches it.
   *
   * @return the text
   */
  public String text() {
    StringBuilder b = new StringBuilder(16 + (data == null ? 0 : data.length() + 8));
    if (comment != null) {
      b.append(':');
      if (!comment.isEmpty()) {
        b.append(' ').append(comment);
      }
      b.append('\n');
    }
    if (event != null) {
      b.append("event: ").append(event).append('\n');
    }
    if (id != null) {
      b.append("id: ").append(id).append('\n');
    }
    if (retry >= 0) {
      b.append("retry: ").append(retry).append('\n');
    }
    if (data != null) {
      int start = 0;
      for (int i = 0; i < data.length(); i++) {
        char c = data.charAt(i);
        if (c == '\r' || c == '\n') {
          b.append("data: ").append(data, start, i).append('\n');
          if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
            i++;
          }
          start = i + 1;
        }
      }
      b.append("data: ").append(data, start, data.length()).append('\n');
    }
    return b.append('\n').toString();
  }

  /**
   * Returns {@link #text()} as UTF-8, the encoding of {@code text/event-stream}.
   *
   * @return the bytes
   */
  public byte[] bytes() {
    return text().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServerSentEvent e && Objects.equals(comment, e.comment) && Objects.equals(event, e.event)
        && Objects.equals(id, e.id) && retry == e.retry && Objects.equals(data, e.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(comment, event, id, retry, data);
  }

  /**
   * Returns the event's fields for a log: type, id and the data's length, not the data.
   *
   * @return a short description
   */
  @Override
  public String toString() {
    return "ServerSentEvent[" + (event != null ? "event=" + event + ", " : "") + (id != null ? "id=" + id + ", " : "")
        + (retry >= 0 ? "retry=" + retry + ", " : "") + (data != null ? data.length() + " chars of data" : "no data")
        + (comment != null ? ", comment" : "") + "]";
  }

  /** Builds a {@link ServerSentEvent}. Not thread-safe. */
  public static final class Builder {
    private String comment;
    private String event;
    private String id;
    private long retry = -1;
    private String data;

    private Builder() {}

    /**
     * Sets the event's type ({@code event:}), which {@code addEventListener} names.
     *
     * @param event the type; null for the default, {@code message}
     * @return this builder
     * @throws ServerSentEventException if it holds CR or LF, or a surrogate without its pair
     */
    public Builder event(String event) {
      this.event = event == null ? null : checkLine(event, "event", false);
      return this;
    }

    /**
     * Sets the id ({@code id:}), the browser's {@code lastEventId} and its {@code Last-Event-ID} on reconnecting.
     * An empty id clears the one the browser has.
     *
     * @param id the id; null for none
     * @return this builder
     * @throws ServerSentEventException if it holds CR, LF or NUL, or a surrogate without its pair
     */
    public Builder id(String id) {
      this.id = id == null ? null : checkLine(id, "id", true);
      return this;
    }

    /**
     * Sets how long the browser waits before it reconnects ({@code retry:}).
     *
     * @param millis the time in milliseconds, 0 or more
     * @return this builder
     * @throws ServerSentEventException if it is negative
     */
    public Builder retry(long millis) {
      if (millis < 0) {
        throw new ServerSentEventException("retry must be 0 or more milliseconds, was " + millis);
      }
      this.retry = millis;
      return this;
    }

    /**
     * Sets the data ({@code data:} lines).
     *
     * @param data the data, any text; null for none
     * @return this builder
     * @throws ServerSentEventException if it holds a surrogate without its pair
     */
    public Builder data(String data) {
      this.data = data == null ? null : checkSurrogates(data, "data");
      return this;
    }

    /**
     * Sets a comment line ({@code : text}), which {@code EventSource} ignores.
     *
     * @param comment the comment; empty for a bare {@code :}; null for none
     * @return this builder
     * @throws ServerSentEventException if it holds CR or LF, or a surrogate without its pair
     */
    public Builder comment(String comment) {
      this.comment = comment == null ? null : checkLine(comment, "comment", false);
      return this;
    }

    /**
     * Builds the event.
     *
     * @return the immutable event
     * @throws ServerSentEventException if an event type is set without data, which {@code EventSource} would
     *     never dispatch
     */
    public ServerSentEvent build() {
      if (event != null && data == null) {
        throw new ServerSentEventException("event '" + event + "' has no data, so EventSource would never dispatch"
            + " it; set data (empty is fine)");
      }
      return new ServerSentEvent(this);
    }

    private static String checkLine(String v, String field, boolean noNul) {
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '\r' || c == '\n') {
          throw new ServerSentEventException(field + " has a line break (U+" + hex(c) + ") at index " + i
              + ": it would end the field's line; only data may span lines");
        }
        if (c == 0 && noNul) {
          throw new ServerSentEventException(field + " has NUL at index " + i + ": EventSource ignores such an id");
        }
      }
      return checkSurrogates(v, field);
    }

    private static String checkSurrogates(String v, String field) {
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          throw new ServerSentEventException(field + " has a surrogate without its pair (U+" + hex(c) + ") at index "
              + i + ": it has no UTF-8 form");
        }
      }
      return v;
    }

    private static String hex(char c) {
      return String.format("%04X", (int) c);
    }
  }
}
