package org.faasgrip.demo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.faasgrip.function.Grip;
import org.faasgrip.function.InMemoryItemStore;
import org.faasgrip.function.ReliableStream;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.publish.Format;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.sse.ServerSentEvent;

/**
 * The demo's HTTP streaming feed: a Server-Sent Events stream that the proxy holds open on channel
 * {@value #CHANNEL}, and the events published to it. Notes come from the feed page's form; every chat message is
 * mirrored to it too ({@link #mirrorChat(List)}), so the chat and the feed show the same publish reaching two
 * kinds of connection.
 *
 * <p>The feed loses nothing: it is a {@link ReliableStream}. Every event is numbered and kept in memory (the last
 * {@value #KEPT} of them), published with the id of the one before it, and the stream is held with a next link to
 * its own path: when Pushpin sees a gap it asks for what is missing (with {@code Grip-Last}), and a browser that
 * reconnects names the last event it got ({@code Last-Event-ID}) and gets the ones after it first.
 */
public final class Feed {
  /** The channel every open feed is subscribed to. */
  public static final String CHANNEL = "feed";
  /** Where the page opens its event stream, and where Pushpin asks for the events a stream missed. */
  public static final String STREAM_PATH = "/feed/stream";
  /**
   * The same events without recovery, for the load tool ({@link Load}), whose ceiling run publishes items without
   * ids straight to Pushpin: a stream held with a {@code prev-id} would take each of those for a gap.
   */
  public static final String LIVE_PATH = "/feed/live";
  /** Where the page posts a note. */
  public static final String PUBLISH_PATH = "/feed/publish";
  /** The longest note accepted. */
  public static final int MAX_NOTE_CHARS = 500;
  /** How many events the feed keeps for streams that missed some. */
  static final int KEPT = 200;
  /** The channel the JavaScript faas-grip chat example publishes to ({@code org.faasgrip.examples.Chat.CHANNEL}). */
  static final String CHAT_CHANNEL = "room";
  private static final ServerSentEvent RETRY = ServerSentEvent.builder().retry(2000).build();
  private static final ServerSentEvent HELLO = ServerSentEvent.of("hello", "stream opened");
  /** What a stream starts with: how soon the browser reconnects, and an event that says the stream is live. */
  static final String PREAMBLE = RETRY.text() + HELLO.text();

  private static final InMemoryItemStore STORE = InMemoryItemStore.create(KEPT, 1);
  private static final AtomicLong NEXT_ID = new AtomicLong(1);
  /** Storing and numbering events needs no configuration: this one only makes the items of {@link #mirrorChat}. */
  private static final ReliableStream ITEMS = stream(Grip.builder().build());

  private Feed() {}

  private static ReliableStream stream(Grip grip) {
    // no-seq: the demo runs Pushpin, and the stream puts events in order itself, so Pushpin's wait for an event
    // that came out of order would only delay it.
    return ReliableStream.eventStream(grip, STORE).nextLink(URI.create(STREAM_PATH)).noSeq(true).build();
  }

  /**
   * Answers a request for the feed, with a given configuration's channel prefix and signature policy: the browser's
   * (the preamble, then the events after its {@code Last-Event-ID}, if any) or Pushpin's recovery request (the
   * events after its {@code Grip-Last}); either way the stream is held on {@value #CHANNEL}, with an SSE comment
   * every 20 seconds of silence.
   *
   * @param grip the configuration
   * @param request the request
   * @return the hold response
   * @throws org.faasgrip.GripException if the request is not signed by Pushpin, or its {@code Grip-Last} is
   *     malformed
   */
  public static GripResponse open(Grip grip, GripRequest request) {
    return stream(grip).hold(request, CHANNEL, PREAMBLE);
  }

  /**
   * Answers a request for the feed without recovery ({@value #LIVE_PATH}): the preamble, and the stream held on
   * {@value #CHANNEL} with no {@code prev-id}, so that every event published to it goes out as it comes.
   *
   * @param grip the configuration
   * @return the hold response
   */
  public static GripResponse openLive(Grip grip) {
    return grip.holdEventStream(CHANNEL, RETRY, HELLO);
  }

  /**
   * Publishes a note to every open feed, through a given configuration.
   *
   * @param grip the configuration to publish with
   * @param text the note
   * @throws org.faasgrip.GripException if the proxy did not accept it (it stays kept: the streams recover it with
   *     the next event)
   */
  public static void publishNote(Grip grip, String text) {
    grip.publish(note(text));
  }

  /**
   * Ends every open feed, as a restart of the proxy would; the browsers reconnect with {@code Last-Event-ID}.
   *
   * @param grip the configuration to publish with
   */
  static void closeStreams(Grip grip) {
    stream(grip).close(CHANNEL);
  }

  /**
   * Keeps a note as the feed's newest event and returns the item that publishes it.
   *
   * @param text the note
   * @return the item, with its id and the id of the event before it
   */
  static Item note(String text) {
    return ITEMS.item(CHANNEL, event("note", text));
  }

  /**
   * The items to publish for a batch that the chat published: the batch itself, then, for every chat message in
   * it, the same text as a {@code chat} event on the feed. Used as the demo's publish hook, so the JavaScript faas-grip library's
   * handler stays as it is.
   *
   * @param items the items the handler published
   * @return the items with the feed's copies added
   */
  public static List<Item> mirrorChat(List<Item> items) {
    List<Item> out = new ArrayList<>(items);
    for (Item item : items) {
      if (!item.channel().equals(CHAT_CHANNEL)) {
        continue;
      }
      for (Format f : item.formats()) {
        if (f instanceof WebSocketMessageFormat) {
          WebSocketMessageFormat message = (WebSocketMessageFormat) f;
          if (!message.isClose() && !message.isBinary()) {
            out.add(ITEMS.item(CHANNEL, event("chat", message.text())));
          }
        }
      }
    }
    return out;
  }

  /** The next event of the feed: numbered, so that a browser can say which it got last. */
  private static ServerSentEvent event(String name, String text) {
    return ServerSentEvent.builder().event(name).id(Long.toString(NEXT_ID.getAndIncrement())).data(text).build();
  }
}
