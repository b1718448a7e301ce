package org.faasgrip.it;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.faasgrip.config.GripConfig;
import org.faasgrip.examples.Chat;
import org.faasgrip.examples.ChatHandler;
import org.faasgrip.function.Grip;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.lambda.LambdaResponses;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.publish.Format;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.publisher.GripPublisher;

/**
 * The function the fault tests run behind Pushpin (payload 1.0): the JavaScript faas-grip chat example unchanged on
 * {@value #CHAT_PATH}, and on {@value #STREAM_PATH} an HTTP stream held on the chat's channel, so that one room has
 * both kinds of client. The chat publishes WebSocket messages only; {@link #withStreamCopies(List)}, the publish
 * hook, gives each of its items an {@code http-stream} format too (one item, so both kinds of subscriber get the
 * same publish or neither does).
 *
 * <p>{@link #delayMillis} makes every call take that long first: a slow function.
 */
public final class FaultRoom implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  static final String CHAT_PATH = "/chat";
  static final String STREAM_PATH = "/stream";

  /** How long every call waits before it runs; 0 for none. Read per call, so a test can change it. */
  static volatile long delayMillis;

  private final ChatHandler chat = new ChatHandler();

  /** Creates the handler, as the Lambda runtime would, once per instance. */
  public FaultRoom() {}

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    long delay = delayMillis;
    if (delay > 0) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted in the slow function's wait", e);
      }
    }
    if (STREAM_PATH.equals(event.getPath())) {
      return LambdaResponses.toApiGateway(FaasGrip.instance().holdStream(Chat.CHANNEL, ""));
    }
    return chat.handleRequest(event, context);
  }

  /**
   * The publish hook: every text message the chat publishes also goes, in the same item, to the streams, as one
   * line.
   *
   * @param items what the chat published
   * @return the same items, with an {@code http-stream} format added to each text message
   */
  static List<Item> withStreamCopies(List<Item> items) {
    List<Item> out = new ArrayList<>(items.size());
    for (Item item : items) {
      WebSocketMessageFormat ws = item.format(WebSocketMessageFormat.class);
      if (ws == null || ws.isClose() || ws.isBinary() || item.format(HttpStreamFormat.class) != null) {
        out.add(item);
        continue;
      }
      Item.Builder copy = Item.builder(item.channel());
      if (item.id() != null) {
        copy.id(item.id());
      }
      for (Format f : item.formats()) {
        copy.format(f);
      }
      out.add(copy.format(HttpStreamFormat.of(ws.text() + "\n")).build());
    }
    return out;
  }

  /**
   * The function's configuration with the hook: {@code config}'s proxies, published to by {@code publisher}.
   *
   * @param config the proxies and verify keys
   * @param publisher the publisher to send through
   * @return the instance to install
   */
  static Grip grip(GripConfig config, GripPublisher publisher) {
    return grip(config, publisher, e -> { });
  }

  /**
   * The function's configuration with the hook, telling {@code failures} of every publish that failed, as the
   * function saw it (before it escapes the handler, which then fails).
   *
   * @param config the proxies and verify keys
   * @param publisher the publisher to send through
   * @param failures told of each failed publish's exception
   * @return the instance to install
   */
  static Grip grip(GripConfig config, GripPublisher publisher, Consumer<Throwable> failures) {
    return Grip.builder()
        .config(config)
        .requireSignature(true)
        .publishWith(items -> publisher.publishAsync(withStreamCopies(items)).whenComplete((ok, e) -> {
          if (e != null) {
            failures.accept(e);
          }
        }))
        .build();
  }

  /**
   * The function's host in a JVM of its own, for the test that kills it: the local gateway on the port given,
   * with {@code FaasGrip} configured from {@code GRIP_URL} (publishing with the default retry policy, as a
   * deployed function would), the hook and a delay per call.
   *
   * @param args the port, and how long each call waits in milliseconds
   */
  public static void main(String[] args) {
    delayMillis = Long.parseLong(args[1]);
    GripConfig config = GripConfig.fromEnvironment();
    FaasGrip.install(grip(config, GripPublisher.builder().config(config).build()));
    LocalGateway.main(new String[] {"--handler", FaultRoom.class.getName(), "--port", args[0], "--quiet"});
  }
}
