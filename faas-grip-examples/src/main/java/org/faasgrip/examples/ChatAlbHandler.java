package org.faasgrip.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import org.faasgrip.GripException;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.lambda.LambdaWebSocketContext;

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
    LambdaWebSocketContext<ApplicationLoadBalancerResponseEvent> ws;
    try {
      ws = FaasGrip.lambdaGetWebSocket(event);
    } catch (GripException e) {
      // 400 "Not a WebSocket-over-HTTP request\n", 400 for a malformed body, 403 for a bad Grip-Sig
      return FaasGrip.errorResponse(e, event);
    }
    return Chat.handle(ws);
  }
}
