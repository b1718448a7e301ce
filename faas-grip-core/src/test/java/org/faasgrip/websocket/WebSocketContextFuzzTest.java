package org.faasgrip.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.faasgrip.GripException;
import org.faasgrip.fuzz.FuzzInput;
import org.faasgrip.fuzz.JsonTree;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.faasgrip.grip.KeepAliveMode;

/**
 * Coverage-guided fuzzing of {@link WebSocketContext}: a program ({@link FuzzInput}) makes the request (method,
 * headers with {@code Meta-*} and {@code Sec-WebSocket-Extensions}, body) and then calls the context's methods.
 * Each call works or fails with the library's exception or the documented misuse exception
 * ({@link IllegalArgumentException}, {@link IllegalStateException}, {@link NoSuchElementException}). The response
 * never carries CR, LF, NUL or another control character in a header, nor a header name that is not a token; its
 * body decodes to {@link WebSocketContext#outgoingEvents()}; and every control message the helpers wrote is a
 * JSON object that jackson reads (strictly) as what was asked.
 */
class WebSocketContextFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void responseIsSafeAndControlMessagesAreJson(byte[] data) {
    FuzzInput in = FuzzInput.of(data);
    GripRequest.Builder request = GripRequest.builder().method("POST").path("/ws");
    boolean contentType = false;
    String prefix = "";
    WebSocketContext ctx = null;
    // For each event the calls added: the JSON object it must be, or null when it is not a helper's message.
    List<Map<String, Object>> expected = new ArrayList<>();
    while (in.hasNext()) {
      FuzzInput.Op op = in.next();
      if (ctx == null) {
        switch (op.name()) {
          case "method" -> {
            request.method(op.arg(0));
            continue;
          }
          case "h" -> {
            request.addHeader(op.arg(0), op.arg(1));
            contentType |= op.arg(0).equalsIgnoreCase("Content-Type");
            continue;
          }
          case "body" -> {
            request.body(op.arg(0).getBytes(StandardCharsets.ISO_8859_1));
            continue;
          }
          case "prefix" -> {
            prefix = op.arg(0);
            continue;
          }
          default -> {
            ctx = context(request, contentType, prefix);
            if (ctx == null) {
              return;
            }
          }
        }
      }
      int before = sent(ctx).size();
      Map<String, Object> json = null;
      try {
        switch (op.name()) {
          case "accept" -> ctx.accept();
          case "recv" -> ctx.recvMessage();
          case "send" -> ctx.send(op.arg(0));
          case "sendbin" -> ctx.sendBinary(op.arg(0).getBytes(StandardCharsets.ISO_8859_1));
          case "control" -> ctx.sendControl(op.arg(0));
          case "sub" -> {
            String[] filters = op.argsFrom(1);
            ctx.subscribe(op.arg(0), filters);
            json = message("subscribe", "channel", prefix + op.arg(0));
            if (filters.length > 0) {
              json.put("filters", Arrays.asList((Object[]) filters));
            }
          }
          case "unsub" -> {
            ctx.unsubscribe(op.arg(0));
            json = message("unsubscribe", "channel", prefix + op.arg(0));
          }
          case "detach" -> {
            ctx.detach();
            json = message("detach", null, null);
          }
          case "ka" -> {
            ctx.keepAlive(op.arg(0), op.intArg(1, 0));
            json = message("keep-alive", "content", op.arg(0));
            json.put("timeout", op.intArg(1, 0));
          }
          case "kabin" -> {
            WebSocketEvent.Type type = type(op.arg(0));
            byte[] content = op.arg(1).getBytes(StandardCharsets.ISO_8859_1);
            KeepAliveMode mode = op.arg(3).equals("interval")
                ? KeepAliveMode.INTERVAL : KeepAliveMode.IDLE;
            ctx.keepAlive(type, content, op.intArg(2, 0), mode);
            json = message("keep-alive", "content-bin", Base64.getEncoder().encodeToString(content));
            json.put("timeout", op.intArg(2, 0));
            json.put("mode", mode.name().toLowerCase(Locale.ROOT));
            json.put("message-type", type.name().toLowerCase(Locale.ROOT));
          }
          case "kai" -> ctx.keepAliveInterval(op.intArg(0, 0));
          case "setmeta" -> {
            ctx.setMeta(op.arg(0), op.arg(1));
            json = message("set-meta", "name", op.arg(0));
            json.put("value", op.arg(1));
          }
          case "put" -> ctx.meta().put(op.arg(0), op.arg(1));
          case "remove" -> ctx.meta().remove(op.arg(0));
          case "close" -> {
            if (op.args().size() > 1) {
              ctx.close(op.intArg(0, 0), op.arg(1));
            } else if (op.args().size() == 1) {
              ctx.close(op.intArg(0, 0));
            } else {
              ctx.close();
            }
          }
          case "disconnect" -> ctx.disconnect();
          default -> { }
        }
      } catch (GripException | IllegalArgumentException | IllegalStateException | NoSuchElementException e) {
        assertThat(e.getMessage()).isNotBlank();
        json = null;
      }
      int added = sent(ctx).size() - before;
      if (!op.name().equals("recv")) {
        assertThat(added).as("events added by %s", op.name()).isLessThanOrEqualTo(1);
      }
      for (int k = 0; k < added; k++) {
        expected.add(k == 0 ? json : null);
      }
    }
    if (ctx == null) {
      ctx = context(request, contentType, prefix);
      if (ctx == null) {
        return;
      }
    }

