package org.faasgrip.grip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.faasgrip.config.GripConfig;
import org.faasgrip.config.GripProxy;
import org.faasgrip.publish.HttpResponseFormat;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.PublishBody;
import org.faasgrip.sig.GripSigValidator;
import org.faasgrip.testkit.OriginServer;
import org.faasgrip.testkit.PushpinExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The core's wire output against a real Pushpin on loopback: the Grip-Sig it signs validates, the GRIP
 * instruction headers we write are obeyed (hold, prefixed channel, cstring keep-alive, meta, status), and the
 * publish JSON we write is accepted and delivered.
 */
class GripPushpinIT {
  @RegisterExtension
  static PushpinExtension rig = PushpinExtension.withOrigin();

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final LinkedBlockingQueue<String> SIGS = new LinkedBlockingQueue<>();

  private static Map<String, String> headerMap(GripInstruct instruct, String prefix, String contentType) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", contentType);
    for (Map.Entry<String, String> e : instruct.headers(prefix)) {
      h.put(e.getKey(), e.getValue());
    }
    return h;
  }

  private static int publish(GripProxy proxy, Item item, String prefix) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(proxy.publishUri())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(PublishBody.toJson(List.of(item), prefix))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).contains("Published");
    return r.statusCode();
  }

  @Test
  void gripSigFromPushpinValidates() throws Exception {
    rig.origin().handle("/sig", ex -> {
      SIGS.add(String.valueOf(ex.getRequestHeaders().getFirst("Grip-Sig")));
      OriginServer.reply(ex, 200, Map.of("Content-Type", "text/plain"), "ok\n");
    });
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(rig.pushpin().httpUri("/sig")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).isEqualTo("ok\n");
    String sig = SIGS.poll(5, TimeUnit.SECONDS);
    assertThat(sig).isNotNull().isNotEqualTo("null");

    GripConfig right = GripConfig.fromEnvironment(Map.of("GRIP_URL", rig.pushpin().gripUrl() + "&verify-iss=pushpin"));
    assertThat(GripSigValidator.forConfig(right).check(sig).signed()).isTrue();

    GripConfig wrongKey = GripConfig.fromEnvironment(Map.of("GRIP_URL", rig.pushpin().controlUri() + "?iss=pushpin&key=notthekey"));
    assertThat(GripSigValidator.forConfig(wrongKey).isFromProxy(sig)).isFalse();
    GripConfig wrongIss = GripConfig.fromEnvironment(Map.of("GRIP_URL", rig.pushpin().gripUrl() + "&verify-iss=fastly:X"));
    assertThat(GripSigValidator.forConfig(wrongIss).isFromProxy(sig)).isFalse();
  }

  @Test
  void streamHoldWithPrefixKeepAliveAndPublish() throws Exception {
    GripProxy proxy = GripConfig.parseGripUrl(rig.pushpin().gripUrl());
    String prefix = "core-it-";
    GripInstruct instruct = GripInstruct.builder().holdStream().channel("stream-a")
        .keepAlive(" ka;\n", 1).setMeta("user", "al \"ice\"").build();
    rig.origin().handle("/stream", ex -> OriginServer.reply(ex, 200, headerMap(instruct, prefix, "text/plain"), "open\n"));

    HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(rig.pushpin().httpUri("/stream")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.headers().map().keySet()).noneMatch(k -> k.toLowerCase().startsWith("grip-"));
    try (InputStream in = r.body()) {
      assertThat(readExactly(in, 5)).isEqualTo("open\n");
      // The keep-alive, decoded by Pushpin from our cstring, arrives after a second of silence.
      assertThat(readExactly(in, 5)).isEqualTo(" ka;\n");
      rig.pushpin().awaitSubscribers(prefix + "stream-a", 1, Duration.ofSeconds(10));
      assertThat(publish(proxy, Item.of("stream-a", HttpStreamFormat.of("caf\u00e9\n")), prefix)).isEqualTo(200);
      String next = readExactly(in, 6);
      while (next.startsWith(" ka;\n")) {
        next = next.substring(5) + readExactly(in, 5);
      }
      assertThat(next).isEqualTo("caf\u00e9\n");
      // binary content travels as content-bin (base64) and arrives as the same bytes
      byte[] bin = {(byte) 0xff, 0, (byte) 0xfe, '\n'};
      publish(proxy, Item.of("stream-a", HttpStreamFormat.of(bin)), prefix);
      byte[] got = in.readNBytes(4);
      while (new String(got, StandardCharsets.ISO_8859_1).startsWith(" ka;")) {
        in.readNBytes(1);
        got = in.readNBytes(4);
      }
      assertThat(got).isEqualTo(bin);
      publish(proxy, Item.of("stream-a", HttpStreamFormat.close()), prefix);
    }
  }

  @Test
  void longPollHoldReleasedByAPublishedResponse() throws Exception {
    GripProxy proxy = GripConfig.parseGripUrl(rig.pushpin().gripUrl());
    GripInstruct instruct = GripInstruct.builder().holdResponse().channel(Channel.of("poll-b", "id \"0\"")).timeout(30).build();
    rig.origin().handle("/poll", ex -> OriginServer.reply(ex, 200, headerMap(instruct, "", "text/plain"), "timeout\n"));

    CompletableFuture<HttpResponse<String>> pending = HTTP.sendAsync(
        HttpRequest.newBuilder(rig.pushpin().httpUri("/poll")).build(), HttpResponse.BodyHandlers.ofString());
    rig.pushpin().awaitSubscribers("poll-b", 1, Duration.ofSeconds(10));
    HttpResponseFormat f = HttpResponseFormat.builder().code(409).reason("Conflict")
        .header("Content-Type", "text/plain").header("X-Id", "1")
        .header("Set-Cookie", "a=1").header("Set-Cookie", "b=2").body("new data\n").build();
    // The hold's quoted prev-id must reach Pushpin unescaped: an item whose prev-id differs would make Pushpin
    // retry the request instead of delivering it (seen: it then sends "Grip-Last: poll-b; last-id=id "0"").
    publish(proxy, Item.builder("poll-b").id("1").prevId("id \"0\"").format(f).build(), "");
    HttpResponse<String> r = pending.get(10, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.headers().firstValue("X-Id")).hasValue("1");
    // a repeated name is published in the list-of-pairs form; both values arrive
    assertThat(r.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2");
    assertThat(r.body()).isEqualTo("new data\n");
  }

  @Test
  void gripStatusReplacesTheStatus() throws Exception {
    GripInstruct instruct = GripInstruct.builder().holdResponse().channel("status-c").timeout(1)
        .status(202, "Accepted Later").build();
    rig.origin().handle("/status", ex -> OriginServer.reply(ex, 200, headerMap(instruct, "", "text/plain"), "late\n"));
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(rig.pushpin().httpUri("/status")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.body()).isEqualTo("late\n");
  }

  private static String readExactly(InputStream in, int n) throws Exception {
    byte[] buf = in.readNBytes(n);
    return new String(buf, StandardCharsets.UTF_8);
  }

}
