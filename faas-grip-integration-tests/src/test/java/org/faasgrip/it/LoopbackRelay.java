package org.faasgrip.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the tests' relays share: a server socket on a free loopback port, a thread per accepted connection, and on
 * {@link #close()} every socket either side closed, so that nothing a test opened outlives it. A subclass says what
 * to do with a connection ({@link #serve(Socket)}).
 */
abstract class LoopbackRelay implements AutoCloseable {
  private static final int MAX_HEAD = 64 * 1024;

  private final ServerSocket server;
  private final int upstreamPort;
  private final String name;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

  /** Listens on a free loopback port, relaying to {@code upstreamPort}; {@code name} names its threads. */
  LoopbackRelay(int upstreamPort, String name) throws IOException {
    this.upstreamPort = upstreamPort;
    this.name = name;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, name);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port the relay listens on. */
  final int port() {
    return server.getLocalPort();
  }

  /** Handles one accepted connection, on a thread of its own; the relay closes the socket on {@link #close()}. */
  abstract void serve(Socket client);

  /** A new connection to the upstream port, closed with the relay if it is still open then. */
  final Socket connectUpstream() throws IOException {
    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
    sockets.add(upstream);
    return upstream;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        Thread t = new Thread(() -> serve(client), name + "-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        // closed
      }
    }
  }

  /** An HTTP head up to and including the blank line, or null if the stream ends first. Bounded: 64 KiB. */
  static byte[] readHead(InputStream in) throws IOException {
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

  /** Closes {@code s}, ignoring that it may already be closed. */
  static void closeQuietly(Socket s) {
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
