package org.faasgrip.demo;

import java.util.ArrayList;
import java.util.List;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripInstruct;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.publish.Format;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;

/**
 * The demo's HTTP streaming feed: a Server-Sent Events stream that the proxy holds open on channel
 * {@value #CHANNEL}, and the events published to it. Notes come from the feed page's form; every chat message is
 * mirrored to it too ({@link #mirrorChat(List)}), so the chat and the feed show the same publish reaching two
 * kinds of connection.
 */
public final class Feed {
  /** The channel every open feed is subscribed to. */
  public static final String CHANNEL = "feed";
  /** Where the page opens its event stream. */
  public static final String STREAM_PATH = "/feed/stream";
  /** Where the page posts a note. */
  public static final String PUBLISH_PATH = "/feed/publish";
  /** The longest note accepted. */
  public static final int MAX_NOTE_CHARS = 500;
  /** The channel the seed's chat publishes to ({@code org.faasgrip.examples.Chat.CHANNEL}). */
  static final String CHAT_CHANNEL = "room";

  private static final GripInstruct HOLD = GripInstruct.builder()
      .holdStream()
      .channel(CHANNEL)
      .keepAlive(":\n\n", 20)
      .build();
  private static final String OPENED = "retry: 2000\n" + event("hello", "stream opened");

  private Feed() {}

  /**
   * The response that opens a feed: {@code Grip-Hold: stream} on {@value #CHANNEL}, an SSE comment every 20
   * seconds of silence to keep idle connections open, and a first {@code hello} event so that the page knows
   * the stream is live.
   *
   * @return the hold response
   */
  public static GripResponse open() {
    return open(FaasGrip.instance());
  }

  /**
   * The response that opens a feed, as {@link #open()}, with a given configuration's channel prefix: for platforms
   * other than Lambda.
   *
   * @param grip the configuration
   * @return the hold response
   */
  public static GripResponse open(Grip grip) {
    return grip.hold(HOLD, "text/event-stream", OPENED);
  }

  /**
   * Publishes a note to every open feed.
   *
   * @param text the note
   * @throws org.faasgrip.GripException if the proxy did not accept it
   */
  public static void publishNote(String text) {
    publishNote(FaasGrip.instance(), text);
  }

  /**
   * Publishes a note to every open feed, through a given configuration.
   *
   * @param grip the configuration to publish with
   * @param text the note
   * @throws org.faasgrip.GripException if the proxy did not accept it
   */
  public static void publishNote(Grip grip, String text) {
    grip.publish(CHANNEL, HttpStreamFormat.of(event("note", text)));
  }

  /**
   * The items to publish for a batch that the chat published: the batch itself, then, for every chat message in
   * it, the same text as a {@code chat} event on the feed. Used as the demo's publish hook, so the seed's
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
            out.add(Item.of(CHANNEL, HttpStreamFormat.of(event("chat", message.text()))));
          }
        }
      }
    }
    return out;
  }

  /**
   * One Server-Sent Event: {@code event: NAME}, then a {@code data:} line per line of the text.
   *
   * @param name the event's name
   * @param text the event's data; line breaks become separate {@code data:} lines, as SSE requires
   * @return the event, ending with the blank line that dispatches it
   */
  static String event(String name, String text) {
    StringBuilder sb = new StringBuilder("event: ").append(name).append('\n');
    for (String line : text.split("\r\n|\r|\n", -1)) {
      sb.append("data: ").append(line).append('\n');
    }
    return sb.append('\n').toString();
  }
}
