package org.faasgrip.sig;

import org.faasgrip.GripException;

/**
 * A request whose {@code Grip-Sig} does not prove it came through a configured proxy, thrown by
 * {@link GripSigValidator#requireFromProxy(String)}. The message says why (expired, wrong issuer, bad
 * signature, ...); it never contains the token or a key.
 */
public class GripSigException extends GripException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why the request was not accepted
   */
  public GripSigException(String message) {
    super(message);
  }
}
