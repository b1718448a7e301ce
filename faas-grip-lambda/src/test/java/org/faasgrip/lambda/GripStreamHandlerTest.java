package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.junit.jupiter.api.Test;
import org.faasgrip.function.Grip;

/** The stream handler base class, fed the raw JSON of each payload format as the Lambda runtime would. */
class GripStreamHandlerTest {
  private final Recorder recorder = new Recorder();
  private final ChatStreamHandler handler = new ChatStreamHandler(Grip.builder().publishWith(recorder).build());

  private Map<String, Object> invoke(String json) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
    return TestJson.parse(out.toString(StandardCharsets.UTF_8));
  }

  private static String body(Map<String, Object> response) {
    String body = (String) response.get("body");
    return Boolean.TRUE.equals(response.get("isBase64Encoded"))
        ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)
        : body;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> headers(Map<String, Object> response) {
    return (Map<String, Object>) response.get("headers");
  }

  @Test
  void restOpenIsAcceptedAndSubscribedInTheRestShape() throws IOException {
    Map<String, Object> r = invoke(TestJson.resource("rest-open.json"));

    assertThat(r).containsOnlyKeys("statusCode", "headers", "body", "isBase64Encoded");
    assertThat(r).contains(entry("statusCode", 200), entry("isBase64Encoded", true));
    assertThat(headers(r)).contains(entry("Content-Type", "application/websocket-events"),
        entry("Sec-WebSocket-Extensions", "grip"));
    assertThat(body(r)).startsWith("OPEN\r\nTEXT ").contains("c:{").contains("subscribe").contains("room");
  }

  @Test
  void httpApiMessageIsPublishedAndAnsweredInTheV2Shape() throws IOException {
    Map<String, Object> r = invoke(TestJson.resource("httpapi-text.json"));

    assertThat(r).containsOnlyKeys("statusCode", "headers", "body", "isBase64Encoded");
    assertThat(r).contains(entry("statusCode", 200), entry("isBase64Encoded", true));
    assertThat(headers(r)).containsEntry("Content-Type", "application/websocket-events");
    // The event carried Meta-Nick: "alice, the first"; the publish uses it.
    assertThat(recorder.items).hasSize(1);
    assertThat(recorder.items.get(0).channel()).isEqualTo("room");
    assertThat(recorder.items.get(0).formats())
        .containsExactly(WebSocketMessageFormat.text("alice, the first: hi"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void albNickSetsMetaInTheAlbMultiValueShape() throws IOException {
    String json = TestJson.resource("alb-multi.json")
        .replace("\"body\": \"TEXT 5\\r\\nhello\\r\\n\"", "\"body\": \"TEXT 9\\r\\n/nick bob\\r\\n\"");
    Map<String, Object> r = invoke(json);

    assertThat(r).containsOnlyKeys("statusCode", "statusDescription", "multiValueHeaders", "body", "isBase64Encoded");
    Map<String, Object> multi = (Map<String, Object>) r.get("multiValueHeaders");
    assertThat(multi).contains(entry("Content-Type", List.of("application/websocket-events")));
    assertThat(multi).hasEntrySatisfying("Set-Meta-nick", v -> assertThat(v).isEqualTo(List.of("bob")));
    assertThat(body(r)).contains("nickname set to [bob]");
    assertThat(recorder.items).isEmpty();
  }

  @Test
  void notWebSocketIsTheSeeds400InTheEventsShape() throws IOException {
    Map<String, Object> r = invoke(TestJson.resource("rest-get-nobody.json"));

    assertThat(r).contains(entry("statusCode", 400), entry("body", "Not a WebSocket-over-HTTP request\n"),
        entry("isBase64Encoded", false));
    assertThat(headers(r)).containsEntry("Content-Type", "text/plain; charset=utf-8");
  }

  @Test
  void holdStreamForAGetInTheAlbSingleShape() throws IOException {
    Map<String, Object> r = invoke(TestJson.resource("alb-single.json"));

    assertThat(r).contains(entry("statusCode", 200), entry("statusDescription", "200 OK"),
        entry("body", "stream opened\n"), entry("isBase64Encoded", false));
    assertThat(headers(r)).contains(entry("Grip-Hold", "stream"), entry("Grip-Channel", "news"));
  }

  @Test
  void malformedWebSocketBodyIs400WithTheReason() throws IOException {
    String json = "{\"version\":\"2.0\",\"rawPath\":\"/chat\",\"headers\":{\"content-type\":\"application/websocket-events\","
        + "\"connection-id\":\"c\"},\"requestContext\":{\"http\":{\"method\":\"POST\"}},"
        + "\"body\":\"TEXT 5\\r\\nhi\\r\\n\",\"isBase64Encoded\":false}";
    Map<String, Object> r = invoke(json);

    assertThat(r).containsEntry("statusCode", 400);
    assertThat(body(r)).startsWith("Malformed WebSocket-over-HTTP body: ").doesNotContain("\tat ");
  }

  @Test
  void badJsonIs400WithAClearMessageAndNoStackTrace() throws IOException {
    Map<String, Object> r = invoke("{\"httpMethod\": \"POST\", \"body\": ");

    assertThat(r).contains(entry("statusCode", 400), entry("isBase64Encoded", false));
    assertThat(body(r)).startsWith("Bad request: malformed event JSON: expected a JSON value, found the end of")
        .doesNotContain("\tat ").doesNotContain("Exception").endsWith("\n");
    assertThat(body(r).lines()).hasSize(1);
  }

  @Test
  void jsonThatIsNoHttpEventIs400() throws IOException {
    Map<String, Object> r = invoke("{\"Records\": []}");

    assertThat(r).containsEntry("statusCode", 400);
    assertThat(body(r)).startsWith("Bad request: not an HTTP event");
  }

  @Test
  void anOpenWithoutTheGripExtensionIs400WithOneLineInTheInvocationsLog() throws IOException {
    // rest-open.json as a client that bypassed the proxy sends it: no grip extension offered.
    String json = TestJson.resource("rest-open.json")
        .replace("\"Sec-WebSocket-Extensions\": \"grip\",", "")
        .replace("\"Sec-WebSocket-Extensions\": [\"grip\"],", "");
    assertThat(json).doesNotContain("Sec-WebSocket-Extensions");
    RecordingContext context = new RecordingContext();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, context);
    Map<String, Object> r = TestJson.parse(out.toString(StandardCharsets.UTF_8));

    assertThat(r).contains(entry("statusCode", 400), entry("isBase64Encoded", false));
    assertThat(body(r)).startsWith("Bad request: subscribe() needs GRIP mode, but the OPEN came without"
        + " Sec-WebSocket-Extensions: grip").doesNotContain("sig-token");
    assertThat(context.lines).singleElement().asString()
        .startsWith("WARNING 400 NotGripModeException: subscribe() needs GRIP mode").endsWith("\n");
    assertThat(recorder.items).isEmpty();
  }

  @Test
  void unsignedRequestIs403WhenSignaturesAreRequired() throws IOException {
    ChatStreamHandler strict = new ChatStreamHandler(
        Grip.builder().config(Tokens.PUSHPIN).publishWith(recorder).requireSignature(true).build());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] event = TestJson.resource("rest-open.json").getBytes(StandardCharsets.UTF_8);
    strict.handleRequest(new ByteArrayInputStream(event), out, null);
    Map<String, Object> r = TestJson.parse(out.toString(StandardCharsets.UTF_8));

    assertThat(r).containsEntry("statusCode", 403);
    assertThat(body(r)).isEqualTo("Forbidden: the request is not signed by the GRIP proxy\n")
        .doesNotContain("sig-token");
  }
}
