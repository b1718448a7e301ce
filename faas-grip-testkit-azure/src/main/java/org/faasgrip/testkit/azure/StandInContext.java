package org.faasgrip.testkit.azure;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A stand-in for the {@link ExecutionContext} the Azure Functions Java worker passes with each invocation: an
 * invocation id, the function's name, and a {@code java.util.logging} logger of the invocation's own. What is
 * logged to it is kept, as {@code LEVEL message} lines, for the test to read, and goes nowhere else.
 */
public final class StandInContext implements ExecutionContext {
  private final String invocationId = UUID.randomUUID().toString();
  private final String functionName;
  private final Logger logger;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  /**
   * Creates a context for one invocation.
   *
   * @param functionName the function's name, as {@code @FunctionName} gives it
   * @throws IllegalArgumentException if {@code functionName} is null
   */
  public StandInContext(String functionName) {
    if (functionName == null) {
      throw new IllegalArgumentException("functionName must not be null");
    }
    this.functionName = functionName;
    // An anonymous logger: not registered with the LogManager, so no other test's handlers see its records.
    this.logger = Logger.getAnonymousLogger();
    logger.setUseParentHandlers(false);
    logger.addHandler(new Handler() {
      @Override
      public void publish(LogRecord r) {
        lines.add(r.getLevel().getName() + " " + r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
  }

  @Override
  public Logger getLogger() {
    return logger;
  }

  @Override
  public String getInvocationId() {
    return invocationId;
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  /**
   * Returns what was logged, one {@code LEVEL message} line per record ({@code WARNING ...}, {@code SEVERE ...}).
   *
   * @return the lines so far, in order
   */
  public List<String> lines() {
    return List.copyOf(lines);
  }
}
