package org.faasgrip.grip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;

class GripRequestTest {

  @Test
  void theQueryStringIsKeptAsGivenAndEmptyWithoutOne() {
    assertThat(GripRequest.builder().build().query()).isEmpty();
    assertThat(GripRequest.builder().query(null).build().query()).isEmpty();
    GripRequest r = GripRequest.builder().path("/chat").query("room=a%20b&user=alice").build();
    assertThat(r.query()).isEqualTo("room=a%20b&user=alice");
    assertThat(r.path()).isEqualTo("/chat");
  }

  @Test
  void headerNamesAreCaseInsensitiveAndRepeatedValuesKeepTheirOrder() {
    GripRequest r = GripRequest.builder()
        .addHeader("Meta-Nick", "alice")
        .addHeader("content-type", "application/websocket-events")
        .addHeader("X-Forwarded-For", "203.0.113.7")
        .addHeader("x-forwarded-for", "198.51.100.1")
        .addHeader("Accept", "text/plain")
        .build();

    assertThat(r.header("META-NICK")).isEqualTo("alice");
    assertThat(r.header("Content-Type")).isEqualTo("application/websocket-events");
    assertThat(r.headers().values("X-FORWARDED-FOR")).containsExactly("203.0.113.7", "198.51.100.1");
    assertThat(r.header("missing")).isNull();
    assertThat(r.headers().values("missing")).isEmpty();
    assertThat(r.headers().toMultimap()).containsKey("accept").hasSize(4);
    assertThat(r.headers().names()).hasSize(4);
  }

