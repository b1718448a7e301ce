package org.faasgrip.docs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.net.URI;
import org.faasgrip.function.Grip;
import org.faasgrip.function.ItemStore;
import org.faasgrip.function.ReliableStream;
import org.faasgrip.grip.Channel;
import org.faasgrip.grip.GripInstruct;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.grip.KeepAliveMode;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.lambda.LambdaResponses;
import org.faasgrip.publish.HttpResponseFormat;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.sse.ServerSentEvent;

/** The samples of {@code docs/http-streaming.md}. */
public final class StreamingSamples {
  private StreamingSamples() {}

  // tag::stream-handler[]
  /** Opens an HTTP stream on channel {@code news}; the proxy keeps it open and appends what is published. */
  public static final class News implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    // end::stream-handler[]
    /** Creates the handler. */
    public News() {}

    // tag::stream-handler[]
    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
      GripResponse hold = FaasGrip.holdStream("news", "stream open\n");   // Grip-Hold: stream, Grip-Channel: news
      return LambdaResponses.toApiGateway(hold);
    }
  }
  // end::stream-handler[]

  /** Publishes to the stream and then closes it. */
  public static void publishToStream() {
    // tag::stream-publish[]
    FaasGrip.publish("news", HttpStreamFormat.of("headline 1\n"));   // appended to every open stream on "news"
    FaasGrip.publish("news", HttpStreamFormat.close());             // ends those streams
    // end::stream-publish[]
  }

  /**
   * A long-poll: held until something is published on the channel or 55 seconds pass.
   *
   * @return the hold response
   */
  public static GripResponse longPoll() {
    // tag::long-poll[]
    GripResponse hold = FaasGrip.hold(
        GripInstruct.builder().holdResponse().channel("inbox-42").timeout(55).build(),
        "application/json", "{\"messages\":[]}");        // what the client gets after 55 s without a publish
    // end::long-poll[]
    return hold;
  }

  /** Releases the long-polls of a channel with a full HTTP response. */
  public static void releaseLongPolls() {
    // tag::long-poll-publish[]
    FaasGrip.publish("inbox-42", HttpResponseFormat.builder()
        .code(200)
        .header("Content-Type", "application/json")
        .body("{\"messages\":[\"hello\"]}")
        .build());
    // end::long-poll-publish[]
  }

  /**
   * Every instruction at once: a Server-Sent Events stream that resumes after id 17.
   *
   * @return the hold response
   */
  public static GripResponse everything() {
    // tag::grip-instruct[]
    GripInstruct instruct = GripInstruct.builder()
        .holdStream()                                              // Grip-Hold: stream
        .channel("news")                                           // Grip-Channel: news, ...
        .channel(Channel.builder("user-42").prevId("17").filter("skip-self").build())
        .keepAlive(":\n\n", 20)                                    // Grip-Keep-Alive: ...; timeout=20
        .keepAliveMode(KeepAliveMode.INTERVAL)                     //   ...; mode=interval
        .setMeta("user", "42")                                     // Grip-Set-Meta: user="42"
        .status(200, "OK")                                         // Grip-Status: 200 OK
        .nextLink(URI.create("https://example.com/news?after=17"), 120)   // Grip-Link: <...>; rel=next
        .goneLink(URI.create("https://example.com/gone"))          // Grip-Link: <...>; rel=gone
        .exposeHeaders("Content-Type")                             // Grip-Expose-Headers: Content-Type
        .build();
    GripResponse response = FaasGrip.hold(instruct, "text/event-stream", "");
    // end::grip-instruct[]
    return response;
  }

  /**
   * An item for streams and long-polls at once, with its id and the previous one.
   *
   * @return the item
   */
  public static Item resumable() {
    // tag::stream-item[]
    Item item = Item.builder("news")
        .id("18").prevId("17")                                 // Pushpin orders and de-duplicates by these
        .format(HttpStreamFormat.of("id: 18\ndata: headline 18\n\n"))
        .format(HttpResponseFormat.of("headline 18\n"))       // for the long-polls held on the same channel
        .build();
    FaasGrip.publish(item);
    // end::stream-item[]
    return item;
  }

  /**
   * A stream that loses nothing: held on {@code news} with the prev-id of the newest stored item and a next link to
   * its own path, and an item stored and published.
   *
   * @param grip the configuration
   * @param store the store of recent items
   * @param request the client's request, or Pushpin's recovery request
   * @return the hold response
   */
  public static GripResponse reliableStream(Grip grip, ItemStore store, GripRequest request) {
    // tag::reliable-stream[]
    ReliableStream news = ReliableStream.builder(grip, store)   // store: your ItemStore (a table, a Redis list)
        .nextLink(URI.create("/news"))                          // where Pushpin asks for what a stream missed
        .build();                                               // make it once, keep it while the function is warm

    // GET /news: the client's request and Pushpin's recovery request (it carries Grip-Last) alike
    GripResponse response = news.hold(request, "news");

    // anywhere: stored, then published with id 18 and the prev-id of the item stored before it
    news.publish("news", "18", "headline 18\n");
    // end::reliable-stream[]
    return response;
  }

  /**
   * A Server-Sent Events stream that loses nothing, also across a browser's reconnect.
   *
   * @param grip the configuration
   * @param store the store of recent events
   * @param request the browser's request, or Pushpin's recovery request
   * @return the hold response
   */
  public static GripResponse reliableEventStream(Grip grip, ItemStore store, GripRequest request) {
    // tag::reliable-event-stream[]
    ReliableStream feed = ReliableStream.eventStream(grip, store).nextLink(URI.create("/feed")).build();

    // A new stream starts with the preamble; a browser that reconnects sends Last-Event-ID and gets what it missed.
    GripResponse response = feed.hold(request, "feed", ServerSentEvent.builder().retry(2000).build().text());

    feed.publish("feed", ServerSentEvent.builder().event("note").id("42").data("two\nlines").build());
    // end::reliable-event-stream[]
    return response;
  }

  /**
   * What Pushpin tells the function: the last id of a channel on a retried long-poll, and its features.
   *
   * @param grip the configuration
   * @param request the request
   * @return the id, or null
   */
  public static String readGripHeaders(Grip grip, GripRequest request) {
    // tag::grip-last[]
    String last = grip.lastId(request, "inbox");        // Grip-Last: inbox; last-id=41 (GRIP_PREFIX taken off), or null
    boolean links = request.hasGripFeature("link:next"); // Grip-Feature: status, session, link:next, ...
    // end::grip-last[]
    return links ? last : null;
  }

  /**
   * The older body form of a hold.
   *
   * @param grip the configuration
   * @return the response
   */
  public static GripResponse instructBody(Grip grip) {
    // tag::instruct-body[]
    GripResponse response = grip.holdInstructBody(
        GripInstruct.builder().holdStream().channel("news").build(), "text/plain", "stream open\n");
    // Content-Type: application/grip-instruct, and the body:
    // {"hold":{"mode":"stream","channels":[{"name":"news"}]},
    //  "response":{"code":200,"headers":[["Content-Type","text/plain"]],"body":"stream open\n"}}
    // end::instruct-body[]
    return response;
  }
}
