package org.faasgrip.localgateway;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
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
 *
 * <p>What a client can hold is bounded: at most {@code maxConnections} connections are served at once (more wait
 * in the listen backlog, and an idle kept-alive connection is closed to make room for them), a request head must
 * arrive whole within the header deadline, and a request RFC 9112 says to refuse (ambiguous framing, unknown
 * transfer codings, control characters in a field, bare LF or CR line endings) is refused and its connection
 * closed.
 */
final class LoopbackHttpServer implements Closeable {
  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  /** How many empty lines may precede a request line (RFC 9112 §2.2 asks to ignore at least one). */
  private static final int MAX_EMPTY_LINES = 4;
  private static final int IDLE_TIMEOUT_MS = 60_000;
  private static final long MAX_DRAIN = 64L * 1024 * 1024;
  /** How long, and for how many bytes, a connection closed after an error reads what the client still sends. */
  private static final long LINGER_MS = 1000;
  private static final long MAX_LINGER_BYTES = 1024 * 1024;
  /** How often the acceptor, waiting for a connection slot, looks again for an idle connection to close. */
  private static final long EVICT_RETRY_MS = 50;
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

  private final ServerSocket serverSocket;
  private final Function<HttpMessage.Request, HttpMessage.Response> handler;
  private final int maxBodyBytes;
  private final long headerTimeoutNanos;
  private final Semaphore connectionSlots;
  private final ExecutorService connections;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  LoopbackHttpServer(int port, int maxConnections, long headerTimeoutMillis, int maxBodyBytes,
      Function<HttpMessage.Request, HttpMessage.Response> handler) throws IOException {
    this.handler = handler;
    this.maxBodyBytes = maxBodyBytes;
    this.headerTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(headerTimeoutMillis);
    this.connectionSlots = new Semaphore(maxConnections);
    this.serverSocket = new ServerSocket();
    serverSocket.setReuseAddress(true);
    // Connections past the limit wait here, in the kernel, until a slot frees: a backlog as deep as the limit.
    serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), Math.max(128, maxConnections));
    AtomicInteger n = new AtomicInteger();
    // Unbounded in threads, bounded by connectionSlots: a slot is released as a connection's task ends, a moment
    // before its thread is free again, and a bounded pool would refuse the next connection in that moment.
    this.connections = Executors.newCachedThreadPool(r -> daemon(r, "local-gateway-conn-" + n.incrementAndGet()));
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
      try {
        // At the limit, make room by closing the connection idle the longest; if none is idle, wait (the
        // header deadline and the idle timeout bound how long) rather than refuse: a refused connection is
        // a dropped client behind Pushpin.
        while (!connectionSlots.tryAcquire(EVICT_RETRY_MS, TimeUnit.MILLISECONDS)) {
          if (closed) {
            closeQuietly(s);
            return;
          }
          evictIdle();
        }
      } catch (InterruptedException e) {
        closeQuietly(s);
        return;
      }
      Connection c = new Connection(s, System.nanoTime());
      open.add(c);
      try {
        connections.execute(() -> serve(c));
      } catch (RejectedExecutionException e) {
        open.remove(c);
        connectionSlots.release();
        closeQuietly(s);
      }
    }
  }

  /** Closes the connection that has waited longest for its next request, if one is waiting. */
  private void evictIdle() {
    Connection oldest = null;
    for (Connection c : open) {
      if (c.state.get() == Connection.IDLE && (oldest == null || c.idleSince - oldest.idleSince < 0)) {
        oldest = c;
      }
    }
    if (oldest != null && oldest.state.compareAndSet(Connection.IDLE, Connection.EVICTED)) {
      closeQuietly(oldest.socket);
    }
  }

  private void serve(Connection c) {
    Socket s = c.socket;
    try (s) {
      s.setTcpNoDelay(true);
      DeadlineInput raw = new DeadlineInput(s, headerTimeoutNanos);
      BufferedInputStream in = new BufferedInputStream(raw);
      OutputStream out = new BufferedOutputStream(s.getOutputStream());
      String remote = s.getInetAddress().getHostAddress();
      // A new connection's first head must arrive within the deadline counted from the accept; a kept-alive
      // connection may idle between requests (up to the idle timeout), and each later head's clock starts at
      // its first byte.
      raw.deadline(c.acceptedAt + headerTimeoutNanos);
      boolean first = true;
      while (!closed) {
        if (!first) {
          raw.noDeadline();
          if (in.available() == 0) {
            c.idleSince = System.nanoTime();
            c.state.set(Connection.IDLE);
          }
        }
        in.mark(1);
        int b;
        try {
          b = in.read();
        } catch (SocketTimeoutException | BadRequest e) {
          return; // idle timeout, or a deadline passed with not one byte of a request: nothing to answer
        }
        if (b < 0) {
          return;
        }
        if (!first) {
          if (c.state.get() != Connection.BUSY && !c.state.compareAndSet(Connection.IDLE, Connection.BUSY)) {
            return; // closed to make room for another connection just as this request began
          }
          raw.deadline(System.nanoTime() + headerTimeoutNanos);
        }
        first = false;
        in.reset();
        HttpMessage.Request request;
        try {
          request = readRequest(in, raw, out, remote);
        } catch (BadRequest e) {
          discard(in, e.drain);
          writeResponse(out, new HttpMessage.Response(e.status, null, List.of(header("Content-Type", "text/plain")),
              (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8)), false, true);
          out.flush();
          lingeringClose(s, raw);
          return;
        }
        boolean keepAlive = wantsKeepAlive(request);
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
        if (!keepAlive) {
          return;
        }
      }
    } catch (SocketException | SocketTimeoutException e) {
      // peer reset or went quiet mid-request: nothing to answer
    } catch (IOException e) {
      if (!closed) {
        System.err.println("[local-gateway] connection error: " + e);
      }
    } finally {
      open.remove(c);
      connectionSlots.release();
    }
  }

  private static boolean wantsKeepAlive(HttpMessage.Request r) {
    String connection = String.join(",", r.values("Connection")).toLowerCase(Locale.ROOT);
    if ("HTTP/1.0".equals(r.protocol)) {
      return connection.contains("keep-alive");
    }
    return !connection.contains("close");
  }

  private HttpMessage.Request readRequest(InputStream in, DeadlineInput raw, OutputStream out, String remote)
      throws IOException {
    String requestLine = readLine(in);
    for (int empty = 0; requestLine != null && requestLine.isEmpty(); empty++) {
      if (empty == MAX_EMPTY_LINES) {
        throw new BadRequest(400, "more than " + MAX_EMPTY_LINES + " empty lines before the request line");
      }
      requestLine = readLine(in);
    }
    if (requestLine == null) {
      throw new BadRequest(400, "connection closed inside the request line");
    }
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3 || !isToken(parts[0]) || !isTarget(parts[1])) {
      throw new BadRequest(400, "malformed request line: expected METHOD SP TARGET SP HTTP/1.1");
    }
    String version = parts[2];
    boolean versionShape = version.length() == 8 && version.startsWith("HTTP/") && isDigit(version.charAt(5))
        && version.charAt(6) == '.' && isDigit(version.charAt(7));
    if (!versionShape || version.charAt(5) != '1') {
      throw versionShape ? new BadRequest(505, "only HTTP/1.x is served, not " + version)
          : new BadRequest(400, "malformed request line: the version is not HTTP/1.x");
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
      headers.add(headerField(line, headers.size() + 1));
    }
    raw.noDeadline(); // the head is in; a body is bounded by its size and the idle timeout instead
    HttpMessage.Request head = new HttpMessage.Request(parts[0], parts[1], parts[2], headers, null, remote, port());
    byte[] body = readBody(head, in, out);
    if (body != null) {
      // The body is handed on de-chunked, so the framing header no longer describes it.
      headers.removeIf(h -> h.getKey().equalsIgnoreCase("Transfer-Encoding"));
    }
    return new HttpMessage.Request(parts[0], parts[1], parts[2], headers, body, remote, port());
  }

  /** One {@code name: value} line, checked as RFC 9110 §5 defines a field; {@code n} counts from 1. */
  private static Map.Entry<String, String> headerField(String line, int n) throws BadRequest {
    if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
      throw new BadRequest(400, "header line " + n + ": obsolete line folding is not accepted");
    }
    int colon = line.indexOf(':');
    String name = colon < 0 ? "" : line.substring(0, colon);
    if (!isToken(name)) {
      throw new BadRequest(400, "header line " + n + ": malformed header line (the name must be a token "
          + "followed by ':')");
    }
    int from = colon + 1;
    int to = line.length();
    while (from < to && isWhitespace(line.charAt(from))) {
      from++;
    }
    while (to > from && isWhitespace(line.charAt(to - 1))) {
      to--;
    }
    for (int i = from; i < to; i++) {
      char ch = line.charAt(i);
      if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
        // NUL, CR and the other controls in a value are what request smuggling and header injection use.
        throw new BadRequest(400, String.format(Locale.ROOT,
            "header '%s' has the control character 0x%02X in its value", name, (int) ch));
      }
    }
    return header(name, line.substring(from, to));
  }

  private byte[] readBody(HttpMessage.Request head, InputStream in, OutputStream out) throws IOException {
    List<String> codings = head.values("Transfer-Encoding");
    List<String> lengths = head.values("Content-Length");
    boolean chunked = false;
    long length = -1;
    if (!codings.isEmpty()) {
      chunked = checkTransferEncoding(head, codings, lengths);
    } else if (!lengths.isEmpty()) {
      length = contentLength(lengths);
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
    return readChunked(in);
  }

  /**
   * Checks a request's Transfer-Encoding as RFC 9112 §6 asks; returns true (the body is chunked) or throws: 501
   * for a coding other than chunked, 400 when the framing is ambiguous.
   */
  private static boolean checkTransferEncoding(HttpMessage.Request head, List<String> values, List<String> lengths)
      throws BadRequest {
    List<String> codings = new ArrayList<>();
    for (String v : values) {
      for (String element : v.split(",", -1)) {
        String coding = element.strip();
        if (!coding.isEmpty()) {
          codings.add(coding);
        }
      }
    }
    for (String coding : codings) {
      if (!coding.equalsIgnoreCase("chunked")) {
        throw new BadRequest(501, "transfer coding '" + (isToken(coding) ? coding : "?")
            + "' is not implemented; only chunked is");
      }
    }
    if (codings.size() != 1) {
      throw new BadRequest(400, codings.isEmpty() ? "Transfer-Encoding names no coding"
          : "Transfer-Encoding applies chunked more than once");
    }
    if ("HTTP/1.0".equals(head.protocol)) {
      throw new BadRequest(400, "Transfer-Encoding in an HTTP/1.0 request (RFC 9112 §6.1)");
    }
    if (!lengths.isEmpty()) {
      // Each side of a proxy could take a different one for the body's length: the way requests are smuggled.
      throw new BadRequest(400, "both Content-Length and Transfer-Encoding: the body's length is ambiguous "
          + "(RFC 9112 §6.1)");
    }
    return true;
  }

  private static long contentLength(List<String> values) throws BadRequest {
    long length = -1;
    for (String value : values) {
      for (String element : value.split(",", -1)) {
        String digits = element.strip();
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
          throw new BadRequest(400, "Content-Length is not a number of bytes: '"
              + (digits.length() > 20 ? digits.substring(0, 20) + "..." : digits) + "'");
        }
        long v = Long.parseLong(digits);
        if (length >= 0 && v != length) {
          throw new BadRequest(400, "conflicting Content-Length values " + length + " and " + v);
        }
        length = v;
      }
    }
    return length;
  }

  private byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      if (sizeLine == null) {
        throw new BadRequest(400, "connection closed inside a chunked body");
      }
      long size = chunkSize(sizeLine);
      if (body.size() + size > maxBodyBytes) {
        throw new BadRequest(413, "chunked request body exceeds the limit of " + maxBodyBytes + " bytes");
      }
      if (size == 0) {
        readTrailers(in);
        break;
      }
      byte[] chunk = in.readNBytes((int) size);
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

  /** {@code chunk-size [ chunk-ext ]}: hexadecimal digits, then nothing or (optional blanks and) {@code ;...}. */
  private static long chunkSize(String line) throws BadRequest {
    int i = 0;
    long size = 0;
    while (i < line.length() && Character.digit(line.charAt(i), 16) >= 0 && line.charAt(i) < 0x80) {
      if (i == 8) {
        throw new BadRequest(413, "chunk size of more than 8 hexadecimal digits");
      }
      size = size * 16 + Character.digit(line.charAt(i), 16);
      i++;
    }
    int rest = i;
    while (rest < line.length() && isWhitespace(line.charAt(rest))) {
      rest++;
    }
    if (i == 0 || (rest < line.length() && line.charAt(rest) != ';')) {
      throw new BadRequest(400, "malformed chunk size line: expected hexadecimal digits");
    }
    return size;
  }

  /** Reads and drops the trailer section, bounded like a header block. */
  private static void readTrailers(InputStream in) throws IOException {
    int bytes = 0;
    String trailer;
    while ((trailer = readLine(in)) != null && !trailer.isEmpty()) {
      bytes += trailer.length() + 2;
      if (bytes > MAX_HEADER_BYTES) {
        throw new BadRequest(431, "trailer section larger than " + MAX_HEADER_BYTES + " bytes");
      }
    }
  }

  /**
   * Reads one line ending in CRLF, as ISO-8859-1 (RFC 9110 §5.5); null when the stream ends first. A bare LF or
   * CR is refused (RFC 9112 §2.2 allows either): a proxy in front that ends lines differently would see other
   * headers, or another request, than this server.
   */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        int next = in.read();
        if (next == '\n') {
          return sb.toString();
        }
        if (next == -1) {
          return null;
        }
        throw new BadRequest(400, "bare CR in a line: lines end in CRLF (RFC 9112 §2.2)");
      }
      if (c == '\n') {
        throw new BadRequest(400, "line ends in a bare LF: lines end in CRLF (RFC 9112 §2.2)");
      }
      if (sb.length() >= MAX_LINE) {
        throw new BadRequest(431, "header line longer than " + MAX_LINE + " bytes");
      }
      sb.append((char) c);
    }
    return null;
  }

  /** RFC 9110 §5.6.2 token: one or more tchar. */
  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!tchar) {
        return false;
      }
    }
    return true;
  }

  /** A request target: not empty, no whitespace or control characters (bytes above 0x7F pass, as sent). */
  private static boolean isTarget(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
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
      case 408: return "Request Timeout";
      case 413: return "Payload Too Large";
      case 429: return "Too Many Requests";
      case 431: return "Request Header Fields Too Large";
      case 500: return "Internal Server Error";
      case 501: return "Not Implemented";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      case 504: return "Gateway Timeout";
      case 505: return "HTTP Version Not Supported";
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
    acceptor.interrupt(); // it may be waiting for a connection slot
    for (Connection c : open) {
      closeQuietly(c.socket);
    }
    connections.shutdownNow();
    try {
      acceptor.join(2000);
      connections.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One accepted connection: its socket, when it was accepted, and whether it waits for its next request. */
  private static final class Connection {
    /** Reading or answering a request (a new connection starts so: it is not idle until it has been served). */
    static final int BUSY = 0;
    /** Kept alive, waiting for the first byte of its next request: may be closed to make room. */
    static final int IDLE = 1;
    /** Closed to make room; its thread ends. */
    static final int EVICTED = 2;

    final Socket socket;
    final long acceptedAt;
    final AtomicInteger state = new AtomicInteger(BUSY);
    volatile long idleSince;

    Connection(Socket socket, long acceptedAt) {
      this.socket = socket;
      this.acceptedAt = acceptedAt;
    }
  }

  /**
   * The socket's input with an optional deadline: each read waits at most until the deadline (then fails with
   * 408) and at most the idle timeout. A per-read timeout alone would let a client keep a head open forever by
   * sending one byte just before each read times out.
   */
  private static final class DeadlineInput extends FilterInputStream {
    private final Socket socket;
    private long deadline;
    private boolean hasDeadline;
    private int soTimeout = -1;
    private final long headerTimeoutNanos;

    DeadlineInput(Socket socket, long headerTimeoutNanos) throws IOException {
      super(socket.getInputStream());
      this.socket = socket;
      this.headerTimeoutNanos = headerTimeoutNanos;
    }

    void deadline(long nanoTime) {
      deadline = nanoTime;
      hasDeadline = true;
    }

    void noDeadline() {
      hasDeadline = false;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int timeout = IDLE_TIMEOUT_MS;
      boolean deadlineFirst = false;
      if (hasDeadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw headTooSlow();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(left + 999_999); // rounded up: never wake before it
        if (millis < timeout) {
          timeout = (int) millis;
          deadlineFirst = true;
        }
      }
      if (timeout != soTimeout) {
        socket.setSoTimeout(timeout);
        soTimeout = timeout;
      }
      try {
        return super.read(b, off, len);
      } catch (SocketTimeoutException e) {
        if (deadlineFirst) {
          throw headTooSlow();
        }
        throw e;
      }
    }

    private BadRequest headTooSlow() {
      return new BadRequest(408, "the request head did not arrive within the header timeout of "
          + TimeUnit.NANOSECONDS.toMillis(headerTimeoutNanos) + " ms");
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

  /**
   * Ends the response side, then reads what the client still sends, for a moment, before the socket is closed:
   * closing with unread bytes makes the kernel send a reset, which can destroy the error response before the
   * client has read it.
   */
  private static void lingeringClose(Socket s, DeadlineInput raw) {
    try {
      s.shutdownOutput();
      raw.deadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MS));
      byte[] buf = new byte[8192];
      long left = MAX_LINGER_BYTES;
      int n;
      while (left > 0 && (n = raw.read(buf, 0, buf.length)) >= 0) {
        left -= n;
      }
    } catch (IOException ignored) {
      // the deadline passed, or the client is gone: close either way
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
