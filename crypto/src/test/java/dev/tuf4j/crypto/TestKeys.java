package dev.tuf4j.crypto;

import dev.tuf4j.KeyFormatException;
import java.util.List;

/**
 * Signing keys shared by the tests, generated once from fixed seeds. RSA keys are 2048 bits:
 * generating them is the slow part of the suite.
 */
final class TestKeys {
  static final SigningKey ED25519 = SigningKey.generate(KeyType.ED25519, TestRandom.seeded(1));
  static final SigningKey P256 = SigningKey.generate(KeyType.ECDSA_P256, TestRandom.seeded(2));
  static final SigningKey P384 = SigningKey.generate(KeyType.ECDSA_P384, TestRandom.seeded(3));
  static final SigningKey RSA = SigningKey.generateRsa(2048, TestRandom.seeded(4));

  private TestKeys() {}

  /** One key per scheme. */
  static List<SigningKey> all() {
    return List.of(ED25519, P256, P384, RSA);
  }

  /** Decodes a key the way metadata would give it. */
  static PublicKey decode(String keytype, String scheme, String publicValue)
      throws KeyFormatException {
    return SchemeRegistry.defaults()
        .decode(keytype, scheme, publicValue)
        .orElseThrow(() -> new AssertionError("not decoded: " + keytype + "/" + scheme));
  }

  /** A copy of {@code bytes} with bit {@code bit} of byte {@code index} flipped. */
  static byte[] flipBit(byte[] bytes, int index, int bit) {
    byte[] copy = bytes.clone();
    copy[index] ^= (byte) (1 << bit);
    return copy;
  }
}
