package org.faasgrip.function;

/** {@link GripLogger#system()}: the JDK's logger, looked up only when a first line is logged. */
final class SystemLogger implements GripLogger {
  static final SystemLogger INSTANCE = new SystemLogger();

  private SystemLogger() {}

  @Override
  public void log(System.Logger.Level level, String message) {
    Holder.LOGGER.log(level, message);
  }

  /** Holds the logger; the JVM initialises this class, and so looks the logger up, on first use. */
  private static final class Holder {
    static final System.Logger LOGGER = System.getLogger("org.faasgrip.function");
  }

  @Override
  public String toString() {
    return "GripLogger.system()";
  }
}
