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
import org.faasgrip.examples.LongPolling;

/**
 * HTTP long-polling ({@link LongPolling#hold(org.faasgrip.function.Grip, String)}) as an HTTP-triggered Azure Function ({@code /api/poll}): a request is held
 * by the proxy on channel {@value LongPolling#CHANNEL} until something is published there, or until the timeout
 * ({@code timeout} query parameter, 1 to {@value LongPolling#MAX_TIMEOUT} seconds, default
 * {@value LongPolling#DEFAULT_TIMEOUT}), when the proxy answers {@code request timed out}.
 */
public class LongPollFunction {
  private static final AzureGrip ENVIRONMENT = AzureGrip.fromEnvironment();

  private final AzureGrip azure;

  /** Created by the Java worker for each invocation; the configuration lives in a static field. */
  public LongPollFunction() {
    this(ENVIRONMENT);
  }

  /**
   * Creates the function with a configuration of its own, for tests.
   *
   * @param azure the adapter and its configuration
   */
  public LongPollFunction(AzureGrip azure) {
    this.azure = azure;
  }

  /**
   * Holds the request, or answers 400 for a bad {@code timeout}.
   *
   * @param request the trigger's request, with its {@code timeout} query parameter
   * @param context the invocation's context
   * @return the hold response, or 400
   */
  @FunctionName("poll")
  public HttpResponseMessage run(
      @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
          dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
      ExecutionContext context) {
    String timeout = request.getQueryParameters().get("timeout");
    return azure.serve(request, context, r -> LongPolling.hold(azure.grip(), timeout));
  }
}