    GripResponse response;
    try {
      response = ctx.toGripResponse();
    } catch (org.faasgrip.grip.InvalidHeaderException e) {
      // A forged request's meta name that no header can carry, removed by the calls: refused, not written.
      assertThat(e.getMessage()).contains("Set-Meta-");
      return;
    }
    for (Map.Entry<String, String> h : response.headers()) {
      assertThat(isSafe(h.getKey(), h.getValue())).as("response header %s: %s", escape(h.getKey()),
          escape(h.getValue())).isTrue();
    }
    List<WebSocketEvent> events = ctx.outgoingEvents();
    assertThat(WebSocketEventDecoder.decode(response.body())).isEqualTo(events);
    assertThat(ctx.toGripResponse().headers()).isEqualTo(response.headers());
    List<WebSocketEvent> sent = sent(ctx);
    assertThat(sent).hasSize(expected.size());
    for (int k = 0; k < expected.size(); k++) {
      Map<String, Object> want = expected.get(k);
      if (want == null) {
        continue;
      }
      byte[] content = sent.get(k).content();
      assertThat(new String(content, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("c:");
      assertThat(JsonTree.parse(Arrays.copyOfRange(content, 2, content.length))).isEqualTo(want);
    }
  }

  /** The events the calls added, in order (the response builder's own list: it has no accessor). */
  @SuppressWarnings("unchecked")
  private static List<WebSocketEvent> sent(WebSocketContext ctx) {
    try {
      java.lang.reflect.Field out = WebSocketContext.class.getDeclaredField("out");
      out.setAccessible(true);
      java.lang.reflect.Field sent = OutgoingEvents.class.getDeclaredField("sent");
      sent.setAccessible(true);
      List<WebSocketEvent> events = (List<WebSocketEvent>) sent.get(out.get(ctx));
      return events == null ? List.of() : List.copyOf(events);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static WebSocketContext context(GripRequest.Builder request, boolean contentType, String prefix) {
    if (!contentType) {
      request.addHeader("Content-Type", WebSocketContext.CONTENT_TYPE);
    }
    try {
      return WebSocketContext.from(request.build(), prefix);
    } catch (NotWebSocketRequestException | WebSocketProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
      return null;
    }
  }

  private static Map<String, Object> message(String type, String name, String value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    if (name != null) {
      m.put(name, value);
    }
    return m;
  }

  private static WebSocketEvent.Type type(String s) {
    for (WebSocketEvent.Type t : WebSocketEvent.Type.values()) {
      if (t.name().equalsIgnoreCase(s)) {
        return t;
      }
    }
    return WebSocketEvent.Type.TEXT;
  }

  /** A token name and a value without CR, LF, NUL or any other control character but tab. */
  private static boolean isSafe(String name, String value) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= 0x20 || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        return false;
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return b.toString();
  }
}
