package org.faasgrip.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faasgrip.fuzz.FuzzInput;
import org.faasgrip.fuzz.JsonTree;

/**
 * Coverage-guided fuzzing of the publish JSON: a program ({@link FuzzInput}) builds items with every format,
 * meta, ids and a channel prefix; each builder call works or fails with an {@link InvalidItemException}; the
 * JSON of what was built always parses with jackson (strictly: no duplicate member, nothing after it) and says
 * exactly what the items say.
 */
class PublishBodyFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void jsonParsesAndSaysWhatTheItemsSay(byte[] data) {
    FuzzInput in = FuzzInput.of(data);
    List<Item> items = new ArrayList<>();
    Item.Builder item = null;
    String prefix = "";
    while (in.hasNext()) {
      FuzzInput.Op op = in.next();
      try {
        switch (op.name()) {
          case "item" -> {
            add(items, item);
            item = Item.builder(op.arg(0));
          }
          case "prefix" -> prefix = op.arg(0);
          case "id" -> builder(item).id(op.arg(0));
          case "previd" -> builder(item).prevId(op.arg(0));
          case "meta" -> builder(item).meta(op.arg(0), op.arg(1));
          case "ws" -> builder(item).format(ws(op));
          case "stream" -> builder(item).format(stream(op));
          case "response" -> builder(item).format(response(op));
          default -> { }
        }
      } catch (InvalidItemException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
    add(items, item);
    if (items.isEmpty()) {
      return;
    }
    byte[] json;
    try {
      json = PublishBody.toJson(items, prefix);
    } catch (InvalidItemException e) {
      // A prefix the proxy could not send back in a header: refused as the items' channels would be.
      assertThat(e.getMessage()).startsWith("channel prefix ");
      return;
    }
    Object parsed = JsonTree.parse(json);
    List<Object> expected = new ArrayList<>();
    for (Item i : items) {
      expected.add(expected(i, prefix));
    }
    assertThat(parsed).isEqualTo(Map.of("items", expected));
  }

  private static Item.Builder builder(Item.Builder b) {
    if (b == null) {
      throw new InvalidItemException("no item yet"); // the program's own fault: skip the operation
    }
    return b;
  }

  private static void add(List<Item> items, Item.Builder b) {
    if (b != null) {
      try {
        items.add(b.build());
      } catch (InvalidItemException e) {
        assertThat(e.getMessage()).contains("no format");
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static Format ws(FuzzInput.Op op) {
    return switch (op.arg(0)) {
      case "binary" -> WebSocketMessageFormat.binary(bytes(op.arg(1)));
      case "ping" -> WebSocketMessageFormat.ping(bytes(op.arg(1)));
      case "pong" -> WebSocketMessageFormat.pong(bytes(op.arg(1)));
      case "refresh" -> WebSocketMessageFormat.refresh();
      case "close" -> op.args().size() > 2 ? WebSocketMessageFormat.close(op.intArg(1, 0), op.arg(2))
          : op.args().size() > 1 ? WebSocketMessageFormat.close(op.intArg(1, 0)) : WebSocketMessageFormat.close();
      default -> WebSocketMessageFormat.text(op.arg(1));
    };
  }

  private static Format stream(FuzzInput.Op op) {
    return switch (op.arg(0)) {
      case "binary" -> HttpStreamFormat.of(bytes(op.arg(1)));
      case "close" -> HttpStreamFormat.close();
      case "hint" -> HttpStreamFormat.hint();
      default -> HttpStreamFormat.of(op.arg(1));
    };
  }

  /** {@code response hint}, or {@code response CODE|REASON|text or binary|BODY|NAME|VALUE|...}. */
  private static Format response(FuzzInput.Op op) {
    if (op.arg(0).equals("hint")) {
      return HttpResponseFormat.hint();
    }
    HttpResponseFormat.Builder b = HttpResponseFormat.builder();
    if (!op.arg(0).isEmpty()) {
      b.code(op.intArg(0, 0));
    }
    if (!op.arg(1).isEmpty()) {
      b.reason(op.arg(1));
    }
    if (op.arg(2).equals("binary")) {
      b.body(bytes(op.arg(3)));
    } else if (op.args().size() > 3) {
      b.body(op.arg(3));
    }
    String[] headers = op.argsFrom(4);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  // ---- what the publish API's JSON must say, from the items' public accessors ----

  private static Map<String, Object> expected(Item item, String prefix) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("channel", prefix + item.channel());
    if (item.id() != null) {
      m.put("id", item.id());
    }
    if (item.prevId() != null) {
      m.put("prev-id", item.prevId());
    }
    if (!item.meta().isEmpty()) {
      m.put("meta", new LinkedHashMap<String, Object>(item.meta()));
    }
    Map<String, Object> formats = new LinkedHashMap<>();
    for (Format f : item.formats()) {
      if (f instanceof WebSocketMessageFormat ws) {
        formats.put("ws-message", ws(ws));
      } else if (f instanceof HttpStreamFormat hs) {
        formats.put("http-stream", stream(hs));
      } else {
        formats.put("http-response", response((HttpResponseFormat) f));
      }
    }
    m.put("formats", formats);
    return m;
  }

  private static Map<String, Object> ws(WebSocketMessageFormat f) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (f.isClose()) {
      m.put("action", "close");
      if (f.closeCode() != 0) {
        m.put("code", f.closeCode()); // jackson reads a small number as an Integer
      }
      if (f.closeReason() != null) {
        m.put("reason", f.closeReason());
      }
    } else if (f.action().equals("refresh")) {
      m.put("action", "refresh");
    } else if (f.type().equals("ping") || f.type().equals("pong")) {
      m.put("type", f.type());
      m.put("content-bin", Base64.getEncoder().encodeToString(f.content()));
    } else if (f.isBinary()) {
      m.put("content-bin", Base64.getEncoder().encodeToString(f.content()));
    } else {
      m.put("content", f.text());
    }
    return m;
  }

  private static Map<String, Object> stream(HttpStreamFormat f) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (f.isClose() || f.action().equals("hint")) {
      m.put("action", f.action());
    } else if (f.isBinary()) {
      m.put("content-bin", Base64.getEncoder().encodeToString(f.content()));
    } else {
      m.put("content", f.text());
    }
    return m;
  }

  private static Map<String, Object> response(HttpResponseFormat f) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (f.action().equals("hint")) {
      m.put("action", "hint");
      return m;
    }
    if (f.code() != 0) {
      m.put("code", f.code());
    }
    if (f.reason() != null) {
      m.put("reason", f.reason());
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    f.headers().forEach(headers::add);
    if (!headers.isEmpty()) {
      Map<String, Object> object = new LinkedHashMap<>();
      List<Object> pairs = new ArrayList<>();
      for (Map.Entry<String, String> h : headers) {
        pairs.add(List.of(h.getKey(), h.getValue()));
        if (object.keySet().stream().anyMatch(h.getKey()::equalsIgnoreCase)) {
          object = null;
          break;
        }
        object.put(h.getKey(), h.getValue());
      }
      if (object == null) {
        pairs.clear();
        headers.forEach(h -> pairs.add(List.of(h.getKey(), h.getValue())));
      }
      m.put("headers", object != null ? object : pairs);
    }
    if (f.isBinary()) {
      m.put("body-bin", Base64.getEncoder().encodeToString(f.body()));
    } else {
      m.put("body", f.text() != null ? f.text() : "");
    }
    return m;
  }
}
