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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A byte relay on loopback between the tests' WebSocket clients and Pushpin that drops one header line: the
 * {@code Content-Length: 0} that Java 17's {@code java.net.http} client sends with its upgrade request
 * (JDK-8283544, fixed in Java 19). Pushpin 1.36's connection manager reads that as a request body: it forwards an
 * empty TEXT message to the function on every connect and now and then adds {@code Connection: close} to the 101,
 * which the same client then rejects. Browsers send no such header. Everything else, the handshake and every
 * frame in both directions, passes through unchanged.
 */
final class UpgradeRelay implements AutoCloseable {
  private final ServerSocket server;
  private final int upstreamPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

  UpgradeRelay(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "upgrade-relay");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The relay's address for a path, e.g. {@code ws://127.0.0.1:PORT/v1/chat}. */
  URI wsUri(String path) {
    return URI.create("ws://127.0.0.1:" + server.getLocalPort() + path);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        Thread t = new Thread(() -> relay(client), "upgrade-relay-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        // closed
      }
    }
  }

  private void relay(Socket client) {
    try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      sockets.add(upstream);
      InputStream in = client.getInputStream();
      OutputStream up = upstream.getOutputStream();
      up.write(withoutEmptyContentLength(readHead(in)));
      up.flush();
      Thread back = new Thread(() -> pipe(upstream, client), "upgrade-relay-back");
      back.setDaemon(true);
      back.start();
      pipe(client, upstream);
      back.join();
    } catch (IOException | InterruptedException e) {
      // a side went away: both are closed below
    } finally {
      closeQuietly(client);
    }
  }

  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the request head");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > 65536) {
        throw new IOException("request head too long");
      }
    }
    return head.toByteArray();
  }

  private static byte[] withoutEmptyContentLength(byte[] head) {
    String text = new String(head, StandardCharsets.ISO_8859_1);
    if (!text.startsWith("GET ")) {
      return head;
    }
    return text.replaceAll("(?im)^Content-Length:\\s*0\\r\\n", "").getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void pipe(Socket from, Socket to) {
    byte[] buf = new byte[8192];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // closed
    } finally {
      closeQuietly(to);
      closeQuietly(from);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }
}
