package org.faasgrip.grip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GripRequestTest {

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
    assertThat(r.headers("X-FORWARDED-FOR")).containsExactly("203.0.113.7", "198.51.100.1");
    assertThat(r.header("missing")).isNull();
    assertThat(r.headers("missing")).isEmpty();
    assertThat(r.headerMap()).containsKey("accept").hasSize(4);
    assertThat(r.headerNames()).hasSize(4);
  }

  @Test
  void aBuiltRequestIsNotChangedByTheBuilderOrByItsCallers() {
    GripRequest.Builder b = GripRequest.builder().addHeader("Connection-Id", "1");
    GripRequest first = b.build();
    b.addHeader("connection-id", "2").addHeader("Meta-User", "bob");

    assertThat(first.headers("Connection-Id")).containsExactly("1");
    assertThat(first.header("Meta-User")).isNull();
    assertThat(b.build().headers("CONNECTION-ID")).containsExactly("1", "2");
    List<String> values = first.headers("Connection-Id");
    assertThatThrownBy(() -> values.add("3")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> first.headerMap().remove("Connection-Id"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aMissingBodyIsEmptyAndDefaultsAreAPostToTheRoot() {
    GripRequest r = GripRequest.builder().body(null).build();
    assertThat(r.body()).isEmpty();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/");
  }
}
