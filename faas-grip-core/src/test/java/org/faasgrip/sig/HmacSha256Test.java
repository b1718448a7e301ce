package org.faasgrip.sig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class HmacSha256Test {
  private static final HexFormat HEX = HexFormat.of();

  private static String mac(String keyHex, String dataHex) {
    return HEX.formatHex(new HmacSha256(HEX.parseHex(keyHex)).mac(HEX.parseHex(dataHex)));
  }

  @Test
  void rfc4231Vectors() {
    // Test case 1
    assertThat(mac("0b".repeat(20), HEX.formatHex("Hi There".getBytes(java.nio.charset.StandardCharsets.US_ASCII))))
        .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    // Test case 2: a key shorter than the output ("Jefe")
    assertThat(mac("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // Test case 6: a key longer than the block (131 bytes), hashed first
    assertThat(mac("aa".repeat(131), HEX.formatHex(
        "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(java.nio.charset.StandardCharsets.US_ASCII))))
        .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  }

  @Property(tries = 300)
  void sameAsTheJdkMac(@ForAll @Size(min = 1, max = 200) byte[] key, @ForAll @Size(max = 300) byte[] data)
      throws Exception {
    Mac jdk = Mac.getInstance("HmacSHA256");
    jdk.init(new SecretKeySpec(key, "HmacSHA256"));
    HmacSha256 ours = new HmacSha256(key);
    assertThat(ours.mac(data)).isEqualTo(jdk.doFinal(data));
    assertThat(ours.mac(data)).as("reusable").isEqualTo(jdk.doFinal(data));
  }
}
