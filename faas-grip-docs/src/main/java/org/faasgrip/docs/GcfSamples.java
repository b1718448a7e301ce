package org.faasgrip.docs;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;
import org.faasgrip.GripException;
import org.faasgrip.config.GripConfig;
import org.faasgrip.function.Grip;
import org.faasgrip.gcf.GcfHttp;
import org.faasgrip.gcf.GripHttpFunction;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.websocket.WebSocketContext;

/** The samples of {@code docs/gcf.md}. */
public final class GcfSamples {
  private GcfSamples() {}

  // tag::gcf-chat[]
  /** A chat room of every client, as a Cloud Functions HTTP function. */
  public static final class ChatFunction extends GripHttpFunction {
    // end::gcf-chat[]
    /** Creates the function; the invoker makes one per function instance. */
    public ChatFunction() {}

    // tag::gcf-chat[]
    @Override
    protected GripResponse handle(GripRequest request, HttpRequest httpRequest) {
      WebSocketContext ws = grip().webSocket(request);  // 400 not WebSocket-over-HTTP, 403 bad Grip-Sig
      if (ws.isOpening()) {
        ws.accept();
        ws.subscribe("room");
      }
      while (ws.canRecv()) {
        String message = ws.recv();
        if (message == null) {                          // the client closed, or went away
          ws.close();
          break;
        }
        grip().publish("room", WebSocketMessageFormat.text(message));
      }
      return ws.toGripResponse();                       // 200, application/websocket-events
    }
  }
  // end::gcf-chat[]

  // tag::gcf-stream[]
  /** Opens an HTTP stream, or holds a long-poll, on channel {@code news}; the proxy keeps the connection. */
  public static final class NewsFunction extends GripHttpFunction {
    // end::gcf-stream[]
    /** Creates the function; the invoker makes one per function instance. */
    public NewsFunction() {}

    // tag::gcf-stream[]
    @Override
    protected GripResponse handle(GripRequest request, HttpRequest httpRequest) {
      if (httpRequest.getFirstQueryParameter("poll").isPresent()) {
        return grip().holdResponse("news", 30, "nothing new\n");   // answered by the next publish, or in 30 s
      }
      return grip().holdStream("news", "stream open\n");           // every publish appended
    }
  }
  // end::gcf-stream[]

  // tag::gcf-own-function[]
  /** The same chat on the plain HttpFunction, with the two conversions called by hand. */
  public static final class PlainChatFunction implements HttpFunction {
    private static final Grip GRIP = Grip.fromEnvironment();  // GRIP_URL, GRIP_PREFIX, GRIP_VERIFY

    // end::gcf-own-function[]
    /** Creates the function; the invoker makes one per function instance. */
    public PlainChatFunction() {}

    // tag::gcf-own-function[]
    @Override
    public void service(HttpRequest request, HttpResponse response) throws IOException {
      GripResponse out;
      try {
        WebSocketContext ws = GRIP.webSocket(GcfHttp.readRequest(request, 1024 * 1024));  // 413 over 1 MiB
        if (ws.isOpening()) {
          ws.accept();
        }
        out = ws.toGripResponse();
      } catch (GripException e) {
        out = GRIP.errorResponse(e);                    // 400, 403, 413 or 500, and one line in the log
      }
      GcfHttp.writeResponse(out, response);
    }
  }
  // end::gcf-own-function[]

  /** A function whose configuration is built in code, with a body limit of its own. */
  public static final class ConfiguredFunction extends GripHttpFunction {
    /** Creates the function. */
    // tag::gcf-configured[]
    public ConfiguredFunction() {
      super(Grip.builder()
          .config(GripConfig.fromEnvironment())
          .requireSignature(true)                       // as GRIP_VERIFY=required
          .build(), 256 * 1024);                        // bodies over 256 KiB answered 413
    }
    // end::gcf-configured[]

    @Override
    protected GripResponse handle(GripRequest request, HttpRequest httpRequest) {
      return grip().webSocket(request).toGripResponse();
    }
  }
}
