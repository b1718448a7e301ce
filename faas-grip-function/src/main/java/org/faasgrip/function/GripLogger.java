package org.faasgrip.function;

/**
 * Where {@link Grip} writes the one line it logs about each failure it answers: the exception's type and message,
 * which by the library's rules never hold a key or token. The default, {@link #system()}, is the JDK's
 * {@link System.Logger}; an adapter passes the platform's own logger (the Lambda adapter, the invocation's
 * {@code LambdaLogger}).
 */
@FunctionalInterface
public interface GripLogger {
  /**
   * Logs one line.
   *
   * @param level {@code WARNING} for a client's fault (4xx), {@code ERROR} for the function's own (5xx)
   * @param message the line, without a line break
   */
  void log(System.Logger.Level level, String message);

  /**
   * Returns the logger that writes to {@code System.getLogger("org.faasgrip.function")}, looked up on the first
   * line logged (not before: finding the JDK's logging backend costs start-up time).
   *
   * @return the JDK-backed logger
   */
  static GripLogger system() {
    return SystemLogger.INSTANCE;
  }
}
