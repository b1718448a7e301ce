package org.faasgrip.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.faasgrip.function.Grip;
import org.faasgrip.function.PublishFunction;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.PublishBody;
import org.faasgrip.publish.WebSocketMessageFormat;

/**
 * A priming hook for AWS Lambda SnapStart, on the CRaC API ({@code org.crac}), as {@code docs/cold-start.md}
 * describes it: before the snapshot it runs the handler on recorded events (publishing counted, never sent) and
 * loads the publisher's classes; after each restore it installs a fresh {@link Grip}, whose publisher
 * opens new connections, so that no restored copy uses a socket from before the snapshot.
 *
 * <pre>{@code
 * public final class ChatFunction extends GripStreamHandler {
 *   private final SnapStartPriming priming = SnapStartPriming.register(this, List.of(recordedEvent));
 *   ...
 * }
 * }</pre>
 *
 * <p>Keep the returned object referenced (a field of the handler, as above): CRaC contexts may hold resources
 * weakly. On a JVM without CRaC, and outside SnapStart, registering does nothing and the hooks never run.
 */
public final class SnapStartPriming implements Resource {
  private final RequestStreamHandler handler;
  private final List<byte[]> events;
  private int primed;
  private long counted;

  /**
   * Makes a hook; {@link #register} also registers it.
   *
   * @param handler the function's handler
   * @param events recorded Lambda events (as the proxy sends them) to run before the snapshot
   */
  public SnapStartPriming(RequestStreamHandler handler, List<byte[]> events) {
    this.handler = handler;
    this.events = List.copyOf(events);
  }

  /**
   * Makes a hook and registers it with CRaC's global context.
   *
   * @param handler the function's handler
   * @param events recorded Lambda events to run before the snapshot
   * @return the hook: keep it referenced
   */
  public static SnapStartPriming register(RequestStreamHandler handler, List<byte[]> events) {
    SnapStartPriming hook = new SnapStartPriming(handler, events);
    Core.getGlobalContext().register(hook);
    return hook;
  }

  /**
   * Primes: runs the handler on each event with publishing counted, then loads the publish path's classes
   * (the publish body's JSON, the JDK's HTTP client) without sending anything.
   *
   * @param context the CRaC context (unused)
   * @throws IOException when the handler fails on an event
   */
  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) throws IOException {
    Grip real = FaasGrip.instance();
    Counter counter = new Counter();
    FaasGrip.install(Grip.builder().config(real.config()).logger(real.logger()).publishWith(counter).build());
    primed = 0;
    try {
      for (byte[] event : events) {
        handler.handleRequest(new ByteArrayInputStream(event), OutputStream.nullOutputStream(), null);
        primed++;
      }
    } finally {
      FaasGrip.install(real);
      counted = counter.items;
    }
    PublishBody.toJson(Item.of("priming", WebSocketMessageFormat.text("priming")), real.config().prefix());
    // A client that never connects: its classes stay loaded in the snapshot, it holds no socket.
    HttpClient.newBuilder().build();
    HttpRequest.newBuilder(URI.create("http://127.0.0.1/publish/")).build();
  }

  /**
   * Installs a fresh instance from the environment: a new publisher, whose connections open on first use.
   *
   * @param context the CRaC context (unused)
   */
  @Override
  public void afterRestore(Context<? extends Resource> context) {
    FaasGrip.install(Grip.fromEnvironment());
  }

  /**
   * Returns how many events the last {@link #beforeCheckpoint} ran through the handler.
   *
   * @return the count
   */
  public int primed() {
    return primed;
  }

  /**
   * Returns how many items the handler published (into a counter) during the last {@link #beforeCheckpoint}.
   *
   * @return the count
   */
  public long publishedWhilePriming() {
    return counted;
  }

  /** Counts what the handler publishes while priming, so that nothing reaches a proxy. */
  private static final class Counter implements PublishFunction {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    long items;

    @Override
    public CompletableFuture<Void> publish(List<Item> batch) {
      items += batch.size();
      return DONE;
    }
  }
}
