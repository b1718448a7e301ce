package org.faasgrip.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.faasgrip.lambda.LambdaResponses;

/** HTTP long-polling ({@link LongPolling}) behind an API Gateway REST API (payload 1.0). */
public final class LongPollHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  /** Creates the handler; the Lambda runtime makes one per execution environment. */
  public LongPollHandler() {}

  /**
   * Answers one request.
   *
   * @param event the request
   * @param context the invocation's context
   * @return the hold response, or 400 for a bad {@code timeout}
   */
  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    String timeout = Query.get(event.getQueryStringParameters(), "timeout");
    return LambdaResponses.toApiGateway(LongPolling.hold(timeout));
  }
}
