package org.faasgrip.publisher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import org.faasgrip.config.GripProxy;

/** One proxy's publish endpoint: where to POST, how to authorise, and how to name it without secrets. */
final class ProxyEndpoint {
  /**
   * How much of a {@code 2xx} body is read, and dropped: far more than what proxies answer ({@code Published}),
   * so that the connection stays reusable; a longer one is cut off with its connection.
   */
  static final int SUCCESS_BODY_BYTES = 16 * 1024;

  private final URI publishUri;
  private final String name;
  private final Authorizer authorizer;
  private final HttpClient.Version version;
  private final boolean tls;
  private final int errorBodyBytes;
  private final HttpResponse.BodyHandler<BoundedBody> bodyHandler;

  /**
   * @param publishUri the proxy's {@code /publish/} URI, without user info
   * @param iss the JWT issuer, or null
   * @param key the key (JWT signing key, or bearer token without {@code iss}), or null
   * @param basic {@code user:password} for Basic authorisation, or null
   */
  ProxyEndpoint(URI publishUri, String iss, byte[] key, String basic) {
    if (publishUri == null) {
      throw new PublishException("a proxy needs a publish URI");
    }
    String scheme = publishUri.getScheme() == null ? "" : publishUri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || publishUri.getHost() == null) {
      throw new PublishException("a proxy's publish URI must be an absolute http or https URI with a host, was "
          + safeName(publishUri));
    }
    URI uri = publishUri;
    if (publishUri.getRawUserInfo() != null) {
      // Credentials travel in the Authorization header, never in the request line.
      uri = URI.create(scheme + "://" + hostPort(publishUri) + nullToEmpty(publishUri.getRawPath())
          + (publishUri.getRawQuery() == null ? "" : "?" + publishUri.getRawQuery()));
    }
    this.publishUri = uri;
    this.name = safeName(publishUri);
    this.authorizer = Authorizer.of(name, iss, key, basic);
    // Plain http would otherwise try an h2c upgrade on the first request, which a publish endpoint need not
    // understand; over TLS, HTTP/2 is negotiated and falls back to 1.1 by itself.
    this.tls = scheme.equals("https");
    this.version = tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
    // The characters kept (at most 4 UTF-8 bytes each), and the rest of a secret that starts among them, so that
    // it can be recognised whole and hidden.
    this.errorBodyBytes = 4 * PublishException.MAX_BODY_CHARS + authorizer.longestSecretBytes();
    this.bodyHandler = info -> info.statusCode() / 100 == 2
        ? BoundedBody.subscriber(SUCCESS_BODY_BYTES, false)
        : BoundedBody.subscriber(errorBodyBytes, true);
  }

  /** The endpoint of a configured proxy. */
  static ProxyEndpoint of(GripProxy proxy) {
    return new ProxyEndpoint(proxy.publishUri(), proxy.controlIss(), proxy.key(), proxy.basicAuth());
  }

  /**
   * Bodies above this size are sent with {@code Expect: 100-continue}, so that a proxy that refuses the size
   * says so before the upload. Pushpin answers {@code 400 Request body too large} at once and closes; without
   * it the client, still writing, often gets a connection reset instead of the 400, and retries. Small bodies do
   * not pay the extra round trip.
   */
  static final long EXPECT_CONTINUE_BYTES = 64 * 1024;

  /**
   * Java 17's client waits forever when a final status answers {@code Expect: 100-continue} (JDK-8286171, fixed
   * in 20), so it is only used from Java 21, the next release Lambda runs.
   */
  static final boolean EXPECT_CONTINUE_WORKS = Runtime.version().feature() >= 21;

  HttpRequest request(HttpRequest.BodyPublisher body, Duration timeout) {
    HttpRequest.Builder b = HttpRequest.newBuilder(publishUri)
        .version(version)
        .timeout(timeout)
        .expectContinue(EXPECT_CONTINUE_WORKS && body.contentLength() > EXPECT_CONTINUE_BYTES)
        .header("Content-Type", "application/json")
        .POST(body);
    String auth = authorizer.header();
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return b.build();
  }

  /** The proxy as shown in exceptions: scheme, host, port and path only (user info and query can hold secrets). */
  String name() {
    return name;
  }

  URI uri() {
    return publishUri;
  }

  boolean isTls() {
    return tls;
  }

  /** The most bytes of an error body read; the rest is never read. */
  int errorBodyBytes() {
    return errorBodyBytes;
  }

  /**
   * Reads a {@code 2xx} body up to {@link #SUCCESS_BODY_BYTES} and drops it, and keeps an error body up to
   * {@link #errorBodyBytes()}: a proxy that answers with an endless body can neither fill the heap nor hold the
   * publish.
   */
  HttpResponse.BodyHandler<BoundedBody> bodyHandler() {
    return bodyHandler;
  }

  Authorizer authorizer() {
    return authorizer;
  }

  @Override
  public String toString() {
    return name + " (auth: " + authorizer + ")";
  }

  static String safeName(URI uri) {
    if (uri == null) {
      return "null";
    }
    if (uri.getScheme() == null || uri.getRawAuthority() == null) {
      return "<not an absolute URI>";
    }
    return uri.getScheme() + "://" + hostPort(uri) + nullToEmpty(uri.getRawPath());
  }

  private static String hostPort(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      // An authority that is not a server name: show none of it, it may be a mangled user:password.
      return "<unparsed host>";
    }
    return uri.getPort() < 0 ? host : host + ':' + uri.getPort();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
