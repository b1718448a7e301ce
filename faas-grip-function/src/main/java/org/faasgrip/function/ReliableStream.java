package org.faasgrip.function;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.faasgrip.grip.Channel;
import org.faasgrip.grip.GripInstruct;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.internal.Checks;
import org.faasgrip.internal.Http;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.sse.ServerSentEvent;

/**
 * An HTTP stream that loses nothing (GRIP reliable streaming): every item is stored in an {@link ItemStore} and
 * published with its {@code id} and the {@code prev-id} of the one before it; a stream is held on its channel with
 * the {@code prev-id} of the last item its client has and a {@code Grip-Link} next link. When the proxy sees an item
 * whose {@code prev-id} is not the last one it delivered (a publish was lost, or came out of order), it drops it and
 * requests the next link with {@code Grip-Last: CHANNEL; last-id=ID}; {@link #hold} answers that request with the
 * stored items after that id and holds the stream again, so the client gets every item, in order.
 *
 * <pre>{@code
 * ReliableStream news = ReliableStream.builder(grip, store).nextLink(URI.create("/news")).build();
 * // GET /news, from the client and from the proxy's recovery alike:
 * GripResponse response = news.hold(request, "news");
 * // anywhere:
 * news.publish("news", "18", "headline 18\n");
 * }</pre>
 *
 * <p>{@link #eventStream} makes a Server-Sent Events stream: {@code text/event-stream}, an SSE comment as
 * keep-alive, and the browser's {@code Last-Event-ID} read when it reconnects, so a reconnected {@code EventSource}
 * gets what it missed too. Its items are {@link ServerSentEvent}s whose id is the item's.
 *
 * <p>Rules that make it work:
 * <ul>
 *   <li>The channel's first item has {@code prev-id} {@value #START}, and so does a stream held before the channel
 *       has any; no item may have that id.
 *   <li>A response holds one channel. One that starts a client's stream (no {@code Grip-Last}) begins with the
 *       preamble, if any; a recovery response never repeats it.
 *   <li>At most {@code maxItems} items go in one response; the next publish makes the proxy ask for the rest.
 *   <li>When the store no longer has the client's last id, the client gets every item the store still keeps: items
 *       older than that are lost to it.
 *   <li>The proxy also requests the next link when the stream has been quiet for the link's timeout (Pushpin:
 *       120 seconds unless given), which costs one invocation per quiet stream per timeout.
 * </ul>
 * Thread-safe.
 */
public final class ReliableStream {
  /** The {@code prev-id} of a channel's first item, and of a stream held before the channel has any. */
  public static final String START = "-";
  /** The header a reconnecting {@code EventSource} sends with the id of the last event it got. */
  public static final String LAST_EVENT_ID = "Last-Event-ID";
  /** Longer {@code Last-Event-ID} values are ignored: no id of ours is that long. */
  static final int MAX_LAST_EVENT_ID_CHARS = 1024;

  private final Grip grip;
  private final ItemStore store;
  private final String contentType;
  private final boolean eventStream;
  private final URI nextLink;
  private final int nextLinkTimeout;
  private final byte[] keepAlive;
  private final int keepAliveSeconds;
  private final int maxItems;
  private final boolean noSeq;

  private ReliableStream(Builder b) {
    this.grip = b.grip;
    this.store = b.store;
    this.contentType = b.contentType;
    this.eventStream = b.eventStream;
    this.nextLink = b.nextLink;
    this.nextLinkTimeout = b.nextLinkTimeout;
    this.keepAlive = b.keepAlive;
    this.keepAliveSeconds = b.keepAliveSeconds;
    this.maxItems = b.maxItems;
    this.noSeq = b.noSeq;
  }

  /**
   * Returns a builder of a plain stream ({@code text/plain; charset=utf-8}, no keep-alive).
   *
   * @param grip the configuration: channel prefix, publishing, {@code Grip-Sig} policy
   * @param store where the items are kept
   * @return a new builder
   */
  public static Builder builder(Grip grip, ItemStore store) {
    return new Builder(grip, store, false);
  }

  /**
   * Returns a builder of a Server-Sent Events stream: {@code text/event-stream}, an SSE comment ({@code :}) as
   * keep-alive after {@value Grip#EVENT_STREAM_KEEP_ALIVE_SECONDS} quiet seconds, and {@code Last-Event-ID} read
   * when the browser reconnects.
   *
   * @param grip the configuration: channel prefix, publishing, {@code Grip-Sig} policy
   * @param store where the events are kept
   * @return a new builder
   */
  public static Builder eventStream(Grip grip, ItemStore store) {
    return new Builder(grip, store, true);
  }

