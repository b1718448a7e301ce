package org.faasgrip.apigw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The examples of AWS's "Route selection expressions" table, and the edges around them. */
class RouteSelectionTest {
  private static final String JOIN = "{ \"service\" : \"chat\", \"action\" : \"join\", \"data\" : { \"room\" : \"room1234\" } }";

  private static String eval(String expression, String body) {
    return RouteSelection.parse(expression).evaluate(body);
  }

  @Test
  void theDocumentationsTable() {
    assertThat(eval("$request.body.action", JOIN)).isEqualTo("join");
    assertThat(eval("${request.body.action}", JOIN)).isEqualTo("join");
    assertThat(eval("${request.body.service}/${request.body.action}", JOIN)).isEqualTo("chat/join");
    assertThat(eval("${request.body.action}-${request.body.invalidPath}", JOIN)).isEqualTo("join-");
    assertThat(eval("action", JOIN)).isEqualTo("action");
    assertThat(eval("\\$default", JOIN)).isEqualTo("$default");
  }

  @Test
  void nestedPathsArraysAndValuesThatAreNotStrings() {
    assertThat(eval("$request.body.data.room", JOIN)).isEqualTo("room1234");
    assertThat(eval("$request.body.list[1].k", "{\"list\":[{\"k\":\"a\"},{\"k\":\"b\"}]}")).isEqualTo("b");
    assertThat(eval("$request.body.n", "{\"n\":42}")).isEqualTo("42");
    assertThat(eval("$request.body.b", "{\"b\":true}")).isEqualTo("true");
    assertThat(eval("$request.body.x", "{\"x\":null}")).isEmpty();
    assertThat(eval("$request.body.o", "{\"o\":{\"a\":[1,2]}}")).isEqualTo("{\"a\":[1,2]}");
    assertThat(eval("$request.body.action", "{\"action\":{\"x\":1},\"action\":\"second\"}")).isEqualTo("{\"x\":1}");
  }

  @Test
  void aMessageThatIsNotOneJsonValueCannotBeEvaluated() {
    assertThat(eval("$request.body.action", "hello")).isNull();
    assertThat(eval("$request.body.action", "{\"action\":\"x\"")).isNull();
    assertThat(eval("$request.body.action", "{\"action\":\"x\"} {}")).isNull();
    assertThat(eval("$request.body.action", "")).isNull();
    assertThat(eval("action", "not json")).isNull();
    assertThat(eval("$request.body.action", "[\"action\"]")).isEmpty();
    assertThat(eval("$request.body.action", "[".repeat(5000) + "]".repeat(5000))).isNull();
    assertThat(eval("$request.body.action", "thanks")).isNull();
    assertThat(eval("$request.body.action", " \r\n\t{\"action\":\"a\"}")).isEqualTo("a");
    assertThat(eval("$request.body.action", "123")).isEmpty();
  }

  @Test
  void expressionsApiGatewayWouldRefuse() {
    assertThatThrownBy(() -> RouteSelection.parse("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RouteSelection.parse("${request.body.action")).hasMessageContaining("never closed");
    assertThatThrownBy(() -> RouteSelection.parse("$context.routeKey")).hasMessageContaining("not supported");
    assertThatThrownBy(() -> RouteSelection.parse("$request.body.a[x]")).hasMessageContaining("array index");
    assertThatThrownBy(() -> RouteSelection.parse("$request.body..a")).hasMessageContaining("empty step");
  }
}
