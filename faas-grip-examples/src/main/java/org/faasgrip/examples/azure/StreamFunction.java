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
import org.faasgrip.examples.Streaming;

/**
 * HTTP streaming ({@link Streaming}) as an HTTP-triggered Azure Function ({@code /api/stream}): a GET is held open
 * by the proxy on channel {@value Streaming#CHANNEL}, and everything published there as {@code HttpStreamFormat} is
 * appended to it. The function answers at once.
 */
public class StreamFunction {
  private static final AzureGrip ENVIRONMENT = AzureGrip.fromEnvironment();

  private final AzureGrip azure;

  /** Created by the Java worker for each invocation; the configuration lives in a static field. */
  public StreamFunction() {
    this(ENVIRONMENT);
  }

  /**
   * Creates the function with a configuration of its own, for tests.
   *
   * @param azure the adapter and its configuration
   */
  public StreamFunction(AzureGrip azure) {
    this.azure = azure;
  }

  /**
   * Opens a stream: {@code Grip-Hold: stream} on {@value Streaming#CHANNEL} (with the configured prefix).
   *
   * @param request the trigger's request
   * @param context the invocation's context
   * @return the hold response
   */
  @FunctionName("stream")
  public HttpResponseMessage run(
      @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
          dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
      ExecutionContext context) {
    return azure.serve(request, context, r -> Streaming.open(azure.grip()));
  }
}
