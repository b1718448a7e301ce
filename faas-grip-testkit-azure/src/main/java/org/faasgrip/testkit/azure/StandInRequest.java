package org.faasgrip.testkit.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in for the {@code HttpRequestMessage<Optional<byte[]>>} that the Azure Functions Java worker passes to an
 * HTTP-triggered function whose trigger says {@code dataType = "binary"}: not the worker's own class, but one that
 * keeps the request the way the worker and its host give it, so that a function tested with it sees what it will
 * see on Azure:
 *
 * <ul>
 *   <li>one value per header name, the name in lower case, a repeated header's values joined by {@code ","} (the
 *       host's ASP.NET {@code StringValues} as text);
 *   <li>the body as {@code Optional<byte[]>}, empty when the request has none (the host binds no body of length 0);
 *   <li>the query parameters from the URI, decoded, the first of a repeated name kept;
 *   <li>{@link #createResponseBuilder} giving a {@link StandInResponse}, which keeps one value per header name as
 *       the worker's response does.
 * </ul>
 *
 * <p>Made with {@link #builder(String, URI)}. Not thread-safe to build; immutable once built.
 */
public final class StandInRequest implements HttpRequestMessage<Optional<byte[]>> {
  private final URI uri;
  private final String method;
  private final Map<String, String> headers;
  private final Map<String, String> query;
  private final Optional<byte[]> body;

  private StandInRequest(Builder b) {
    this.uri = b.uri;
    this.method = b.method;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.query = Collections.unmodifiableMap(queryOf(b.uri));
    this.body = b.body == null || b.body.length == 0 ? Optional.empty() : Optional.of(b.body);
  }

  /**
   * Starts a request.
   *
   * @param method the HTTP method, such as {@code POST}; one outside the worker's {@link HttpMethod} makes
   *     {@link #getHttpMethod()} throw, as the worker's does
   * @param uri the full URL, as the host gives it ({@code http://host/api/chat?x=1})
   * @return a builder
   * @throws IllegalArgumentException if an argument is null
   */
  public static Builder builder(String method, URI uri) {
    return new Builder(method, uri);
  }

  @Override
  public URI getUri() {
    return uri;
  }

  /**
   * Returns the method as the worker does, through {@link HttpMethod#value(String)}: a method outside the enum
   * (such as {@code PROPFIND}) throws {@link IllegalArgumentException} here, not when the request was made.
   *
   * @return the method
   */
  @Override
  public HttpMethod getHttpMethod() {
    return HttpMethod.value(method);
  }

  @Override
  public Map<String, String> getHeaders() {
    return headers;
  }

  @Override
  public Map<String, String> getQueryParameters() {
    return query;
  }

  @Override
  public Optional<byte[]> getBody() {
    return body;
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
    return new StandInResponse().status(status);
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
    return new StandInResponse().status(status);
  }

  @Override
  public String toString() {
    return "StandInRequest{" + method + " " + uri.getRawPath() + ", headers=" + headers.keySet() + "}";
  }

  private static Map<String, String> queryOf(URI uri) {
    Map<String, String> q = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (!name.isEmpty()) {
        q.putIfAbsent(name, value);
      }
    }
    return q;
  }

  /** Builds a {@link StandInRequest}. */
  public static final class Builder {
    private final URI uri;
    private final String method;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;

    private Builder(String method, URI uri) {
      if (method == null || uri == null) {
        throw new IllegalArgumentException((method == null ? "method" : "uri") + " must not be null");
      }
      this.uri = uri;
      this.method = method;
    }

    /**
     * Adds a header value as the host passes it: the name in lower case, a second value of a name joined to the
     * first with {@code ","}.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     * @throws IllegalArgumentException if an argument is null
     */
    public Builder header(String name, String value) {
      if (name == null || value == null) {
        throw new IllegalArgumentException((name == null ? "name" : "value") + " must not be null");
      }
      headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
      return this;
    }

    /**
     * Sets the body bytes, kept as given; null or empty means no body ({@code Optional.empty()}).
     *
     * @param body the body
     * @return this builder
     */
    public Builder body(byte[] body) {
      this.body = body;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     */
    public StandInRequest build() {
      return new StandInRequest(this);
    }
  }
}
