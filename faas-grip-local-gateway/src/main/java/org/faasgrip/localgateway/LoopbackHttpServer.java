package org.faasgrip.localgateway;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A small HTTP/1.1 server bound to loopback: one thread per connection (keep-alive), Content-Length and chunked
 * request bodies, {@code Expect: 100-continue}, responses always framed by Content-Length.
 *
 * <p>It exists instead of {@code com.sun.net.httpserver.HttpServer} because that server rewrites every header
 * name to "First-letter-uppercase" form ({@code X-custom-header}), and payload 1.0 must show header names in the
 * case the client sent them. It also lets an ALB {@code statusDescription} become the reason phrase.
 */
final class LoopbackHttpServer implements Closeable {
  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final int IDLE_TIMEOUT_MS = 60_000;
  private static final long MAX_DRAIN = 64L * 1024 * 1024;
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

  private final ServerSocket serverSocket;
  private final Function<HttpMessage.Request, HttpMessage.Response> handler;
  private final int maxBodyBytes;
  private final ThreadPoolExecutor connections;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  LoopbackHttpServer(int port, int maxConnections, int maxBodyBytes,
      Function<HttpMessage.Request, HttpMessage.Response> handler) throws IOException {
    this.handler = handler;
    this.maxBodyBytes = maxBodyBytes;
    this.serverSocket = new ServerSocket();
    serverSocket.setReuseAddress(true);
    serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    AtomicInteger n = new AtomicInteger();
    this.connections = new ThreadPoolExecutor(0, maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        r -> daemon(r, "local-gateway-conn-" + n.incrementAndGet()));
    this.acceptor = daemon(this::acceptLoop, "local-gateway-accept-" + serverSocket.getLocalPort());
    acceptor.start();
  }

  static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  int port() {
    return serverSocket.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = serverSocket.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      open.add(s);
      try {
        connections.execute(() -> serve(s));
      } catch (RejectedExecutionException e) {
        // Every connection thread is busy: answer like an overloaded proxy rather than queueing forever.
        try {
          OutputStream out = s.getOutputStream();
          writeResponse(out, new HttpMessage.Response(503, "Service Unavailable",
              List.of(header("Content-Type", "text/plain")),
              "local gateway: too many connections\n".getBytes(StandardCharsets.US_ASCII)), false, true);
          out.flush();
        } catch (IOException ignored) {
          // the client is gone either way
        }
        closeQuietly(s);
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(IDLE_TIMEOUT_MS);
      s.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = new BufferedOutputStream(s.getOutputStream());
      String remote = s.getInetAddress().getHostAddress();
      boolean keepAlive = true;
      while (keepAlive && !closed) {
        HttpMessage.Request request;
        try {
          String requestLine = readLine(in);
          if (requestLine == null) {
            return;
          }
          if (requestLine.isEmpty()) {
            continue; // RFC 9112 §2.2: ignore at least one empty line before the request line
          }
          request = readRequest(requestLine, in, out, remote);
        } catch (SocketTimeoutException e) {
          return;
        } catch (BadRequest e) {
          discard(in, e.drain);
          writeResponse(out, new HttpMessage.Response(e.status, null, List.of(header("Content-Type", "text/plain")),
              (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8)), false, true);
          out.flush();
          return;
        }
        keepAlive = wantsKeepAlive(request);
        HttpMessage.Response response;
        try {
          response = handler.apply(request);
        } catch (RuntimeException e) {
          // A fault of the gateway itself, not of the function: say so rather than drop the connection.
          System.err.println("[local-gateway] internal error on " + request.method + " " + request.target + ":");
          e.printStackTrace();
          response = new HttpMessage.Response(500, null, List.of(header("Content-Type", "text/plain")),
              "local gateway internal error (see its standard error)\n".getBytes(StandardCharsets.US_ASCII));
        }
        writeResponse(out, response, "HEAD".equals(request.method), !keepAlive);
        out.flush();
      }
    } catch (SocketException | SocketTimeoutException e) {
      // peer reset or went quiet mid-request: nothing to answer
    } catch (IOException e) {
      if (!closed) {
        System.err.println("[local-gateway] connection error: " + e);
      }
    } finally {
      open.remove(s);
    }
  }

  private static boolean wantsKeepAlive(HttpMessage.Request r) {
    String connection = String.join(",", r.values("Connection")).toLowerCase(Locale.ROOT);
    if ("HTTP/1.0".equals(r.protocol)) {
      return connection.contains("keep-alive");
    }
    return !connection.contains("close");
  }

  private HttpMessage.Request readRequest(String requestLine, InputStream in, OutputStream out, String remote)
      throws IOException {
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
      throw new BadRequest(400, "malformed request line");
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    int headerBytes = 0;
    while (true) {
      String line = readLine(in);
      if (line == null) {
        throw new BadRequest(400, "connection closed inside the header block");
      }
      if (line.isEmpty()) {
        break;
      }
      headerBytes += line.length() + 2;
      if (headerBytes > MAX_HEADER_BYTES) {
        throw new BadRequest(431, "request header block larger than " + MAX_HEADER_BYTES + " bytes");
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new BadRequest(400, "obsolete header line folding is not accepted");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.substring(0, colon).trim().length() != colon) {
        throw new BadRequest(400, "malformed header line");
      }
      headers.add(header(line.substring(0, colon), line.substring(colon + 1).trim()));
    }
    HttpMessage.Request head = new HttpMessage.Request(parts[0], parts[1], parts[2], headers, null, remote, port());
    byte[] body = readBody(head, in, out);
    if (body != null) {
      // The body is handed on de-chunked, so the framing header no longer describes it.
      headers.removeIf(h -> h.getKey().equalsIgnoreCase("Transfer-Encoding"));
    }
    return new HttpMessage.Request(parts[0], parts[1], parts[2], headers, body, remote, port());
  }

