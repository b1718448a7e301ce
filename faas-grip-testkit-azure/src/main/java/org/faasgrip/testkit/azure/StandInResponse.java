package org.faasgrip.testkit.azure;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A stand-in for the response the Azure Functions Java worker builds from {@code createResponseBuilder}: both the
 * {@link HttpResponseMessage.Builder} and the {@link HttpResponseMessage} it builds, as in the worker. Like the
 * worker's, it keeps headers in a plain map: one value per name, a second {@code header} call with the same name
 * replacing the first, names compared with their case. Status 200 until set.
 */
public final class StandInResponse implements HttpResponseMessage, HttpResponseMessage.Builder {
  private final Map<String, String> headers = new HashMap<>();
  private HttpStatusType status = HttpStatus.OK;
  private Object body;

  /** Creates a 200 response without headers or body, as the worker's builder starts. */
  public StandInResponse() {}

  @Override
  public HttpResponseMessage.Builder status(HttpStatusType status) {
    if (status == null) {
      throw new IllegalArgumentException("status must not be null");
    }
    this.status = status;
    return this;
  }

  @Override
  public HttpResponseMessage.Builder header(String key, String value) {
    headers.put(key, value);
    return this;
  }

  @Override
  public HttpResponseMessage.Builder body(Object body) {
    this.body = body;
    return this;
  }

  @Override
  public HttpResponseMessage build() {
    return this;
  }

  @Override
  public HttpStatusType getStatus() {
    return status;
  }

  @Override
  public int getStatusCode() {
    return status.value();
  }

  @Override
  public String getHeader(String key) {
    return headers.get(key);
  }

  @Override
  public Object getBody() {
    return body;
  }

  /**
   * Returns every header, as set (one value per name).
   *
   * @return the headers, unmodifiable
   */
  public Map<String, String> headers() {
    return Collections.unmodifiableMap(headers);
  }

  /**
   * Returns the body as the host would send it: a {@code byte[]} as it is, a {@code String} as UTF-8, none as an
   * empty array.
   *
   * @param response a response built by a function
   * @return the body bytes
   * @throws IllegalArgumentException if the body is of another type (the worker would serialize it as JSON)
   */
  public static byte[] bodyBytes(HttpResponseMessage response) {
    Object b = response.getBody();
    if (b == null) {
      return new byte[0];
    }
    if (b instanceof byte[]) {
      return (byte[]) b;
    }
    if (b instanceof String) {
      return ((String) b).getBytes(StandardCharsets.UTF_8);
    }
    throw new IllegalArgumentException("a body of type " + b.getClass().getName() + " is not bytes or text");
  }
}
