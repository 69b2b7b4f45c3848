package dev.tuf4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.KeyFormatException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class Ed25519PublicKeyTest {
  /** The order of the Ed25519 base point, RFC 8032 section 5.1. */
  private static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  private static final byte[] MESSAGE = "signed bytes".getBytes(StandardCharsets.UTF_8);

  private final SigningKey signer = TestKeys.ED25519;
  private final PublicKey key = signer.publicKey();
  private final byte[] signature = signer.sign(MESSAGE);

  @Test
  void verifiesItsOwnSignature() {
    assertTrue(key.verify(MESSAGE, signature));
  }

  @Test
  void rejectsAFlippedBitInTheMessage() {
    assertFalse(key.verify(TestKeys.flipBit(MESSAGE, 3, 0), signature));
  }

  @Test
  void rejectsAFlippedBitInEitherHalfOfTheSignature() {
    assertFalse(key.verify(MESSAGE, TestKeys.flipBit(signature, 5, 2)), "R");
    assertFalse(key.verify(MESSAGE, TestKeys.flipBit(signature, 40, 2)), "S");
  }

  @Test
  void rejectsASignatureUnderAKeyWithAFlippedBit() throws Exception {
    byte[] raw = Hex.decode(key.publicValue()).orElseThrow();
    // Flip bits until the bytes still decode to a curve point, then the signature must fail.
    for (int i = 0; i < 32; i++) {
      byte[] flipped = TestKeys.flipBit(raw, i, 1);
      PublicKey other;
      try {
        other = TestKeys.decode("ed25519", "ed25519", Hex.encode(flipped));
      } catch (KeyFormatException notAPoint) {
        continue;
      }
      assertFalse(other.verify(MESSAGE, signature));
      return;
    }
    throw new AssertionError("no flipped key decoded");
  }

  @Test
  void rejectsTruncatedExtendedAndEmptySignatures() {
    assertFalse(key.verify(MESSAGE, Arrays.copyOf(signature, 63)));
    assertFalse(key.verify(MESSAGE, Arrays.copyOf(signature, 65)));
    assertFalse(key.verify(MESSAGE, new byte[0]));
    assertFalse(key.verify(MESSAGE, new byte[64]));
  }

  @Test
  void rejectsNonCanonicalSWithLAddedToIt() {
    // S and S + L are the same scalar mod L: a verifier that reduced S would accept this.
    byte[] sLittleEndian = Arrays.copyOfRange(signature, 32, 64);
    BigInteger s = new BigInteger(1, reverse(sLittleEndian));
    byte[] sPlusL = reverse(toFixed(s.add(L), 32));
    byte[] malleated = Arrays.copyOf(signature, 64);
    System.arraycopy(sPlusL, 0, malleated, 32, 32);
    assertNotEquals(Hex.encode(signature), Hex.encode(malleated));
    assertFalse(key.verify(MESSAGE, malleated));
  }

  @Test
  void rejectsNullInputsWithoutThrowing() {
    assertFalse(key.verify(null, signature));
    assertFalse(key.verify(MESSAGE, null));
  }

  @Test
  void decodesUpperCaseHexToTheSameKey() throws Exception {
    PublicKey upper =
        TestKeys.decode("ed25519", "ed25519", key.publicValue().toUpperCase(Locale.ROOT));
    assertEquals(key, upper);
    assertEquals(key.publicValue(), upper.publicValue(), "written back in lower case");
    assertTrue(upper.verify(MESSAGE, signature));
  }

  @Test
  void rejectsHexOfTheWrongLength() {
    String hex = key.publicValue();
    KeyFormatException e =
        assertThrows(
            KeyFormatException.class, () -> TestKeys.decode("ed25519", "ed25519", hex + "00"));
    assertTrue(e.getMessage().contains("66 characters"), e.getMessage());
    assertThrows(
        KeyFormatException.class,
        () -> TestKeys.decode("ed25519", "ed25519", hex.substring(2)));
    assertThrows(KeyFormatException.class, () -> TestKeys.decode("ed25519", "ed25519", ""));
  }

  @Test
  void rejectsMalformedHex() {
    String hex = key.publicValue();
    assertThrows(
        KeyFormatException.class,
        () -> TestKeys.decode("ed25519", "ed25519", "zz" + hex.substring(2)));
    assertThrows(
        KeyFormatException.class,
        () -> TestKeys.decode("ed25519", "ed25519", " " + hex.substring(1)));
  }

  @Test
  void rejectsBytesThatAreNotACurvePoint() {
    // y = 2 is not the y-coordinate of any point of edwards25519 (x^2 has no square root).
    byte[] raw = new byte[32];
    raw[0] = 2;
    KeyFormatException e =
        assertThrows(
            KeyFormatException.class,
            () -> TestKeys.decode("ed25519", "ed25519", Hex.encode(raw)));
    assertTrue(e.getMessage().contains("not a point"), e.getMessage());
  }

  @Test
  void equalsTheSameBytesAndNothingElse() throws Exception {
    PublicKey same = TestKeys.decode("ed25519", "ed25519", key.publicValue());
    assertEquals(key, same);
    assertEquals(key.hashCode(), same.hashCode());
    assertNotEquals(key, SigningKey.generate(KeyType.ED25519, TestRandom.seeded(99)).publicKey());
  }

  @Test
  void writesTheTufKeyObject() {
    assertEquals(
        "{\"keytype\":\"ed25519\",\"keyval\":{\"public\":\""
            + key.publicValue()
            + "\"},\"scheme\":\"ed25519\"}",
        key.toJson().toString());
    assertEquals("ed25519", key.keytype());
    assertEquals(Scheme.ED25519, key.scheme());
  }

  @Test
  void toStringNamesTheKeyid() {
    assertEquals("Ed25519PublicKey[keyid=" + key.keyId() + "]", key.toString());
  }

  private static byte[] reverse(byte[] b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[b.length - 1 - i];
    }
    return out;
  }

  private static byte[] toFixed(BigInteger v, int length) {
    byte[] be = v.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(be.length, length);
    System.arraycopy(be, be.length - copy, out, length - copy, copy);
    return out;
  }
}
