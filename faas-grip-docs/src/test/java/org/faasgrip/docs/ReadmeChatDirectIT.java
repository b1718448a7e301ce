package org.faasgrip.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.faasgrip.function.Grip;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.localgateway.LocalGateway;
import org.faasgrip.localgateway.PayloadVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's handler reached past the proxy, as a WebSocket-over-HTTP client of one's own reaches a function
 * whose signatures are optional: a real HTTP client, the local gateway's API Gateway REST API, the handler, and the
 * JDK's logger the library writes to. The OPEN offers no grip extension, so the handler cannot subscribe; the
 * client must get a 4xx that says why (not the gateway's 502 for a handler that threw), and the log one line.
 */
class ReadmeChatDirectIT {
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final Logger julLogger = Logger.getLogger("org.faasgrip.function");
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record.getLevel() + " " + record.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private LocalGateway gateway;

  @BeforeEach
  void start() {
    julLogger.addHandler(capture);
    FaasGrip.install(Grip.builder().build());       // GRIP_VERIFY unset: unsigned requests are served
    gateway = LocalGateway.builder().handler(new ReadmeChat()).payload(PayloadVersion.V1).port(0).build().start();
  }

  @AfterEach
  void stop() {
    gateway.close();
    FaasGrip.install(null);
    julLogger.removeHandler(capture);
  }

  @Test
  void anOpenWithoutTheGripExtensionGets400ThatSaysWhyAndOneLogLine() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway.uri().resolve("/chat"))
        .header("Content-Type", "application/websocket-events")
        .header("Connection-Id", "direct-1")
        .POST(HttpRequest.BodyPublishers.ofString("OPEN\r\n"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(r.body()).startsWith("Bad request: subscribe() needs GRIP mode, but the OPEN came without"
        + " Sec-WebSocket-Extensions: grip: it did not come through a GRIP proxy").endsWith("\n");
    assertThat(logged).singleElement().asString()
        .startsWith("WARNING 400 NotGripModeException: subscribe() needs GRIP mode")
        .contains("connect through the proxy, or check isGrip()");
  }
}
