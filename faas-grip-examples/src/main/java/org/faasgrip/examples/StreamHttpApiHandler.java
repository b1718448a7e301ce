package org.faasgrip.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.faasgrip.lambda.LambdaResponses;

/** HTTP streaming ({@link Streaming}) behind an API Gateway HTTP API or a Lambda Function URL (payload 2.0). */
public final class StreamHttpApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  /** Creates the handler; the Lambda runtime makes one per execution environment. */
  public StreamHttpApiHandler() {}

  /**
   * Answers one request.
   *
   * @param event the request
   * @param context the invocation's context
   * @return the hold response that opens the stream
   */
  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return LambdaResponses.toV2(Streaming.open());
  }
}
