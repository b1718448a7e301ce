package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.faasgrip.grip.GripRequest;
import org.junit.jupiter.api.Test;

/** Reading the raw event JSON of each payload format, as a stream handler receives it. */
class LambdaEventTest {

  private static LambdaEvent parse(String json) {
    return LambdaEvent.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void restPayloadWithBase64BodyAndMultiValueHeaders() throws Exception {
    byte[] json = TestJson.resource("rest-open.json").getBytes(StandardCharsets.UTF_8);
    LambdaEvent event = LambdaEvent.parse(new ByteArrayInputStream(json));

    assertThat(event.format()).isEqualTo(EventFormat.API_GATEWAY_REST);
    assertThat(event.hasMultiValueHeaders()).isTrue();
    GripRequest r = event.request();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/chat");
    assertThat(r.header("connection-id")).isEqualTo("conn-1");
    assertThat(r.header("META-NICK")).isEqualTo("bob");
    assertThat(r.headers().values("X-Forwarded-For")).containsExactly("192.0.2.10, 198.51.100.7");
    assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("OPEN\r\n");
  }

  @Test
  void httpApiPayloadKeepsJoinedValuesAndTurnsCookiesIntoAHeader() {
    LambdaEvent event = parse(TestJson.resource("httpapi-text.json"));

    assertThat(event.format()).isEqualTo(EventFormat.HTTP_API);
    GripRequest r = event.request();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/chat");
    assertThat(r.header("Connection-Id")).isEqualTo("conn-2");
    // A meta value with a comma in it must survive: 2.0 values are not split.
    assertThat(r.headers().values("Meta-Nick")).containsExactly("alice, the first");
    assertThat(r.header("Cookie")).isEqualTo("a=1; b=2");
    assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("TEXT 2\r\nhi\r\n");
  }

  @Test
  void albWithMultiValueHeadersAndPlainBody() {
    LambdaEvent event = parse(TestJson.resource("alb-multi.json"));

    assertThat(event.format()).isEqualTo(EventFormat.ALB);
    assertThat(event.hasMultiValueHeaders()).isTrue();
    GripRequest r = event.request();
    assertThat(r.headers().values("X-Custom")).containsExactly("one", "two");
    assertThat(r.header("Meta-Room")).isEqualTo("lobby");
    assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("TEXT 5\r\nhello\r\n");
  }

  @Test
  void albWithSingleHeaders() {
    LambdaEvent event = parse(TestJson.resource("alb-single.json"));

    assertThat(event.format()).isEqualTo(EventFormat.ALB);
    assertThat(event.hasMultiValueHeaders()).isFalse();
    assertThat(event.request().method()).isEqualTo("GET");
    assertThat(event.request().header("Accept")).isEqualTo("text/event-stream");
    assertThat(event.request().body()).isEmpty();
  }

  @Test
  void nullBodyAndNullMultiValueHeadersAreAnEmptyBodyAndTheSingleHeaders() {
    LambdaEvent event = parse(TestJson.resource("rest-get-nobody.json"));

    assertThat(event.format()).isEqualTo(EventFormat.API_GATEWAY_REST);
    assertThat(event.request().body()).isEmpty();
    assertThat(event.request().header("accept")).isEqualTo("*/*");
  }

  @Test
  void emptyMultiValueHeadersFallBackToHeaders() {
    LambdaEvent event = parse("{\"httpMethod\":\"POST\",\"headers\":{\"Connection-Id\":\"c\"},\"multiValueHeaders\":{}}");

    assertThat(event.request().headers().values("connection-id")).containsExactly("c");
  }

  @Test
  void missingBodyFieldIsAnEmptyBody() {
    LambdaEvent event = parse("{\"version\":\"2.0\",\"rawPath\":\"/x\",\"requestContext\":{\"http\":{\"method\":\"POST\"}}}");

    assertThat(event.format()).isEqualTo(EventFormat.HTTP_API);
    assertThat(event.request().path()).isEqualTo("/x");
    assertThat(event.request().body()).isEmpty();
    assertThat(event.request().headers().names()).isEmpty();
  }

  @Test
  void unknownFieldsOfAnyShapeAreSkipped() {
    LambdaEvent event = parse("{\"x\":[1,{\"a\":[true,null]}],\"httpMethod\":\"PUT\",\"y\":{\"z\":{}},"
        + "\"headers\":{\"Content-Length\":3,\"X-Null\":null},\"body\":\"abc\"}");

    assertThat(event.request().method()).isEqualTo("PUT");
    assertThat(event.request().header("Content-Length")).isEqualTo("3");
    assertThat(event.request().header("X-Null")).isNull();
    assertThat(event.request().body()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void truncatedJsonNamesTheProblemAndThePlace() {
    assertThatThrownBy(() -> parse("{\"httpMethod\": \"POST\",\n \"headers\": {\"a\": "))
        .isInstanceOf(LambdaEventException.class)
        .hasMessage("malformed event JSON: expected a JSON value, found the end of the input at byte 41"
            + " (line 2, column 19)");
  }

  @Test
  void garbageIsMalformedJson() {
    assertThatThrownBy(() -> parse("{httpMethod: POST}"))
        .isInstanceOf(LambdaEventException.class)
        .hasMessage("malformed event JSON: expected '\"' to start a member name, found 'h' at byte 1"
            + " (line 1, column 2)");
  }

  @Test
  void emptyInputAndNonObjectsAreRejected() {
    assertThatThrownBy(() -> parse("  ")).isInstanceOf(LambdaEventException.class)
        .hasMessage("empty event: expected a JSON object");
    assertThatThrownBy(() -> parse("[1]")).isInstanceOf(LambdaEventException.class)
        .hasMessage("the event must be a JSON object, found an array at byte 0 (line 1, column 1)");
  }

  @Test
  void wrongFieldTypesNameTheField() {
    assertThatThrownBy(() -> parse("{\"httpMethod\":\"POST\",\"headers\":[\"a\"]}"))
        .isInstanceOf(LambdaEventException.class)
        .hasMessage("event field 'headers' must be an object, found an array at byte 31 (line 1, column 32)");
    assertThatThrownBy(() -> parse("{\"httpMethod\":\"POST\",\"multiValueHeaders\":{\"A\":\"b\"}}"))
        .isInstanceOf(LambdaEventException.class)
        .hasMessageStartingWith("event field 'multiValueHeaders.A' must be an array of strings, found a string");
    assertThatThrownBy(() -> parse("{\"httpMethod\":7}"))
        .isInstanceOf(LambdaEventException.class)
        .hasMessageStartingWith("event field 'httpMethod' must be a string, found a number");
  }

  @Test
  void jsonThatIsNoHttpEventIsRejected() {
    assertThatThrownBy(() -> parse("{\"Records\":[{\"eventSource\":\"aws:sqs\"}]}"))
        .isInstanceOf(LambdaEventException.class)
        .hasMessageStartingWith("not an HTTP event");
    assertThatThrownBy(() -> parse("{\"version\":\"2.0\",\"requestContext\":{}}"))
        .isInstanceOf(LambdaEventException.class)
        .hasMessage("payload 2.0 event without 'requestContext.http.method'");
  }

  @Test
  void memberNamesWithEscapesAreReadAsTheNamesTheySpell() {
    // JSON lets any character of a name be escaped; the reader matches names by length first, decoded.
    GripRequest r = parse("{\"http\\u004dethod\":\"POST\",\"b\\u006fdy\":\"hi\",\"pa\\/th\":\"x\",\"path\":\"/p\"}")
        .request();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("hi");
    assertThat(r.path()).isEqualTo("/p");
  }

  @Test
  void bodyMarkedBase64ThatIsNotIsRejected() {
    assertThatThrownBy(() -> parse("{\"httpMethod\":\"POST\",\"body\":\"%%%\",\"isBase64Encoded\":true}"))
        .isInstanceOf(LambdaEventException.class)
        .hasMessageStartingWith("event field 'body' is marked isBase64Encoded but is not base64");
  }

  @Test
  void trailingContentIsRejected() {
    assertThatThrownBy(() -> parse("{\"httpMethod\":\"GET\"} {}"))
        .isInstanceOf(LambdaEventException.class)
        .hasMessage("malformed event JSON: unexpected content after the event object at byte 21 (line 1, column 22)");
  }

  @Test
  void parsingAStreamLeavesItOpen() throws Exception {
    boolean[] closed = {false};
    ByteArrayInputStream in = new ByteArrayInputStream(TestJson.resource("alb-single.json").getBytes(StandardCharsets.UTF_8)) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    LambdaEvent.parse(in);
    assertThat(closed[0]).isFalse();
  }

  @Test
  void toStringHoldsNoHeaderValues() {
    LambdaEvent event = parse(TestJson.resource("rest-open.json"));
    assertThat(event.toString()).isEqualTo("LambdaEvent{API_GATEWAY_REST POST /chat}").doesNotContain("sig-token");
  }
}
