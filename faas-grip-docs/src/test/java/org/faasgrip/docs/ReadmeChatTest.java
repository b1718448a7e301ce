package org.faasgrip.docs;

// tag::testing-unit[]
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.function.Grip;
import org.faasgrip.publish.Item;
import org.faasgrip.publish.WebSocketMessageFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadmeChatTest {
  private final List<Item> published = new ArrayList<>();
  private final ReadmeChat handler = new ReadmeChat();

  @BeforeEach
  void recordPublishes() {
    FaasGrip.install(Grip.builder()
        .publishWith(items -> {                  // instead of POSTing to a proxy
          published.addAll(items);
          return CompletableFuture.completedFuture(null);
        })
        .build());
  }

  @AfterEach
  void forget() {
    FaasGrip.install(null);
  }

  /** A request as Pushpin sends it through an API Gateway REST API with the binary media type set. */
  // (ISO-8859-1 writes each char below 256 as one byte, so a test can spell a close code as "\u0003\u00e8".)
  private static APIGatewayProxyRequestEvent fromProxy(String events) {
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod("POST")
        .withPath("/chat")
        .withHeaders(Map.of(
            "Content-Type", "application/websocket-events",
            "Connection-Id", "c-1",
            "Sec-WebSocket-Extensions", "grip"))
        .withIsBase64Encoded(true)
        .withBody(Base64.getEncoder().encodeToString(events.getBytes(StandardCharsets.ISO_8859_1)));
  }

  private static String events(APIGatewayProxyResponseEvent response) {
    assertThat(response.getIsBase64Encoded()).isTrue();
    return new String(Base64.getDecoder().decode(response.getBody()), StandardCharsets.UTF_8);
  }

  @Test
  void acceptsSubscribesAndPublishes() {
    APIGatewayProxyResponseEvent open = handler.handleRequest(fromProxy("OPEN\r\n"), null);
    assertThat(open.getStatusCode()).isEqualTo(200);
    assertThat(open.getHeaders()).containsEntry("Content-Type", "application/websocket-events")
        .containsEntry("Sec-WebSocket-Extensions", "grip");
    assertThat(events(open)).isEqualTo("OPEN\r\nTEXT 27\r\nc:{\"type\":\"subscribe\",\"channel\":\"room\"}\r\n");

    APIGatewayProxyResponseEvent text = handler.handleRequest(fromProxy("TEXT 5\r\nhello\r\n"), null);
    assertThat(text.getStatusCode()).isEqualTo(200);
    assertThat(events(text)).isEmpty();
    assertThat(published).containsExactly(Item.of("room", WebSocketMessageFormat.text("hello")));
  }
  // end::testing-unit[]

  @Test
  void answersTheClientsCloseAndPingsWithoutPublishing() {
    // CLOSE 1000 "bye": the handler closes too, without a code; the PING before it is echoed.
    APIGatewayProxyResponseEvent r = handler.handleRequest(
        fromProxy("PING 2\r\nhi\r\nCLOSE 5\r\n\u0003\u00e8bye\r\n"), null);
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(events(r)).isEqualTo("PONG 2\r\nhi\r\nCLOSE\r\n");
    assertThat(published).isEmpty();
  }

  @Test
  void refusesAPlainHttpRequestWith400() {
    APIGatewayProxyResponseEvent r = handler.handleRequest(
        new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/chat"), null);
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(r.getBody()).isEqualTo("Not a WebSocket-over-HTTP request\n");
  }

  @Test
  void answersAnOpenThatDidNotComeThroughAGripProxyWith400AndOneLogLine() {
    List<String> logged = new ArrayList<>();
    FaasGrip.install(Grip.builder().logger((level, line) -> logged.add(level + " " + line)).build());
    // What a WebSocket-over-HTTP client of one's own sends straight to the function: no grip extension offered.
    APIGatewayProxyRequestEvent direct = new APIGatewayProxyRequestEvent()
        .withHttpMethod("POST")
        .withPath("/chat")
        .withHeaders(Map.of("Content-Type", "application/websocket-events", "Connection-Id", "c-1"))
        .withBody("OPEN\r\n");
    APIGatewayProxyResponseEvent r = handler.handleRequest(direct, null);
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(r.getBody()).startsWith("Bad request: subscribe() needs GRIP mode, but the OPEN came without"
        + " Sec-WebSocket-Extensions: grip");
    assertThat(logged).singleElement().asString()
        .startsWith("WARNING 400 NotGripModeException: subscribe() needs GRIP mode")
        .contains("connect through the proxy");
    assertThat(published).isEmpty();
  }
// tag::testing-unit[]
}
// end::testing-unit[]
