package org.faasgrip.localgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.faasgrip.localgateway.TestHandlers.str;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * Load as API Gateway and Lambda take it: invocations run up to the concurrency, requests past it wait briefly for
 * a slot, and past the queue's bounds the caller is throttled with 429. Every handler here blocks on a latch, so
 * the counts are exact rather than timed.
 */
class ThrottlingTest {
  /** One client for each test: its pooled connections must not outlive the gateway they went to. */
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Counts invocations that have started, then holds each until released. */
  static final class Gate implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    final AtomicInteger entered = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent in,
        com.amazonaws.services.lambda.runtime.Context ctx) {
      entered.incrementAndGet();
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody("done " + in.getPath());
    }
  }

  @Test
  void aBurstLargerThanTheConcurrencyIsQueuedNot503() throws Exception {
    // Finding: with every connection thread (64) busy, the next request got 503 at once, and Pushpin then dropped
    // the client's WebSocket. Now the 65th to 70th requests wait for a slot and are served.
    Gate gate = new Gate();
    try (LocalGateway gw = LocalGateway.builder().handler(gate).build().start()) {
      List<CompletableFuture<HttpResponse<byte[]>>> calls = send(gw, 70);
      await(() -> gate.entered.get(), 64);
      await(() -> gw.queued() + (int) calls.stream().filter(CompletableFuture::isDone).count(), 6);
      assertThat(gate.entered.get()).isEqualTo(64); // the concurrency: no more run at once
      gate.release.countDown();
      for (CompletableFuture<HttpResponse<byte[]>> c : calls) {
        HttpResponse<byte[]> r = c.get(20, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(str(r.body())).isEqualTo(200);
      }
      assertThat(gate.entered.get()).isEqualTo(70);
    }
  }

  @Test
  void pastTheQueueBoundRequestsGet429TooManyRequests() throws Exception {
    Gate gate = new Gate();
    try (LocalGateway gw = LocalGateway.builder().handler(gate).concurrency(2).maxQueued(3)
        .queueTimeout(Duration.ofSeconds(20)).build().start()) {
      List<CompletableFuture<HttpResponse<byte[]>>> admitted = send(gw, 5);
      await(() -> gate.entered.get(), 2);
      await(gw::queued, 3);

      List<CompletableFuture<HttpResponse<byte[]>>> throttled = send(gw, 4);
      for (CompletableFuture<HttpResponse<byte[]>> c : throttled) {
        HttpResponse<byte[]> r = c.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(str(r.body())).isEqualTo("{\"message\":\"Too Many Requests\"}");
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
      }
      assertThat(admitted).noneMatch(CompletableFuture::isDone);

      gate.release.countDown();
      for (CompletableFuture<HttpResponse<byte[]>> c : admitted) {
        assertThat(c.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      assertThat(gate.entered.get()).isEqualTo(5);
    }
  }

  @Test
  void aRequestWaitingLongerThanTheQueueTimeoutGets429() throws Exception {
    Gate gate = new Gate();
    try (LocalGateway gw = LocalGateway.builder().handler(gate).payload(PayloadVersion.V2).concurrency(1)
        .queueTimeout(Duration.ofMillis(300)).build().start()) {
      List<CompletableFuture<HttpResponse<byte[]>>> first = send(gw, 1);
      await(() -> gate.entered.get(), 1);
      long started = System.nanoTime();
      HttpResponse<byte[]> late = send(gw, 1).get(0).get(10, TimeUnit.SECONDS);
      long waited = (System.nanoTime() - started) / 1_000_000;

      assertThat(late.statusCode()).isEqualTo(429);
      assertThat(str(late.body())).isEqualTo("{\"message\":\"Too Many Requests\"}");
      assertThat(late.headers().firstValue("Apigw-Requestid")).isPresent();
      assertThat(waited).isBetween(250L, 8_000L);
      assertThat(gate.entered.get()).isEqualTo(1);
      gate.release.countDown();
      assertThat(first.get(0).get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void idleKeepAliveConnectionsHoldNoInvocationSlot() throws Exception {
    try (LocalGateway gw = LocalGateway.builder().handler(new TestHandlers.EchoStream()).concurrency(1).build()
        .start()) {
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 5; i++) {
          Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.port());
          idle.add(s);
          s.setSoTimeout(5_000);
          s.getOutputStream().write(("GET /" + i + " HTTP/1.1\r\nHost: h\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          assertThat(readHeadAndBody(s.getInputStream())).startsWith("HTTP/1.1 200 ");
        }
        // Five connections kept alive, one slot: a sixth request is served at once.
        HttpResponse<byte[]> r = client.send(Http.request(gw, "/sixth").GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(gw.queued()).isZero();
      } finally {
        for (Socket s : idle) {
          s.close();
        }
      }
    }
  }

  @Test
  void atTheConnectionLimitAnIdleConnectionIsClosedToAdmitANewOne() throws Exception {
    try (LocalGateway gw = LocalGateway.builder().handler(new TestHandlers.EchoStream()).maxConnections(2).build()
        .start();
        Socket a = new Socket(InetAddress.getLoopbackAddress(), gw.port());
        Socket b = new Socket(InetAddress.getLoopbackAddress(), gw.port())) {
      for (Socket s : new Socket[] {a, b}) {
        s.setSoTimeout(5_000);
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(readHeadAndBody(s.getInputStream())).startsWith("HTTP/1.1 200 ");
      }
      HttpResponse<byte[]> r = client.send(Http.request(gw, "/third").GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      // The first idle one made room: the server closed it.
      assertThat(a.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void atTheConnectionLimitANewConnectionWaitsForASlotRatherThanBeingRefused() throws Exception {
    try (LocalGateway gw = LocalGateway.builder().handler(new TestHandlers.EchoStream()).maxConnections(2)
        .headerTimeout(Duration.ofMillis(300)).build().start();
        Socket a = new Socket(InetAddress.getLoopbackAddress(), gw.port());
        Socket b = new Socket(InetAddress.getLoopbackAddress(), gw.port())) {
      // Both slots taken by heads that never finish: the new request waits until the header deadline frees one.
      for (Socket s : new Socket[] {a, b}) {
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: h\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      HttpResponse<byte[]> r = client.send(Http.request(gw, "/third").GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theLimitsAreSetFromTheCommandLineAndCheckedWhereTheyEnter() {
    LocalGateway gw = LocalGateway.fromArgs(new String[] {"--handler",
        "org.faasgrip.localgateway.TestHandlers$EchoStream", "--concurrency", "3", "--max-queued", "0",
        "--queue-timeout", "0", "--max-connections", "7", "--header-timeout", "2"}).build();
    assertThat(gw.limits()).isEqualTo("concurrency 3, then up to 0 requests wait up to 0 ms, then 429; "
        + "7 connections, 2000 ms to send a request head");
    gw.close();
    assertThat(LocalGateway.builder().handler(new TestHandlers.EchoStream()).build().limits())
        .isEqualTo("concurrency 64, then up to 1000 requests wait up to 10000 ms, then 429; "
            + "1024 connections, 10000 ms to send a request head");
    String[][] bad = {{"--concurrency", "0"}, {"--max-queued", "-1"}, {"--queue-timeout", "-1"},
        {"--max-connections", "0"}, {"--header-timeout", "0"}};
    for (String[] option : bad) {
      assertThatThrownBy(() -> LocalGateway.fromArgs(new String[] {"--handler", "x", option[0], option[1]}))
          .isInstanceOf(LocalGatewayException.class).hasMessageContaining(option[1]);
    }
  }

  private List<CompletableFuture<HttpResponse<byte[]>>> send(LocalGateway gw, int n) {
    List<CompletableFuture<HttpResponse<byte[]>>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(client.sendAsync(Http.request(gw, "/burst/" + i).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray()));
    }
    return calls;
  }

  /** Waits, up to 10 s, until the count reaches the value; fails with the last count otherwise. */
  private static void await(IntSupplier count, int value) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count.getAsInt() < value) {
      if (System.nanoTime() > end) {
        throw new AssertionError("expected " + value + ", still " + count.getAsInt() + " after 10 s");
      }
      Thread.sleep(5);
    }
  }

  private static String readHeadAndBody(InputStream in) throws java.io.IOException {
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int c = in.read();
      if (c < 0) {
        return head.toString();
      }
      head.append((char) c);
    }
    for (String line : head.toString().split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        in.readNBytes(Integer.parseInt(line.substring(15).trim()));
      }
    }
    return head.toString();
  }
}
