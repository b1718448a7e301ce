package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.faasgrip.grip.GripResponse;

/**
 * For any response, the stream handler's JSON and the typed response of the same platform carry the same fields,
 * the body comes back byte for byte, and no header value is lost.
 */
class ResponseMappingTest {

  @Provide
  Arbitrary<GripResponse> responses() {
    Arbitrary<Integer> status = Arbitraries.of(200, 204, 400, 403, 500, 502);
    Arbitrary<String> name = Arbitraries.of("Content-Type", "content-type", "Set-Meta-nick", "Grip-Channel",
        "Set-Cookie", "set-cookie", "X-A", "x-a", "Sec-WebSocket-Extensions");
    Arbitrary<String> value = Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '=', ';', '/', '-')
        .ofMinLength(0).ofMaxLength(12).map(String::strip);
    Arbitrary<String> contentType = Arbitraries.of("text/plain", "application/json; charset=utf-8",
        "application/websocket-events", "application/octet-stream", "text/event-stream");
    Arbitrary<List<Map.Entry<String, String>>> headers = Combinators.combine(name, value).as(Map::entry)
        .list().ofMaxSize(6);
    Arbitrary<byte[]> body = Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
        Arbitraries.strings().ofMaxLength(40).map(s -> s.getBytes(StandardCharsets.UTF_8)));
    return Combinators.combine(status, contentType.injectNull(0.2), headers, body).as((s, ct, hs, b) -> {
      GripResponse.Builder r = GripResponse.builder().status(s);
      if (ct != null) {
        r.addHeader("Content-Type", ct);
      }
      for (Map.Entry<String, String> h : hs) {
        r.addHeader(h.getKey(), h.getValue());
      }
      return r.body(b).build();
    });
  }

  private static byte[] decode(String body, boolean base64) {
    return base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
  }

  /** Every value of the response, in order, with names compared without case. */
  private static List<String> valuesOf(GripResponse r, String name) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> h : r.headers()) {
      if (h.getKey().equalsIgnoreCase(name)) {
        out.add(h.getValue());
      }
    }
    return out;
  }

  @Property(tries = 300)
  void restJsonMatchesTypedAndLosesNothing(@ForAll("responses") GripResponse r) {
    APIGatewayProxyResponseEvent typed = LambdaResponses.toApiGateway(r);
    Map<String, Object> json = TestJson.parse(LambdaResponses.toJson(r, EventFormat.API_GATEWAY_REST).toString());

    assertThat(json.get("statusCode")).isEqualTo(typed.getStatusCode()).isEqualTo(r.status());
    assertThat(json.get("headers")).isEqualTo(typed.getHeaders());
    assertThat(json.get("multiValueHeaders")).isEqualTo(typed.getMultiValueHeaders());
    assertThat(json.get("body")).isEqualTo(typed.getBody());
    assertThat(json.get("isBase64Encoded")).isEqualTo(typed.getIsBase64Encoded());
    assertThat(decode(typed.getBody(), typed.getIsBase64Encoded())).isEqualTo(r.body());
    // One map or the other: multiValueHeaders exactly when some name repeats.
    Map<String, List<String>> all = new LinkedHashMap<>();
    if (typed.getMultiValueHeaders() != null) {
      assertThat(typed.getHeaders()).isNull();
      all.putAll(typed.getMultiValueHeaders());
      assertThat(all.values()).anyMatch(v -> v.size() > 1);
    } else if (typed.getHeaders() != null) {
      typed.getHeaders().forEach((name, value) -> all.put(name, List.of(value)));
    }
    for (Map.Entry<String, List<String>> e : all.entrySet()) {
      assertThat(e.getValue()).isEqualTo(valuesOf(r, e.getKey()));
    }
    assertThat(all.values().stream().mapToInt(List::size).sum()).isEqualTo(r.headers().size());
  }

  @Property(tries = 300)
  void v2JsonMatchesTypedAndLosesNothing(@ForAll("responses") GripResponse r) {
    APIGatewayV2HTTPResponse typed = LambdaResponses.toV2(r);
    Map<String, Object> json = TestJson.parse(LambdaResponses.toJson(r, EventFormat.HTTP_API).toString());

    assertThat(json.get("headers")).isEqualTo(typed.getHeaders());
    assertThat(json.get("cookies")).isEqualTo(typed.getCookies());
    assertThat(json.get("body")).isEqualTo(typed.getBody());
    assertThat(json.get("isBase64Encoded")).isEqualTo(typed.getIsBase64Encoded());
    assertThat(decode(typed.getBody(), typed.getIsBase64Encoded())).isEqualTo(r.body());
    List<String> cookies = valuesOf(r, "Set-Cookie");
    assertThat(typed.getCookies() == null ? List.of() : typed.getCookies()).isEqualTo(cookies);
    for (Map.Entry<String, String> e : typed.getHeaders().entrySet()) {
      assertThat(e.getValue()).isEqualTo(String.join(",", valuesOf(r, e.getKey())));
    }
  }

  @Property(tries = 300)
  void albJsonMatchesTyped(@ForAll("responses") GripResponse r) {
    ApplicationLoadBalancerResponseEvent typed = LambdaResponses.toAlb(r);
    Map<String, Object> json = TestJson.parse(LambdaResponses.toJson(r, EventFormat.ALB).toString());

    assertThat(json.get("statusDescription")).isEqualTo(typed.getStatusDescription());
    assertThat(typed.getStatusDescription()).startsWith(Integer.toString(r.status()));
    assertThat(json.get("headers")).isEqualTo(typed.getHeaders());
    assertThat(json.get("body")).isEqualTo(typed.getBody());
    assertThat(decode(typed.getBody(), typed.getIsBase64Encoded())).isEqualTo(r.body());
  }

  @Property(tries = 200)
  void webSocketEventsAreAlwaysBase64(@ForAll("responses") GripResponse r) {
    GripResponse ws = GripResponse.builder().addHeader("Content-Type", "application/websocket-events")
        .body(r.body()).build();
    assertThat(LambdaResponses.toApiGateway(ws).getIsBase64Encoded()).isTrue();
    assertThat(LambdaResponses.toV2(ws).getIsBase64Encoded()).isTrue();
    assertThat(LambdaResponses.toAlb(ws).getIsBase64Encoded()).isTrue();
  }
}
