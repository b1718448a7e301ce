package org.faasgrip.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.faasgrip.GripException;
import org.faasgrip.function.BadRequestException;
import org.faasgrip.function.BodyTooLargeException;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.grip.Headers;

/** The two conversions of {@link AzureGrip}: the trigger's request in, the function's response out. */
final class AzureMessages {
  private static final byte[] EMPTY = new byte[0];
  /** The worker's status constants by code, looked up once: {@code HttpStatus.valueOf(int)} copies the enum's array. */
  private static final HttpStatusType[] STATUSES = new HttpStatusType[600];

  static {
    for (HttpStatus s : HttpStatus.values()) {
      if (s.value() >= 100 && s.value() < STATUSES.length) {
        STATUSES[s.value()] = s;
      }
    }
  }

  private AzureMessages() {}

  static GripRequest read(HttpRequestMessage<Optional<byte[]>> request, int maxBodyBytes) {
    HttpMethod method;
    try {
      method = request.getHttpMethod();
    } catch (IllegalArgumentException e) {
      // The worker reads the method through HttpMethod.value, which throws for one outside the enum (PROPFIND).
      method = null;
    }
    if (method == null) {
      throw new BadRequestException("the request's HTTP method is not one of Azure Functions' HttpMethod values");
    }
    URI uri = request.getUri();
    String path = uri == null ? null : uri.getRawPath();
    GripRequest.Builder b = GripRequest.builder().method(method.name())
        .path(path == null || path.isEmpty() ? "/" : path)
        .query(query(uri, request.getQueryParameters()));
    Map<String, String> headers = request.getHeaders();
    if (headers != null) {
      for (Map.Entry<String, String> h : headers.entrySet()) {
        if (h.getKey() != null && h.getValue() != null) {
          b.addHeader(h.getKey(), h.getValue());
        }
      }
    }
    return b.body(body(request, maxBodyBytes)).build();
  }

  /**
   * The query string as the client sent it, from the request's URI; rebuilt from the parameters (encoded again, as
   * the host decodes them) when the URI has none but the host gives parameters.
   */
  private static String query(URI uri, Map<String, String> parameters) {
    String raw = uri == null ? null : uri.getRawQuery();
    if (raw != null || parameters == null || parameters.isEmpty()) {
      return raw;
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> p : parameters.entrySet()) {
      if (p.getKey() != null && p.getValue() != null) {
        sb.append(sb.length() == 0 ? "" : "&").append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8))
            .append('=').append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
      }
    }
    return sb.toString();
  }

  /**
   * The body, checked against the limit. The host has read it whole already (up to its own limit); what is
   * checked here is what the function accepts, before anything decodes it.
   */
  private static byte[] body(HttpRequestMessage<Optional<byte[]>> request, int max) {
    // Read as Object: the declared type is erased, and a trigger without dataType = "binary" binds text here.
    Object optional = request.getBody();
    Object body = optional instanceof Optional ? ((Optional<?>) optional).orElse(null) : optional;
    if (body == null) {
      return EMPTY;
    }
    if (!(body instanceof byte[])) {
      throw new GripException("the request body came as " + body.getClass().getName() + ", not bytes: declare the"
          + " trigger with dataType = \"binary\" and HttpRequestMessage<Optional<byte[]>>, or binary WebSocket"
          + " messages are corrupted");
    }
    byte[] bytes = (byte[]) body;
    if (bytes.length > max) {
      throw new BodyTooLargeException(max, "the request body (" + bytes.length + " bytes)");
    }
    return bytes;
  }

  static HttpResponseMessage write(GripResponse response, HttpRequestMessage<?> request) {
    int code = response.status();
    HttpStatusType status = STATUSES[code];
    HttpResponseMessage.Builder out = request.createResponseBuilder(status != null ? status
        : HttpStatusType.custom(code));
    Headers headers = response.headers();
    for (int i = 0, n = headers.size(); i < n; i++) {
      String name = headers.name(i);
      if (!seenBefore(headers, name, i)) {
        out.header(name, joined(headers, name, i));
      }
    }
    return out.body(response.body()).build();
  }

  private static boolean seenBefore(Headers headers, String name, int index) {
    for (int j = 0; j < index; j++) {
      if (headers.name(j).equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** The value at {@code first}, and those of the same name after it, joined: the worker's map keeps one value. */
  private static String joined(Headers headers, String name, int first) {
    String value = headers.value(first);
    StringBuilder more = null;
    for (int k = first + 1, n = headers.size(); k < n; k++) {
      if (headers.name(k).equalsIgnoreCase(name)) {
        if (more == null) {
          more = new StringBuilder(value);
        }
        more.append(", ").append(headers.value(k));
      }
    }
    return more == null ? value : more.toString();
  }
}
