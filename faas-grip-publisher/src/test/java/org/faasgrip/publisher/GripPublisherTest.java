package org.faasgrip.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.faasgrip.GripException;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.InvalidItemException;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The publisher against {@link FakeProxy}, a loopback HTTP server that stands in for Pushpin's publish endpoint
 * here (it can be made to answer 500, 429 or nothing on demand); the publisher's *IT tests use a real Pushpin.
 */
class GripPublisherTest {
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final RetryPolicy FAST_RETRY = RetryPolicy.builder().maxAttempts(4)
      .baseBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(20)).build();

  private final List<AutoCloseable> toClose = new ArrayList<>();

  private FakeProxy proxy;

  @BeforeEach
  void start() throws Exception {
    proxy = fake();
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private FakeProxy fake() throws Exception {
    FakeProxy p = new FakeProxy();
    toClose.add(p);
    return p;
  }

  private GripPublisher.Builder builder(ProxyEndpoint... endpoints) {
    GripPublisher.Builder b = GripPublisher.builder().retry(FAST_RETRY);
    for (ProxyEndpoint e : endpoints) {
      b.endpoint(e);
    }
    return b;
  }

  private GripPublisher open(GripPublisher.Builder b) {
    GripPublisher p = b.build();
    toClose.add(p);
    return p;
  }

  private static List<String> ids(FakeProxy.Recorded r) {
    List<String> ids = new ArrayList<>();
    Matcher m = ID.matcher(r.bodyText());
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static int itemCount(FakeProxy.Recorded r) {
    return r.bodyText().split("\"channel\":", -1).length - 1;
  }

  @Test
  void postsThePublishJsonToThePublishEndpoint() {
    GripPublisher publisher = open(builder(proxy.endpoint()).prefix("app-"));

    publisher.publish("room", WebSocketMessageFormat.text("hello"));

    assertThat(proxy.requests).hasSize(1);
    FakeProxy.Recorded r = proxy.requests.get(0);
    assertThat(r.method).isEqualTo("POST");
    assertThat(r.path).isEqualTo("/publish/");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("Authorization")).isNull();
    assertThat(r.bodyText())
        .isEqualTo("{\"items\":[{\"channel\":\"app-room\",\"formats\":{\"ws-message\":{\"content\":\"hello\"}}}]}");
  }

  @Test
  void manyItemsGoInOneRequestInOrder() {
    GripPublisher publisher = open(builder(proxy.endpoint()));

    publisher.publish(List.of(item("a", "1"), item("b", "2"), item("c", "3")));

    assertThat(proxy.requests).hasSize(1);
    assertThat(ids(proxy.requests.get(0))).containsExactly("1", "2", "3");
  }

  @Test
  void bearerTokenWhenTheKeyComesWithoutIss() {
    GripPublisher publisher = open(builder(new ProxyEndpoint(proxy.publishUri(), null,
        "fastly-api-token".getBytes(StandardCharsets.US_ASCII), null)));

    publisher.publish("c", HttpStreamFormat.of("x"));

    assertThat(proxy.requests.get(0).header("Authorization")).isEqualTo("Bearer fastly-api-token");
  }

  @Test
  void basicWhenTheUriHasUserAndPassword() {
    URI withUser = URI.create("http://alice:s3cret@" + proxy.publishUri().getAuthority() + "/publish/");
    GripPublisher publisher = open(builder(new ProxyEndpoint(withUser, null, null, "alice:s3cret")));

    publisher.publish("c", HttpStreamFormat.of("x"));

    FakeProxy.Recorded r = proxy.requests.get(0);
    assertThat(r.header("Authorization")).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
    assertThat(r.path).isEqualTo("/publish/");
  }

  @Test
  void jwtVerifiesWithTheKeyAndCarriesIssAndAShortExp() throws Exception {
    byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    GripPublisher publisher = open(builder(new ProxyEndpoint(proxy.publishUri(), "my-realm", key, null)));

    long before = System.currentTimeMillis() / 1000;
    publisher.publish("c", HttpStreamFormat.of("x"));
    publisher.publish("c", HttpStreamFormat.of("y"));
    long after = System.currentTimeMillis() / 1000;

    String header = proxy.requests.get(0).header("Authorization");
    assertThat(header).startsWith("Bearer ");
    SignedJWT jwt = SignedJWT.parse(header.substring("Bearer ".length()));
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
    assertThat(jwt.verify(new MACVerifier(key))).isTrue();
    assertThat(jwt.verify(new MACVerifier("another-key-another-key-another-key".getBytes(StandardCharsets.US_ASCII))))
        .isFalse();
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("my-realm");
    long exp = jwt.getJWTClaimsSet().getExpirationTime().getTime() / 1000;
    // Signed between before and after, so its exp lies within the lifetime from those instants (a slow machine
    // only widens the window).
    assertThat(exp).isBetween(before + Authorizer.JWT_LIFETIME_SECONDS, after + Authorizer.JWT_LIFETIME_SECONDS);
    // Signed once and kept, not per request.
    assertThat(proxy.requests.get(1).header("Authorization")).isEqualTo(header);
  }

  @Test
  void jwtWithAShortKeySuchAsPushpinsDefault() throws Exception {
    // nimbus refuses HMAC keys under 256 bits, so check this signature with the JDK's HMAC.
    byte[] key = "changeme".getBytes(StandardCharsets.US_ASCII);
    GripPublisher publisher = open(builder(new ProxyEndpoint(proxy.publishUri(), "pushpin", key, null)));

    publisher.publish("c", HttpStreamFormat.of("x"));

    String token = proxy.requests.get(0).header("Authorization").substring("Bearer ".length());
    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertThat(claims).startsWith("{\"iss\":\"pushpin\",\"exp\":");
  }

  @Test
  void retriesA500WithTheSameBodyAndIdUntilItIsAccepted() {
    AtomicInteger n = new AtomicInteger();
    proxy.script(r -> n.getAndIncrement() < 2 ? FakeProxy.Answer.of(500, "busy") : FakeProxy.PUBLISHED);
    GripPublisher publisher = open(builder(proxy.endpoint()));

    publisher.publish(item("room", "item-7"));

    assertThat(proxy.requests).hasSize(3);
    byte[] first = proxy.requests.get(0).body;
    assertThat(proxy.requests).allSatisfy(r -> assertThat(r.body).isEqualTo(first));
    assertThat(ids(proxy.requests.get(2))).containsExactly("item-7");
  }

  @Test
  void a400IsNotRetriedAndTheExceptionSaysStatusAndBody() {
    proxy.script(r -> FakeProxy.Answer.of(400, "Invalid format: bad \"items\""));
    GripPublisher publisher = open(builder(proxy.endpoint()));

    PublishException e = catchThrowableOfType(PublishException.class,
        () -> publisher.publish("room", HttpStreamFormat.of("x")));

    assertThat(proxy.requests).hasSize(1);
    assertThat(e).isInstanceOf(GripException.class);
    assertThat(e.failures()).hasSize(1);
    PublishException.Failure f = e.failures().get(0);
    assertThat(f.status()).isEqualTo(400);
    assertThat(f.body()).isEqualTo("Invalid format: bad \"items\"");
    assertThat(f.attempts()).isEqualTo(1);
    assertThat(f.proxy()).isEqualTo(proxy.publishUri().toString());
    assertThat(e.getMessage()).contains(proxy.publishUri().toString(), "HTTP 400", "Invalid format", "1 attempt");
  }

  @Test
  void giveUpAfterMaxAttemptsOnPersistent5xx() {
    proxy.script(r -> FakeProxy.Answer.of(502, "bad gateway"));
    GripPublisher publisher = open(builder(proxy.endpoint()));

    PublishException e = catchThrowableOfType(PublishException.class,
        () -> publisher.publish("room", HttpStreamFormat.of("x")));

    assertThat(proxy.requests).hasSize(FAST_RETRY.maxAttempts());
    assertThat(e.failures().get(0).status()).isEqualTo(502);
    assertThat(e.failures().get(0).attempts()).isEqualTo(FAST_RETRY.maxAttempts());
  }

  /** How long the publisher waited between its first and second (and last) attempt, as the proxy saw them. */
  private long millisBetweenTheTwoAttempts() {
    assertThat(proxy.requests).hasSize(2);
    return TimeUnit.NANOSECONDS.toMillis(proxy.requests.get(1).receivedNanos - proxy.requests.get(0).receivedNanos);
  }

  @Test
  void a429WaitsForRetryAfter() {
    AtomicInteger n = new AtomicInteger();
    proxy.script(r -> n.getAndIncrement() == 0
        ? new FakeProxy.Answer(429, "slow down", Map.of("Retry-After", "1")) : FakeProxy.PUBLISHED);
    GripPublisher publisher = open(builder(proxy.endpoint()));

    publisher.publish("room", HttpStreamFormat.of("x"));

    long gapMillis = millisBetweenTheTwoAttempts();
    assertThat(gapMillis).isGreaterThanOrEqualTo(900);
  }

  @Test
  void retryAfterAsAnHttpDateIsHonouredToo() {
    AtomicInteger n = new AtomicInteger();
    proxy.script(r -> n.getAndIncrement() == 0
        ? new FakeProxy.Answer(503, "maintenance", Map.of("Retry-After",
            java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(2))))
        : FakeProxy.PUBLISHED);
    GripPublisher publisher = open(builder(proxy.endpoint()));

    publisher.publish("room", HttpStreamFormat.of("x"));

    long gapMillis = millisBetweenTheTwoAttempts();
    // The date has whole seconds: "in 2 s" is between 1 and 2 s away.
    assertThat(gapMillis).isGreaterThanOrEqualTo(900);
  }

  @Test
  void aLongRetryAfterIsBoundedByThePolicy() {
    AtomicInteger n = new AtomicInteger();
    proxy.script(r -> n.getAndIncrement() == 0
        ? new FakeProxy.Answer(503, "maintenance", Map.of("Retry-After", "3600")) : FakeProxy.PUBLISHED);
    RetryPolicy policy = RetryPolicy.builder().baseBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(1))
        .maxRetryAfter(Duration.ofMillis(200)).build();
    GripPublisher publisher = open(builder(proxy.endpoint()).retry(policy));

    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> publisher.publish("room", HttpStreamFormat.of("x")));

    long gapMillis = millisBetweenTheTwoAttempts();
    assertThat(gapMillis).isBetween(150L, 3000L);
  }

  @Test
  void retriesStopAtTheTimeBudget() {
    proxy.script(r -> r.index == 0 ? FakeProxy.PUBLISHED : FakeProxy.Answer.of(503, "down"));
    RetryPolicy policy = RetryPolicy.builder().maxAttempts(1000).baseBackoff(Duration.ofMillis(40))
        .maxBackoff(Duration.ofMillis(40)).timeBudget(Duration.ofMillis(1000)).build();
    GripPublisher publisher = open(builder(proxy.endpoint()).retry(policy));
    // Warm: the budget bounds the first attempt too, and a cold client's first connection can take much of it.
    publisher.publish("room", HttpStreamFormat.of("warm-up"));

    long start = System.nanoTime();
    PublishException e = catchThrowableOfType(PublishException.class,
        () -> publisher.publish("room", HttpStreamFormat.of("x")));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    PublishException.Failure f = e.failures().get(0);
    assertThat(f.status()).isEqualTo(503);
    // No retry started with too little of the budget left to be answered: the last attempt got its 503 too.
    assertThat(f.error()).isNull();
    assertThat(f.attempts()).isLessThan(1000).isEqualTo(proxy.requests.size() - 1);
    assertThat(tookMillis).isLessThan(3000);
  }

  @Test
  void noRetryStartsWithTooLittleOfTheBudgetLeftToBeAnswered() {
    // A slow 503 leaves about 60 ms of the 1 s budget: a retry would be cut off before this proxy could answer it,
    // and would turn a clear 503 into a timeout.
    proxy.script(r -> {
      if (r.index == 0) {
        return FakeProxy.PUBLISHED;
      }
      Thread.sleep(940);
      return FakeProxy.Answer.of(503, "slow and down");
    });
    RetryPolicy policy = RetryPolicy.builder().maxAttempts(10).baseBackoff(Duration.ZERO).maxBackoff(Duration.ZERO)
        .timeBudget(Duration.ofMillis(1000)).build();
    GripPublisher publisher = open(builder(proxy.endpoint()).retry(policy));
    publisher.publish("room", HttpStreamFormat.of("warm-up"));

    PublishException e = catchThrowableOfType(PublishException.class,
        () -> publisher.publish("room", HttpStreamFormat.of("x")));

    PublishException.Failure f = e.failures().get(0);
    assertThat(f.status()).isEqualTo(503);
    assertThat(f.error()).isNull();
    assertThat(f.attempts()).isEqualTo(1);
  }

  @Test
  void anAttemptInFlightDoesNotOverrunTheRetryBudgetAndTheMessageKeepsThe500() {
    // Finding: the budget was checked only before a retry was scheduled, so the attempt in flight ran its whole
    // request timeout past it, and the message then named only the timeout, not the proxy's 500.
    CountDownLatch release = new CountDownLatch(1);
    toClose.add(release::countDown);
    proxy.script(r -> {
      if (r.index == 0) {
        return FakeProxy.PUBLISHED;
      }
      if (r.index == 1) {
        return FakeProxy.Answer.of(500, "store unavailable");
      }
      release.await(30, TimeUnit.SECONDS);
      return FakeProxy.PUBLISHED;
    });
    long budgetMillis = 2000;
    RetryPolicy policy = RetryPolicy.builder().maxAttempts(4).baseBackoff(Duration.ofMillis(5))
        .maxBackoff(Duration.ofMillis(20)).timeBudget(Duration.ofMillis(budgetMillis)).build();
    GripPublisher publisher = open(builder(proxy.endpoint()).requestTimeout(Duration.ofSeconds(10)).retry(policy));
    // Warm: the HTTP client's start must not eat the budget that the retry needs.
    publisher.publish("room", HttpStreamFormat.of("warm-up"));

    long start = System.nanoTime();
    PublishException e = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> catchThrowableOfType(
        PublishException.class, () -> publisher.publish("room", HttpStreamFormat.of("x"))));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    // The slack is for timers that fire late on a busy machine; before, the publish took the 10 s request timeout.
    assertThat(tookMillis).as("the publish ends within its budget").isBetween(budgetMillis - 100, budgetMillis + 1000);
    assertThat(proxy.requests).hasSize(3);
    PublishException.Failure f = e.failures().get(0);
    assertThat(f.attempts()).isEqualTo(2);
    assertThat(f.error()).isInstanceOf(HttpTimeoutException.class);
    assertThat(f.status()).as("the proxy's last answer").isEqualTo(500);
    assertThat(f.body()).isEqualTo("store unavailable");
    assertThat(e.getMessage()).contains("HTTP 500 \"store unavailable\"", "HttpTimeoutException", "time budget",
        "2 attempts");
  }

  @Test
  void connectionRefusedFailsClearlyAfterRetries() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI nothing = URI.create("http://127.0.0.1:" + port + "/publish/");
    GripPublisher publisher = open(builder(new ProxyEndpoint(nothing, null, null, null))
        .retry(RetryPolicy.builder().maxAttempts(2).baseBackoff(Duration.ofMillis(5)).build())
        .connectTimeout(Duration.ofSeconds(2)));

    PublishException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowableOfType(
        PublishException.class, () -> publisher.publish("room", HttpStreamFormat.of("x"))));

    PublishException.Failure f = e.failures().get(0);
    assertThat(f.status()).isEqualTo(-1);
    assertThat(f.error()).isInstanceOf(ConnectException.class);
    assertThat(f.attempts()).isEqualTo(2);
    assertThat(e.getMessage()).contains(nothing.toString(), "ConnectException", "2 attempts");
    assertThat(e.getCause()).isSameAs(f.error());
  }

  @Test
  void aSilentProxyTimesOutAndNothingHangs() {
    CountDownLatch release = new CountDownLatch(1);
    toClose.add(release::countDown); // unblocks the fake's handler before the fake stops
    proxy.script(r -> {
      release.await(30, TimeUnit.SECONDS);
      return FakeProxy.PUBLISHED;
    });
    GripPublisher publisher = open(builder(proxy.endpoint()).requestTimeout(Duration.ofMillis(300))
        .retry(RetryPolicy.builder().maxAttempts(2).baseBackoff(Duration.ofMillis(5)).build()));

    PublishException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowableOfType(
        PublishException.class, () -> publisher.publish("room", HttpStreamFormat.of("x"))));

    assertThat(e.failures().get(0).error()).isInstanceOf(HttpTimeoutException.class);
    assertThat(e.failures().get(0).attempts()).isEqualTo(2);
  }

  @Test
  void aProxyThatStallsMidBodyIsCutOffByTheWatchdog() {
    // The HTTP client's request timeout ends with the response headers; a body that stops coming would hang
    // the publish forever without the publisher's own watchdog.
    CountDownLatch release = new CountDownLatch(1);
    toClose.add(release::countDown);
    proxy.script(r -> FakeProxy.Answer.stallingBody(200, release));
    GripPublisher publisher = open(builder(proxy.endpoint()).connectTimeout(Duration.ofMillis(200))
        .requestTimeout(Duration.ofMillis(200)).retry(RetryPolicy.none()));

    PublishException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowableOfType(
        PublishException.class, () -> publisher.publish("room", HttpStreamFormat.of("x"))));

    assertThat(e.failures().get(0).error()).isInstanceOf(HttpTimeoutException.class)
        .hasMessageContaining("no answer within 1400 ms");
    assertThat(proxy.requests).hasSize(1);
  }

  @Test
  void aBodyThatStallsIsCutOffAtTheBudgetNotAtTheWatchdogsLongerLimit() {
    // The client's request timeout ends with the headers; the watchdog, not the 10 s request timeout plus
    // slack, must end this attempt once the budget is spent.
    CountDownLatch release = new CountDownLatch(1);
    toClose.add(release::countDown);
    proxy.script(r -> r.index == 0 ? FakeProxy.PUBLISHED : FakeProxy.Answer.stallingBody(200, release));
    GripPublisher publisher = open(builder(proxy.endpoint()).requestTimeout(Duration.ofSeconds(10))
        .retry(RetryPolicy.builder().maxAttempts(1).timeBudget(Duration.ofMillis(1000)).build()));
    publisher.publish("room", HttpStreamFormat.of("warm-up"));

    long start = System.nanoTime();
    PublishException e = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> catchThrowableOfType(
        PublishException.class, () -> publisher.publish("room", HttpStreamFormat.of("x"))));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(tookMillis).isBetween(1000L, 2000L);
    assertThat(e.failures().get(0).error()).isInstanceOf(HttpTimeoutException.class)
        .hasMessageContaining("ms time budget");
  }

  @Test
  void everyProxyReceivesEveryItemInParallel() throws Exception {
    FakeProxy other = fake();
    // Each fake answers only once both hold a request: sent one after the other, the first would wait in vain.
    CyclicBarrier bothArrived = new CyclicBarrier(2);
    FakeProxy.Script waitForTheOther = r -> {
      bothArrived.await(5, TimeUnit.SECONDS);
      return FakeProxy.PUBLISHED;
    };
    proxy.script(waitForTheOther);
    other.script(waitForTheOther);
    GripPublisher publisher = open(builder(proxy.endpoint(), other.endpoint()).retry(RetryPolicy.none()));

    publisher.publish(List.of(item("a", "1"), item("b", "2")));

    assertThat(proxy.requests).hasSize(1);
    assertThat(other.requests).hasSize(1);
    assertThat(ids(proxy.requests.get(0))).containsExactly("1", "2");
    assertThat(other.requests.get(0).body).isEqualTo(proxy.requests.get(0).body);
  }

  @Test
  void oneProxyFailingIsTheOnlyOneNamed() throws Exception {
    FakeProxy failing = fake().script(r -> FakeProxy.Answer.of(400, "Invalid format: nope"));
    GripPublisher publisher = open(builder(proxy.endpoint(), failing.endpoint()));

    PublishException e = catchThrowableOfType(PublishException.class,
        () -> publisher.publish("room", HttpStreamFormat.of("x")));

    assertThat(proxy.requests).hasSize(1);
    assertThat(e.proxies()).isEqualTo(2);
    assertThat(e.failures()).extracting(PublishException.Failure::proxy)
        .containsExactly(failing.publishUri().toString());
    assertThat(e.getMessage()).contains("1 of 2 proxies", failing.publishUri().toString())
        .doesNotContain(proxy.publishUri().toString());
  }

  @Test
  void everyFailingProxyIsListed() throws Exception {
    FakeProxy second = fake().script(r -> FakeProxy.Answer.of(403, "forbidden"));
    proxy.script(r -> FakeProxy.Answer.of(400, "bad"));
    GripPublisher publisher = open(builder(proxy.endpoint(), second.endpoint()));

    PublishException e = catchThrowableOfType(PublishException.class,
        () -> publisher.publish("room", HttpStreamFormat.of("x")));

    assertThat(e.failures()).extracting(PublishException.Failure::proxy, PublishException.Failure::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(proxy.publishUri().toString(), 400),
            org.assertj.core.groups.Tuple.tuple(second.publishUri().toString(), 403));
    assertThat(e.getMessage()).contains("2 of 2 proxies");
  }

  @Test
  void asyncPublishCompletesAndFailsWithPublishException() throws Exception {
    GripPublisher publisher = open(builder(proxy.endpoint()));
    publisher.publishAsync("room", HttpStreamFormat.of("x")).get(5, TimeUnit.SECONDS);

    proxy.script(r -> FakeProxy.Answer.of(404, "no such realm"));
    CompletableFuture<Void> failed = publisher.publishAsync(item("room", "9"));

    assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(PublishException.class).hasMessageContaining("HTTP 404");
  }

  @Test
  void coalescingSendsConcurrentPublishesAsOneRequest() throws Exception {
    int n = 20;
    GripPublisher publisher = open(builder(proxy.endpoint()).coalesce(Duration.ofMillis(1500), 1000));
    ExecutorService pool = Executors.newFixedThreadPool(n);
    toClose.add(pool::shutdownNow);
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<CompletableFuture<Void>>> submitted = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "c" + i;
      submitted.add(CompletableFuture.supplyAsync(() -> {
        await(go);
        return publisher.publishAsync(item("room", id));
      }, pool));
    }
    go.countDown();

    for (CompletableFuture<CompletableFuture<Void>> s : submitted) {
      s.get(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
    }

    assertThat(proxy.requests).hasSize(1);
    List<String> ids = ids(proxy.requests.get(0));
    assertThat(ids).hasSize(n);
    assertThat(new HashSet<>(ids)).hasSize(n);
  }

  @Test
  void coalescingSendsAtOnceWhenMaxItemsWait() throws Exception {
    GripPublisher publisher = open(builder(proxy.endpoint()).coalesce(Duration.ofSeconds(30), 3));

    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      futures.add(publisher.publishAsync(item("room", "m" + i)));
    }
    // The first six went out in two full requests without waiting for the 30 s window.
    futures.get(5).get(5, TimeUnit.SECONDS);
    assertThat(futures.get(6)).isNotDone();
    publisher.close(); // sends the seventh
    assertThat(futures.get(6)).isCompleted();

    assertThat(proxy.requests).extracting(GripPublisherTest::ids)
        .containsExactly(List.of("m0", "m1", "m2"), List.of("m3", "m4", "m5"), List.of("m6"));
  }

  @Test
  void aCoalescedBatchOverTheProxysBodyLimitIsSplitInOrder() throws Exception {
    GripPublisher publisher = open(builder(proxy.endpoint()).coalesce(Duration.ofMillis(200), 1000));
    String big = "x".repeat(300_000);

    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      futures.add(publisher.publishAsync(
          Item.builder("room").id("big" + i).format(HttpStreamFormat.of(big)).build()));
    }
    for (CompletableFuture<Void> f : futures) {
      f.get(10, TimeUnit.SECONDS);
    }

    assertThat(proxy.requests).hasSizeGreaterThan(1)
        .allSatisfy(r -> assertThat(r.body.length).isLessThanOrEqualTo(GripPublisher.MAX_COALESCED_BODY_BYTES));
    List<String> ids = new ArrayList<>();
    proxy.requests.forEach(r -> ids.addAll(ids(r)));
    assertThat(ids).containsExactly("big0", "big1", "big2", "big3", "big4");
  }

  @Test
  void coalescedFailureFailsEveryCaller() throws Exception {
    proxy.script(r -> FakeProxy.Answer.of(400, "Invalid format: one bad item"));
    GripPublisher publisher = open(builder(proxy.endpoint()).coalesce(Duration.ofMillis(500), 1000));

    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      futures.add(publisher.publishAsync(item("room", "f" + i)));
    }

    for (CompletableFuture<Void> f : futures) {
      assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(PublishException.class)
          .hasMessageContaining("one bad item");
    }
    assertThat(proxy.requests).hasSize(1);
    assertThat(itemCount(proxy.requests.get(0))).isEqualTo(5);
  }

  @Test
  void publishAfterCloseThrows() {
    GripPublisher publisher = open(builder(proxy.endpoint()));
    publisher.publish("room", HttpStreamFormat.of("x"));
    publisher.close();
    publisher.close(); // twice is fine

    assertThatThrownBy(() -> publisher.publish("room", HttpStreamFormat.of("x")))
        .isInstanceOf(PublishException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> publisher.publishAsync(item("room", "1")))
        .isInstanceOf(PublishException.class).hasMessageContaining("closed");
    assertThat(publisher.toString()).contains("closed");
    assertThat(proxy.requests).hasSize(1);
  }

  @Test
  void closeWaitsForPublishesInFlight() throws Exception {
    proxy.script(r -> {
      Thread.sleep(300);
      return FakeProxy.PUBLISHED;
    });
    GripPublisher publisher = open(builder(proxy.endpoint()));
    CompletableFuture<Void> f = publisher.publishAsync(item("room", "1"));

    publisher.close();

    assertThat(f).isCompleted();
    f.get(); // completed normally
  }

  @Test
  void closeFromAPublishCallbackDoesNotDeadlock() throws Exception {
    for (boolean coalesce : new boolean[] {false, true}) {
      GripPublisher.Builder b = builder(proxy.endpoint());
      if (coalesce) {
        b.coalesce(Duration.ofMillis(5), 10);
      }
      GripPublisher publisher = open(b);
      CompletableFuture<Void> closedInCallback = publisher.publishAsync(item("room", "cb")).thenRun(publisher::close);

      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> closedInCallback.get());
      assertThatThrownBy(() -> publisher.publish(item("room", "after"))).isInstanceOf(PublishException.class)
          .hasMessageContaining("closed");
    }
    assertThat(proxy.requests).hasSize(2);
  }

  @Test
  void invalidInputGetsTheLibrarysException() {
    GripPublisher publisher = open(builder(proxy.endpoint()));

    assertThatThrownBy(() -> publisher.publish((Item) null)).isInstanceOf(InvalidItemException.class);
    assertThatThrownBy(() -> publisher.publish(List.of())).isInstanceOf(InvalidItemException.class);
    assertThatThrownBy(() -> publisher.publish("room")).isInstanceOf(InvalidItemException.class);
    assertThatThrownBy(() -> GripPublisher.builder().build()).isInstanceOf(PublishException.class)
        .hasMessageContaining("GRIP_URL");
    assertThatThrownBy(() -> GripPublisher.builder().requestTimeout(Duration.ZERO))
        .isInstanceOf(PublishException.class).hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> GripPublisher.builder().coalesce(Duration.ofMillis(1), 0))
        .isInstanceOf(PublishException.class).hasMessageContaining("maxItems");
    assertThat(proxy.requests).isEmpty();
  }

  @Test
  void manyThreadsPublishingDeliverEveryItemOnceOverFewConnections() throws Exception {
    int threads = 8;
    int each = 25;
    GripPublisher publisher = open(builder(proxy.endpoint()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    toClose.add(pool::shutdownNow);
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < each; i++) {
          if (i % 2 == 0) {
            publisher.publish(item("room", thread + "-" + i));
          } else {
            publisher.publishAsync(item("room", thread + "-" + i)).join();
          }
        }
      }, pool));
    }
    CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);

    List<String> ids = new ArrayList<>();
    Set<Integer> connections = new HashSet<>();
    for (FakeProxy.Recorded r : proxy.requests) {
      ids.addAll(ids(r));
      connections.add(r.remotePort);
    }
    assertThat(ids).hasSize(threads * each).doesNotHaveDuplicates();
    // Kept-alive connections are reused: about one per thread publishing at once, far from one per publish.
    assertThat(connections.size()).isLessThanOrEqualTo(2 * threads);
  }

  @Test
  void sequentialPublishesReuseOneConnection() {
    GripPublisher publisher = open(builder(proxy.endpoint()));
    for (int i = 0; i < 5; i++) {
      publisher.publish(item("room", "k" + i));
    }
    assertThat(proxy.requests).extracting(r -> r.remotePort).containsOnly(proxy.requests.get(0).remotePort);
  }

  @Test
  void noSecretInAnyMessageOrToString() throws Exception {
    // The fakes echo the Authorization header in their error body, as a careless gateway might.
    FakeProxy.Script echo = r -> FakeProxy.Answer.of(500, "denied: " + r.header("Authorization"));
    FakeProxy bearer = fake().script(echo);
    FakeProxy basic = fake().script(echo);
    FakeProxy jwt = fake().script(echo);
    String token = "tok-SECRET-123";
    String password = "pa55-SECRET";
    String key = "key-SECRET-0123456789abcdef0123456789";
    URI basicUri = URI.create("http://bob:" + password + "@" + basic.publishUri().getAuthority() + "/publish/");
    GripPublisher publisher = open(builder(
        new ProxyEndpoint(bearer.publishUri(), null, token.getBytes(StandardCharsets.US_ASCII), null),
        new ProxyEndpoint(basicUri, null, null, "bob:" + password),
        new ProxyEndpoint(jwt.publishUri(), "realm", key.getBytes(StandardCharsets.US_ASCII), null))
        .retry(RetryPolicy.none()));

    PublishException e = catchThrowableOfType(PublishException.class,
        () -> publisher.publish("room", HttpStreamFormat.of("x")));

    String jwtToken = jwt.requests.get(0).header("Authorization").substring("Bearer ".length());
    String basicCredentials = basic.requests.get(0).header("Authorization").substring("Basic ".length());
    assertThat(bearer.requests.get(0).header("Authorization")).isEqualTo("Bearer " + token);
    assertThat(e.failures()).hasSize(3);
    List<String> texts = new ArrayList<>(List.of(e.getMessage(), e.toString(), publisher.toString()));
    for (PublishException.Failure f : e.failures()) {
      texts.add(f.toString());
      texts.add(f.body());
      texts.add(f.proxy());
    }
    for (Throwable s : e.getSuppressed()) {
      texts.add(s.getMessage());
    }
    assertThat(texts).allSatisfy(t -> assertThat(t)
        .doesNotContain(token, password, key, jwtToken, basicCredentials, "SECRET"));
    assertThat(e.failures().get(0).body()).isEqualTo("denied: Bearer (hidden)");
  }

  @Test
  void aRawHmacKeyEchoedByTheProxyIsRedacted() throws Exception {
    // Finding: the message hid the Bearer token but not the configured key when the proxy's error body echoed it,
    // as raw text or as base64. A binary key can only come back encoded; a text key in either form.
    byte[] textKey = "k\u00e9y-SECRET-\u00fc-0123456789".getBytes(StandardCharsets.UTF_8);
    byte[] binaryKey = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf, (byte) 0xfb, (byte) 0xff, (byte) 0xbf, 0x3e, 0x3f, 1, 2};
    byte[] token = "tok-SECRET-raw".getBytes(StandardCharsets.US_ASCII);
    String password = "pa55-SECRET-raw";
    byte[] credentials = ("bob:" + password).getBytes(StandardCharsets.UTF_8);
    FakeProxy textJwt = fake();
    FakeProxy binaryJwt = fake();
    FakeProxy bearer = fake();
    FakeProxy basic = fake();
    List<String> echoed = new ArrayList<>();
    echo(textJwt, echoed, new String(textKey, StandardCharsets.UTF_8), encodings(textKey));
    echo(binaryJwt, echoed, null, encodings(binaryKey));
    echo(bearer, echoed, null, encodings(token));
    echo(basic, echoed, password, encodings(credentials));
    assertThat(String.join(" ", encodings(binaryKey))).contains("+", "/", "-", "_", "=");
    URI basicUri = URI.create("http://bob@" + basic.publishUri().getAuthority() + "/publish/");
    GripPublisher publisher = open(builder(
        new ProxyEndpoint(textJwt.publishUri(), "realm", textKey, null),
        new ProxyEndpoint(binaryJwt.publishUri(), "realm", binaryKey, null),
        new ProxyEndpoint(bearer.publishUri(), null, token, null),
        new ProxyEndpoint(basicUri, null, null, "bob:" + password))
        .retry(RetryPolicy.none()));

    PublishException e = catchThrowableOfType(PublishException.class,
        () -> publisher.publish("room", HttpStreamFormat.of("x")));

    assertThat(e.failures()).hasSize(4).allSatisfy(f -> assertThat(f.body()).startsWith("bad key").contains("(hidden)"));
    List<String> texts = new ArrayList<>(List.of(e.getMessage(), e.toString()));
    for (PublishException.Failure f : e.failures()) {
      texts.add(f.toString());
      texts.add(f.body());
    }
    for (String t : texts) {
      for (String secret : echoed) {
        assertThat(t).doesNotContain(secret);
      }
      assertThat(t).doesNotContain("SECRET");
    }
  }

  /** The key as base64 and base64url, with and without padding. */
  private static List<String> encodings(byte[] key) {
    return List.of(Base64.getEncoder().encodeToString(key),
        Base64.getEncoder().withoutPadding().encodeToString(key),
        Base64.getUrlEncoder().encodeToString(key),
        Base64.getUrlEncoder().withoutPadding().encodeToString(key));
  }

  /** Makes the proxy answer 401 with its secret in every given form, and notes those forms. */
  private static void echo(FakeProxy proxy, List<String> echoed, String raw, List<String> encoded) {
    StringBuilder body = new StringBuilder("bad key");
    if (raw != null) {
      body.append(' ').append(raw);
      echoed.add(raw);
    }
    for (String form : encoded) {
      body.append(" [").append(form).append(']');
      echoed.add(form);
    }
    String text = body.toString();
    proxy.script(r -> FakeProxy.Answer.of(401, text));
  }

  private static Item item(String channel, String id) {
    return Item.builder(channel).id(id).format(HttpStreamFormat.of("data " + id + "\n")).build();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
