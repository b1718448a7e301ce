package org.faasgrip.localgateway;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Lambda {@link Context} for one local invocation: its own request id, the function's name, version
 * {@code $LATEST} and ARN, a remaining time that counts down from the function's timeout, the memory setting,
 * and a {@link LambdaLogger} that writes to standard error.
 *
 * <p>Identity and client context are null, as they are for invocations by API Gateway and ALB.
 *
 * <p>Arguments: a null, like a timeout or memory that is not positive, is refused with an
 * {@link IllegalArgumentException} that names the parameter ({@code "requestId must not be null"}), never a bare
 * {@link NullPointerException}.
 */
public final class LocalContext implements Context {
  private final String requestId;
  private final String functionName;
  private final int memoryLimitMb;
  private final long deadlineNanos;
  private final String logStreamName;
  private final LambdaLogger logger;

  /**
   * Creates the context of one invocation whose clock starts now.
   *
   * @param requestId the invocation's request id ({@link #getAwsRequestId()})
   * @param functionName the function's name, used in its ARN and log group
   * @param timeoutMillis the function timeout the remaining time counts down from
   * @param memoryLimitMb the function's memory setting in MB
   * @throws IllegalArgumentException when the request id or function name is null, or the timeout or memory is
   *     not positive
   */
  public LocalContext(String requestId, String functionName, long timeoutMillis, int memoryLimitMb) {
    this.requestId = notNull(requestId, "requestId");
    this.functionName = notNull(functionName, "functionName");
    if (timeoutMillis <= 0 || memoryLimitMb <= 0) {
      throw new IllegalArgumentException("timeout and memory must be positive, not " + timeoutMillis + " ms and "
          + memoryLimitMb + " MB");
    }
    this.memoryLimitMb = memoryLimitMb;
    this.deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000L;
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    this.logStreamName = String.format("%04d/%02d/%02d/[$LATEST]%016x%016x", today.getYear(),
        today.getMonthValue(), today.getDayOfMonth(), ThreadLocalRandom.current().nextLong(),
        ThreadLocalRandom.current().nextLong());
    this.logger = new StderrLogger(System.err);
  }

  private static String notNull(String value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return logStreamName;
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryLimitMb;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }

  @Override
  public String toString() {
    return "LocalContext{requestId=" + requestId + ", function=" + functionName + ", remainingMs="
        + getRemainingTimeInMillis() + "}";
  }

  /** Writes each log call as one line on standard error, as the Lambda runtime writes one log event. */
  private static final class StderrLogger implements LambdaLogger {
    private final PrintStream out;

    StderrLogger(PrintStream out) {
      this.out = out;
    }

    @Override
    public void log(String message) {
      write(message == null ? "null" : message);
    }

    @Override
    public void log(byte[] message) {
      write(message == null ? "null" : new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void log(String message, LogLevel level) {
      write((level == null || level == LogLevel.UNDEFINED ? "" : "[" + level + "] ") + message);
    }

    @Override
    public void log(byte[] message, LogLevel level) {
      log(message == null ? "null" : new String(message, StandardCharsets.UTF_8), level);
    }

    private void write(String line) {
      if (line.endsWith("\n")) {
        out.print(line);
      } else {
        out.println(line);
      }
    }
  }
}
