package org.faasgrip.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.faasgrip.lambda.LambdaResponses;

/** HTTP long-polling ({@link LongPolling}) behind an API Gateway HTTP API or a Lambda Function URL (payload 2.0). */
public final class LongPollHttpApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  /** Creates the handler; the Lambda runtime makes one per execution environment. */
  public LongPollHttpApiHandler() {}

  /**
   * Answers one request.
   *
   * @param event the request
   * @param context the invocation's context
   * @return the hold response, or 400 for a bad {@code timeout}
   */
  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    String timeout = Query.get(event.getQueryStringParameters(), "timeout");
    return LambdaResponses.toV2(LongPolling.hold(timeout));
  }
}
