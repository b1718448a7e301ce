package org.faasgrip.publisher;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Sends one publish body to every proxy in parallel, retrying each proxy on its own, and completes when every
 * proxy has accepted it or given up. Holds no thread: requests are asynchronous, waits between attempts are
 * scheduled, not slept.
 */
final class Sender {
  /**
   * Added to the connect and request timeouts for the watchdog of an attempt. The HTTP client's own request
   * timeout does not cover every state: it ends when the response headers arrive, so a body that stops coming
   * would wait forever, and Java 17's client waits forever for a {@code 100 Continue} that a proxy answers with a
   * final status instead. The watchdog makes "nothing hangs" this class's promise, not the JDK's.
   */
  private static final long WATCHDOG_SLACK_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * How long after the end of the retry budget the watchdog stops an attempt. Short: the HTTP client's own
   * timeout, set to what is left of the budget, normally ends the attempt first, and the budget is the caller's
   * bound on the whole publish.
   */
  private static final long BUDGET_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  /** The shortest request timeout an attempt gets (the HTTP client refuses zero). */
  private static final long MIN_ATTEMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /**
   * The least of the budget a retry must have left when it starts, unless the request timeout is shorter: an
   * attempt with a few milliseconds could hardly be answered, and one cut off as the proxy reads it leaves the
   * caller unsure whether it arrived.
   */
  static final long MIN_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final List<ProxyEndpoint> endpoints;
  private final Duration requestTimeout;
  private final long requestTimeoutNanos;
  private final long connectTimeoutNanos;
  private final long watchdogNanos;
  private final long budgetNanos;
  private final long minRetryNanos;
  private final RetryPolicy retry;
  private final Executor executor;
  private final ClientHolder client;

  /**
   * @param executor runs retries after their wait; null runs them on the timer thread (they only start an
   *     asynchronous request)
   */
  Sender(List<ProxyEndpoint> endpoints, Duration connectTimeout, Duration requestTimeout, RetryPolicy retry,
      Executor executor) {
    this.endpoints = List.copyOf(endpoints);
    this.requestTimeout = requestTimeout;
    this.requestTimeoutNanos = requestTimeout.toNanos();
    this.connectTimeoutNanos = connectTimeout.toNanos();
    this.watchdogNanos = connectTimeoutNanos + requestTimeoutNanos + WATCHDOG_SLACK_NANOS;
    this.budgetNanos = retry.timeBudgetNanos();
    this.minRetryNanos = Math.min(MIN_RETRY_NANOS, requestTimeoutNanos);
    this.retry = retry;
    this.executor = executor == null ? Runnable::run : executor;
    boolean tls = false;
    for (ProxyEndpoint e : this.endpoints) {
      tls |= e.isTls();
    }
    this.client = new ClientHolder(connectTimeout, executor, tls);
  }

  List<ProxyEndpoint> endpoints() {
    return endpoints;
  }

  /**
   * Sends the body to every proxy. The future fails only with a {@link PublishException}.
   *
   * @param onDone run once every proxy has accepted or given up, after the future completes (whatever a caller
   *     does to the future); or null
   */
  CompletableFuture<Void> send(byte[] body, Runnable onDone) {
    return new Fanout(HttpRequest.BodyPublishers.ofByteArray(body), onDone).start();
  }

  /** Releases the HTTP client. Requests still in flight may fail. */
  void close() {
    client.close();
  }

  /**
   * How deep this thread is in completing publish futures, whose dependent actions are the caller's code. A
   * caller that closes the publisher from there must not wait for the publish it is being told about.
   */
  private final ThreadLocal<int[]> completing = ThreadLocal.withInitial(() -> new int[1]);

  /** Marks this thread as completing publish futures until {@link #endCompleting()}; nests. */
  void beginCompleting() {
    completing.get()[0]++;
  }

  void endCompleting() {
    completing.get()[0]--;
  }

  /** Whether this thread is, further up its stack, completing a publish future of this publisher. */
  boolean isCompletingHere() {
    return completing.get()[0] > 0;
  }

  /** One publish, to every proxy. */
  private final class Fanout extends CompletableFuture<Void> {
    private final Delivery[] deliveries;
    private final AtomicInteger remaining;
    private final Runnable onDone;

    Fanout(HttpRequest.BodyPublisher body, Runnable onDone) {
      this.onDone = onDone;
      int n = endpoints.size();
      deliveries = new Delivery[n];
      for (int i = 0; i < n; i++) {
        deliveries[i] = new Delivery(this, endpoints.get(i), body);
      }
      remaining = new AtomicInteger(n);
    }

    Fanout start() {
      long now = System.nanoTime();
      for (Delivery d : deliveries) {
        d.startNanos = now;
        d.attempt();
      }
      return this;
    }

