package org.faasgrip.function;

import org.faasgrip.sig.GripSigException;

/**
 * A request did not come through the GRIP proxy: signatures are required ({@code GRIP_VERIFY=required}, or
 * {@link Grip.Builder#requireSignature(boolean)}) and its {@code Grip-Sig} header is missing, expired, or not
 * signed with a configured verify key. {@link Grip#errorResponse(org.faasgrip.GripException)} answers it 403. The
 * message never holds the token.
 */
public class NotFromProxyException extends GripSigException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception that says why the request is not taken as the proxy's.
   *
   * @param message what was missing or wrong, without the token itself
   */
  public NotFromProxyException(String message) {
    super(message);
  }
}
