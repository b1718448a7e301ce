package org.faasgrip.apigw;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;

/**
 * The {@code requestContext} of the events {@link WebSocketApi} makes: aws-lambda-java-events' class with the two
 * fields that API Gateway sends on {@code $disconnect} and that class lacks, {@code disconnectStatusCode} and
 * {@code disconnectReason}. A handler that needs them casts:
 *
 * <pre>{@code
 * if (event.getRequestContext() instanceof WebSocketRequestContext) {
 *   Integer code = ((WebSocketRequestContext) event.getRequestContext()).getDisconnectStatusCode();
 * }
 * }</pre>
 *
 * <p>(On AWS itself the Lambda runtime drops both fields when it reads the JSON into the typed event, so a typed
 * handler never sees them there.)
 */
public class WebSocketRequestContext extends APIGatewayV2WebSocketEvent.RequestContext {
  private static final long serialVersionUID = 1L;

  /** The close code of a {@code $disconnect}; null on other routes. */
  private Integer disconnectStatusCode;
  /** The close reason of a {@code $disconnect}; null on other routes. */
  private String disconnectReason;

  /** Creates an empty context, as the event classes' own no-argument constructors do. */
  public WebSocketRequestContext() {}

  /**
   * Returns the close code of a {@code $disconnect}: the client's close code, 1005 when its close frame had none,
   * 1006 when it went away without a close frame. Null on other routes.
   *
   * @return the code, or null
   */
  public Integer getDisconnectStatusCode() {
    return disconnectStatusCode;
  }

  /**
   * Sets the close code of a {@code $disconnect}.
   *
   * @param disconnectStatusCode the code, or null
   */
  public void setDisconnectStatusCode(Integer disconnectStatusCode) {
    this.disconnectStatusCode = disconnectStatusCode;
  }

  /**
   * Returns the close reason of a {@code $disconnect}: the client's, empty when it gave none. Null on other routes.
   *
   * @return the reason, or null
   */
  public String getDisconnectReason() {
    return disconnectReason;
  }

  /**
   * Sets the close reason of a {@code $disconnect}.
   *
   * @param disconnectReason the reason, or null
   */
  public void setDisconnectReason(String disconnectReason) {
    this.disconnectReason = disconnectReason;
  }

  @Override
  public boolean equals(Object o) {
    return super.equals(o) && o instanceof WebSocketRequestContext
        && java.util.Objects.equals(disconnectStatusCode, ((WebSocketRequestContext) o).disconnectStatusCode)
        && java.util.Objects.equals(disconnectReason, ((WebSocketRequestContext) o).disconnectReason);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + java.util.Objects.hash(disconnectStatusCode, disconnectReason);
  }

  @Override
  public String toString() {
    String s = super.toString();
    return disconnectStatusCode == null ? s
        : s + " disconnectStatusCode=" + disconnectStatusCode + " disconnectReason=" + disconnectReason;
  }
}