    void delivered() {
      if (remaining.decrementAndGet() != 0) {
        return;
      }
      List<PublishException.Failure> failures = null;
      for (Delivery d : deliveries) {
        if (d.failure != null) {
          if (failures == null) {
            failures = new ArrayList<>(deliveries.length);
          }
          failures.add(d.failure);
        }
      }
      beginCompleting();
      try {
        if (failures == null) {
          complete(null);
        } else {
          completeExceptionally(new PublishException(failures, deliveries.length));
        }
      } finally {
        endCompleting();
        if (onDone != null) {
          onDone.run();
        }
      }
    }
  }

  /** One publish to one proxy, with its retries. */
  private final class Delivery implements BiConsumer<HttpResponse<BoundedBody>, Throwable>, Runnable {
    private final Fanout fanout;
    private final ProxyEndpoint endpoint;
    private final HttpRequest.BodyPublisher body;
    private final HttpResponse.BodyHandler<BoundedBody> handler;
    long startNanos;
    private int attempts;
    private volatile CompletableFuture<HttpResponse<BoundedBody>> exchange;
    // The attempt in flight: its request timeout, whether the budget cut it, and its watchdog.
    private long timeoutNanos;
    private boolean cutByBudget;
    private long attemptWatchdogNanos;
    // The proxy's last answer, kept when a later attempt gets none, and the error of the last attempt.
    private int lastStatus = -1;
    private String lastText = "";
    private Throwable lastError;
    PublishException.Failure failure;

    Delivery(Fanout fanout, ProxyEndpoint endpoint, HttpRequest.BodyPublisher body) {
      this.fanout = fanout;
      this.endpoint = endpoint;
      this.body = body;
      this.handler = endpoint.bodyHandler();
    }

    /** A retry, after its wait. */
    @Override
    public void run() {
      if (budgetLeftNanos() < minRetryNanos) {
        // The wait ended late (a busy executor): too little of the budget is left, report the last attempt.
        finish();
        return;
      }
      attempt();
    }

    private long budgetLeftNanos() {
      return budgetNanos - (System.nanoTime() - startNanos);
    }

    void attempt() {
      attempts++;
      try {
        HttpClient c = client.get();
        // Every attempt ends with the budget: one that starts late gets only what is left of it, so the publish
        // returns within the budget however the attempts and waits fell. Measured after making the client,
        // which the first publish pays for.
        long left = budgetLeftNanos();
        cutByBudget = left < requestTimeoutNanos;
        timeoutNanos = cutByBudget ? Math.max(MIN_ATTEMPT_NANOS, left) : requestTimeoutNanos;
        attemptWatchdogNanos = Math.min(watchdogNanos, Math.max(left, timeoutNanos) + BUDGET_SLACK_NANOS);
        Duration timeout = cutByBudget ? Duration.ofNanos(timeoutNanos) : requestTimeout;
        CompletableFuture<HttpResponse<BoundedBody>> x = c.sendAsync(endpoint.request(body, timeout), handler);
        exchange = x;
        // The copy times out alone; orTimeout removes its timer when the exchange completes first.
        x.copy().orTimeout(attemptWatchdogNanos, TimeUnit.NANOSECONDS).whenComplete(this);
      } catch (RuntimeException e) {
        lastError = e;
        finish();
      }
    }

    @Override
    public void accept(HttpResponse<BoundedBody> response, Throwable error) {
      if (error != null) {
        Throwable cause = unwrap(error);
        if (cause instanceof TimeoutException) {
          // The watchdog: abort the exchange (the client then frees its connection) and treat it as a timeout.
          exchange.cancel(true);
          cause = new HttpTimeoutException(attemptWatchdogNanos < watchdogNanos
              ? "no answer within the " + budgetText(attemptWatchdogNanos - BUDGET_SLACK_NANOS)
              : "no answer within " + Duration.ofNanos(attemptWatchdogNanos).toMillis()
                  + " ms (the HTTP client's own timeout did not fire)");
        } else if (cutByBudget && cause instanceof HttpTimeoutException
            && (cause.getClass() == HttpTimeoutException.class || timeoutNanos < connectTimeoutNanos)) {
          // The client's request timeout, which was what remained of the budget: say so, not "request timed out"
          // (or "HTTP connect timed out" when it fired while connecting, before the connect timeout could).
          HttpTimeoutException budget = new HttpTimeoutException("no answer within the " + budgetText(timeoutNanos));
          budget.initCause(cause);
          cause = budget;
        }
        lastError = cause;
        if (cause instanceof IOException) {
          // Refused, reset, timed out: the proxy may be restarting. A timeout may hide a publish that did
          // happen; the same item id lets the proxy drop the duplicate.
          retryOrFinish(-1);
        } else {
          finish();
        }
        return;
      }
      int status = response.statusCode();
      lastError = null;
      if (status / 100 == 2) {
        fanout.delivered();
        return;
      }
      lastStatus = status;
      lastText = bodyText(response.body(), endpoint.authorizer());
      if (status == 429 || status >= 500) {
        retryOrFinish(status == 429 || status == 503 ? retryAfterNanos(response) : -1);
      } else {
        finish();
      }
    }

