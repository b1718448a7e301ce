package org.faasgrip.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.faasgrip.config.GripConfig;
import org.faasgrip.lambda.FaasGrip;
import org.faasgrip.function.Grip;
import org.faasgrip.publish.HttpStreamFormat;
import org.faasgrip.publish.Item;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The isFromProxy sample of docs/security.md, with tokens signed as Pushpin signs them (HS256, JDK's Mac). */
class SecuritySamplesTest {
  private static final String KEY = "s3cret";
  private final List<Item> published = new ArrayList<>();

  @BeforeEach
  void install() {
    FaasGrip.install(Grip.builder()
        .config(GripConfig.of(List.of(GripConfig.parseGripUrl("http://127.0.0.1:5561?iss=pushpin&key=" + KEY)), ""))
        .publishWith(items -> {
          published.addAll(items);
          return CompletableFuture.completedFuture(null);
        })
        .build());
  }

  @AfterEach
  void forget() {
    FaasGrip.install(null);
  }

  private static String token(String key, String iss, long exp) throws GeneralSecurityException {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "." + b64.encodeToString(("{\"iss\":\"" + iss + "\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
  }

  private static APIGatewayProxyResponseEvent call(String gripSig) {
    APIGatewayProxyRequestEvent e = new APIGatewayProxyRequestEvent().withHttpMethod("POST").withPath("/notes")
        .withBody("hello");
    if (gripSig != null) {
      e.withHeaders(Map.of("Grip-Sig", gripSig));
    }
    return new SecuritySamples.Notes().handleRequest(e, null);
  }

  @Test
  void aSignedRequestPublishesAndHolds() throws Exception {
    APIGatewayProxyResponseEvent r = call(token(KEY, "pushpin", System.currentTimeMillis() / 1000 + 3600));
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.getHeaders()).containsEntry("Grip-Hold", "stream").containsEntry("Grip-Channel", "notes");
    assertThat(published).containsExactly(Item.of("notes", HttpStreamFormat.of("hello\n")));
  }

  @Test
  void missingForgedOrExpiredSignaturesAreRefused() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    assertThat(call(null).getStatusCode()).isEqualTo(403);
    assertThat(call(token("changeme", "pushpin", now + 3600)).getStatusCode()).isEqualTo(403);
    assertThat(call(token(KEY, "pushpin", now - 3600)).getStatusCode()).isEqualTo(403);
    assertThat(published).isEmpty();
  }
}
