package org.faasgrip.localgateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediaTypesTest {
  @Test
  void binaryMediaTypesMatchExactlyOrByWildcardIgnoringCaseAndParameters() {
    List<String> types = List.of("application/websocket-events", "image/*");
    assertThat(MediaTypes.matchesAny("application/websocket-events", types)).isTrue();
    assertThat(MediaTypes.matchesAny("Application/WebSocket-Events; charset=x", types)).isTrue();
    assertThat(MediaTypes.matchesAny("image/png", types)).isTrue();
    assertThat(MediaTypes.matchesAny("application/json", types)).isFalse();
    assertThat(MediaTypes.matchesAny(null, types)).isFalse();
    assertThat(MediaTypes.matchesAny("text/plain", List.of("*/*"))).isTrue();
  }

  @Test
  void firstAcceptIsTheFirstMediaTypeOfTheHeader() {
    assertThat(MediaTypes.firstAccept("image/png;q=0.9, text/html")).isEqualTo("image/png");
    assertThat(MediaTypes.firstAccept(null)).isNull();
  }

  @Test
  void httpApiTextTypes() {
    assertThat(MediaTypes.isTextForHttpApiAndAlb("text/csv")).isTrue();
    assertThat(MediaTypes.isTextForHttpApiAndAlb("application/json; charset=utf-8")).isTrue();
    assertThat(MediaTypes.isTextForHttpApiAndAlb("application/xml")).isTrue();
    assertThat(MediaTypes.isTextForHttpApiAndAlb("application/javascript")).isTrue();
    assertThat(MediaTypes.isTextForHttpApiAndAlb("application/websocket-events")).isFalse();
    assertThat(MediaTypes.isTextForHttpApiAndAlb(null)).isFalse();
  }
}
