package org.faasgrip.publisher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback proxy that answers every publish with a status and a huge body, written as fast as the socket takes
 * it: what a broken or hostile proxy can do to a publisher that reads error bodies whole. A raw socket rather
 * than {@link FakeProxy}'s HTTP server, so that nothing on this side buffers or slows the body, and so that it
 * counts how much of the body went out before the publisher gave up the connection.
 */
final class FloodProxy implements AutoCloseable {
  private static final int CHUNK = 64 * 1024;

  private final ServerSocket server;
  private final int status;
  private final long bodyBytes;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  /** Per connection, in order: body bytes written before the publisher closed it (or all of them). */
  final List<Long> sent = new CopyOnWriteArrayList<>();

  FloodProxy(int status, long bodyBytes) throws IOException {
    this.status = status;
    this.bodyBytes = bodyBytes;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "flood-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI publishUri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/publish/");
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        Thread t = new Thread(() -> answer(s), "flood-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Reads one request, answers it with the flood, and closes the connection. */
  private void answer(Socket s) {
    long written = 0;
    try (s) {
      InputStream in = s.getInputStream();
      long contentLength = readHead(in);
      in.readNBytes((int) contentLength);
      OutputStream out = s.getOutputStream();
      out.write(("HTTP/1.1 " + status + " Flood\r\nContent-Type: text/plain\r\nContent-Length: " + bodyBytes
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[CHUNK];
      Arrays.fill(chunk, (byte) 'x');
      while (written < bodyBytes) {
        int n = (int) Math.min(CHUNK, bodyBytes - written);
        out.write(chunk, 0, n);
        written += n;
      }
      out.flush();
    } catch (IOException e) {
      // The publisher closed the connection: that is what is measured.
    } finally {
      sent.add(written);
    }
  }

  /** Reads the request head, returns its Content-Length (0 when absent). */
  private static long readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int last4 = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("request ended in its head");
      }
      head.append((char) b);
      last4 = (last4 << 8) | b;
      if (last4 == 0x0d0a0d0a) {
        break;
      }
      if (head.length() > 64 * 1024) {
        throw new IOException("request head too long");
      }
    }
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Long.parseLong(line.substring("content-length:".length()).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
