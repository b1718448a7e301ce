package org.faasgrip.bench;

import com.microsoft.azure.functions.HttpResponseMessage;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.faasgrip.azure.AzureGrip;
import org.faasgrip.examples.azure.ChatFunction;
import org.faasgrip.function.Grip;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.Headers;
import org.faasgrip.lambda.LambdaEvent;
import org.faasgrip.testkit.azure.StandInContext;
import org.faasgrip.testkit.azure.StandInRequest;

/**
 * The Azure Functions chat ({@code ChatFunction} on {@code AzureGrip}) as the benchmarks drive it: the trigger's
 * request made once from a Lambda event's method, path, headers and body with the testkit's stand-in (as the worker
 * fills it: lower-case names, one value each, the body as bytes), then per invocation a new function instance (the
 * worker makes one per invocation), {@code run}, and the response made through the request's
 * {@code createResponseBuilder}, with publishing counted. What is measured is the adapter and the library, not the
 * host's HTTP or gRPC.
 */
public final class AzureInvoker {
  private final AtomicLong published = new AtomicLong();
  private final AzureGrip azure;
  private final StandInRequest request;
  private final StandInContext context = new StandInContext("chat");

  /**
   * Makes the adapter, with counted publishing, and the request from an API Gateway REST (payload 1.0) event.
   *
   * @param eventJson the event's JSON
   */
  public AzureInvoker(byte[] eventJson) {
    azure = AzureGrip.of(Grip.builder().publishWith(items -> {
      published.addAndGet(items.size());
      return CompletableFuture.completedFuture(null);
    }).build());
    GripRequest r = LambdaEvent.parse(eventJson).request();
    StandInRequest.Builder b = StandInRequest.builder(r.method(), URI.create("http://localhost:7071" + r.path()));
    Headers h = r.headers();
    for (int i = 0; i < h.size(); i++) {
      b.header(h.name(i), h.value(i));
    }
    request = b.body(r.body()).build();
  }

  /**
   * Runs the function once.
   *
   * @return the response message
   */
  public HttpResponseMessage invoke() {
    return new ChatFunction(azure).run(request, context);
  }

  /**
   * Returns how many items have been published.
   *
   * @return the count
   */
  public long published() {
    return published.get();
  }
}