  private byte[] readBody(HttpMessage.Request head, InputStream in, OutputStream out) throws IOException {
    String te = String.join(",", head.values("Transfer-Encoding")).toLowerCase(Locale.ROOT);
    List<String> lengths = head.values("Content-Length");
    boolean chunked = te.contains("chunked");
    long length = -1;
    if (!chunked && !lengths.isEmpty()) {
      for (String l : lengths) {
        long v;
        try {
          v = Long.parseLong(l.trim());
        } catch (NumberFormatException e) {
          throw new BadRequest(400, "Content-Length is not a number: " + l);
        }
        if (v < 0 || (length >= 0 && v != length)) {
          throw new BadRequest(400, "conflicting or negative Content-Length");
        }
        length = v;
      }
      if (length > maxBodyBytes) {
        // Read the refused body away first (unless the client waits for 100-continue): a client still writing
        // it into a closed connection would see a reset instead of the 413.
        boolean waits = "100-continue".equalsIgnoreCase(String.valueOf(head.first("Expect")).trim());
        throw new BadRequest(413, "request body of " + length + " bytes exceeds the limit of " + maxBodyBytes,
            waits || length > MAX_DRAIN ? 0 : length);
      }
    }
    if (!chunked && length <= 0) {
      return null;
    }
    String expect = head.first("Expect");
    if (expect != null && expect.equalsIgnoreCase("100-continue")) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    if (!chunked) {
      byte[] body = in.readNBytes((int) length);
      if (body.length != length) {
        throw new BadRequest(400, "connection closed before the whole body arrived");
      }
      return body;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      if (sizeLine == null) {
        throw new BadRequest(400, "connection closed inside a chunked body");
      }
      int semi = sizeLine.indexOf(';');
      String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim();
      int size;
      try {
        size = Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        throw new BadRequest(400, "malformed chunk size: " + sizeLine);
      }
      if (size < 0 || body.size() + (long) size > maxBodyBytes) {
        throw new BadRequest(413, "chunked request body exceeds the limit of " + maxBodyBytes + " bytes");
      }
      if (size == 0) {
        String trailer;
        do {
          trailer = readLine(in);
        } while (trailer != null && !trailer.isEmpty());
        break;
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new BadRequest(400, "connection closed inside a chunk");
      }
      body.write(chunk);
      String end = readLine(in);
      if (end == null || !end.isEmpty()) {
        throw new BadRequest(400, "chunk not followed by CRLF");
      }
    }
    return body.size() == 0 ? null : body.toByteArray();
  }

  /** Reads one line ending in CRLF (a bare LF is tolerated); null at end of stream before any byte. */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == '\r') {
          sb.setLength(len - 1);
        }
        return sb.toString();
      }
      if (sb.length() >= MAX_LINE) {
        throw new BadRequest(431, "header line longer than " + MAX_LINE + " bytes");
      }
      sb.append((char) c); // ISO-8859-1, as RFC 9110 §5.5 says header bytes are to be read
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  static void writeResponse(OutputStream out, HttpMessage.Response r, boolean head, boolean close)
      throws IOException {
    StringBuilder sb = new StringBuilder(256);
    sb.append("HTTP/1.1 ").append(r.status).append(' ')
        .append(r.reason != null && !r.reason.isEmpty() ? r.reason : reasonPhrase(r.status)).append("\r\n");
    for (Map.Entry<String, String> h : r.headers) {
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    if (r.first("Date") == null) {
      sb.append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
    }
    boolean bodyAllowed = r.status >= 200 && r.status != 204 && r.status != 304;
    if (bodyAllowed) {
      sb.append("Content-Length: ").append(r.body.length).append("\r\n");
    }
    if (close) {
      sb.append("Connection: close\r\n");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (bodyAllowed && !head) {
      out.write(r.body);
    }
  }

  static Map.Entry<String, String> header(String name, String value) {
    return new AbstractMap.SimpleImmutableEntry<>(name, value);
  }

  static String reasonPhrase(int status) {
    switch (status) {
      case 200: return "OK";
      case 201: return "Created";
      case 202: return "Accepted";
      case 204: return "No Content";
      case 301: return "Moved Permanently";
      case 302: return "Found";
      case 304: return "Not Modified";
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 413: return "Payload Too Large";
      case 429: return "Too Many Requests";
      case 431: return "Request Header Fields Too Large";
      case 500: return "Internal Server Error";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      case 504: return "Gateway Timeout";
      default: return status < 300 ? "OK" : status < 400 ? "Redirect" : status < 500 ? "Client Error" : "Error";
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // the acceptor stops either way
    }
    for (Socket s : open) {
      closeQuietly(s);
    }
    connections.shutdownNow();
    try {
      acceptor.join(2000);
      connections.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A request the server refuses before the handler sees it; the status says why. */
  private static final class BadRequest extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;
    final long drain;

    BadRequest(int status, String message) {
      this(status, message, 0);
    }

    BadRequest(int status, String message, long drain) {
      super(message);
      this.status = status;
      this.drain = drain;
    }
  }

  private static void discard(InputStream in, long n) throws IOException {
    byte[] buf = new byte[8192];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) {
        return;
      }
      n -= r;
    }
  }
}
