package org.faasgrip.zeromq;

/**
 * Told when a channel gains its first subscriber or loses its last one, over every Pushpin instance and hold
 * mode that a {@link SubscriptionTracker} hears from. Called on the tracker's own thread (or the thread that
 * calls {@link SubscriptionTracker#accept(byte[])}), one call at a time: return quickly, and hand long work to
 * another thread.
 */
public interface SubscriptionListener {
  /**
   * A channel that had no subscribers has one now.
   *
   * @param channel the channel, without the tracker's channel prefix
   */
  void subscribed(String channel);

  /**
   * A channel lost its last subscriber: Pushpin said so, or its subscription report was not refreshed within
   * its {@code ttl}.
   *
   * @param channel the channel, without the tracker's channel prefix
   */
  void unsubscribed(String channel);
}
