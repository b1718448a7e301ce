package org.faasgrip.localgateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gateway's HTTP server against hostile or malformed clients: connections that trickle their request head
 * must not starve the others, and requests RFC 9112 says to refuse are refused, with the connection closed.
 */
class HttpHardeningTest {

  /** A request head cut short: no blank line yet, as a slow-header ("slowloris") client leaves it. */
  private static final String PARTIAL_HEAD = "GET /slow HTTP/1.1\r\nHost: h\r\nX-Slow: ";

  @Test
  void slowHeaderSendersDoNotStarveOtherRequests() throws Exception {
    // Finding: 70 connections each sending a partial header block then a byte now and then took every connection
    // thread (64), and every good request got 503 until they went away.
    List<Socket> slow = new ArrayList<>();
    try (LocalGateway gw = LocalGateway.builder().handler(new TestHandlers.EchoStream()).build().start()) {
      try {
        for (int i = 0; i < 70; i++) {
          Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.port());
          slow.add(s);
          s.getOutputStream().write(ascii(PARTIAL_HEAD));
          s.getOutputStream().flush();
        }
        for (Socket s : slow) {
          s.getOutputStream().write('a'); // still inside the head: each byte would have reset a read timeout
        }
        for (int i = 0; i < 3; i++) {
          HttpResponse<byte[]> r = Http.send(Http.request(gw, "/good/" + i).GET().build());
          assertThat(r.statusCode()).as("good request %d", i).isEqualTo(200);
        }
      } finally {
        for (Socket s : slow) {
          s.close();
        }
      }
    }
  }

  @Test
  void aRequestHeadTrickledByteByByteIsCutOffAtTheHeaderDeadline() throws Exception {
    try (LocalGateway gw = LocalGateway.builder().handler(new TestHandlers.EchoStream())
        .headerTimeout(Duration.ofMillis(400)).build().start();
        Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      long started = System.nanoTime();
      out.write(ascii(PARTIAL_HEAD));
      out.flush();
      // One byte every 50 ms keeps every single read well inside any idle timeout; only a deadline on the whole
      // head ends it. The server may close while we still write: that is the point.
      String response = trickleUntilAnswered(s, 50);
      long millis = (System.nanoTime() - started) / 1_000_000;

      assertThat(response).startsWith("HTTP/1.1 408 ").contains("Connection: close");
      assertThat(millis).isBetween(350L, 5_000L);
    }
  }

  @Test
  void aSlowFirstRequestDoesNotTouchLaterOnesWhoseClockStartsAtTheirFirstByte() throws Exception {
    try (LocalGateway gw = LocalGateway.builder().handler(new TestHandlers.EchoStream())
        .headerTimeout(Duration.ofMillis(400)).build().start();
        Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.port())) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(ascii("GET /one HTTP/1.1\r\nHost: h\r\n\r\n"));
      out.flush();
      assertThat(readResponse(in)).startsWith("HTTP/1.1 200 ");
      Thread.sleep(600); // idle on a kept-alive connection longer than the header deadline: allowed
      out.write(ascii("GET /two HTTP/1.1\r\nHost: h\r\n\r\n"));
      out.flush();
      assertThat(readResponse(in)).startsWith("HTTP/1.1 200 ");
    }
  }

  @Test
  void transferEncodingGzipIsRefusedWith501() throws Exception {
    String response = exchange("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\nabc");
    assertThat(response).startsWith("HTTP/1.1 501 ").contains("Connection: close").contains("gzip");
    assertThat(exchange("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"))
        .startsWith("HTTP/1.1 501 ");
  }

  @Test
  void chunkedTwiceOrTransferEncodingInHttp10IsRefusedWith400() throws Exception {
    assertThat(exchange("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n"))
        .startsWith("HTTP/1.1 400 ");
    assertThat(exchange("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("POST /x HTTP/1.0\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
        .startsWith("HTTP/1.1 400 ");
  }

  @Test
  void contentLengthWithTransferEncodingChunkedIsRefusedWith400() throws Exception {
    // A proxy that frames by Content-Length and a server that frames by chunked would disagree on where the
    // next request starts: the smuggled GET below must never reach the handler.
    String response = exchange("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n"
        + "\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400 ").contains("Connection: close")
        .contains("Content-Length").doesNotContain("/smuggled").doesNotContain("HTTP/1.1 200");
  }

  @Test
  void aNulInAHeaderValueIsRefusedWith400() throws Exception {
    String response = exchange("GET /x HTTP/1.1\r\nHost: h\r\nX-Evil: a\0b\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400 ").contains("X-Evil").contains("Connection: close");
    assertThat(exchange("GET /x HTTP/1.1\r\nHost: h\r\nX-Evil: a\rb\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET /x HTTP/1.1\r\nHost: h\r\nX-Tab: a\tb\r\n\r\n")).startsWith("HTTP/1.1 200 ");
  }

  @Test
  void bareLfLineEndingsAreRefusedWith400() throws Exception {
    assertThat(exchange("GET /x HTTP/1.1\nHost: h\n\n")).startsWith("HTTP/1.1 400 ").contains("LF");
    assertThat(exchange("GET /x HTTP/1.1\r\nHost: h\nX-A: b\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n"))
        .startsWith("HTTP/1.1 400 ");
  }

  @Test
  void malformedNamesSizesAndRequestLinesAreRefusedWith400() throws Exception {
    assertThat(exchange("GET /x HTTP/1.1\r\nHost: h\r\nBad Name: v\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET /x HTTP/1.1\r\nHost: h\r\nContent-Length: +3\r\n\r\nabc")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n\r\n"))
        .startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET /a\0b HTTP/1.1\r\nHost: h\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("G(T /x HTTP/1.1\r\nHost: h\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET /x http/1.1\r\nHost: h\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET /x HTTP/2.0\r\nHost: h\r\n\r\n")).startsWith("HTTP/1.1 505 ");
  }

  @Test
  void wellFormedChunkedAndTrailersStillWork() throws Exception {
    String response = exchange("POST /x HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\n"
        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-T: 1\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 200 ").contains("\"body\":\"abcde\"");
  }

  /** Sends the bytes as they are on a fresh connection and returns everything the server sends until it closes. */
  private static String exchange(String request) throws IOException {
    try (LocalGateway gw = LocalGateway.builder().handler(new TestHandlers.EchoStream()).build().start();
        Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.port())) {
      s.setSoTimeout(5_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      if (!request.contains("Connection: close")) {
        // A good request keeps the connection open: read its one response, not until the end of the stream.
        return readResponse(s.getInputStream());
      }
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static String trickleUntilAnswered(Socket s, long everyMillis) throws Exception {
    InputStream in = s.getInputStream();
    OutputStream out = s.getOutputStream();
    for (int i = 0; i < 200; i++) {
      if (in.available() > 0) {
        break;
      }
      try {
        out.write('x');
        out.flush();
      } catch (IOException closed) {
        break;
      }
      Thread.sleep(everyMillis);
    }
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  /** One response: its head, and as many body bytes as its Content-Length says. */
  private static String readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int c = in.read();
      if (c < 0) {
        return head.toString();
      }
      head.append((char) c);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
