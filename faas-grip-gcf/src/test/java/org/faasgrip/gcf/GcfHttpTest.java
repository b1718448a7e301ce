package org.faasgrip.gcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.faasgrip.function.BodyTooLargeException;
import org.faasgrip.grip.GripRequest;
import org.faasgrip.grip.GripResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GcfHttpTest {
  private static byte[] everyByte() {
    byte[] b = new byte[256 * 3];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  @ParameterizedTest(name = "with Content-Length: {0}")
  @ValueSource(booleans = {true, false})
  void readsMethodPathEveryHeaderValueAndTheBodyByteForByte(boolean withLength) throws Exception {
    byte[] body = everyByte();
    FakeHttp.Request in = FakeHttp.request("POST", "/chat")
        .header("Content-Type", "application/websocket-events")
        .header("Meta-Nick", "alice")
        .header("Grip-Sig", "one")
        .header("grip-sig", "two")
        .body(body, withLength);

    GripRequest r = GcfHttp.readRequest(in);

    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/chat");
    assertThat(r.header("content-type")).isEqualTo("application/websocket-events");
    assertThat(r.header("meta-nick")).isEqualTo("alice");
    assertThat(r.headers().values("Grip-Sig")).containsExactly("one", "two");
    assertThat(r.body()).isEqualTo(body);
  }

  @Test
  void theQueryStringIsTheInvokersAsSentAndEmptyWithoutOne() throws Exception {
    GripRequest r = GcfHttp.readRequest(FakeHttp.request("GET", "/chat").query("room=a%20b&user=al%26ice")
        .body(new byte[0], true));
    assertThat(r.path()).isEqualTo("/chat");
    assertThat(r.query()).isEqualTo("room=a%20b&user=al%26ice");
    assertThat(GcfHttp.readRequest(FakeHttp.request("GET", "/chat").body(new byte[0], true)).query()).isEmpty();
  }

  @Test
  void anEmptyBodyIsEmpty() throws Exception {
    GripRequest r = GcfHttp.readRequest(FakeHttp.request("GET", "/").body(new byte[0], true));
    assertThat(r.body()).isEmpty();
  }

  @ParameterizedTest(name = "with Content-Length: {0}")
  @ValueSource(booleans = {true, false})
  void aBodyOfExactlyTheLimitIsRead(boolean withLength) throws Exception {
    byte[] body = new byte[10_000];
    body[9_999] = 7;
    GripRequest r = GcfHttp.readRequest(FakeHttp.request("POST", "/").body(body, withLength), 10_000);
    assertThat(r.body()).isEqualTo(body);
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeAByteIsRead() {
    FakeHttp.Request in = FakeHttp.request("POST", "/").body(new byte[1001], true);

    assertThatThrownBy(() -> GcfHttp.readRequest(in, 1000))
        .isInstanceOf(BodyTooLargeException.class)
        .hasMessage("the request body (Content-Length 1001) is larger than the limit of 1000 bytes");
    assertThat(in.bytesRead).isZero();
  }

  @Test
  void aChunkedBodyOverTheLimitIsRefusedWithoutReadingItToTheEnd() {
    FakeHttp.Request in = FakeHttp.request("POST", "/").body(new byte[1_000_000], false);

    assertThatThrownBy(() -> GcfHttp.readRequest(in, 20_000))
        .isInstanceOf(BodyTooLargeException.class)
        .hasMessageContaining("20000");
    assertThat(in.bytesRead).isLessThanOrEqualTo(20_001 + 8192);
  }

  @Test
  void aBodyLongerThanItsDeclaredLengthIsRefused() {
    FakeHttp.Request in = FakeHttp.request("POST", "/").body(new byte[50], true);
    in.contentLength = 10;

    assertThatThrownBy(() -> GcfHttp.readRequest(in, 20)).isInstanceOf(BodyTooLargeException.class);
  }

  @Test
  void aNegativeLimitOrNoRequestIsMisuse() {
    assertThatThrownBy(() -> GcfHttp.readRequest(FakeHttp.request("GET", "/"), -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBodyBytes");
    assertThatThrownBy(() -> GcfHttp.readRequest(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request");
  }

  @Test
  void writesStatusEveryHeaderInOrderALengthAndTheBodyBytes() throws Exception {
    byte[] body = everyByte();
    GripResponse response = GripResponse.builder()
        .status(202)
        .addHeader("Content-Type", "application/websocket-events")
        .addHeader("Set-Meta-Nick", "alice")
        .addHeader("Grip-Channel", "a")
        .addHeader("Grip-Channel", "b")
        .body(body)
        .build();
    FakeHttp.Response out = new FakeHttp.Response();

    GcfHttp.writeResponse(response, out);

    assertThat(out.status).isEqualTo(202);
    assertThat(out.headers).containsExactly(
        Map.entry("Content-Type", "application/websocket-events"),
        Map.entry("Set-Meta-Nick", "alice"),
        Map.entry("Grip-Channel", "a"),
        Map.entry("Grip-Channel", "b"),
        Map.entry("Content-Length", Integer.toString(body.length)));
    assertThat(out.body.toByteArray()).isEqualTo(body);
  }

  @Test
  void aLengthTheResponseCarriesIsNotWrittenTwice() throws Exception {
    GripResponse response = GripResponse.builder().addHeader("Content-Length", "2").body("hi").build();
    FakeHttp.Response out = new FakeHttp.Response();

    GcfHttp.writeResponse(response, out);

    assertThat(out.getHeaders().get("content-length")).isEqualTo(List.of("2"));
    assertThat(out.body.toString(StandardCharsets.UTF_8)).isEqualTo("hi");
  }
}
