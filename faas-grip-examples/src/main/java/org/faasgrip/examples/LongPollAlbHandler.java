package org.faasgrip.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import org.faasgrip.lambda.LambdaResponses;

/** HTTP long-polling ({@link LongPolling}) behind an Application Load Balancer. */
public final class LongPollAlbHandler
    implements RequestHandler<ApplicationLoadBalancerRequestEvent, ApplicationLoadBalancerResponseEvent> {

  /** Creates the handler; the Lambda runtime makes one per execution environment. */
  public LongPollAlbHandler() {}

  /**
   * Answers one request.
   *
   * @param event the request
   * @param context the invocation's context
   * @return the hold response, or 400 for a bad {@code timeout}
   */
  @Override
  public ApplicationLoadBalancerResponseEvent handleRequest(
      ApplicationLoadBalancerRequestEvent event, Context context) {
    String timeout = Query.get(
        event.getQueryStringParameters(), event.getMultiValueQueryStringParameters(), "timeout");
    return LambdaResponses.toAlb(LongPolling.hold(timeout), event);
  }
}
