package org.faasgrip.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import org.faasgrip.lambda.LambdaResponses;

/** HTTP streaming ({@link Streaming}) behind an Application Load Balancer. */
public final class StreamAlbHandler
    implements RequestHandler<ApplicationLoadBalancerRequestEvent, ApplicationLoadBalancerResponseEvent> {

  /** Creates the handler; the Lambda runtime makes one per execution environment. */
  public StreamAlbHandler() {}

  /**
   * Answers one request.
   *
   * @param event the request
   * @param context the invocation's context
   * @return the hold response that opens the stream
   */
  @Override
  public ApplicationLoadBalancerResponseEvent handleRequest(
      ApplicationLoadBalancerRequestEvent event, Context context) {
    return LambdaResponses.toAlb(Streaming.open(), event);
  }
}
