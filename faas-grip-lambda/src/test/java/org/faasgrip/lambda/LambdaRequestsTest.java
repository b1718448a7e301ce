package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.faasgrip.grip.GripRequest;
import org.junit.jupiter.api.Test;

/** The public conversions give what the adapter's own reading of each event gives. */
class LambdaRequestsTest {
  @Test
  void eachEventTypeReadsAsLambdaGripReadsIt() {
    GripRequest rest = LambdaRequests.of(TypedEventsTest.restEvent());
    GripRequest v2 = LambdaRequests.of(TypedEventsTest.v2Event(TypedEventsTest.b64(TypedEventsTest.OPEN_TEXT), true));
    GripRequest alb = LambdaRequests.of(TypedEventsTest.albEvent(true));

    assertThat(rest.header("Connection-Id")).isEqualTo("c1");
    assertThat(rest.headers().values("X-Forwarded-For")).containsExactly("192.0.2.1", "198.51.100.7");
    assertThat(v2.header("Connection-Id")).isEqualTo("c2");
    assertThat(alb.headers().values("X-Custom")).containsExactly("a", "b");
    for (GripRequest r : new GripRequest[] {rest, v2, alb}) {
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.path()).isEqualTo("/chat");
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(TypedEventsTest.OPEN_TEXT);
    }
  }

  @Test
  void anUnreadableEventIsTheAdaptersTypedError() {
    assertThatThrownBy(() -> LambdaRequests.of((com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent) null))
        .isInstanceOf(LambdaEventException.class).hasMessage("the API Gateway event is null");
    assertThatThrownBy(() -> LambdaRequests.of(TypedEventsTest.restEvent().withBody("%%%")))
        .isInstanceOf(LambdaEventException.class).hasMessageContaining("isBase64Encoded");
  }
}
