package org.faasgrip.localgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The server's request parser on bytes, without a socket ({@link LoopbackHttpServer#readRequest}). */
class RequestParserTest {

  private static HttpMessage.Request read(byte[] bytes) throws Exception {
    return LoopbackHttpServer.readRequest(new ByteArrayInputStream(bytes), () -> { }, new ByteArrayOutputStream(),
        1024, "127.0.0.1", 8080);
  }

  @Test
  void readsARequestWithItsBody() throws Exception {
    HttpMessage.Request r = read("POST /a?b=1 HTTP/1.1\r\nContent-Length: 2\r\nX-A:  v \r\n\r\nhi"
        .getBytes(StandardCharsets.US_ASCII));
    assertThat(r.method).isEqualTo("POST");
    assertThat(r.rawPath()).isEqualTo("/a");
    assertThat(r.first("X-A")).isEqualTo("v");
    assertThat(r.body).isEqualTo("hi".getBytes(StandardCharsets.US_ASCII));
  }

  /** Found by HttpRequestFuzzTest: a byte outside ASCII in the target went into the event's path. */
  @Test
  void aTargetWithAByteOutsideAsciiIsRefused() {
    byte[] request = "GET /\u00ca HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    LoopbackHttpServer.BadRequest e = catchThrowableOfType(LoopbackHttpServer.BadRequest.class, () -> read(request));
    assertThat(e.status).isEqualTo(400);
    assertThat(e.getMessage()).startsWith("malformed request line");
  }
}
