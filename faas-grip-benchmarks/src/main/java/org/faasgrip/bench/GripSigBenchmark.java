package org.faasgrip.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.faasgrip.config.VerifyKey;
import org.faasgrip.sig.GripSigValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Grip-Sig} validation as a handler does it on every request: HS256 as Pushpin signs ({@code sig_key},
 * issuer {@code pushpin}) and ES256 as Fastly Fanout signs (an EC P-256 key, issuer {@code fastly:SERVICE}).
 * The tokens are signed here with the JDK's own crypto, so the benchmark does not share code with the
 * validator it measures.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class GripSigBenchmark {
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  /** Made by JMH, once per fork; the state is built in the {@code @Setup} method. */
  public GripSigBenchmark() {}

  private GripSigValidator hs256;
  private GripSigValidator es256;
  private String hs256Token;
  private String hs256Forged;
  private String es256Token;
  private byte[] hsInputBytes;
  private byte[] esInputBytes;
  private byte[] esDer;
  private Mac baselineMac;
  private Signature baselineEcdsa;
  private KeyPair esPair;

  /**
   * Signs the tokens and makes the validators, and checks that each verdict is the expected one.
   *
   * @throws GeneralSecurityException when the JDK lacks HmacSHA256 or EC P-256
   */
  @Setup
  public void setUp() throws GeneralSecurityException {
    long exp = Instant.now().getEpochSecond() + 3600;
    byte[] secret = "changeme".getBytes(StandardCharsets.UTF_8);
    String hsInput = part("{\"typ\":\"JWT\",\"alg\":\"HS256\"}") + "." + part("{\"iss\":\"pushpin\",\"exp\":" + exp + "}");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    hs256Token = hsInput + "." + B64URL.encodeToString(mac.doFinal(hsInput.getBytes(StandardCharsets.US_ASCII)));
    hs256Forged = hs256Token.substring(0, hs256Token.length() - 2) + (hs256Token.endsWith("AA") ? "BB" : "AA");
    hs256 = GripSigValidator.forKey(VerifyKey.hmac(secret), "pushpin");
    hsInputBytes = hsInput.getBytes(StandardCharsets.US_ASCII);
    baselineMac = Mac.getInstance("HmacSHA256");
    baselineMac.init(new SecretKeySpec(secret, "HmacSHA256"));

    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = gen.generateKeyPair();
    String esInput = part("{\"typ\":\"JWT\",\"alg\":\"ES256\"}") + "."
        + part("{\"iss\":\"fastly:SU1Z0isxPaozGVKXdv0eY\",\"exp\":" + exp + "}");
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initSign(pair.getPrivate());
    ecdsa.update(esInput.getBytes(StandardCharsets.US_ASCII));
    esDer = ecdsa.sign();
    es256Token = esInput + "." + B64URL.encodeToString(joseSignature(esDer));
    esInputBytes = esInput.getBytes(StandardCharsets.US_ASCII);
    esPair = pair;
    baselineEcdsa = Signature.getInstance("SHA256withECDSA");
    es256 = GripSigValidator.forKey(VerifyKey.publicKey(pair.getPublic()), "fastly:SU1Z0isxPaozGVKXdv0eY");

    if (!hs256.isValid(hs256Token) || hs256.isValid(hs256Forged) || !es256.isValid(es256Token)) {
      throw new IllegalStateException("a Grip-Sig verdict is wrong: the benchmark would measure a failure path");
    }
  }

  private static String part(String json) {
    return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  // JWS carries ECDSA signatures as R || S, 32 bytes each; the JDK writes DER: SEQUENCE { INTEGER r, INTEGER s }.
  private static byte[] joseSignature(byte[] der) {
    int at = der[1] < 0 ? 3 : 2;
    byte[] out = new byte[64];
    for (int k = 0; k < 2; k++) {
      int len = der[at + 1];
      int start = at + 2;
      int skip = Math.max(0, len - 32);
      System.arraycopy(der, start + skip, out, k * 32 + (32 - (len - skip)), len - skip);
      at = start + len;
    }
    return out;
  }

  /**
   * Pushpin's signature: HS256 with the shared key.
   *
   * @return the verdict (true)
   */
  @Benchmark
  public boolean hs256() {
    return hs256.isValid(hs256Token);
  }

  /**
   * A forged HS256 token: the signature's last bytes changed; refused after the MAC is computed.
   *
   * @return the verdict (false)
   */
  @Benchmark
  public boolean hs256Forged() {
    return hs256.isValid(hs256Forged);
  }

  /**
   * Fastly's signature: ES256 with a P-256 public key.
   *
   * @return the verdict (true)
   */
  @Benchmark
  public boolean es256() {
    return es256.isValid(es256Token);
  }

  /**
   * The floor under {@link #hs256()}: the JDK's HMAC-SHA256 of the same signing input, nothing else.
   *
   * @return the MAC
   */
  @Benchmark
  public byte[] hs256JdkMacOnly() {
    return baselineMac.doFinal(hsInputBytes);
  }

  /**
   * The floor under {@link #es256()}: the JDK's ECDSA verification of the same signature, nothing else.
   *
   * @return the verdict (true)
   * @throws GeneralSecurityException never, for a good key
   */
  @Benchmark
  public boolean es256JdkVerifyOnly() throws GeneralSecurityException {
    baselineEcdsa.initVerify(esPair.getPublic());
    baselineEcdsa.update(esInputBytes);
    return baselineEcdsa.verify(esDer);
  }
}
