package org.faasgrip.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A byte relay on loopback between the tests' WebSocket clients and Pushpin that drops one header line: the
 * {@code Content-Length: 0} that Java 17's {@code java.net.http} client sends with its upgrade request
 * (JDK-8283544, fixed in Java 19). Pushpin 1.36's connection manager reads that as a request body: it forwards an
 * empty TEXT message to the function on every connect and now and then adds {@code Connection: close} to the 101,
 * which the same client then rejects. Browsers send no such header. Everything else, the handshake and every
 * frame in both directions, passes through unchanged.
 */
final class UpgradeRelay extends LoopbackRelay {

  /** A relay to Pushpin's client port {@code upstreamPort}. */
  UpgradeRelay(int upstreamPort) throws IOException {
    super(upstreamPort, "upgrade-relay");
  }

  /** The relay's address for a path, e.g. {@code ws://127.0.0.1:PORT/v1/chat}. */
  URI wsUri(String path) {
    return URI.create("ws://127.0.0.1:" + port() + path);
  }

  @Override
  void serve(Socket client) {
    try (Socket upstream = connectUpstream()) {
      InputStream in = client.getInputStream();
      OutputStream up = upstream.getOutputStream();
      byte[] head = readHead(in);
      if (head == null) {
        return;
      }
      up.write(withoutEmptyContentLength(head));
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
}
