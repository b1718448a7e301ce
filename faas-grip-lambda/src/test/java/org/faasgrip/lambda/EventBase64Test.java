package org.faasgrip.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The event reader decodes a base64 body itself, where it sits in the event. The JDK's basic decoder is the oracle:
 * on every input both must give the same bytes, or both must refuse it.
 */
class EventBase64Test {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private static String event(String body) {
    return "{\"httpMethod\":\"POST\",\"body\":\"" + body + "\",\"isBase64Encoded\":true}";
  }

  private static byte[] read(String eventJson) {
    return LambdaEvent.parse(eventJson.getBytes(StandardCharsets.UTF_8)).request().body();
  }

  @Test
  void agreesWithTheJdkOnRandomValidAndBrokenBodies() {
    Random r = new Random(20261126);
    int refused = 0;
    for (int i = 0; i < 20_000; i++) {
      String body;
      if (r.nextBoolean()) {
        byte[] raw = new byte[r.nextInt(40)];
        r.nextBytes(raw);
        body = Base64.getEncoder().encodeToString(raw);
        if (r.nextBoolean()) {
          body = body.replace("=", ""); // padding is optional
        }
      } else {
        StringBuilder sb = new StringBuilder();
        for (int k = r.nextInt(12); k > 0; k--) {
          int pick = r.nextInt(20);
          sb.append(pick == 0 ? '=' : pick == 1 ? '.' : pick == 2 ? '-' : ALPHABET.charAt(r.nextInt(64)));
        }
        body = sb.toString();
      }
      byte[] expected;
      try {
        expected = Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException jdkRefused) {
        expected = null;
      }
      String json = event(body);
      if (expected == null) {
        refused++;
        assertThatThrownBy(() -> read(json)).as(body)
            .isInstanceOf(LambdaEventException.class)
            .hasMessageStartingWith("event field 'body' is marked isBase64Encoded but is not base64: ")
            .hasMessageContaining(" at byte ");
      } else {
        try {
          assertThat(read(json)).as(body).isEqualTo(expected);
        } catch (LambdaEventException e) {
          fail("refused " + body + " which the JDK decodes: " + e.getMessage());
        }
      }
    }
    assertThat(refused).as("broken bodies among the cases").isGreaterThan(2_000);
  }

  @Test
  void aFaultNamesTheByteAndWhatIsWrongWithIt() {
    // {"httpMethod":"POST","body":" is 29 bytes: the body's first character is byte 29.
    assertThatThrownBy(() -> read(event("QUJD.EVG")))
        .hasMessage("event field 'body' is marked isBase64Encoded but is not base64: byte 0x2e ('.') is not in the"
            + " base64 alphabet at byte 33 (line 1, column 34)");
    assertThatThrownBy(() -> read(event("QU=D")))
        .hasMessage("event field 'body' is marked isBase64Encoded but is not base64: '=' padding before the end"
            + " at byte 31 (line 1, column 32)");
    assertThatThrownBy(() -> read(event("QUJDR")))
        .hasMessage("event field 'body' is marked isBase64Encoded but is not base64: one character left over after"
            + " the last group of four at byte 33 (line 1, column 34)");
    assertThatThrownBy(() -> read(event("QUJDRA=")))
        .hasMessage("event field 'body' is marked isBase64Encoded but is not base64: '=' padding where no group of"
            + " four characters ends at byte 35 (line 1, column 36)");
  }

  @Test
  void escapedCharactersStandForThemselves() {
    // Some serializers write '/' as "\/": the value is still base64, and a fault counts characters of the value.
    assertThat(read(event("Pz8\\/"))).isEqualTo(Base64.getDecoder().decode("Pz8/"));
    assertThatThrownBy(() -> read(event("Pz8\\/.A==")))
        .hasMessage("event field 'body' is marked isBase64Encoded but is not base64: byte 0x2e ('.') is not in the"
            + " base64 alphabet at character 4 of the field");
  }
}
