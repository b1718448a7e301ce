package org.faasgrip.examples.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;
import org.faasgrip.azure.AzureGrip;
import org.faasgrip.examples.Chat;

/**
 * The JavaScript faas-grip library's chat ({@link Chat#handle(org.faasgrip.websocket.WebSocketContext,
 * org.faasgrip.function.Grip)}) as an HTTP-triggered Azure Function ({@code /api/chat}): every
 * connection is accepted and joins channel {@value Chat#CHANNEL}; {@code /nick NAME} sets the connection's nickname;
 * any other message goes to every connection as {@code NAME: message}. Configured by the function app's
 * application settings ({@code GRIP_URL}, {@code GRIP_PREFIX}, {@code GRIP_VERIFY}).
 */
public class ChatFunction {
  private static final AzureGrip ENVIRONMENT = AzureGrip.fromEnvironment();

  private final AzureGrip azure;

  /** Created by the Java worker for each invocation; the configuration lives in a static field. */
  public ChatFunction() {
    this(ENVIRONMENT);
  }

  /**
   * Creates the function with a configuration of its own, for tests and benchmarks.
   *
   * @param azure the adapter and its configuration
   */
  public ChatFunction(AzureGrip azure) {
    this.azure = azure;
  }

  /**
   * Answers one batch of WebSocket activity that Pushpin forwards as WebSocket-over-HTTP.
   *
   * @param request the trigger's request, its body bound as bytes
   * @param context the invocation's context, whose logger gets the reason for a 4xx or 5xx
   * @return the outgoing events, or the answer to a failure
   */
  @FunctionName("chat")
  public HttpResponseMessage run(
      @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.ANONYMOUS,
          dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
      ExecutionContext context) {
    return azure.serve(request, context, r -> Chat.handle(azure.grip().webSocket(r), azure.grip()));
  }
}
