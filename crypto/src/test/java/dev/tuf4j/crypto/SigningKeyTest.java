package dev.tuf4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.KeyFormatException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SigningKeyTest {
  private static final byte[] MESSAGE = "payload".getBytes(StandardCharsets.UTF_8);

  @Test
  void generatesEveryKeyTypeWithItsScheme() {
    for (KeyType type : new KeyType[] {KeyType.ED25519, KeyType.ECDSA_P256, KeyType.ECDSA_P384}) {
      SigningKey key = SigningKey.generate(type, TestRandom.seeded(20));
      assertEquals(type.scheme(), key.scheme());
      assertEquals(type.scheme(), key.publicKey().scheme());
      assertEquals(type.scheme().keytype(), key.publicKey().keytype());
      assertTrue(key.publicKey().verify(MESSAGE, key.sign(MESSAGE)));
    }
  }

  @Test
  void generatesRsaKeysOf3072BitsByDefault() {
    SigningKey key = SigningKey.generate(KeyType.RSA, TestRandom.seeded(21));
    assertEquals(3072, ((RsaPssPublicKey) key.publicKey()).modulusBits());
    assertEquals(Scheme.RSASSA_PSS_SHA256, key.scheme());
    assertTrue(key.publicKey().verify(MESSAGE, key.sign(MESSAGE)));
  }

  @Test
  void refusesRsaSizesOutside2048To4096() {
    assertThrows(
        IllegalArgumentException.class, () -> SigningKey.generateRsa(1024, TestRandom.seeded(0)));
    assertThrows(
        IllegalArgumentException.class, () -> SigningKey.generateRsa(8192, TestRandom.seeded(0)));
  }

  @Test
  void sameSeedGivesTheSameKey() {
    assertEquals(
        SigningKey.generate(KeyType.ED25519, TestRandom.seeded(22)).publicKey(),
        SigningKey.generate(KeyType.ED25519, TestRandom.seeded(22)).publicKey());
  }

  @Test
  void ecdsaSignaturesAreDeterministic() {
    assertArrayEquals(TestKeys.P256.sign(MESSAGE), TestKeys.P256.sign(MESSAGE));
    assertArrayEquals(TestKeys.P384.sign(MESSAGE), TestKeys.P384.sign(MESSAGE));
  }

  @Test
  void rsaSignaturesUseARandomSalt() {
    assertFalse(java.util.Arrays.equals(TestKeys.RSA.sign(MESSAGE), TestKeys.RSA.sign(MESSAGE)));
  }

  @Test
  void toStringShowsSchemeAndKeyidButNoSecret() {
    for (SigningKey key : TestKeys.all()) {
      String s = key.toString();
      assertEquals(
          "SigningKey[scheme=" + key.scheme().tufName() + ", keyid=" + key.publicKey().keyId() + "]",
          s);
      byte[] pkcs8 = key.toPkcs8();
      // No run of 8 secret bytes, in hex or base64, appears in the string.
      for (int i = 0; i + 8 <= pkcs8.length; i += 4) {
        byte[] window = java.util.Arrays.copyOfRange(pkcs8, i, i + 8);
        assertFalse(s.contains(Hex.encode(window)));
        assertFalse(s.contains(Base64.getEncoder().encodeToString(window).substring(0, 8)));
      }
    }
  }

  @Test
  void hasIdentityEqualityAndIsNotSerializable() throws Exception {
    SigningKey a = SigningKey.fromPkcs8(TestKeys.ED25519.toPkcs8(), TestRandom.seeded(0));
    SigningKey b = SigningKey.fromPkcs8(TestKeys.ED25519.toPkcs8(), TestRandom.seeded(0));
    assertNotEquals(a, b);
    assertEquals(a.publicKey(), b.publicKey());
    assertFalse(Serializable.class.isAssignableFrom(SigningKey.class));
  }

  @Test
  void roundTripsThroughPkcs8() throws Exception {
    for (SigningKey key : TestKeys.all()) {
      SigningKey copy = SigningKey.fromPkcs8(key.toPkcs8(), TestRandom.seeded(0));
      assertEquals(key.publicKey(), copy.publicKey());
      assertTrue(key.publicKey().verify(MESSAGE, copy.sign(MESSAGE)));
    }
  }

  @Test
  void readsAnEcKeyWithoutItsPublicPart() throws Exception {
    // The JDK writes ECPrivateKey without the optional public key.
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"), TestRandom.seeded(23));
    var pair = gen.generateKeyPair();
    SigningKey key = SigningKey.fromPkcs8(pair.getPrivate().getEncoded(), TestRandom.seeded(0));
    assertEquals(TestKeys.decode("ecdsa", "ecdsa-sha2-nistp256", JdkPem.publicKey(pair.getPublic())), key.publicKey());
  }

  @Test
  void refusesGarbageAndTruncatedPkcs8() {
    assertThrows(KeyFormatException.class, () -> SigningKey.fromPkcs8(new byte[0], TestRandom.seeded(0)));
    assertThrows(
        KeyFormatException.class, () -> SigningKey.fromPkcs8(new byte[] {1, 2, 3}, TestRandom.seeded(0)));
    byte[] pkcs8 = TestKeys.RSA.toPkcs8();
    assertThrows(
        KeyFormatException.class,
        () -> SigningKey.fromPkcs8(java.util.Arrays.copyOf(pkcs8, pkcs8.length - 1), TestRandom.seeded(0)));
  }

  @Test
  void refusesUnsupportedCurves() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp521r1"), TestRandom.seeded(24));
    byte[] p521 = gen.generateKeyPair().getPrivate().getEncoded();
    KeyFormatException e =
        assertThrows(KeyFormatException.class, () -> SigningKey.fromPkcs8(p521, TestRandom.seeded(0)));
    assertTrue(e.getMessage().contains("curve"), e.getMessage());
  }

  @Test
  void refusesAPkcs8WhosePublicPartDoesNotMatch() throws Exception {
    // Ed25519 PKCS#8 v2 of one key carrying the public key of another.
    byte[] pkcs8 = TestKeys.ED25519.toPkcs8();
    byte[] otherPublic =
        Hex.decode(SigningKey.generate(KeyType.ED25519, TestRandom.seeded(25)).publicKey().publicValue())
            .orElseThrow();
    System.arraycopy(otherPublic, 0, pkcs8, pkcs8.length - 32, 32);
    KeyFormatException e =
        assertThrows(KeyFormatException.class, () -> SigningKey.fromPkcs8(pkcs8, TestRandom.seeded(0)));
    assertTrue(e.getMessage().contains("does not match"), e.getMessage());
  }

  @Test
  void refusesAnRsaKeyWithInconsistentParts() throws Exception {
    byte[] pkcs8 = TestKeys.RSA.toPkcs8();
    pkcs8[pkcs8.length - 10] ^= 1; // inside qInv, the last INTEGER
    assertThrows(KeyFormatException.class, () -> SigningKey.fromPkcs8(pkcs8, TestRandom.seeded(0)));
  }
}
