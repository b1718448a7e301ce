package org.faasgrip.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP relay in front of Pushpin's publish port that, while told to, answers every request itself with
 * one status (503 or 429, with {@code Retry-After: 1}) without forwarding it, as a proxy that sheds load does; the
 * rest of the time it forwards each request to Pushpin and its answer back. One request per connection upstream,
 * as Pushpin 1.36 closes after each publish.
 */
final class RefusingRelay implements AutoCloseable {
  private static final int MAX_HEAD = 64 * 1024;
  private static final int MAX_BODY = 2 * 1024 * 1024;

  private final ServerSocket server;
  private final int upstreamPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile long refuseUntil;
  private volatile int refuseStatus;
  final AtomicInteger refused = new AtomicInteger();
  final AtomicInteger forwarded = new AtomicInteger();

  RefusingRelay(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "refusing-relay");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The relay's base URI, to publish to instead of Pushpin's. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Answers every request with {@code status} from now for {@code period}, then forwards again. */
  void refuse(int status, Duration period) {
    refuseStatus = status;
    refuseUntil = System.nanoTime() + period.toNanos();
  }

  private boolean refusing() {
    return System.nanoTime() - refuseUntil < 0;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        Thread t = new Thread(() -> serve(client), "refusing-relay-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        // closed
      }
    }
  }

  private void serve(Socket client) {
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
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
          sockets.add(upstream);
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

  /** The head up to and including the blank line, or null at the end of the stream. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      if (head.size() > MAX_HEAD) {
        throw new IOException("head too large");
      }
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toByteArray();
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

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
