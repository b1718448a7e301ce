package org.faasgrip.docs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.faasgrip.config.GripConfig;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.publish.HttpResponseFormat;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.PublishBody;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.publisher.GripPublisher;
import org.faasgrip.publisher.PublishException;
import org.faasgrip.publisher.RetryPolicy;

/** The samples of {@code docs/publishing.md}. */
public final class PublishingSamples {
  private PublishingSamples() {}

  /** Publishes one item of each format. */
  public static void formats() {
    // tag::publish-formats[]
    FaasGrip.publish("room", WebSocketMessageFormat.text("hello"));             // ws-message, content
    FaasGrip.publish("room", WebSocketMessageFormat.binary(new byte[] {1, 2}));  // ws-message, content-bin
    FaasGrip.publish("room", WebSocketMessageFormat.close(4000, "room closed")); // action close, code, reason
    FaasGrip.publish("news", HttpStreamFormat.of("data: hello\n\n"));           // http-stream, content
    FaasGrip.publish("news", HttpStreamFormat.close());                         // http-stream, action close
    FaasGrip.publish("inbox", HttpResponseFormat.of("hello\n"));                // http-response, body (the proxy sends 200)
    // end::publish-formats[]
  }

  /** Publishes a ping, a pong, a refresh and the two hints. */
  public static void actions() {
    // tag::publish-actions[]
    FaasGrip.publish("room", WebSocketMessageFormat.ping(new byte[] {42}));   // "type": "ping": the client answers with a pong
    FaasGrip.publish("room", WebSocketMessageFormat.pong(new byte[0]));       // "type": "pong": a one-way heartbeat
    FaasGrip.publish("room", WebSocketMessageFormat.refresh());               // "action": "refresh" (Pushpin 1.38+)
    FaasGrip.publish("news", HttpStreamFormat.hint());                        // "action": "hint": fetch the next link
    FaasGrip.publish("inbox", HttpResponseFormat.hint());                     // "action": "hint": ask the origin again
    // end::publish-actions[]
  }

  /**
   * Builds one item with several formats and its JSON.
   *
   * @return the publish body's JSON
   */
  public static byte[] item() {
    // tag::publish-item[]
    Item item = Item.builder("news")
        .id("18")                                          // delivered once even if a retry repeats it
        .prevId("17")                                      // Pushpin holds it until 17 went out
        .meta("sender", "42")                              // compared by subscription filters
        .format(WebSocketMessageFormat.text("headline 18"))
        .format(HttpStreamFormat.of("data: headline 18\n\n"))
        .build();
    byte[] json = PublishBody.toJson(List.of(item), "myapp-");   // what goes to POST /publish/
    // end::publish-item[]
    return json;
  }

  /**
   * Builds a publisher with every option.
   *
   * @return the publisher
   */
  public static GripPublisher publisher() {
    // tag::publisher-builder[]
    GripPublisher publisher = GripPublisher.builder()
        .config(GripConfig.fromEnvironment())            // GRIP_URL or GRIP_PROXIES, and GRIP_PREFIX
        .connectTimeout(Duration.ofSeconds(2))           // default 5 s
        .requestTimeout(Duration.ofSeconds(5))           // default 10 s, per attempt
        .retry(RetryPolicy.builder()
            .maxAttempts(6)                              // default 4, the first included
            .baseBackoff(Duration.ofMillis(50))          // default 100 ms, doubling
            .maxBackoff(Duration.ofSeconds(1))           // default 2 s
            .timeBudget(Duration.ofSeconds(8))           // default 15 s: each publish to a proxy ends by then
            .maxRetryAfter(Duration.ofSeconds(2))        // default 5 s: longest Retry-After followed
            .build())
        .coalesce(Duration.ofMillis(5), 200)             // off by default
        .build();
    FaasGrip.install(FaasGrip.with(publisher));          // FaasGrip.publish now goes through it
    // end::publisher-builder[]
    return publisher;
  }

  /**
   * Publishes a batch in one request, then several items without waiting, and waits for all before returning.
   *
   * @param publisher the publisher
   * @param messages the messages
   */
  public static void batchAndAsync(GripPublisher publisher, List<String> messages) {
    // tag::publish-batch[]
    publisher.publish(List.of(                              // one POST per proxy, items in this order
        Item.of("room", WebSocketMessageFormat.text("first")),
        Item.of("room", WebSocketMessageFormat.text("second"))));
    // end::publish-batch[]
    // tag::publish-async[]
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (String message : messages) {
      sent.add(publisher.publishAsync("room", WebSocketMessageFormat.text(message)));
    }
    CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])).join();   // before the handler returns
    // end::publish-async[]
  }

  /**
   * Publishes and reports which proxies refused.
   *
   * @param publisher the publisher
   * @return the failures, one line each; empty when every proxy accepted
   */
  public static List<String> failures(GripPublisher publisher) {
    List<String> lines = new ArrayList<>();
    // tag::publish-failure[]
    try {
      publisher.publish("room", WebSocketMessageFormat.text("hello"));
    } catch (PublishException e) {
      for (PublishException.Failure f : e.failures()) {    // one per proxy that did not accept it
        lines.add(f.proxy() + " " + f.status() + " after " + f.attempts() + " attempts: "
            + (f.error() != null ? f.error() : f.body()));
      }
    }
    // end::publish-failure[]
    return lines;
  }
}
