package org.faasgrip.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.function.Grip;

/**
 * Runs in a child JVM whose class path lacks aws-lambda-java-events (see {@link NoEventClassesTest}): it drives
 * the stream-handler path a deployed function without that library would take, and prints each result on a line.
 */
public final class NoEventsProbe {
  private NoEventsProbe() {}

  /**
   * Prints {@code events-present} or {@code events-absent}, then one response line per event resource named in
   * the arguments, then the publish count.
   *
   * @param args event resource names
   * @throws IOException if a stream fails
   */
  public static void main(String[] args) throws IOException {
    boolean present;
    try {
      Class.forName("com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent", false,
          NoEventsProbe.class.getClassLoader());
      present = true;
    } catch (ClassNotFoundException e) {
      present = false;
    }
    System.out.println(present ? "events-present" : "events-absent");

    AtomicInteger published = new AtomicInteger();
    FaasGrip.install(Grip.builder().publishWith(items -> {
      published.addAndGet(items.size());
      return CompletableFuture.completedFuture(null);
    }).build());

    ChatStreamHandler handler = new ChatStreamHandler();
    for (String name : args) {
      byte[] event = name.startsWith("{")
          ? name.getBytes(StandardCharsets.UTF_8)
          : TestJson.resource(name).getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(event), out, null);
      System.out.println(out.toString(StandardCharsets.UTF_8));
    }
    FaasGrip.publish("direct", WebSocketMessageFormat.text("x"));
    System.out.println(LambdaResponses.toJson(
        GripResponse.builder().addHeader("Content-Type", "text/plain").body("ok").build(), EventFormat.HTTP_API));
    System.out.println("published=" + published.get());
  }
}
