package org.faasgrip.docs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.faasgrip.config.GripConfig;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.lambda.LambdaResponses;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.sig.GripSigValidator;

/** The samples of {@code docs/security.md}. */
public final class SecuritySamples {
  private SecuritySamples() {}

  // tag::security-is-from-proxy[]
  /** Publishes a note only for requests that came through the proxy. */
  public static final class Notes implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    // end::security-is-from-proxy[]
    /** Creates the handler. */
    public Notes() {}

    // tag::security-is-from-proxy[]
    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
      if (!FaasGrip.isFromProxy(event)) {           // Grip-Sig missing, forged, expired or of another issuer
        return new APIGatewayProxyResponseEvent().withStatusCode(403).withBody("Forbidden\n");
      }
      FaasGrip.publish("notes", HttpStreamFormat.of(event.getBody() + "\n"));
      return LambdaResponses.toApiGateway(FaasGrip.holdStream("notes", ""));
    }
  }
  // end::security-is-from-proxy[]

  /**
   * Checks a {@code Grip-Sig} header and says why it was refused.
   *
   * @param config the configuration
   * @param gripSig the header's value; null when missing
   * @return the reason, or null when the request is from the proxy
   */
  public static String whyRefused(GripConfig config, String gripSig) {
    // tag::security-validator[]
    GripSigValidator validator = GripSigValidator.forConfig(config);   // keep it: immutable, thread-safe
    GripSigValidator.Verdict verdict = validator.check(gripSig);
    if (!verdict.fromProxy()) {
      System.err.println("refused: " + verdict.reason());   // e.g. "token expired"; never the token or a key
    }
    // end::security-validator[]
    return verdict.fromProxy() ? null : verdict.reason();
  }
}
