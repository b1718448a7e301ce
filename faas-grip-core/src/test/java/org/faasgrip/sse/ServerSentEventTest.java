package org.faasgrip.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ServerSentEventTest {
  /** What an EventSource dispatches: type, data, and its lastEventId at that moment. */
  record Dispatched(String type, String data, String lastEventId) {}

  /**
   * The HTML standard's event stream interpretation (section 9.2.6), step by step: lines end at CRLF, LF or CR;
   * one space after the colon is dropped; data lines are joined with LF and the last LF removed; an id with NUL is
   * ignored; a blank line dispatches, unless the data buffer is empty.
   */
  static List<Dispatched> parse(String stream) {
    List<Dispatched> out = new ArrayList<>();
    StringBuilder data = new StringBuilder();
    String type = "";
    String lastId = "";
    String idBuffer = "";
    if (stream.startsWith("\uFEFF")) {
      stream = stream.substring(1);
    }
    int i = 0;
    while (i < stream.length()) {
      int end = i;
      while (end < stream.length() && stream.charAt(end) != '\r' && stream.charAt(end) != '\n') {
        end++;
      }
      if (end == stream.length()) {
        break; // an unterminated last line is never processed
      }
      String line = stream.substring(i, end);
      i = end + (stream.charAt(end) == '\r' && end + 1 < stream.length() && stream.charAt(end + 1) == '\n' ? 2 : 1);
      if (line.isEmpty()) {
        lastId = idBuffer;
        if (data.length() == 0) {
          type = "";
          continue;
        }
        String d = data.charAt(data.length() - 1) == '\n' ? data.substring(0, data.length() - 1) : data.toString();
        out.add(new Dispatched(type.isEmpty() ? "message" : type, d, lastId));
        data.setLength(0);
        type = "";
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> type = value;
        case "data" -> data.append(value).append('\n');
        case "id" -> {
          if (value.indexOf('\0') < 0) {
            idBuffer = value;
          }
        }
        default -> { }
      }
    }
    return out;
  }

  @Test
  void writesEachFieldOnItsLineAndSplitsDataOnEveryLineBreak() {
    ServerSentEvent e = ServerSentEvent.builder().comment("hi").event("note").id("42").retry(2000)
        .data("a\r\nb\rc\nd").build();
    assertThat(e.text()).isEqualTo(": hi\nevent: note\nid: 42\nretry: 2000\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
    assertThat(parse(e.text())).containsExactly(new Dispatched("note", "a\nb\nc\nd", "42"));
    assertThat(ServerSentEvent.of("x").text()).isEqualTo("data: x\n\n");
    assertThat(ServerSentEvent.comment("").text()).isEqualTo(":\n\n");
    assertThat(parse(ServerSentEvent.comment("keep-alive").text())).isEmpty();
    assertThat(e.bytes()).isEqualTo(e.text().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keepsLeadingSpacesEmptyDataAndTrailingLineBreaks() {
    assertThat(parse(ServerSentEvent.of(" lead", "  two").text())).containsExactly(new Dispatched(" lead", "  two", ""));
    assertThat(parse(ServerSentEvent.of("").text())).containsExactly(new Dispatched("message", "", ""));
    assertThat(parse(ServerSentEvent.of("end\n").text())).containsExactly(new Dispatched("message", "end\n", ""));
    assertThat(parse(ServerSentEvent.of("\n\n").text())).containsExactly(new Dispatched("message", "\n\n", ""));
    // An id alone is not dispatched, but the next event carries it.
    String stream = ServerSentEvent.builder().id("7").build().text() + ServerSentEvent.of("x").text();
    assertThat(parse(stream)).containsExactly(new Dispatched("message", "x", "7"));
  }

  @Test
  void refusesWhatEventSourceCouldNotReadBack() {
    assertThatThrownBy(() -> ServerSentEvent.builder().event("a\nb"))
        .isInstanceOf(ServerSentEventException.class).hasMessage("event has a line break (U+000A) at index 1: it would"
            + " end the field's line; only data may span lines");
    assertThatThrownBy(() -> ServerSentEvent.builder().id("1\r")).isInstanceOf(ServerSentEventException.class)
        .hasMessageContaining("id has a line break (U+000D) at index 1");
    assertThatThrownBy(() -> ServerSentEvent.builder().id("1\0")).isInstanceOf(ServerSentEventException.class)
        .hasMessage("id has NUL at index 1: EventSource ignores such an id");
    assertThatThrownBy(() -> ServerSentEvent.comment("a\r\nb")).isInstanceOf(ServerSentEventException.class);
    assertThatThrownBy(() -> ServerSentEvent.of("x\uD800y")).isInstanceOf(ServerSentEventException.class)
        .hasMessage("data has a surrogate without its pair (U+D800) at index 1: it has no UTF-8 form");
    assertThatThrownBy(() -> ServerSentEvent.builder().retry(-1)).isInstanceOf(ServerSentEventException.class);
    assertThatThrownBy(() -> ServerSentEvent.builder().event("note").build())
        .isInstanceOf(ServerSentEventException.class).hasMessageContaining("never dispatch");
    // NUL is fine in an event's type and data, as is a pair of surrogates.
    assertThat(parse(ServerSentEvent.of("a\0", "\uD83D\uDE00\0").text()))
        .containsExactly(new Dispatched("a\0", "\uD83D\uDE00\0", ""));
  }

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.strings().withChars("ab :\r\n\0\t\u00e9").ofMaxLength(12);
  }

  @Provide
  Arbitrary<String> line() {
    return Arbitraries.strings().withChars("ab :\t\u00e9\0").ofMaxLength(8);
  }

  @Property(tries = 1000)
  void everyEventReadsBackAsWritten(@ForAll("line") String type, @ForAll("line") String id, @ForAll("text") String data,
      @ForAll("line") String comment) {
    String cleanId = id.replace("\0", "");
    ServerSentEvent e = ServerSentEvent.builder().comment(comment.replace("\0", "")).event(type.isEmpty() ? null : type)
        .id(cleanId).data(data).build();
    // Two in a row, so that the second shows nothing of the first leaks into it.
    List<Dispatched> got = parse(e.text() + e.text());
    Dispatched expected = new Dispatched(type.isEmpty() ? "message" : type,
        data.replace("\r\n", "\n").replace('\r', '\n'), cleanId);
    assertThat(got).containsExactly(expected, expected);
  }
}