    /** "N ms left of the M ms time budget", for a timeout the budget set. */
    private String budgetText(long leftNanos) {
      return TimeUnit.NANOSECONDS.toMillis(leftNanos) + " ms left of the " + TimeUnit.NANOSECONDS.toMillis(budgetNanos)
          + " ms time budget";
    }

    private void retryOrFinish(long retryAfterNanos) {
      long elapsed = System.nanoTime() - startNanos;
      long delay = retry.nextDelayNanos(attempts, elapsed, retryAfterNanos);
      if (delay < 0 || budgetNanos - elapsed - delay < minRetryNanos || client.isClosed()) {
        finish();
        return;
      }
      try {
        CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS, executor).execute(this);
      } catch (RuntimeException e) {
        // The caller's executor was shut down: report the last answer, not the rejection.
        finish();
      }
    }

    /** Gives up: the proxy's last answer, if any, and the last attempt's error, if it got no answer. */
    private void finish() {
      failure = new PublishException.Failure(endpoint.name(), lastStatus, lastText, lastError, attempts);
      fanout.delivered();
    }
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * The start of an error body, with the proxy's secrets hidden (before cutting, so that no part of one is left):
   * the body was read only up to {@link ProxyEndpoint#errorBodyBytes()}, which holds the characters kept and any
   * secret that starts among them.
   */
  static String bodyText(BoundedBody body, Authorizer authorizer) {
    byte[] bytes = body.bytes();
    if (bytes.length == 0) {
      return "";
    }
    int max = PublishException.MAX_BODY_CHARS;
    String s = authorizer.redact(new String(bytes, StandardCharsets.UTF_8)).strip();
    if (s.length() > max) {
      return s.substring(0, max) + "…";
    }
    return body.cut() ? s + "…" : s;
  }

  /** {@code Retry-After} in seconds or as an HTTP date, as nanoseconds from now; -1 when absent or unreadable. */
  static long retryAfterNanos(HttpResponse<?> response) {
    String v = response.headers().firstValue("Retry-After").orElse(null);
    if (v == null) {
      return -1;
    }
    v = v.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? -1 : TimeUnit.SECONDS.toNanos(seconds);
    } catch (NumberFormatException e) {
      try {
        long millis = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli()
            - System.currentTimeMillis();
        return millis <= 0 ? 0 : TimeUnit.MILLISECONDS.toNanos(millis);
      } catch (DateTimeParseException e2) {
        return -1;
      }
    }
  }

  /** The one HTTP client, made on first use (cold starts that never publish pay nothing). */
  static final class ClientHolder {
    private final Duration connectTimeout;
    private final Executor executor;
    private final boolean tls;
    private volatile HttpClient client;
    private volatile boolean closed;

    ClientHolder(Duration connectTimeout, Executor executor, boolean tls) {
      this.connectTimeout = connectTimeout;
      this.executor = executor;
      this.tls = tls;
    }

    HttpClient get() {
      HttpClient c = client;
      return c != null ? c : create();
    }

    private synchronized HttpClient create() {
      if (closed) {
        throw new PublishException("the publisher is closed");
      }
      if (client == null) {
        HttpClient.Builder b = HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER);
        if (executor != null) {
          b.executor(executor);
        }
        if (!tls) {
          b.sslContext(plainHttpOnly());
        }
        client = b.build();
      }
      return client;
    }

    boolean isClosed() {
      return closed;
    }

    /**
     * A TLS context that trusts nothing, for a client that only speaks plain http (Pushpin on its control port):
     * the client builds the default context eagerly otherwise, reading the JDK's trust store, which measured
     * about half the client's cold-start time. Should TLS ever be attempted with it, the handshake fails.
     */
    private static SSLContext plainHttpOnly() {
      try {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new KeyManager[0], new TrustManager[0], null);
        return ctx;
      } catch (GeneralSecurityException e) {
        throw new PublishException("cannot create the HTTP client's TLS context", e);
      }
    }

    void close() {
      HttpClient c;
      synchronized (this) {
        closed = true;
        c = client;
        client = null;
      }
      // From Java 21 the client is AutoCloseable and closing it stops its selector thread at once; on 17 the
      // thread ends by itself once the client is unreachable, and its idle connections are closed with it.
      if (c instanceof AutoCloseable) {
        try {
          ((AutoCloseable) c).close();
        } catch (Exception e) {
          // Closing releases; there is nothing left to report to.
        }
      }
    }
  }
}