  @Test
  void theSortedViewsKeepTheFirstSpellingAndTheRawViewKeepsArrivalOrder() {
    GripRequest r = GripRequest.builder()
        .addHeader("x-b", "1")
        .addHeader("Accept", "a")
        .addHeader("X-B", "2")
        .addHeader("meta-Z", "z")
        .build();

    assertThat(r.headers().names()).containsExactly("Accept", "meta-Z", "x-b");
    assertThat(r.headers().toMultimap().get("X-b")).containsExactly("1", "2");
    assertThat(r.headers().toMultimap()).isSameAs(r.headers().toMultimap());
    assertThat(r.headers().size()).isEqualTo(4);
    List<String> raw = new ArrayList<>();
    for (int i = 0; i < r.headers().size(); i++) {
      raw.add(r.headers().name(i) + "=" + r.headers().value(i));
    }
    assertThat(raw).containsExactly("x-b=1", "Accept=a", "X-B=2", "meta-Z=z");
    assertThatThrownBy(() -> r.headers().name(4)).isExactlyInstanceOf(org.faasgrip.GripException.class)
        .hasMessage("header index 4 is out of range: there are 4 headers");
    assertThatThrownBy(() -> r.headers().value(-1)).isExactlyInstanceOf(org.faasgrip.GripException.class);
    assertThatThrownBy(() -> r.headers().names().add("y")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.headers().toMultimap().get("x-b").add("3")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aBuiltRequestIsNotChangedByTheBuilderOrByItsCallers() {
    GripRequest.Builder b = GripRequest.builder().addHeader("Connection-Id", "1");
    GripRequest first = b.build();
    b.addHeader("connection-id", "2").addHeader("Meta-User", "bob");

    assertThat(first.headers().values("Connection-Id")).containsExactly("1");
    assertThat(first.header("Meta-User")).isNull();
    assertThat(first.headers().size()).isEqualTo(1);
    assertThat(b.build().headers().values("CONNECTION-ID")).containsExactly("1", "2");
    List<String> values = first.headers().values("Connection-Id");
    assertThatThrownBy(() -> values.add("3")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> first.headers().toMultimap().remove("Connection-Id"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aBuilderReusedAfterBuildLeavesEveryEarlierRequestAsItWas() {
    GripRequest.Builder b = GripRequest.builder();
    List<GripRequest> built = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      b.addHeader("H" + i, "v" + i);
      built.add(b.build());
    }
    for (int i = 0; i < 40; i++) {
      GripRequest r = built.get(i);
      assertThat(r.headers().size()).isEqualTo(i + 1);
      assertThat(r.header("h" + i)).isEqualTo("v" + i);
      assertThat(r.header("h" + (i + 1))).isNull();
      assertThat(r.headers().name(i)).isEqualTo("H" + i);
    }
  }

  @Test
  void nullsAreRefusedWithTheLibrarysExceptionNamingTheArgument() {
    GripRequest.Builder b = GripRequest.builder();
    assertThatThrownBy(() -> b.addHeader(null, "v")).isExactlyInstanceOf(org.faasgrip.GripException.class)
        .hasMessage("header name is null");
    assertThatThrownBy(() -> b.addHeader("Accept", null)).hasMessage("header value is null");
    assertThatThrownBy(() -> b.method(null)).hasMessage("method is null");
    assertThat(b.build().headers().size()).as("nothing half-added").isZero();
  }

  @Test
  void aMissingBodyIsEmptyAndDefaultsAreAPostToTheRoot() {
    GripRequest r = GripRequest.builder().body(null).build();
    assertThat(r.body()).isEmpty();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/");
    assertThat(r.headers().size()).isZero();
    assertThat(r.headers().names()).isEmpty();
  }

  @Provide
  Arbitrary<List<Map.Entry<String, String>>> headerLists() {
    Arbitrary<String> name = Arbitraries.of("Accept", "accept", "ACCEPT", "Meta-Nick", "meta-nick", "X-A", "x-a",
        "X-B", "Connection-Id", "_", "[", "a");
    Arbitrary<String> value = Arbitraries.strings().alpha().ofMaxLength(4);
    return Combinators.combine(name, value).as(Map::entry).list().ofMaxSize(30);
  }

  /** The flat store gives what the case-insensitive tree it replaced gave, for every name and view. */
  @Property(tries = 300)
  void lookupsAgreeWithACaseInsensitiveTree(@ForAll("headerLists") List<Map.Entry<String, String>> headers) {
    GripRequest.Builder b = GripRequest.builder();
    TreeMap<String, List<String>> tree = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> h : headers) {
      b.addHeader(h.getKey(), h.getValue());
      tree.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
    }
    GripRequest r = b.build();
    for (String name : List.of("accept", "META-NICK", "x-a", "x-b", "connection-id", "_", "[", "A", "none")) {
      List<String> expected = tree.getOrDefault(name, List.of());
      assertThat(r.headers().values(name)).isEqualTo(expected);
      assertThat(r.header(name)).isEqualTo(expected.isEmpty() ? null : expected.get(0));
    }
    assertThat(r.headers().toMultimap()).isEqualTo(tree);
    assertThat(new ArrayList<>(r.headers().names())).isEqualTo(new ArrayList<>(tree.keySet()));
    assertThat(r.headers().size()).isEqualTo(headers.size());
  }

  private static GripRequest withHeaders(String... namesAndValues) {
    GripRequest.Builder b = GripRequest.builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.addHeader(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  @Test
  void gripLastReadsEachChannelsIdAsPushpinWritesIt() {
    GripRequest r = withHeaders("Grip-Last", "p-news; last-id=17", "grip-last", "p-poll; last-id=id \"0\"; x, y");
    assertThat(r.gripLast()).containsExactly(Map.entry("p-news", "17"), Map.entry("p-poll", "id \"0\"; x, y"));
    // Joined by a platform into one value: split only where the next entry starts.
    GripRequest joined = withHeaders("Grip-Last", "a; last-id=1,2, b;last-id=3 ,c; LAST-ID=");
    assertThat(joined.gripLast()).containsExactly(Map.entry("a", "1,2"), Map.entry("b", "3 "), Map.entry("c", ""));
    assertThat(withHeaders().gripLast()).isEmpty();
  }

  @Test
  void aMalformedGripLastIsAGripHeaderException() {
    assertThatThrownBy(() -> withHeaders("Grip-Last", "news").gripLast()).isInstanceOf(GripHeaderException.class)
        .hasMessage("Grip-Last entry at index 0 has no '; last-id=' (expected 'CHANNEL; last-id=ID')");
    assertThatThrownBy(() -> withHeaders("Grip-Last", "news; id=3").gripLast())
        .isInstanceOf(GripHeaderException.class).hasMessageContaining("no last-id parameter at index 6");
    assertThatThrownBy(() -> withHeaders("Grip-Last", "; last-id=3").gripLast())
        .isInstanceOf(GripHeaderException.class).hasMessageContaining("empty channel name");
    assertThatThrownBy(() -> withHeaders("Grip-Last", "a\"b; last-id=3").gripLast())
        .isInstanceOf(GripHeaderException.class).hasMessageContaining("cannot hold at index 1");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i <= GripRequestHeaders.MAX_ENTRIES; i++) {
      many.append(i == 0 ? "" : ", ").append("c").append(i).append("; last-id=").append(i);
    }
    assertThatThrownBy(() -> withHeaders("Grip-Last", many.toString()).gripLast())
        .hasMessage("Grip-Last names more than 100 channels");
    assertThatThrownBy(() -> withHeaders("Grip-Last", "a; last-id=" + "x".repeat(GripRequestHeaders.MAX_VALUE_CHARS))
        .gripLast()).hasMessageContaining("more than the 16384 accepted");
  }

  @Test
  void gripFeaturesAreTheAnnouncedTokens() {
    GripRequest r = withHeaders("Grip-Feature", "status, session, link:next,, filter:skip-self", "Grip-Feature", "x");
    assertThat(r.gripFeatures()).containsExactly("status", "session", "link:next", "filter:skip-self", "x");
    assertThat(r.hasGripFeature("Link:Next")).isTrue();
    assertThat(r.hasGripFeature("link:gone")).isFalse();
    assertThat(withHeaders().gripFeatures()).isEmpty();
    assertThatThrownBy(() -> withHeaders("Grip-Feature", "a b").gripFeatures()).isInstanceOf(GripHeaderException.class)
        .hasMessage("Grip-Feature entry 'a b' has a character that is not visible ASCII at index 1");
  }
}
