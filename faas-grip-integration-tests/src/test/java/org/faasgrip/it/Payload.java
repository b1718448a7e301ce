package org.faasgrip.it;

import java.util.Locale;
import org.faasgrip.examples.ChatAlbHandler;
import org.faasgrip.examples.ChatHandler;
import org.faasgrip.examples.ChatHttpApiHandler;
import org.faasgrip.examples.ChatStreamHandler;
import org.faasgrip.examples.LongPollAlbHandler;
import org.faasgrip.examples.LongPollHandler;
import org.faasgrip.examples.LongPollHttpApiHandler;
import org.faasgrip.examples.StreamAlbHandler;
import org.faasgrip.examples.StreamHandler;
import org.faasgrip.examples.StreamHttpApiHandler;
import org.faasgrip.localgateway.PayloadVersion;

/** The Lambda payloads the end-to-end tests run each example under, with the example's entry point for each. */
enum Payload {
  V1(PayloadVersion.V1, ChatHandler.class, StreamHandler.class, LongPollHandler.class),
  V2(PayloadVersion.V2, ChatHttpApiHandler.class, StreamHttpApiHandler.class, LongPollHttpApiHandler.class),
  ALB(PayloadVersion.ALB, ChatAlbHandler.class, StreamAlbHandler.class, LongPollAlbHandler.class),
  /** An ALB whose target group has multi-value headers on: events carry only {@code multiValueHeaders}. */
  ALB_MULTI(PayloadVersion.ALB, ChatAlbHandler.class, StreamAlbHandler.class, LongPollAlbHandler.class);

  final PayloadVersion version;
  private final Class<?> chat;
  private final Class<?> stream;
  private final Class<?> poll;

  Payload(PayloadVersion version, Class<?> chat, Class<?> stream, Class<?> poll) {
    this.version = version;
    this.chat = chat;
    this.stream = stream;
    this.poll = poll;
  }

  Class<?> handler(Example example) {
    switch (example) {
      case CHAT:
        return chat;
      case CHAT_STREAM_HANDLER:
        // The RequestStreamHandler reads every payload's raw JSON itself.
        return ChatStreamHandler.class;
      case STREAM:
        return stream;
      default:
        return poll;
    }
  }

  boolean multiValueHeaders() {
    return this == ALB_MULTI;
  }

  /** The path Pushpin routes to this payload's gateway for the example, e.g. {@code /alb-multi/chat}. */
  String path(Example example) {
    return "/" + slug(name()) + "/" + slug(example.name());
  }

  private static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The examples, each served by its own local gateway per payload. */
  enum Example {
    CHAT,
    CHAT_STREAM_HANDLER,
    STREAM,
    POLL
  }
}
