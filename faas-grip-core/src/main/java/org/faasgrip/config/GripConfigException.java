package org.faasgrip.config;

import org.faasgrip.GripException;

/**
 * A configuration value that cannot be used. The message starts with the variable and the part of it that is
 * wrong ({@code GRIP_URL}, {@code GRIP_URL query parameter key}, {@code GRIP_PROXIES[1].verify_key}, ...) and
 * says what is wrong with it; it never contains a key, token or password, nor the value that held one.
 */
public class GripConfigException extends GripException {
  private static final long serialVersionUID = 1L;

  /** Where the fault is, such as {@code GRIP_PROXIES[1].key}. */
  private final String variable;

  /**
   * Creates the exception.
   *
   * @param variable the variable and the part of it that is wrong, such as {@code GRIP_PROXIES[1].key}
   * @param fault what is wrong, without the value when the value may be secret
   */
  public GripConfigException(String variable, String fault) {
    super(variable + ": " + fault);
    this.variable = variable;
  }

  /** Returns the variable and the part of it that is wrong, such as {@code GRIP_PROXIES[1].key}.
   *
   * @return where the fault is
   */
  public String variable() {
    return variable;
  }
}
