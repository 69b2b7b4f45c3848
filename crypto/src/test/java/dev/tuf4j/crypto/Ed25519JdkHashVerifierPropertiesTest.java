package dev.tuf4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test of {@link Ed25519JdkHashVerifier} against Bouncy Castle's own Ed25519
 * verify: for generated keys and messages, valid signatures and signatures mutated in every way
 * that matters for Ed25519 (bits of R, S and the message; non-canonical S = S + L; R of small
 * order; non-canonical encodings of R; another key), both give the same answer, and valid
 * signatures verify. Keys that are not of prime order never get the JDK-hash verifier.
 */
class Ed25519JdkHashVerifierPropertiesTest {
  private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
  private static final List<byte[]> SMALL_ORDER = smallOrderEncodings();

  private record Case(Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {}

  private static Case signed(long keySeed, long messageSeed, int messageLength) {
    Ed25519PrivateKeyParameters secret = new Ed25519PrivateKeyParameters(TestRandom.seeded(keySeed));
    byte[] message = new byte[messageLength];
    new Random(messageSeed).nextBytes(message);
    byte[] signature = new byte[64];
    secret.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
    return new Case(secret.generatePublicKey(), message, signature);
  }

  private static boolean bouncyCastle(Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {
    return key.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
  }

  private static boolean jdkHash(Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {
    Ed25519JdkHashVerifier verifier = Ed25519JdkHashVerifier.forKey(key.getEncoded());
    assertNotNull(verifier, "an honestly generated key has prime order");
    return verifier.verify(message, signature);
  }

  @Property(tries = 150)
  void validSignaturesVerify(
      @ForAll long keySeed, @ForAll long messageSeed, @ForAll @IntRange(min = 0, max = 600) int length) {
    Case c = signed(keySeed, messageSeed, length);
    assertTrue(jdkHash(c.key(), c.message(), c.signature()));
  }

  /** Every kind of mutation on every try, so that each kind is met as often as the others. */
  @Property(tries = 100)
  void mutatedSignaturesGetBouncyCastlesAnswer(
      @ForAll long keySeed,
      @ForAll long messageSeed,
      @ForAll @IntRange(min = 0, max = 300) int length,
      @ForAll @IntRange(min = 0, max = 511) int where) {
    Case c = signed(keySeed, messageSeed, length);
    for (int mutation = 0; mutation <= 9; mutation++) {
      checkMutation(keySeed, messageSeed, c, mutation, where);
    }
  }

  private static void checkMutation(long keySeed, long messageSeed, Case c, int mutation, int where) {
    byte[] sig = c.signature().clone();
    byte[] message = c.message().clone();
    Ed25519PublicKeyParameters key = c.key();
    switch (mutation) {
      case 0 -> sig[(where / 8) % 32] ^= (byte) (1 << (where % 8)); // a bit of R
      case 1 -> sig[32 + (where / 8) % 32] ^= (byte) (1 << (where % 8)); // a bit of S
      case 2 -> System.arraycopy(plusL(Arrays.copyOfRange(sig, 32, 64)), 0, sig, 32, 32); // S + L
      case 3 -> System.arraycopy(SMALL_ORDER.get(where % SMALL_ORDER.size()), 0, sig, 0, 32); // R of small order
      case 4 -> System.arraycopy(nonCanonical(where), 0, sig, 0, 32); // R with y >= p
      case 5 -> sig[31] ^= (byte) 0x80; // R's sign bit: the negated point
      case 6 -> {
        if (message.length == 0) {
          message = new byte[] {1};
        } else {
          message[where % message.length] ^= 1;
        }
      }
      case 7 -> key = signed(keySeed + 1, messageSeed, 0).key(); // another key
      case 8 -> System.arraycopy(littleEndian32(L.add(BigInteger.valueOf(where))), 0, sig, 32, 32); // S >= L
      default -> {} // unchanged
    }
    boolean expected = bouncyCastle(key, message, sig);
    assertEquals(expected, jdkHash(key, message, sig), "mutation " + mutation + " at " + where);
    if (mutation == 9) {
      assertTrue(expected);
    }
  }

  @Property(tries = 20)
  void keysWithASmallOrderComponentKeepBouncyCastlesVerify(
      @ForAll long keySeed, @ForAll @IntRange(min = 0, max = 7) int torsion) {
    byte[] honest = signed(keySeed, 0, 0).key().getEncoded();
    byte[] mixed = Ed25519JdkHashVerifier.addEncoded(honest, SMALL_ORDER.get(torsion));
    assertNotNull(Ed25519JdkHashVerifier.forKey(honest));
    if (!Arrays.equals(mixed, honest)) {
      // Accepted as a key by Bouncy Castle's partial validation, but not of prime order.
      assertTrue(Ed25519.validatePublicKeyPartial(mixed, 0));
      assertNull(Ed25519JdkHashVerifier.forKey(mixed));
    }
  }

  @Test
  void smallOrderKeysGetNoJdkHashVerifier() {
    for (byte[] point : SMALL_ORDER) {
      assertNull(Ed25519JdkHashVerifier.forKey(point), Hex.encode(point));
    }
  }

  /**
   * A signer who knows the private key can add a small-order point T to R: [S]B - [k]A then
   * equals R - T, so the cofactorless equation fails while Bouncy Castle's cofactored check
   * passes. The public key must give Bouncy Castle's verdict for long messages as for short ones.
   */
  @Property(tries = 8)
  void aSignatureWithASmallOrderPartInRGetsBouncyCastlesVerdictAtEveryLength(
      @ForAll @IntRange(min = 1, max = 7) int torsion, @ForAll boolean longMessage) throws Exception {
    byte[] seed = new byte[32];
    byte[] nonceSeed = new byte[32];
    TestRandom.seeded(torsion).nextBytes(seed);
    TestRandom.seeded(100 + torsion).nextBytes(nonceSeed);
    byte[] publicKey = new Ed25519PrivateKeyParameters(seed).generatePublicKey().getEncoded();
    byte[] message = new byte[longMessage ? Ed25519PublicKey.JDK_HASH_MIN_LENGTH + 1 : 100];
    new Random(torsion).nextBytes(message);
    // r is the secret scalar of another key, so [r]B is that key's public point.
    BigInteger r = secretScalar(nonceSeed);
    byte[] rPoint = new Ed25519PrivateKeyParameters(nonceSeed).generatePublicKey().getEncoded();
    byte[] bigR = Ed25519JdkHashVerifier.addEncoded(rPoint, SMALL_ORDER.get(torsion));
    java.security.MessageDigest sha512 = java.security.MessageDigest.getInstance("SHA-512");
    sha512.update(bigR);
    sha512.update(publicKey);
    BigInteger k = Ed25519JdkHashVerifier.littleEndian(sha512.digest(message)).mod(L);
    BigInteger s = r.add(k.multiply(secretScalar(seed))).mod(L);
    byte[] signature = new byte[64];
    System.arraycopy(bigR, 0, signature, 0, 32);
    System.arraycopy(littleEndian32(s), 0, signature, 32, 32);

    Ed25519PublicKeyParameters bcKey = new Ed25519PublicKeyParameters(publicKey, 0);
    boolean expected = bouncyCastle(bcKey, message, signature);
    assertFalse(jdkHash(bcKey, message, signature), "the cofactorless check rejects R - T != R");
    assertEquals(expected, Ed25519PublicKey.fromBytes(publicKey).verify(message, signature));
  }

  private static BigInteger secretScalar(byte[] seed) throws Exception {
    byte[] h = java.security.MessageDigest.getInstance("SHA-512").digest(seed);
    byte[] a = Arrays.copyOf(h, 32);
    a[0] &= (byte) 248;
    a[31] &= 127;
    a[31] |= 64;
    return Ed25519JdkHashVerifier.littleEndian(a);
  }

  @Test
  void longMessagesThroughThePublicKeyVerifyAsBouncyCastleDoes() throws Exception {
    Case c = signed(7, 7, Ed25519PublicKey.JDK_HASH_MIN_LENGTH + 5);
    PublicKey key = Ed25519PublicKey.fromBytes(c.key().getEncoded());
    assertTrue(key.verify(c.message(), c.signature()));
    byte[] other = c.message().clone();
    other[Ed25519PublicKey.JDK_HASH_MIN_LENGTH] ^= 1;
    assertFalse(key.verify(other, c.signature()));
    byte[] badS = c.signature().clone();
    System.arraycopy(plusL(Arrays.copyOfRange(badS, 32, 64)), 0, badS, 32, 32);
    assertFalse(bouncyCastle(c.key(), c.message(), badS));
    assertFalse(key.verify(c.message(), badS));
  }

  static List<Rfc8032Ed25519Test.Vector> vectors() throws IOException {
    return Rfc8032Ed25519Test.vectors();
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void verifiesTheRfc8032Vectors(Rfc8032Ed25519Test.Vector v) {
    Ed25519JdkHashVerifier verifier =
        Ed25519JdkHashVerifier.forKey(Hex.decode(v.publicHex()).orElseThrow());
    assertNotNull(verifier);
    assertTrue(verifier.verify(v.message(), v.signature()));
    byte[] other = Arrays.copyOf(v.message(), v.message().length + 1);
    assertFalse(verifier.verify(other, v.signature()));
  }

  // ---- test data made by code ----

  private static byte[] plusL(byte[] s) {
    return littleEndian32(Ed25519JdkHashVerifier.littleEndian(s).add(L));
  }

  private static byte[] littleEndian32(BigInteger value) {
    return Ed25519JdkHashVerifier.toLittleEndian32(value);
  }

  /** y + p for a small y (0..18), which still fits in 255 bits, with either sign bit. */
  private static byte[] nonCanonical(int where) {
    byte[] out = littleEndian32(P.add(BigInteger.valueOf(where % 19)));
    if ((where & 1) == 1) {
      out[31] |= (byte) 0x80;
    }
    return out;
  }

  /**
   * The encodings of the 8 points of order dividing 8: y = 1 (neutral), y = -1 (order 2), y = 0
   * with either x (order 4), and the 4 points P with y(2P) = 0 (order 8): from the doubling
   * formula and the curve equation, d y^4 + 2 y^2 - 1 = 0.
   */
  private static List<byte[]> smallOrderEncodings() {
    BigInteger d = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    List<BigInteger> ys = new ArrayList<>(List.of(BigInteger.ONE, P.subtract(BigInteger.ONE), BigInteger.ZERO));
    BigInteger root = sqrt(BigInteger.ONE.add(d).mod(P));
    for (BigInteger r : List.of(root, P.subtract(root))) {
      BigInteger y2 = r.subtract(BigInteger.ONE).multiply(d.modInverse(P)).mod(P);
      BigInteger y = sqrt(y2);
      if (y != null) {
        ys.add(y);
        ys.add(P.subtract(y));
      }
    }
    List<byte[]> out = new ArrayList<>();
    for (BigInteger y : ys) {
      byte[] enc = littleEndian32(y);
      out.add(enc);
      if (!y.equals(BigInteger.ONE) && !y.equals(P.subtract(BigInteger.ONE))) {
        byte[] negX = enc.clone();
        negX[31] |= (byte) 0x80;
        out.add(negX);
      }
    }
    if (out.size() != 8) {
      throw new AssertionError("expected 8 small-order points, got " + out.size());
    }
    return out;
  }

  /** A square root mod p (p = 5 mod 8), or null when there is none. */
  private static BigInteger sqrt(BigInteger a) {
    BigInteger x = a.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
    if (x.multiply(x).mod(P).equals(a.mod(P))) {
      return x;
    }
    BigInteger i = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
    x = x.multiply(i).mod(P);
    return x.multiply(x).mod(P).equals(a.mod(P)) ? x : null;
  }
}
