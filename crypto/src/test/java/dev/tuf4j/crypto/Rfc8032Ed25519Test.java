package dev.tuf4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8032 section 7.1 Ed25519 test vectors, byte-exact, through the public API. */
class Rfc8032Ed25519Test {
  /** RFC 8410 PrivateKeyInfo of an Ed25519 key, up to the 32 secret bytes. */
  private static final String PKCS8_PREFIX = "302e020100300506032b657004220420";

  record Vector(String name, byte[] secret, String publicHex, byte[] message, byte[] signature) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Vector> vectors() throws IOException {
    List<Vector> out = new ArrayList<>();
    try (InputStream in =
            Rfc8032Ed25519Test.class.getResourceAsStream("/crypto/rfc8032-ed25519.txt");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\\|", -1);
        out.add(new Vector(f[0], hex(f[1]), f[2], hex(f[3]), hex(f[4])));
      }
    }
    assertEquals(5, out.size(), "TEST 1, 2, 3, 1024 and SHA(abc)");
    return out;
  }

  private static byte[] hex(String s) {
    return Hex.decode(s).orElseThrow();
  }

  private static SigningKey keyOf(Vector v) throws Exception {
    byte[] pkcs8 = hex(PKCS8_PREFIX + Hex.encode(v.secret()));
    return SigningKey.fromPkcs8(pkcs8, TestRandom.seeded(0));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void derivesThePublishedPublicKey(Vector v) throws Exception {
    assertEquals(v.publicHex(), keyOf(v).publicKey().publicValue());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void signsByteExactly(Vector v) throws Exception {
    assertArrayEquals(v.signature(), keyOf(v).sign(v.message()));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void verifiesThePublishedSignature(Vector v) throws Exception {
    PublicKey key = TestKeys.decode("ed25519", "ed25519", v.publicHex());
    assertTrue(key.verify(v.message(), v.signature()));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void rejectsThePublishedSignatureOverAnotherMessage(Vector v) throws Exception {
    PublicKey key = TestKeys.decode("ed25519", "ed25519", v.publicHex());
    byte[] other = java.util.Arrays.copyOf(v.message(), v.message().length + 1);
    assertFalse(key.verify(other, v.signature()));
  }
}
