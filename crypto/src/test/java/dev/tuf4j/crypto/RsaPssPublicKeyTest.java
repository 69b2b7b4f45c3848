package dev.tuf4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.KeyFormatException;
import dev.tuf4j.crypto.internal.Spki;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RsaPssPublicKeyTest {
  private static final byte[] MESSAGE = "signed bytes".getBytes(StandardCharsets.UTF_8);
  private static final String SCHEME = "rsassa-pss-sha256";

  private final SigningKey signer = TestKeys.RSA;
  private final PublicKey key = signer.publicKey();

  /** A JDK RSASSA-PSS signature with SHA-256, MGF1-SHA-256 and the given salt length. */
  private byte[] jdkSignature(int saltLength) throws Exception {
    PrivateKey jdk =
        KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(signer.toPkcs8()));
    Signature s = Signature.getInstance("RSASSA-PSS");
    s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, saltLength, 1));
    s.initSign(jdk, TestRandom.seeded(6));
    s.update(MESSAGE);
    return s.sign();
  }

  @Test
  void verifiesItsOwnSignature() {
    assertTrue(key.verify(MESSAGE, signer.sign(MESSAGE)));
  }

  @Test
  void verifiesSaltLength32() throws Exception {
    assertTrue(key.verify(MESSAGE, jdkSignature(32)));
  }

  @Test
  void verifiesTheMaximumSaltLength() throws Exception {
    assertTrue(key.verify(MESSAGE, jdkSignature(256 - 32 - 2)));
  }

  @Test
  void rejectsOtherSaltLengths() throws Exception {
    // Documented: only the two lengths TUF implementations use.
    assertFalse(key.verify(MESSAGE, jdkSignature(20)));
    assertFalse(key.verify(MESSAGE, jdkSignature(64)));
  }

  @Test
  void rejectsAFlippedBitInTheMessageOrSignature() {
    byte[] sig = signer.sign(MESSAGE);
    assertFalse(key.verify(TestKeys.flipBit(MESSAGE, 2, 5), sig));
    assertFalse(key.verify(MESSAGE, TestKeys.flipBit(sig, 100, 3)));
    assertFalse(key.verify(MESSAGE, TestKeys.flipBit(sig, 255, 0)));
  }

  @Test
  void rejectsSignaturesOfTheWrongLength() {
    byte[] sig = signer.sign(MESSAGE);
    assertFalse(key.verify(MESSAGE, Arrays.copyOf(sig, 255)));
    assertFalse(key.verify(MESSAGE, Arrays.copyOf(sig, 257)));
    assertFalse(key.verify(MESSAGE, new byte[0]));
    // A leading zero byte removed: the same integer, but not k bytes (RFC 8017 8.1.2 step 1).
    byte[] prefixed = new byte[257];
    System.arraycopy(sig, 0, prefixed, 1, 256);
    assertFalse(key.verify(MESSAGE, prefixed));
  }

  @Test
  void rejectsSignatureValuesNotBelowTheModulus() {
    byte[] allOnes = new byte[256];
    Arrays.fill(allOnes, (byte) 0xFF);
    assertFalse(key.verify(MESSAGE, allOnes));
    byte[] modulus = fixed(modulus(key), 256);
    assertFalse(key.verify(MESSAGE, modulus));
  }

  @Test
  void writesTheJdksPem() throws Exception {
    java.security.PublicKey jdk =
        KeyFactory.getInstance("RSA")
            .generatePublic(new java.security.spec.X509EncodedKeySpec(JdkPem.der(key.publicValue())));
    assertEquals(JdkPem.publicKey(jdk), key.publicValue());
    assertEquals(key, TestKeys.decode("rsa", SCHEME, JdkPem.publicKey(jdk)));
  }

  @Test
  void rejectsModuliOutside2048To4096Bits() {
    Random random = new Random(8);
    for (int bits : new int[] {1024, 2047, 4097, 8192}) {
      BigInteger n = new BigInteger(bits, random).setBit(bits - 1).setBit(0);
      String pem = JdkPem.pem("PUBLIC KEY", Spki.encodeRsa(n, BigInteger.valueOf(65537)));
      KeyFormatException e =
          assertThrows(KeyFormatException.class, () -> TestKeys.decode("rsa", SCHEME, pem));
      assertTrue(e.getMessage().contains(bits + "-bit"), e.getMessage());
    }
  }

  @Test
  void rejectsAnEvenModulusOrExponent() {
    BigInteger n = modulus(key);
    String evenModulus =
        JdkPem.pem("PUBLIC KEY", Spki.encodeRsa(n.clearBit(0), BigInteger.valueOf(65537)));
    assertThrows(KeyFormatException.class, () -> TestKeys.decode("rsa", SCHEME, evenModulus));
    String evenExponent = JdkPem.pem("PUBLIC KEY", Spki.encodeRsa(n, BigInteger.valueOf(65536)));
    assertThrows(KeyFormatException.class, () -> TestKeys.decode("rsa", SCHEME, evenExponent));
  }

  @Test
  void rejectsAnEcKey() {
    assertThrows(
        KeyFormatException.class,
        () -> TestKeys.decode("rsa", SCHEME, TestKeys.P256.publicKey().publicValue()));
  }

  @Test
  void rejectsMalformedPem() {
    String pem = key.publicValue();
    for (String text :
        new String[] {
          "", pem.replace("-----BEGIN PUBLIC KEY-----", ""), pem.substring(0, pem.length() - 30),
          pem.replace("PUBLIC KEY", "RSA PUBLIC KEY"), pem.substring(0, 60) + "%" + pem.substring(61)
        }) {
      assertThrows(KeyFormatException.class, () -> TestKeys.decode("rsa", SCHEME, text), text);
    }
  }

  @Test
  void rejectsASignatureUnderAModulusWithAFlippedBit() throws Exception {
    // Most flipped moduli have a small factor and are refused at decoding; find one that is not.
    for (int bit = 1; bit < 2047; bit++) {
      BigInteger n = modulus(key).flipBit(bit);
      PublicKey other;
      try {
        other =
            TestKeys.decode(
                "rsa", SCHEME, JdkPem.pem("PUBLIC KEY", Spki.encodeRsa(n, BigInteger.valueOf(65537))));
      } catch (KeyFormatException refused) {
        continue;
      }
      assertFalse(other.verify(MESSAGE, signer.sign(MESSAGE)));
      return;
    }
    throw new AssertionError("no flipped modulus decoded");
  }

  @Test
  void equalsTheSameModulusAndExponent() throws Exception {
    PublicKey same = TestKeys.decode("rsa", SCHEME, key.publicValue());
    assertEquals(key, same);
    assertEquals(key.hashCode(), same.hashCode());
    assertEquals(2048, ((RsaPssPublicKey) key).modulusBits());
  }

  private static BigInteger modulus(PublicKey key) {
    try {
      java.security.interfaces.RSAPublicKey jdk =
          (java.security.interfaces.RSAPublicKey)
              KeyFactory.getInstance("RSA")
                  .generatePublic(
                      new java.security.spec.X509EncodedKeySpec(JdkPem.der(key.publicValue())));
      return jdk.getModulus();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] fixed(BigInteger v, int length) {
    byte[] be = v.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(be.length, length);
    System.arraycopy(be, be.length - copy, out, length - copy, copy);
    return out;
  }
}
