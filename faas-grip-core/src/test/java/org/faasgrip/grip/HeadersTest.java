package org.faasgrip.grip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.faasgrip.GripException;
import org.junit.jupiter.api.Test;

class HeadersTest {

  @Test
  void ofKeepsOrderAndLooksUpWithoutCase() {
    Headers h = Headers.of("Content-Type", "text/plain", "Set-Cookie", "a=1", "set-cookie", "b=2");

    assertThat(h.size()).isEqualTo(3);
    assertThat(h.get("CONTENT-TYPE")).isEqualTo("text/plain");
    assertThat(h.values("Set-Cookie")).containsExactly("a=1", "b=2");
    assertThat(h.get("missing")).isNull();
    assertThat(h.values("missing")).isEmpty();
    assertThat(h.name(2)).isEqualTo("set-cookie");
    assertThat(h.value(2)).isEqualTo("b=2");
    assertThat(h).containsExactly(entry("Content-Type", "text/plain"), entry("Set-Cookie", "a=1"),
        entry("set-cookie", "b=2"));
    assertThat(h.names()).containsExactly("Content-Type", "Set-Cookie");
    assertThat(h.names().contains("SET-COOKIE")).isTrue();
    assertThat(h.toMultimap()).containsEntry("set-COOKIE", List.of("a=1", "b=2")).isSameAs(h.toMultimap());
  }

  @Test
  void badArgumentsFailWithTheLibrarysException() {
    assertThatThrownBy(() -> Headers.of("A")).isExactlyInstanceOf(GripException.class)
        .hasMessage("headers need a value for every name, but 1 strings were given");
    assertThatThrownBy(() -> Headers.of("A", null)).hasMessage("header value is null");
    assertThatThrownBy(() -> Headers.of("A", "1").name(1)).isExactlyInstanceOf(GripException.class)
        .hasMessage("header index 1 is out of range: there are 1 headers");
    assertThatThrownBy(() -> Headers.of("A", "1").value(-1)).isExactlyInstanceOf(GripException.class);
    assertThatThrownBy(() -> Headers.of("A", "1").toMultimap().put("B", List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void newBuilderSetAndRemoveLeaveTheOriginalAsItWas() {
    Headers original = Headers.of("A", "1", "b", "2", "a", "3");
    Headers.Builder b = original.newBuilder();
    Headers replaced = b.set("A", "9").build();
    Headers removed = b.removeAll("b").build();
    b.add("C", "4");

    assertThat(original).containsExactly(entry("A", "1"), entry("b", "2"), entry("a", "3"));
    assertThat(replaced).containsExactly(entry("b", "2"), entry("A", "9"));
    assertThat(removed).containsExactly(entry("A", "9"));
    assertThat(b.build()).containsExactly(entry("A", "9"), entry("C", "4"));
    assertThat(b.get("c")).isEqualTo("4");
    assertThat(Headers.builder().addAll(original).build()).isEqualTo(original).hasSameHashCodeAs(original);
    assertThat(Headers.of("a", "1")).isNotEqualTo(Headers.of("A", "1"));
    assertThat(Headers.builder().build()).isSameAs(Headers.empty());
  }

  @Test
  void toStringShowsNamesButNoValue() {
    Headers h = Headers.of("Grip-Sig", "secret.token.value", "Content-Type", "text/plain");
    assertThat(h.toString()).isEqualTo("Headers[Grip-Sig, Content-Type]").doesNotContain("secret");
  }

  @Provide
  Arbitrary<List<Map.Entry<String, String>>> headerLists() {
    Arbitrary<String> name = Arbitraries.of("Accept", "accept", "ACCEPT", "Meta-Nick", "meta-nick", "X-A", "x-a",
        "X-B", "Connection-Id", "_", "[", "a");
    Arbitrary<String> value = Arbitraries.strings().alpha().ofMaxLength(4);
    return Combinators.combine(name, value).as(Map::entry).list().ofMaxSize(30);
  }

  /** The flat store answers as a case-insensitive tree would, and a builder reused after build changes nothing built. */
  @Property(tries = 300)
  void lookupsAgreeWithACaseInsensitiveTree(@ForAll("headerLists") List<Map.Entry<String, String>> pairs) {
    Headers.Builder b = Headers.builder();
    TreeMap<String, List<String>> tree = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    List<Headers> built = new ArrayList<>();
    for (Map.Entry<String, String> h : pairs) {
      b.add(h.getKey(), h.getValue());
      tree.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
      built.add(b.build());
    }
    Headers h = b.build();
    for (String name : List.of("accept", "META-NICK", "x-a", "x-b", "connection-id", "_", "[", "A", "none")) {
      List<String> expected = tree.getOrDefault(name, List.of());
      assertThat(h.values(name)).isEqualTo(expected);
      assertThat(h.get(name)).isEqualTo(expected.isEmpty() ? null : expected.get(0));
    }
    assertThat(h.toMultimap()).isEqualTo(tree);
    assertThat(new ArrayList<>(h.names())).isEqualTo(new ArrayList<>(tree.keySet()));
    assertThat(h).containsExactlyElementsOf(pairs);
    for (int i = 0; i < built.size(); i++) {
      assertThat(built.get(i)).containsExactlyElementsOf(pairs.subList(0, i + 1));
    }
  }
}
