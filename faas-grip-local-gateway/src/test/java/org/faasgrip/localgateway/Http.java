package org.faasgrip.localgateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A java.net.http client on HTTP/1.1 (no h2c upgrade headers), for sending real requests to a gateway. */
final class Http {
  static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private Http() {}

  static HttpRequest.Builder request(LocalGateway gw, String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(20));
  }

  static HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }
}
