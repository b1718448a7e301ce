package org.faasgrip.docs;

import java.time.Duration;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.zeromq.SubscriptionListener;
import org.faasgrip.zeromq.SubscriptionTracker;
import org.faasgrip.zeromq.ZmqPublisher;

/** The samples of {@code docs/zeromq.md}. */
public final class ZeromqSamples {
  private ZeromqSamples() {}

  /**
   * Follows which channels have subscribers on two Pushpin instances, and starts and stops a feed with them.
   *
   * @param feeds what starts and stops a channel's feed
   * @return the running tracker; close it when done
   */
  public static SubscriptionTracker tracker(Feeds feeds) {
    // tag::zmq-tracker[]
    SubscriptionTracker tracker = SubscriptionTracker.builder()
        .channelPrefix("app-")                                  // GRIP_PREFIX: tracked without it
        .listener(new SubscriptionListener() {
          @Override
          public void subscribed(String channel) {
            feeds.start(channel);                               // the first client holds it
          }

          @Override
          public void unsubscribed(String channel) {
            feeds.stop(channel);                                // the last one left, or its report expired
          }
        })
        .connect("tcp://10.0.0.11:5564", "tcp://10.0.0.12:5564"); // each instance's stats_spec
    // end::zmq-tracker[]
    return tracker;
  }

  /**
   * Publishes one item to every Pushpin instance connected to this publisher, after each has subscribed.
   *
   * @param instances how many Pushpin instances to wait for
   * @return the publisher; close it when done
   */
  public static ZmqPublisher publisher(int instances) {
    // tag::zmq-publisher[]
    ZmqPublisher publisher = ZmqPublisher.builder()
        .channelPrefix("app-")
        .bind("tcp://0.0.0.0:5562");      // each Pushpin: push_in_sub_specs=tcp://THIS_HOST:5562, push_in_sub_connect=true
    publisher.awaitSubscribers("room", instances, Duration.ofSeconds(10)); // or items sent before are lost
    publisher.publish(Item.of("room", HttpStreamFormat.of("hello\n")));
    // end::zmq-publisher[]
    return publisher;
  }

  /** What a publisher starts when a channel gains a subscriber and stops when it has none left. */
  public interface Feeds {
    /**
     * Starts publishing to a channel.
     *
     * @param channel the channel
     */
    void start(String channel);

    /**
     * Stops publishing to a channel.
     *
     * @param channel the channel
     */
    void stop(String channel);
  }
}
