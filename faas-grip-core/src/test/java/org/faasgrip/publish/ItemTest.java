package org.faasgrip.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemTest {
  @Test
  void builderKeepsEverything() {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("b", "2");
    meta.put("a", "1");
    Item item = Item.builder("room").id("2").prevId("1").meta(meta)
        .format(HttpStreamFormat.of("x")).format(WebSocketMessageFormat.text("y")).build();
    assertThat(item.channel()).isEqualTo("room");
    assertThat(item.id()).isEqualTo("2");
    assertThat(item.prevId()).isEqualTo("1");
    assertThat(item.meta()).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
    assertThat(item.formats()).containsExactly(HttpStreamFormat.of("x"), WebSocketMessageFormat.text("y"));
    assertThat(item.format(WebSocketMessageFormat.class).text()).isEqualTo("y");
    assertThat(item.format(HttpResponseFormat.class)).isNull();
    meta.put("c", "3");
    assertThat(item.meta()).hasSize(2);
  }

  @Test
  void oneFormatItemEqualsTheBuildersItem() {
    WebSocketMessageFormat text = WebSocketMessageFormat.text("hi");
    Item direct = Item.of("room", text);
    Item built = Item.builder("room").format(text).build();
    assertThat(direct).isEqualTo(built).hasSameHashCodeAs(built).hasToString(built.toString());
    assertThat(direct.id()).isNull();
    assertThat(direct.prevId()).isNull();
    assertThat(direct.meta()).isEmpty();
    assertThat(direct.formats()).containsExactly(text);
    assertThat(direct.format(WebSocketMessageFormat.class)).isSameAs(text);
    assertThatThrownBy(() -> direct.formats().add(HttpStreamFormat.of("x")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> direct.meta().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    // The builder's item with meta or an id is not the one-format item.
    assertThat(Item.builder("room").id("1").format(text).build()).isNotEqualTo(direct);
    assertThat(Item.builder("room").meta("k", "v").format(text).build()).isNotEqualTo(direct);
  }

  @Test
  void oneFormatItemFailsAsTheBuilderDoes() {
    Format text = WebSocketMessageFormat.text("hi");
    assertSameFault(() -> Item.of(null, text), () -> Item.builder(null).format(text).build(),
        "item channel must not be null");
    assertSameFault(() -> Item.of("", text), () -> Item.builder("").format(text).build(),
        "item channel must not be empty");
    assertSameFault(() -> Item.of("room", (Format) null), () -> Item.builder("room").format(null).build(),
        "item format must not be null");
    // The channel is checked before the format, on both paths.
    assertSameFault(() -> Item.of(null, (Format) null), () -> Item.builder(null).format(null).build(),
        "item channel must not be null");
    assertThatThrownBy(() -> Item.of("room", (Format[]) null)).isInstanceOf(InvalidItemException.class)
        .hasMessage("item on channel 'room' has no format; add at least one");
  }

  @Test
  void theOneFormatOverloadAndTheArrayFormAgree() {
    Format text = WebSocketMessageFormat.text("hi");
    assertThat(Item.of("room", text)).isEqualTo(Item.of("room", new Format[] {text}))
        .isEqualTo(Item.builder("room").format(text).build());
    assertSameFault(() -> Item.of("", text), () -> Item.of("", new Format[] {text}), "item channel must not be empty");
    assertSameFault(() -> Item.of("room", (Format) null), () -> Item.of("room", new Format[] {null}),
        "item format must not be null");
  }

  private static void assertSameFault(Runnable direct, Runnable built, String message) {
    assertThatThrownBy(direct::run).isInstanceOf(InvalidItemException.class).hasMessage(message);
    assertThatThrownBy(built::run).isInstanceOf(InvalidItemException.class).hasMessage(message);
  }

  @Test
  void emptyChannelIsRejected() {
    assertThatThrownBy(() -> Item.of("", HttpStreamFormat.of("x")))
        .isInstanceOf(InvalidItemException.class).hasMessageContaining("channel").hasMessageContaining("empty");
    assertThatThrownBy(() -> Item.builder(null)).isInstanceOf(InvalidItemException.class);
  }

  @Test
  void noFormatIsRejected() {
    assertThatThrownBy(() -> Item.of("room")).isInstanceOf(InvalidItemException.class)
        .hasMessageContaining("no format");
    assertThatThrownBy(() -> Item.builder("room").build()).isInstanceOf(InvalidItemException.class);
  }

  @Test
  void twoFormatsOfOneKindAreRejected() {
    assertThatThrownBy(() -> Item.of("room", WebSocketMessageFormat.text("a"), WebSocketMessageFormat.close()))
        .isInstanceOf(InvalidItemException.class).hasMessageContaining("ws-message")
        .hasMessageContaining("at most one");
    assertThatThrownBy(() -> Item.of("room", HttpStreamFormat.of("a"), (Format) null))
        .isInstanceOf(InvalidItemException.class);
  }

  @Test
  void badMetaIsRejected() {
    assertThatThrownBy(() -> Item.builder("r").meta("", "v")).isInstanceOf(InvalidItemException.class);
    assertThatThrownBy(() -> Item.builder("r").meta("k", null)).isInstanceOf(InvalidItemException.class)
        .hasMessageContaining("'k'");
  }

  @Test
  void formatsAreImmutableCopies() {
    byte[] data = {1, 2, 3};
    WebSocketMessageFormat ws = WebSocketMessageFormat.binary(data);
    HttpStreamFormat hs = HttpStreamFormat.of(data);
    HttpResponseFormat hr = HttpResponseFormat.of(data);
    data[0] = 9;
    assertThat(ws.content()).containsExactly(1, 2, 3);
    assertThat(hs.content()).containsExactly(1, 2, 3);
    assertThat(hr.body()).containsExactly(1, 2, 3);
    ws.content()[1] = 9;
    assertThat(ws.content()).containsExactly(1, 2, 3);
    assertThat(ws.isBinary()).isTrue();
    assertThat(WebSocketMessageFormat.text("\u00e9").content()).isEqualTo("\u00e9".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void closeCodesFollowRfc6455() {
    for (int ok : new int[] {1000, 1001, 1003, 1007, 1011, 1014, 3000, 4999}) {
      assertThat(WebSocketMessageFormat.close(ok).closeCode()).isEqualTo(ok);
    }
    for (int bad : new int[] {0, 999, 1004, 1005, 1006, 1015, 2999, 5000, -1}) {
      assertThatThrownBy(() -> WebSocketMessageFormat.close(bad))
          .isInstanceOf(InvalidItemException.class).hasMessageContaining(String.valueOf(bad));
    }
    assertThat(WebSocketMessageFormat.close().closeCode()).isZero();
    assertThat(WebSocketMessageFormat.close().isClose()).isTrue();
  }

  @Test
  void closeReasonMustFitAFrame() {
    String ok = "x".repeat(123);
    assertThat(WebSocketMessageFormat.close(1000, ok).closeReason()).isEqualTo(ok);
    assertThatThrownBy(() -> WebSocketMessageFormat.close(1000, "\u00e9".repeat(62)))
        .isInstanceOf(InvalidItemException.class).hasMessageContaining("124 bytes");
    assertThatThrownBy(() -> WebSocketMessageFormat.close(1000, null)).isInstanceOf(InvalidItemException.class);
  }

  @Test
  void httpResponseRejectsHeaderInjection() {
    assertThatThrownBy(() -> HttpResponseFormat.builder().header("X-A", "1\r\nSet-Cookie: x"))
        .isInstanceOf(InvalidItemException.class).hasMessageContaining("X-A");
    assertThatThrownBy(() -> HttpResponseFormat.builder().header("X A", "1"))
        .isInstanceOf(InvalidItemException.class).hasMessageContaining("token");
    assertThatThrownBy(() -> HttpResponseFormat.builder().reason("OK\n"))
        .isInstanceOf(InvalidItemException.class);
    assertThatThrownBy(() -> HttpResponseFormat.builder().code(99)).isInstanceOf(InvalidItemException.class);
    assertThatThrownBy(() -> HttpResponseFormat.of((String) null)).isInstanceOf(InvalidItemException.class);
  }

  @Test
  void nullContentIsRejected() {
    assertThatThrownBy(() -> HttpStreamFormat.of((String) null)).isInstanceOf(InvalidItemException.class);
    assertThatThrownBy(() -> HttpStreamFormat.of((byte[]) null)).isInstanceOf(InvalidItemException.class);
    assertThatThrownBy(() -> WebSocketMessageFormat.text(null)).isInstanceOf(InvalidItemException.class);
    assertThatThrownBy(() -> WebSocketMessageFormat.binary(null)).isInstanceOf(InvalidItemException.class);
  }

  @Test
  void controlFramePayloadsFitAFrame() {
    byte[] max = new byte[125];
    max[124] = 7;
    assertThat(WebSocketMessageFormat.ping(max).content()).isEqualTo(max);
    assertThat(WebSocketMessageFormat.pong(new byte[0]).content()).isEmpty();
    assertThatThrownBy(() -> WebSocketMessageFormat.ping(new byte[126]))
        .isInstanceOf(InvalidItemException.class).hasMessageContaining("ping payload is 126 bytes")
        .hasMessageContaining("at most 125");
    assertThatThrownBy(() -> WebSocketMessageFormat.pong(new byte[1000]))
        .isInstanceOf(InvalidItemException.class).hasMessageContaining("pong payload is 1000 bytes");
    assertThatThrownBy(() -> WebSocketMessageFormat.ping(null))
        .isInstanceOf(InvalidItemException.class).hasMessageContaining("ping payload must not be null");
  }

  @Test
  void controlFramePayloadsAreCopied() {
    byte[] data = {1, 2};
    WebSocketMessageFormat ping = WebSocketMessageFormat.ping(data);
    data[0] = 9;
    assertThat(ping.content()).containsExactly(1, 2);
    ping.content()[1] = 9;
    assertThat(ping.content()).containsExactly(1, 2);
  }

  @Test
  void eachFormatNamesItsActionAndTheWebSocketItsMessageType() {
    assertThat(WebSocketMessageFormat.text("a").action()).isEqualTo("send");
    assertThat(WebSocketMessageFormat.text("a").type()).isEqualTo("text");
    assertThat(WebSocketMessageFormat.binary(new byte[1]).type()).isEqualTo("binary");
    assertThat(WebSocketMessageFormat.ping(new byte[1]).type()).isEqualTo("ping");
    assertThat(WebSocketMessageFormat.ping(new byte[1]).action()).isEqualTo("send");
    assertThat(WebSocketMessageFormat.pong(new byte[1]).type()).isEqualTo("pong");
    assertThat(WebSocketMessageFormat.close(1000).action()).isEqualTo("close");
    assertThat(WebSocketMessageFormat.close().type()).isNull();
    assertThat(WebSocketMessageFormat.refresh().action()).isEqualTo("refresh");
    assertThat(WebSocketMessageFormat.refresh().type()).isNull();
    assertThat(WebSocketMessageFormat.refresh().isClose()).isFalse();
    assertThat(WebSocketMessageFormat.ping(new byte[1]).isBinary()).isFalse();
    assertThat(HttpStreamFormat.of("x").action()).isEqualTo("send");
    assertThat(HttpStreamFormat.close().action()).isEqualTo("close");
    assertThat(HttpStreamFormat.hint().action()).isEqualTo("hint");
    assertThat(HttpStreamFormat.hint().isClose()).isFalse();
    assertThat(HttpStreamFormat.hint().content()).isEmpty();
    assertThat(HttpResponseFormat.of("x").action()).isEqualTo("send");
    assertThat(HttpResponseFormat.hint().action()).isEqualTo("hint");
  }

  @Test
  void formatsOfDifferentActionsOrTypesAreNotEqual() {
    byte[] p = {1};
    assertThat(WebSocketMessageFormat.ping(p)).isEqualTo(WebSocketMessageFormat.ping(new byte[] {1}))
        .hasSameHashCodeAs(WebSocketMessageFormat.ping(new byte[] {1}))
        .isNotEqualTo(WebSocketMessageFormat.pong(p)).isNotEqualTo(WebSocketMessageFormat.binary(p));
    assertThat(WebSocketMessageFormat.refresh()).isNotEqualTo(WebSocketMessageFormat.close());
    assertThat(HttpStreamFormat.hint()).isNotEqualTo(HttpStreamFormat.close());
    assertThat(HttpResponseFormat.hint()).isNotEqualTo(HttpResponseFormat.builder().build());
    assertThat(WebSocketMessageFormat.ping(p)).hasToString("WebSocketMessageFormat[ping, 1 bytes]");
    assertThat(WebSocketMessageFormat.refresh()).hasToString("WebSocketMessageFormat[refresh]");
    assertThat(HttpStreamFormat.hint()).hasToString("HttpStreamFormat[hint]");
    assertThat(HttpResponseFormat.hint()).hasToString("HttpResponseFormat[hint]");
  }

  @Test
  void charactersHttpHeadersCannotCarryAreRefusedInItemChannelIdAndPrevId() {
    Format text = WebSocketMessageFormat.text("hi");
    for (String bad : new String[] {"a\r\nX-Injected: 1", "a\r", "a\n", "a\u0000", "\u0001", "a\u007f"}) {
      assertThatThrownBy(() -> Item.of(bad, text)).as(bad).isInstanceOf(InvalidItemException.class)
          .hasMessageStartingWith("item channel '").hasMessageContaining("Grip-Last");
      assertThatThrownBy(() -> Item.of(bad, text, HttpStreamFormat.of("x"))).as(bad)
          .isInstanceOf(InvalidItemException.class).hasMessageStartingWith("item channel '");
      assertThatThrownBy(() -> Item.builder(bad)).as(bad).isInstanceOf(InvalidItemException.class);
      assertThatThrownBy(() -> Item.builder("room").id(bad)).as(bad).isInstanceOf(InvalidItemException.class)
          .hasMessageStartingWith("item id '");
      assertThatThrownBy(() -> Item.builder("room").prevId(bad)).as(bad).isInstanceOf(InvalidItemException.class)
          .hasMessageStartingWith("item prev-id '");
    }
    assertThatThrownBy(() -> Item.builder("room").id("7\r\n"))
        .hasMessage("item id '7\\u000d\\u000a' has control character U+000D at index 1: the proxy sends channels and"
            + " ids back in Grip-Last request headers, which cannot carry it");
    // Tabs, spaces, quotes and text beyond ASCII are carried (the proxy writes them into the header as they are).
    Item item = Item.builder("r\too m\u00e9").id("id \"7\"").prevId("\u2603").format(text).build();
    assertThat(item.channel()).isEqualTo("r\too m\u00e9");
    assertThat(item.id()).isEqualTo("id \"7\"");
    // Meta travels only in the publish JSON, which can carry any text.
    assertThat(Item.builder("room").meta("k", "a\r\nb\u0000").format(text).build().meta())
        .containsEntry("k", "a\r\nb\u0000");
  }
}
