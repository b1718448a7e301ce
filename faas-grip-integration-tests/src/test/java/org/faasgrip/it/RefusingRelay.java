package org.faasgrip.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP relay in front of Pushpin's publish port that, while told to, answers every request itself with
 * one status (503 or 429, with {@code Retry-After: 1}) without forwarding it, as a proxy that sheds load does; the
 * rest of the time it forwards each request to Pushpin and its answer back. One request per connection upstream,
 * as Pushpin 1.36 closes after each publish.
 */
final class RefusingRelay extends LoopbackRelay {
  private static final int MAX_BODY = 2 * 1024 * 1024;

  private volatile long refuseUntil;
  private volatile int refuseStatus;
  final AtomicInteger refused = new AtomicInteger();
  final AtomicInteger forwarded = new AtomicInteger();

  /** A relay to Pushpin's publish port {@code upstreamPort}, forwarding until told to refuse. */
  RefusingRelay(int upstreamPort) throws IOException {
    super(upstreamPort, "refusing-relay");
  }

  /** The relay's base URI, to publish to instead of Pushpin's. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Answers every request with {@code status} from now for {@code period}, then forwards again. */
  void refuse(int status, Duration period) {
    refuseStatus = status;
    refuseUntil = System.nanoTime() + period.toNanos();
  }

  private boolean refusing() {
    return System.nanoTime() - refuseUntil < 0;
  }

  @Override
  void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        byte[] head = readHead(in);
        if (head == null) {
          return;
        }
        byte[] body = in.readNBytes(contentLength(head));
        if (refusing()) {
          refused.incrementAndGet();
          int status = refuseStatus;
          byte[] text = ("refused by the test's relay\n").getBytes(StandardCharsets.US_ASCII);
          out.write(("HTTP/1.1 " + status + (status == 429 ? " Too Many Requests" : " Service Unavailable")
              + "\r\nRetry-After: 1\r\nContent-Type: text/plain\r\nContent-Length: " + text.length + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          out.write(text);
          out.flush();
          continue;
        }
        forwarded.incrementAndGet();
        try (Socket upstream = connectUpstream()) {
          upstream.getOutputStream().write(head);
          upstream.getOutputStream().write(body);
          upstream.getOutputStream().flush();
          InputStream answer = upstream.getInputStream();
          byte[] answerHead = readHead(answer);
          if (answerHead == null) {
            return;
          }
          byte[] answerBody = answer.readNBytes(contentLength(answerHead));
          out.write(withConnectionClose(answerHead));
          out.write(answerBody);
          out.flush();
        }
        return; // one request per connection once forwarding, as Pushpin does
      }
    } catch (IOException e) {
      // the publisher or Pushpin went away: the publisher sees a connection error and retries
    }
  }

  private static int contentLength(byte[] head) throws IOException {
    for (String line : new String(head, StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        int n = Integer.parseInt(line.substring(15).trim());
        if (n < 0 || n > MAX_BODY) {
          throw new IOException("bad Content-Length " + n);
        }
        return n;
      }
    }
    return 0;
  }

  private static byte[] withConnectionClose(byte[] head) {
    StringBuilder out = new StringBuilder();
    for (String line : new String(head, StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (!line.isEmpty() && !line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
        out.append(line).append("\r\n");
      }
    }
    return out.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
