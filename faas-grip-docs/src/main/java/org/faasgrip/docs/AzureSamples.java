package org.faasgrip.docs;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;
import org.faasgrip.azure.AzureGrip;
import org.faasgrip.config.GripConfig;
import org.faasgrip.function.Grip;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.faasgrip.websocket.WebSocketContext;

/** The samples of {@code docs/azure.md}. */
public final class AzureSamples {
  private AzureSamples() {}

  // tag::azure-chat[]
  /** A chat room of every client, as an HTTP-triggered Azure Function at /api/chat. */
  public static class ChatFunction {
    private static final AzureGrip AZURE = AzureGrip.fromEnvironment();  // GRIP_URL, GRIP_PREFIX, GRIP_VERIFY

    // end::azure-chat[]
    /** Created by the Java worker for each invocation. */
    public ChatFunction() {}

    /**
     * Answers one batch of WebSocket activity.
     *
     * @param request the trigger's request, body as bytes
     * @param context the invocation's context
     * @return the outgoing events, or the answer to a failure
     */
    // tag::azure-chat[]
    @FunctionName("chat")
    public HttpResponseMessage run(
        @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.ANONYMOUS,
            dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
        ExecutionContext context) {
      return AZURE.serve(request, context, gripRequest -> {
        WebSocketContext ws = AZURE.grip().webSocket(gripRequest);  // 400 / 403 answered by serve
        if (ws.isOpening()) {
          ws.accept();
          ws.subscribe("room");
        }
        while (ws.canRecv()) {
          String message = ws.recv();
          if (message == null) {                                     // the client closed, or went away
            ws.close();
            break;
          }
          AZURE.grip().publish("room", WebSocketMessageFormat.text(message));
        }
        return ws.toGripResponse();                                  // 200, application/websocket-events
      });
    }
  }
  // end::azure-chat[]

  // tag::azure-news[]
  /** An HTTP stream at /api/news, or a long-poll with ?poll; the proxy keeps the connection. */
  public static class NewsFunction {
    private static final AzureGrip AZURE = AzureGrip.fromEnvironment();

    // end::azure-news[]
    /** Created by the Java worker for each invocation. */
    public NewsFunction() {}

    /**
     * Opens a stream or holds a long-poll.
     *
     * @param request the trigger's request
     * @param context the invocation's context
     * @return the hold response
     */
    // tag::azure-news[]
    @FunctionName("news")
    public HttpResponseMessage run(
        @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
            dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
        ExecutionContext context) {
      boolean poll = request.getQueryParameters().containsKey("poll");
      return AZURE.serve(request, context, gripRequest -> poll
          ? AZURE.grip().holdResponse("news", 30, "nothing new\n")  // answered by the next publish, or in 30 s
          : AZURE.grip().holdStream("news", "stream open\n"));      // every publish appended
    }
  }
  // end::azure-news[]

  /**
   * An adapter whose configuration is built in code, with a body limit of its own.
   *
   * @return the adapter
   */
  public static AzureGrip configured() {
    // tag::azure-configured[]
    AzureGrip azure = AzureGrip.builder()
        .grip(Grip.builder()
            .config(GripConfig.fromEnvironment())
            .requireSignature(true)             // as GRIP_VERIFY=required
            .build())
        .maxBodyBytes(256 * 1024)               // bodies over 256 KiB answered 413
        .build();
    // end::azure-configured[]
    return azure;
  }
}
