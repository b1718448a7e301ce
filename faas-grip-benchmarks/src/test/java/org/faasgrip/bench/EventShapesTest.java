package org.faasgrip.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.faasgrip.bench.EventShapes.Shape;
import org.junit.jupiter.api.Test;

class EventShapesTest {
  private static final byte[] V1 = ResponseCheckTest.resource("lambda-messages.json");

  @Test
  void payload2HasLowerCaseHeadersAndTheHttpContext() {
    Object v1 = Json.parse(V1);
    Object v2 = Json.parse(EventShapes.convert(V1, Shape.V2));
    assertThat(Json.get(v2, "version")).isEqualTo("2.0");
    assertThat(Json.get(v2, "rawPath")).isEqualTo("/chat");
    Map<String, Object> headers = Json.object(v2, "headers");
    assertThat(headers).containsEntry("meta-nick", "bob")
        .containsEntry("connection-id", "a9e1c2d4-5b6f-4e21-9a3c-0d7e8f901234")
        .containsEntry("content-type", "application/websocket-events")
        .doesNotContainKey("Meta-Nick");
    assertThat(headers.keySet()).allMatch(k -> k.equals(k.toLowerCase(java.util.Locale.ROOT)));
    Map<String, Object> http = Json.object(Json.object(v2, "requestContext"), "http");
    assertThat(http).containsEntry("method", "POST").containsEntry("sourceIp", "203.0.113.7");
    assertThat(Json.get(Json.object(v2, "requestContext"), "time")).isEqualTo("26/Nov/2026:14:21:20 +0000");
    assertThat(Json.get(v2, "body")).isEqualTo(Json.get(v1, "body"));
    assertThat(Json.get(v2, "isBase64Encoded")).isEqualTo(true);
    assertThat(Json.get(v2, "httpMethod")).isNull();
    assertThat(Json.get(v2, "multiValueHeaders")).isNull();
  }

  @Test
  void payload2JoinsRepeatedValuesWithCommas() {
    String v1 = "{\"httpMethod\":\"POST\",\"path\":\"/\",\"headers\":{\"X-A\":\"2\"},"
        + "\"multiValueHeaders\":{\"X-A\":[\"1\",\"2\"]},\"requestContext\":{},\"body\":\"\"}";
    Object v2 = Json.parse(EventShapes.convert(v1.getBytes(StandardCharsets.UTF_8), Shape.V2));
    assertThat(Json.object(v2, "headers")).containsExactly(Map.entry("x-a", "1,2"));
  }

  @Test
  void albHasLowerCaseSingleHeadersAndTheTargetGroup() {
    Object alb = Json.parse(EventShapes.convert(V1, Shape.ALB));
    assertThat(Json.get(alb, "httpMethod")).isEqualTo("POST");
    assertThat(Json.object(alb, "headers")).containsEntry("meta-nick", "bob").hasSize(11);
    assertThat(Json.object(Json.object(alb, "requestContext"), "elb")).containsKey("targetGroupArn");
    assertThat(Json.get(alb, "body")).isEqualTo(Json.get(Json.parse(V1), "body"));
  }

  @Test
  void v1StaysAsItIsAndOtherEventsAreRejected() {
    assertThat(EventShapes.convert(V1, Shape.V1)).isSameAs(V1);
    assertThatThrownBy(() -> EventShapes.convert("{\"version\":\"2.0\"}".getBytes(StandardCharsets.UTF_8),
        Shape.ALB)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("httpMethod");
  }

  @Test
  void fileNamesCarryTheShape() {
    assertThat(Shape.V1.fileName("lambda-open")).isEqualTo("lambda-open.json");
    assertThat(Shape.V2.fileName("lambda-open")).isEqualTo("lambda-open-v2.json");
    assertThat(Shape.ALB.fileName("lambda-open")).isEqualTo("lambda-open-alb.json");
  }
}
