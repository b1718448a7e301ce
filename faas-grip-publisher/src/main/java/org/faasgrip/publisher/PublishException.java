package org.faasgrip.publisher;

import java.util.List;
import org.faasgrip.GripException;

/**
 * A publish that did not reach every proxy, or that could not be attempted at all (the publisher is closed, or
 * the items are not valid).
 *
 * <p>When proxies answered with an error or could not be reached, {@link #failures()} holds one
 * {@link Failure} per proxy that failed, each naming the proxy by its publish URI (without user, password or
 * query), the HTTP status or the connection error, the start of the response body and the number of attempts.
 * Proxies that accepted the items are not listed: publishing is not atomic across proxies. No key, token or
 * password appears in the message or in {@code toString()}.
 */
public final class PublishException extends GripException {
  private static final long serialVersionUID = 1L;

  /** The part of a proxy's response body kept in a {@link Failure}, in characters. */
  static final int MAX_BODY_CHARS = 512;

  /** The proxies that failed; not serialized (a failure holds the connection error, which may not be). */
  private final transient List<Failure> failures;

  /** How many proxies the items were sent to. */
  private final int proxies;

  /**
   * Creates an exception for a publish that could not be attempted, with no proxy failures.
   *
   * @param message what was wrong
   */
  public PublishException(String message) {
    super(message);
    this.failures = List.of();
    this.proxies = 0;
  }

  /**
   * Creates an exception for a publish that could not be attempted, with the failure that caused it.
   *
   * @param message what was wrong
   * @param cause the underlying failure
   */
  public PublishException(String message, Throwable cause) {
    super(message, cause);
    this.failures = List.of();
    this.proxies = 0;
  }

  /**
   * Creates an exception for a publish that one or more proxies did not accept.
   *
   * @param failures one entry per proxy that failed, at least one
   * @param proxies how many proxies the items were sent to
   */
  public PublishException(List<Failure> failures, int proxies) {
    super(describe(failures, proxies), firstCause(failures));
    this.failures = List.copyOf(failures);
    this.proxies = proxies;
  }

  /**
   * Returns one entry per proxy that did not accept the items, in the order the proxies were configured.
   *
   * @return the failures; empty when the publish could not be attempted at all
   */
  public List<Failure> failures() {
    return failures == null ? List.of() : failures;
  }

  /**
   * Returns how many proxies the items were sent to, of which {@code failures().size()} failed.
   *
   * @return the number of proxies attempted; 0 when the publish could not be attempted at all
   */
  public int proxies() {
    return proxies;
  }

  /** Re-creates this exception on the calling thread, so that a blocking caller sees its own stack. */
  PublishException onCallerThread() {
    PublishException copy =
        failures().isEmpty() ? new PublishException(getMessage(), getCause()) : new PublishException(failures, proxies);
    copy.addSuppressed(this);
    return copy;
  }

  private static String describe(List<Failure> failures, int proxies) {
    if (failures.isEmpty()) {
      throw new IllegalArgumentException("a PublishException with proxy failures needs at least one");
    }
    StringBuilder sb = new StringBuilder(128);
    sb.append("publish failed at ").append(failures.size()).append(" of ").append(proxies)
        .append(proxies == 1 ? " proxy" : " proxies");
    for (Failure f : failures) {
      sb.append("; ").append(f);
    }
    return sb.toString();
  }

  private static Throwable firstCause(List<Failure> failures) {
    for (Failure f : failures) {
      if (f.error() != null) {
        return f.error();
      }
    }
    return null;
  }

  /**
   * Why one proxy did not accept a publish, after how many attempts: the HTTP status of its last answer and the
   * start of that answer's body, and the error of the last attempt when that one got no answer (it could not be
   * reached, or did not answer in time). A proxy that answered {@code 500} and then timed out has both.
   */
  public static final class Failure {
    private final String proxy;
    private final int status;
    private final String body;
    private final Throwable error;
    private final int attempts;

    Failure(String proxy, int status, String body, Throwable error, int attempts) {
      this.proxy = proxy;
      this.status = status;
      this.body = body;
      this.error = error;
      this.attempts = attempts;
    }

    /**
     * Returns the proxy's publish URI, without user, password or query (which can hold secrets).
     *
     * @return the proxy, e.g. {@code http://127.0.0.1:5561/publish/}
     */
    public String proxy() {
      return proxy;
    }

    /**
     * Returns the HTTP status of the proxy's last answer, which is the last attempt's unless that one got no
     * answer (see {@link #error()}).
     *
     * @return the status, or -1 when no attempt got an answer
     */
    public int status() {
      return status;
    }

    /**
     * Returns the start of the body of the proxy's last answer, decoded as UTF-8, at most 512 characters.
     *
     * @return the body, empty when there was none or no attempt got an answer
     */
    public String body() {
      return body;
    }

    /**
     * Returns the connection error of the last attempt, when the proxy could not be reached or did not answer in
     * time (within the request timeout, or within what was left of the retry policy's time budget).
     *
     * @return the error, or null when the last attempt was answered with an HTTP status
     */
    public Throwable error() {
      return error;
    }

    /**
     * Returns how many requests were sent to this proxy, retries included.
     *
     * @return the number of attempts, at least 1
     */
    public int attempts() {
      return attempts;
    }

    /**
     * Describes the failure: proxy, the last answer's status and body, the last attempt's error, and the attempts,
     * e.g. {@code http://127.0.0.1:5561/publish/: HTTP 500 "busy", then HttpTimeoutException (...) after 2 attempts}.
     *
     * @return a one-line description without secrets
     */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(64 + body.length());
      sb.append(proxy).append(": ");
      if (status >= 0) {
        sb.append("HTTP ").append(status);
        if (!body.isEmpty()) {
          sb.append(" \"").append(body).append('"');
        }
        if (error != null) {
          sb.append(", then ").append(describe(error));
        }
      } else {
        sb.append(describe(error));
      }
      sb.append(" after ").append(attempts).append(attempts == 1 ? " attempt" : " attempts");
      return sb.toString();
    }

    private static String describe(Throwable error) {
      if (error == null) {
        return "no answer";
      }
      String m = error.getMessage();
      String name = error.getClass().getSimpleName();
      return m == null || m.isEmpty() ? name : name + " (" + m + ")";
    }
  }
}
