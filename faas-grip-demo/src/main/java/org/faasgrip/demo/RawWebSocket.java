package org.faasgrip.demo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The load tool's WebSocket client: RFC 6455 over a plain socket, one reading thread each, text messages only.
 *
 * <p>Why not {@code java.net.http.WebSocket}: Java 17's client sends {@code Content-Length: 0} with its upgrade
 * (JDK-8283544), and Pushpin 1.36 then refuses about every second handshake in a way the client rejects, and
 * passes an empty message to the function on some connections, which the chat publishes to every client: at a
 * thousand clients, a million deliveries of nothing, and retried handshakes, before the run has begun. A browser
 * sends no such header; neither does this client.
 */
final class RawWebSocket implements AutoCloseable {
  private static final int MAX_MESSAGE = 1024 * 1024;

  private final Socket socket;
  private final OutputStream out;

  private RawWebSocket(Socket socket, OutputStream out) {
    this.socket = socket;
    this.out = out;
  }

  /**
   * Opens a WebSocket and starts reading it.
   *
   * @param port the loopback port
   * @param path the path to open
   * @param onText gets every text message, on the socket's reading thread
   * @param onEnd gets why, once, when the socket ends (a close frame, an error, or {@link #close()})
   * @return the open socket
   * @throws IOException when the connection or the handshake fails
   */
  static RawWebSocket open(int port, String path, Consumer<String> onText, Consumer<String> onEnd) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    try {
      s.setTcpNoDelay(true);
      s.setSoTimeout(60_000);
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      OutputStream out = new BufferedOutputStream(s.getOutputStream());
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
          + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = new BufferedInputStream(s.getInputStream());
      String head = readHead(in);
      if (!head.startsWith("HTTP/1.1 101")) {
        throw new IOException("handshake refused: " + head.lines().findFirst().orElse(""));
      }
      s.setSoTimeout(0); // a subscriber may hear nothing for a long time
      RawWebSocket ws = new RawWebSocket(s, out);
      Thread reader = new Thread(() -> ws.read(in, onText, onEnd), "load-ws-" + s.getLocalPort());
      reader.setDaemon(true);
      reader.start();
      return ws;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /**
   * Sends one text message (masked, as a client must).
   *
   * @param text the message
   * @throws IOException when the socket is gone
   */
  void sendText(String text) throws IOException {
    frame(0x1, text.getBytes(StandardCharsets.UTF_8));
  }

  private void frame(int opcode, byte[] payload) throws IOException {
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    int n = payload.length;
    ByteArrayOutputStream f = new ByteArrayOutputStream(n + 14);
    f.write(0x80 | opcode);
    if (n < 126) {
      f.write(0x80 | n);
    } else if (n < 65536) {
      f.write(0x80 | 126);
      f.write(n >>> 8);
      f.write(n);
    } else {
      f.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        f.write((int) ((long) n >>> shift));
      }
    }
    f.write(mask, 0, 4);
    for (int i = 0; i < n; i++) {
      f.write(payload[i] ^ mask[i & 3]);
    }
    synchronized (out) {
      f.writeTo(out);
      out.flush();
    }
  }

  private void read(InputStream in, Consumer<String> onText, Consumer<String> onEnd) {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    String why = "the connection ended";
    try {
      while (true) {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
          return;
        }
        int opcode = b0 & 0x0f;
        long length = b1 & 0x7f;
        if (length == 126) {
          length = (in.read() << 8) | in.read();
        } else if (length == 127) {
          length = 0;
          for (int i = 0; i < 8; i++) {
            length = (length << 8) | in.read();
          }
        }
        if (length > MAX_MESSAGE || (b1 & 0x80) != 0) {
          why = "a frame of " + length + " bytes" + ((b1 & 0x80) != 0 ? ", masked" : "");
          return; // larger than anything the chat sends, or masked (a server never masks): not ours to read
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length) {
          return;
        }
        if (opcode == 0x8) {
          why = payload.length < 2 ? "a close frame without a code"
              : "close " + (((payload[0] & 0xff) << 8) | (payload[1] & 0xff)) + " "
                  + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
          return;
        }
        if (opcode == 0x9) {
          frame(0xa, payload);
          continue;
        }
        if (opcode == 0x1 || opcode == 0x0) {
          message.write(payload);
          if ((b0 & 0x80) != 0) {
            onText.accept(message.toString(StandardCharsets.UTF_8));
            message.reset();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      why = e.toString();
    } finally {
      onEnd.accept(why);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 16 * 1024) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed during the handshake");
      }
      sb.append((char) c);
      if (sb.length() >= 4 && sb.lastIndexOf("\r\n\r\n") == sb.length() - 4) {
        return sb.toString();
      }
    }
    throw new IOException("handshake response head too long");
  }

  /** Closes the connection without a closing handshake (the run is over). */
  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closed either way; its reading thread ends with it
    }
  }
}
