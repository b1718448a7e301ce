package org.faasgrip.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A measurement, not a test: the time of a fresh JVM's first WebSocket-over-HTTP invocation through this
 * library, from the event's bytes (stream handler) or from a filled-in event object (typed handler) to the
 * response. The typed figure leaves out the Lambda runtime's own deserialization of the event, which is the cost
 * a stream handler avoids. Run it with the module's test class path, once per JVM:
 * {@code java -Xshare:auto -cp CP org.faasgrip.lambda.ColdStartProbe stream|rest}; add {@code -verbose:class} and
 * count {@code [class,load]} lines for the classes it loads.
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  /**
   * Runs one invocation and prints its time in milliseconds.
   *
   * @param args {@code stream} or {@code rest}
   * @throws IOException if a stream fails
   */
  public static void main(String[] args) throws IOException {
    String mode = args.length == 0 ? "stream" : args[0];
    byte[] json = TestJson.resource("rest-open.json").getBytes(StandardCharsets.UTF_8);
    long start;
    int size;
    if (mode.equals("stream")) {
      start = System.nanoTime();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new ChatStreamHandler().handleRequest(new ByteArrayInputStream(json), out, null);
      size = out.size();
    } else {
      var event = TypedEventsTest.restEvent();
      start = System.nanoTime();
      var ws = FaasGrip.lambdaGetWebSocket(event);
      ws.accept();
      ws.subscribe("room");
      APIGatewayProxyResponseEvent r = ws.toResponse();
      size = r.getBody().length();
    }
    long micros = (System.nanoTime() - start) / 1000;
    System.out.println(mode + " first invocation: " + (micros / 1000.0) + " ms (" + size + " bytes out)");
  }
}
