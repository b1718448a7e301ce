package org.faasgrip.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import org.faasgrip.GripException;
import org.faasgrip.lambda.FaasGrip;

/**
 * The JavaScript faas-grip chat example behind an Application Load Balancer, with or without multi-value headers on the target
 * group: the response uses the form the request came in.
 */
public final class ChatAlbHandler
    implements RequestHandler<ApplicationLoadBalancerRequestEvent, ApplicationLoadBalancerResponseEvent> {

  /** Creates the handler; the Lambda runtime makes one per execution environment. */
  public ChatAlbHandler() {}

  /**
   * Handles one WebSocket-over-HTTP request.
   *
   * @param event the request
   * @param context the invocation's context
   * @return the events for the client; 400 {@code Not a WebSocket-over-HTTP request} for any other request
   */
  @Override
  public ApplicationLoadBalancerResponseEvent handleRequest(
      ApplicationLoadBalancerRequestEvent event, Context context) {
    try {
      return Chat.handle(FaasGrip.lambdaGetWebSocket(event));
    } catch (GripException e) {
      // 400 "Not a WebSocket-over-HTTP request\n", 400 for a malformed body or a request that did not come through
      // a GRIP proxy (no GRIP mode to subscribe in), 403 for a bad Grip-Sig, 500 for a failed publish
      return FaasGrip.errorResponse(e, event);
    }
  }
}