  /**
   * Holds a stream on a channel, as {@link #hold(GripRequest, String, byte[])} with no preamble.
   *
   * @param request the client's request, or the proxy's recovery request
   * @param channel the channel, without the prefix
   * @return the response
   * @throws NotFromProxyException if signatures are required and the request's is missing or invalid
   * @throws org.faasgrip.grip.GripHeaderException if {@code Grip-Last} is malformed
   */
  public GripResponse hold(GripRequest request, String channel) {
    return hold(request, channel, (byte[]) null);
  }

  /**
   * Holds a stream on a channel, as {@link #hold(GripRequest, String, byte[])} with a text preamble.
   *
   * @param request the client's request, or the proxy's recovery request
   * @param channel the channel, without the prefix
   * @param preamble what a new stream starts with (UTF-8), such as an SSE {@code retry} line; null for none
   * @return the response
   * @throws NotFromProxyException if signatures are required and the request's is missing or invalid
   * @throws org.faasgrip.grip.GripHeaderException if {@code Grip-Last} is malformed
   */
  public GripResponse hold(GripRequest request, String channel, String preamble) {
    return hold(request, channel, preamble == null ? null : preamble.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Answers a request for the stream: the client's, or the proxy's recovery request for its next link. The body is
   * the preamble (only when the request starts a client's stream) and then the stored items after the last one the
   * client has: the id in {@code Grip-Last} for the channel; otherwise, for an event stream, the browser's
   * {@code Last-Event-ID}; otherwise none, for a new client. The stream is held on the channel with the
   * {@code prev-id} of the last item the client then has, the next link, and the keep-alive.
   *
   * @param request the client's request, or the proxy's recovery request
   * @param channel the channel, without the prefix
   * @param preamble what a new stream starts with, such as an SSE {@code retry} line; null for none
   * @return the response
   * @throws NotFromProxyException if signatures are required and the request's is missing or invalid
   * @throws org.faasgrip.grip.GripHeaderException if {@code Grip-Last} is malformed
   * @throws org.faasgrip.grip.GripInstructException if the channel is not a valid channel name
   */
  public GripResponse hold(GripRequest request, String channel, byte[] preamble) {
    Checks.notNull(request, "request");
    Channel.of(Checks.notNull(channel, "channel"));
    grip.checkSignature(request);
    boolean recovery = !request.gripLast().isEmpty();
    String clientLast = grip.lastId(request, channel);
    if (clientLast == null && !recovery && eventStream) {
      clientLast = lastEventId(request);
    }
    List<StoredItem> items;
    String prevId;
    if (clientLast == null) {
      items = List.of();
      String last = store.lastId(channel);
      prevId = last == null ? START : last;
    } else {
      items = store.itemsAfter(channel, clientLast.equals(START) ? null : clientLast, maxItems);
      boolean known = items != null;
      if (!known) {
        // The client's last item is gone from the store: everything still kept is the best it can have.
        items = store.itemsAfter(channel, null, maxItems);
      }
      prevId = !items.isEmpty() ? items.get(items.size() - 1).id() : known ? clientLast : START;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (preamble != null && !recovery) {
      body.writeBytes(preamble);
    }
    for (StoredItem item : items) {
      body.writeBytes(item.contentArray());
    }
    GripInstruct.Builder instruct = GripInstruct.builder().holdStream().channel(Channel.of(channel, prevId));
    if (nextLinkTimeout >= 0) {
      instruct.nextLink(nextLink, nextLinkTimeout);
    } else {
      instruct.nextLink(nextLink);
    }
    if (keepAlive != null) {
      instruct.keepAlive(keepAlive, keepAliveSeconds);
    }
    GripResponse.Builder response = GripResponse.builder().addHeader("Content-Type", contentType);
    if (eventStream) {
      response.addHeader("Cache-Control", "no-cache");
    }
    instruct.build().applyTo(response, grip.config().prefix());
    return response.body(body.toByteArray()).build();
  }

  /** The browser's {@code Last-Event-ID}, or null when absent or not an id this stream could have written. */
  private static String lastEventId(GripRequest request) {
    String id = request.header(LAST_EVENT_ID);
    if (id == null || id.isEmpty() || id.length() > MAX_LAST_EVENT_ID_CHARS || Http.indexOfBadValueChar(id) >= 0) {
      return null;
    }
    return id;
  }

  /**
   * Stores text as the channel's newest item and returns the item to publish: its id, the {@code prev-id} of the
   * item before it, and the text as {@code http-stream} content. Publish it with {@link Grip#publish(Item)} (or
   * leave it unpublished, and the stream recovers it from the store when the next one comes).
   *
   * @param channel the channel, without the prefix
   * @param id the item's id, unique within the channel
   * @param content the text it adds to every stream, as is
   * @return the item to publish
   * @throws org.faasgrip.publish.InvalidItemException if the channel or id cannot be published
   * @throws IllegalArgumentException if the id is {@value #START}
   */
  public Item item(String channel, String id, String content) {
    Checks.notNull(content, "content");
    return item(channel, id, content.getBytes(StandardCharsets.UTF_8), HttpStreamFormat.of(content));
  }

  /**
   * Stores bytes as the channel's newest item and returns the item to publish, as {@link #item(String, String,
   * String)}; the bytes go as {@code content-bin}.
   *
   * @param channel the channel, without the prefix
   * @param id the item's id, unique within the channel
   * @param content the bytes it adds to every stream
   * @return the item to publish
   * @throws org.faasgrip.publish.InvalidItemException if the channel or id cannot be published
   * @throws IllegalArgumentException if the id is {@value #START}
   */
  public Item item(String channel, String id, byte[] content) {
    Checks.notNull(content, "content");
    return item(channel, id, content, HttpStreamFormat.of(content));
  }

  /**
   * Stores a Server-Sent Event as the channel's newest item and returns the item to publish; the event's id is the
   * item's, so a browser that reconnects names it in {@code Last-Event-ID}.
   *
   * @param channel the channel, without the prefix
   * @param event the event, with an id unique within the channel
   * @return the item to publish
   * @throws IllegalArgumentException if the event has no id, or its id is {@value #START}
   * @throws org.faasgrip.publish.InvalidItemException if the channel or id cannot be published
   */
  public Item item(String channel, ServerSentEvent event) {
    Checks.notNull(event, "event");
    if (event.id() == null || event.id().isEmpty()) {
      throw new IllegalArgumentException("an event of a reliable stream needs an id: the browser's Last-Event-ID"
          + " and the proxy's Grip-Last name it");
    }
    return item(channel, event.id(), event.text());
  }

  private Item item(String channel, String id, byte[] content, HttpStreamFormat format) {
    Checks.notNull(channel, "channel");
    Checks.notNull(id, "id");
    if (id.equals(START)) {
      throw new IllegalArgumentException("'" + START + "' is the prev-id of a channel's first item, not an id an item"
          + " may have");
    }
    Item.Builder b = Item.builder(channel).id(id).format(format).noSeq(noSeq);
    String prev = store.append(channel, StoredItem.of(id, content));
    return b.prevId(prev == null ? START : prev).build();
  }

  /**
   * Stores text as the channel's newest item and publishes it, waiting until every proxy has accepted it.
   *
   * @param channel the channel, without the prefix
   * @param id the item's id, unique within the channel
   * @param content the text it adds to every stream
   * @throws org.faasgrip.GripException if a proxy did not accept it (it stays stored: the streams recover it with
   *     the next item)
   */
  public void publish(String channel, String id, String content) {
    grip.publish(item(channel, id, content));
  }

  /**
   * Stores a Server-Sent Event as the channel's newest item and publishes it, waiting until every proxy has
   * accepted it.
   *
   * @param channel the channel, without the prefix
   * @param event the event, with an id unique within the channel
   * @throws org.faasgrip.GripException if a proxy did not accept it (it stays stored: the streams recover it with
   *     the next item)
   * @throws IllegalArgumentException if the event has no id
   */
  public void publish(String channel, ServerSentEvent event) {
    grip.publish(item(channel, event));
  }

  /**
   * Ends every stream held on the channel: publishes an {@code http-stream} close whose {@code prev-id} is the newest
   * stored item's, so that each stream takes it as the item after the last it has (an item without a
   * {@code prev-id} would look like a gap, and start a recovery instead). A stream that has not got the newest item
   * yet recovers it first. An item stored while the close is on its way makes the close look like a gap too.
   *
   * @param channel the channel, without the prefix
   * @throws org.faasgrip.GripException if a proxy did not accept it
   */
  public void close(String channel) {
    String last = store.lastId(Checks.notNull(channel, "channel"));
    grip.publish(Item.builder(channel).prevId(last == null ? START : last).noSeq(noSeq)
        .format(HttpStreamFormat.close()).build());
  }

  @Override
  public String toString() {
    return "ReliableStream{" + contentType + ", next link " + nextLink + ", " + store + "}";
  }

  /** Builds a {@link ReliableStream}. Not thread-safe. */
  public static final class Builder {
    private final Grip grip;
    private final ItemStore store;
    private final boolean eventStream;
    private String contentType;
    private URI nextLink;
    private int nextLinkTimeout = -1;
    private byte[] keepAlive;
    private int keepAliveSeconds;
    private int maxItems = 1000;
    private boolean noSeq;

    private Builder(Grip grip, ItemStore store, boolean eventStream) {
      this.grip = Checks.notNull(grip, "grip");
      this.store = Checks.notNull(store, "store");
      this.eventStream = eventStream;
      if (eventStream) {
        contentType = Grip.EVENT_STREAM;
        keepAlive = Grip.KEEP_ALIVE_COMMENT.getBytes(StandardCharsets.US_ASCII);
        keepAliveSeconds = Grip.EVENT_STREAM_KEEP_ALIVE_SECONDS;
      } else {
        contentType = "text/plain; charset=utf-8";
      }
    }

    /**
     * Sets where the proxy asks for the items a stream missed ({@code Grip-Link: <URI>; rel=next}); required. The
     * proxy resolves a relative URI against the client's, and answers a link to its own host itself, through its
     * routes: the stream's own path is the simplest choice, since {@link #hold} tells a recovery by its
     * {@code Grip-Last}.
     *
     * @param uri the URI, usually relative, such as {@code /news}
     * @return this builder
     */
    public Builder nextLink(URI uri) {
      this.nextLink = Checks.notNull(uri, "uri");
      return this;
    }

    /**
     * Sets how long a quiet stream waits before the proxy requests the next link anyway
     * ({@code Grip-Link: ...; timeout=SECONDS}); the proxy's default (Pushpin: 120) when not set.
     *
     * @param seconds the timeout, 1 or more
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder nextLinkTimeout(int seconds) {
      if (seconds < 1) {
        throw new IllegalArgumentException("next link timeout must be 1 or more seconds, was " + seconds);
      }
      this.nextLinkTimeout = seconds;
      return this;
    }

    /**
     * Sets the stream's Content-Type ({@code text/plain; charset=utf-8}, or {@code text/event-stream} for
     * {@link ReliableStream#eventStream}).
     *
     * @param contentType the media type
     * @return this builder
     */
    public Builder contentType(String contentType) {
      this.contentType = Checks.notNull(contentType, "contentType");
      return this;
    }

    /**
     * Sets data the proxy sends on a quiet stream ({@code Grip-Keep-Alive}): an SSE comment every
     * {@value Grip#EVENT_STREAM_KEEP_ALIVE_SECONDS} seconds for an event stream, none for a plain one.
     *
     * @param data the bytes, not empty; null for no keep-alive
     * @param seconds the quiet time before they are sent, 1 or more
     * @return this builder
     * @throws IllegalArgumentException if data is empty or seconds below 1
     */
    public Builder keepAlive(byte[] data, int seconds) {
      if (data != null && (data.length == 0 || seconds < 1)) {
        throw new IllegalArgumentException("keep-alive needs data and 1 or more seconds, was " + data.length
            + " bytes every " + seconds + " seconds");
      }
      this.keepAlive = data == null ? null : data.clone();
      this.keepAliveSeconds = seconds;
      return this;
    }

    /**
     * Sets the most items one response carries, 1000 by default: a client far behind catches up over several
     * recoveries rather than in one unbounded response.
     *
     * @param max 1 or more
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxItems(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxItems must be 1 or more, was " + max);
      }
      this.maxItems = max;
      return this;
    }

    /**
     * Publishes items with {@code "no-seq": true}, so that Pushpin delivers each at once instead of holding back
     * one whose {@code prev-id} it has not seen for up to its {@code message_wait} (5 seconds): the stream recovers
     * gaps and order itself, so the wait only delays it. Off by default, since Fastly Fanout's public publishing
     * reference does not list the field.
     *
     * @param noSeq true to publish with {@code no-seq}
     * @return this builder
     */
    public Builder noSeq(boolean noSeq) {
      this.noSeq = noSeq;
      return this;
    }

    /**
     * Builds the stream.
     *
     * @return the stream
     * @throws IllegalStateException if no next link was set
     */
    public ReliableStream build() {
      if (nextLink == null) {
        throw new IllegalStateException("a reliable stream needs a next link, where the proxy asks for what a"
            + " stream missed: call nextLink(URI), e.g. the stream's own path");
      }
      return new ReliableStream(this);
    }
  }
}
