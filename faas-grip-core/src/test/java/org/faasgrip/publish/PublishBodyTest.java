package org.faasgrip.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishBodyTest {
  private static String json(List<Item> items, String prefix) {
    return new String(PublishBody.toJson(items, prefix), StandardCharsets.UTF_8);
  }

  @Test
  void protocolExampleByteForByte() {
    Item item = Item.builder("room").id("optional").prevId("optional").meta("k", "v")
        .format(WebSocketMessageFormat.text("hello")).build();
    byte[] expected = ("{\"items\":[{\"channel\":\"room\",\"id\":\"optional\",\"prev-id\":\"optional\","
        + "\"meta\":{\"k\":\"v\"},\"formats\":{\"ws-message\":{\"content\":\"hello\"}}}]}")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(PublishBody.toJson(List.of(item), "")).isEqualTo(expected);
  }

  @Test
  void minimalItemLeavesOutAbsentFieldsAndAddsPrefix() {
    assertThat(json(List.of(Item.of("room", HttpStreamFormat.of("hi\n"))), "app-"))
        .isEqualTo("{\"items\":[{\"channel\":\"app-room\",\"formats\":{\"http-stream\":{\"content\":\"hi\\n\"}}}]}");
    assertThat(json(List.of(Item.of("room", HttpStreamFormat.of("x"))), null))
        .isEqualTo("{\"items\":[{\"channel\":\"room\",\"formats\":{\"http-stream\":{\"content\":\"x\"}}}]}");
  }

  @Test
  void oneItemOnItsOwnIsTheItemOfTheListBody() {
    Item item = Item.builder("room").id("7").meta("k", "v").format(WebSocketMessageFormat.text("hello")).build();
    String alone = new String(PublishBody.itemJson(item, "app-"), StandardCharsets.UTF_8);
    assertThat(alone).isEqualTo("{\"channel\":\"app-room\",\"id\":\"7\",\"meta\":{\"k\":\"v\"},"
        + "\"formats\":{\"ws-message\":{\"content\":\"hello\"}}}");
    assertThat(json(List.of(item), "app-")).isEqualTo("{\"items\":[" + alone + "]}");
    assertThatThrownBy(() -> PublishBody.itemJson(null, "")).isInstanceOf(InvalidItemException.class);
  }

  @Test
  void binaryContentIsStandardPaddedBase64() {
    byte[] bytes = {(byte) 0xfb, (byte) 0xff, (byte) 0xfe, 0};
    assertThat(json(List.of(Item.of("c", WebSocketMessageFormat.binary(bytes), HttpStreamFormat.of(bytes),
        HttpResponseFormat.of(bytes))), ""))
        .isEqualTo("{\"items\":[{\"channel\":\"c\",\"formats\":{"
            + "\"ws-message\":{\"content-bin\":\"+//+AA==\"},"
            + "\"http-stream\":{\"content-bin\":\"+//+AA==\"},"
            + "\"http-response\":{\"body-bin\":\"+//+AA==\"}}}]}");
  }

  @Test
  void closeActions() {
    assertThat(json(List.of(Item.of("c", HttpStreamFormat.close(), WebSocketMessageFormat.close())), ""))
        .isEqualTo("{\"items\":[{\"channel\":\"c\",\"formats\":{\"http-stream\":{\"action\":\"close\"},"
            + "\"ws-message\":{\"action\":\"close\"}}}]}");
    assertThat(json(List.of(Item.of("c", WebSocketMessageFormat.close(1000))), ""))
        .isEqualTo("{\"items\":[{\"channel\":\"c\",\"formats\":{\"ws-message\":{\"action\":\"close\",\"code\":1000}}}]}");
    assertThat(json(List.of(Item.of("c", WebSocketMessageFormat.close(4001, "bye \"now\""))), ""))
        .isEqualTo("{\"items\":[{\"channel\":\"c\",\"formats\":{\"ws-message\":"
            + "{\"action\":\"close\",\"code\":4001,\"reason\":\"bye \\\"now\\\"\"}}}]}");
  }

  @Test
  void httpResponseWithEverything() {
    HttpResponseFormat f = HttpResponseFormat.builder().code(404).reason("Not Found")
        .header("Content-Type", "text/plain").header("X-A", "1").body("gone\n").build();
    assertThat(json(List.of(Item.of("c", f)), ""))
        .isEqualTo("{\"items\":[{\"channel\":\"c\",\"formats\":{\"http-response\":{\"code\":404,\"reason\":\"Not Found\","
            + "\"headers\":{\"Content-Type\":\"text/plain\",\"X-A\":\"1\"},\"body\":\"gone\\n\"}}}]}");
  }

  @Test
  void repeatedHeaderNameUsesListOfPairs() {
    HttpResponseFormat f = HttpResponseFormat.builder().header("Set-Cookie", "a=1").header("set-cookie", "b=2").build();
    assertThat(json(List.of(Item.of("c", f)), ""))
        .isEqualTo("{\"items\":[{\"channel\":\"c\",\"formats\":{\"http-response\":{\"headers\":"
            + "[[\"Set-Cookie\",\"a=1\"],[\"set-cookie\",\"b=2\"]],\"body\":\"\"}}}]}");
  }

  @Test
  void aResponseWithoutBodyIsPublishedWithAnEmptyOneForPushpinRefusesNone() {
    assertThat(json(List.of(Item.of("c", HttpResponseFormat.builder().code(204).build())), ""))
        .isEqualTo("{\"items\":[{\"channel\":\"c\",\"formats\":{\"http-response\":{\"code\":204,\"body\":\"\"}}}]}");
  }

  @Test
  void pingAndPongCarryTheirTypeAndTheirPayloadInBase64() {
    assertThat(json(List.of(Item.of("c", WebSocketMessageFormat.ping(new byte[] {(byte) 0xfb, (byte) 0xff, 0}))), ""))
        .isEqualTo("{\"items\":[{\"channel\":\"c\",\"formats\":{\"ws-message\":"
            + "{\"type\":\"ping\",\"content-bin\":\"+/8A\"}}}]}");
    assertThat(json(List.of(Item.of("c", WebSocketMessageFormat.pong("beat".getBytes(StandardCharsets.UTF_8)))), ""))
        .isEqualTo("{\"items\":[{\"channel\":\"c\",\"formats\":{\"ws-message\":"
            + "{\"type\":\"pong\",\"content-bin\":\"YmVhdA==\"}}}]}");
    assertThat(json(List.of(Item.of("c", WebSocketMessageFormat.ping(new byte[0]))), ""))
        .isEqualTo("{\"items\":[{\"channel\":\"c\",\"formats\":{\"ws-message\":"
            + "{\"type\":\"ping\",\"content-bin\":\"\"}}}]}");
  }

  @Test
  void hintAndRefreshActionsAreTheActionAlone() {
    assertThat(json(List.of(Item.of("c", HttpStreamFormat.hint(), HttpResponseFormat.hint(),
        WebSocketMessageFormat.refresh())), ""))
        .isEqualTo("{\"items\":[{\"channel\":\"c\",\"formats\":{\"http-stream\":{\"action\":\"hint\"},"
            + "\"http-response\":{\"action\":\"hint\"},\"ws-message\":{\"action\":\"refresh\"}}}]}");
    byte[] expected = "{\"items\":[{\"channel\":\"c\",\"id\":\"9\",\"formats\":{\"http-stream\":{\"action\":\"hint\"}}}]}"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(PublishBody.toJson(Item.builder("c").id("9").format(HttpStreamFormat.hint()).build(), null))
        .isEqualTo(expected);
  }

  @Test
  void textIsUtf8AndControlCharactersEscaped() {
    byte[] out = PublishBody.toJson(List.of(Item.of("ch\u00e9", WebSocketMessageFormat.text("\u20ac\u0001\t</"))), "");
    assertThat(out).isEqualTo(("{\"items\":[{\"channel\":\"ch\u00e9\",\"formats\":{\"ws-message\":"
        + "{\"content\":\"\u20ac\\u0001\\t</\"}}}]}").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void severalItemsInOrder() {
    assertThat(json(List.of(Item.of("a", HttpStreamFormat.of("1")), Item.of("b", HttpStreamFormat.of("2"))), ""))
        .isEqualTo("{\"items\":[{\"channel\":\"a\",\"formats\":{\"http-stream\":{\"content\":\"1\"}}},"
            + "{\"channel\":\"b\",\"formats\":{\"http-stream\":{\"content\":\"2\"}}}]}");
  }

  @Test
  void emptyOrNullListIsRejected() {
    assertThatThrownBy(() -> PublishBody.toJson(List.of(), "")).isInstanceOf(InvalidItemException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> PublishBody.toJson((List<Item>) null, "")).isInstanceOf(InvalidItemException.class);
    assertThatThrownBy(() -> PublishBody.toJson((Item) null, "")).isInstanceOf(InvalidItemException.class);
  }

  @Test
  void charactersHttpHeadersCannotCarryAreRefusedInTheChannelPrefix() {
    Item item = Item.of("room", HttpStreamFormat.of("x"));
    assertThatThrownBy(() -> PublishBody.toJson(item, "app\n")).isInstanceOf(InvalidItemException.class)
        .hasMessageStartingWith("channel prefix 'app\\u000a' has control character U+000A at index 3");
    assertThatThrownBy(() -> PublishBody.toJson(List.of(item), "\u0000")).isInstanceOf(InvalidItemException.class);
    assertThat(new String(PublishBody.toJson(item, "app-"), StandardCharsets.UTF_8)).contains("\"app-room\"");
  }
}
