package dev.tuf4j.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.jspecify.annotations.Nullable;

/**
 * Ed25519 verification (RFC 8032 section 5.1.7) that hashes the message with the JDK's SHA-512,
 * for long messages: Bouncy Castle's {@code Ed25519.verify} hashes with its own pure-Java
 * SHA-512, 2.5x slower here than the JDK's intrinsic one, and offers no way to pass a digest or
 * a precomputed hash. The curve arithmetic uses Bouncy Castle's public field arithmetic
 * ({@link X25519Field}).
 *
 * <p>It accepts a subset of what Bouncy Castle's verify accepts, never more:
 *
 * <ul>
 *   <li>the key must pass Bouncy Castle's full validation (a canonical point of prime order L;
 *       {@link Ed25519PublicKey} falls back to Bouncy Castle's verify for any other key);
 *   <li>S must be canonical (S &lt; L), as Bouncy Castle requires;
 *   <li>R must pass Bouncy Castle's public-key checks (a canonical encoding of a point of the
 *       curve, not of small order), which is stricter than its check of R;
 *   <li>the check is the cofactorless equation: the encoding of [S]B - [k]A must equal R's
 *       bytes, k = SHA-512(R || A || M) mod L. When it holds, [S]B - [k]A - R is the neutral
 *       element, and so is Bouncy Castle's [v1 S]B - [v0]A - [v1]R for any v0 = v1 k (mod L),
 *       A having order L: Bouncy Castle accepts too.
 * </ul>
 *
 * An honest signature (R = [r]B) passes both. Immutable tables only; thread-safe.
 */
final class Ed25519JdkHashVerifier {
  private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
  private static final int[] D2 = fieldOf(
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).shiftLeft(1).mod(P));
  private static final int[] D = fieldOf(
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P));
  private static final int WINDOW = 16; // 4-bit windows: multiples 0..15 of a point
  private static final Point[] BASE_TABLE = table(decodeOrThrow(baseEncoding(), false));

  private final Point[] negatedKeyTable; // [j](-A) for j in 0..15
  private final byte[] encodedKey;

  private Ed25519JdkHashVerifier(Point negatedKey, byte[] encodedKey) {
    this.negatedKeyTable = table(negatedKey);
    this.encodedKey = encodedKey;
  }

  /**
   * The verifier for a 32-byte key, or null when the key is not a canonical point of prime order
   * L (Bouncy Castle's full validation), for which only Bouncy Castle's own verify is used.
   */
  static @Nullable Ed25519JdkHashVerifier forKey(byte[] key) {
    if (key.length != 32 || !Ed25519.validatePublicKeyFull(key, 0)) {
      return null;
    }
    Point negated = decode(key, true);
    return negated == null ? null : new Ed25519JdkHashVerifier(negated, key.clone());
  }

  boolean verify(byte[] message, byte[] signature) {
    if (signature.length != 64) {
      return false;
    }
    byte[] r = Arrays.copyOfRange(signature, 0, 32);
    byte[] s = Arrays.copyOfRange(signature, 32, 64);
    if (littleEndian(s).compareTo(L) >= 0 || !Ed25519.validatePublicKeyPartial(r, 0)) {
      return false;
    }
    MessageDigest sha512;
    try {
      sha512 = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-512", e);
    }
    sha512.update(r);
    sha512.update(encodedKey);
    sha512.update(message);
    byte[] k = toLittleEndian32(littleEndian(sha512.digest()).mod(L));
    return Arrays.equals(encode(doubleScalarMultiply(s, k)), r);
  }

  /** [s]B + [k](-A), both scalars little-endian, by 4-bit windows from the top (Straus). */
  private Point doubleScalarMultiply(byte[] s, byte[] k) {
    Point acc = Point.identity();
    for (int i = 63; i >= 0; i--) {
      for (int j = 0; j < 4; j++) {
        acc = add(acc, acc);
      }
      acc = add(acc, BASE_TABLE[nibble(s, i)]);
      acc = add(acc, negatedKeyTable[nibble(k, i)]);
    }
    return acc;
  }

  private static int nibble(byte[] scalar, int i) {
    int b = scalar[i >>> 1] & 0xFF;
    return (i & 1) == 0 ? b & 0x0F : b >>> 4;
  }

  /** A point in extended coordinates: x = X/Z, y = Y/Z, x y = T/Z. Never mutated once made. */
  private record Point(int[] x, int[] y, int[] z, int[] t) {
    static Point identity() {
      int[] one = X25519Field.create();
      X25519Field.one(one);
      int[] z = X25519Field.create();
      X25519Field.one(z);
      return new Point(X25519Field.create(), one, z, X25519Field.create());
    }
  }

  /**
   * Addition on -x^2 + y^2 = 1 + d x^2 y^2 in extended coordinates (Hisil, Wong, Carter, Dawson
   * 2008, "add-2008-hwcd-3"). Complete on this curve (a = -1 is a square, d is not), so it also
   * doubles and handles the neutral element.
   */
  private static Point add(Point p, Point q) {
    int[] a = X25519Field.create();
    int[] b = X25519Field.create();
    int[] t1 = X25519Field.create();
    int[] t2 = X25519Field.create();
    sub(p.y(), p.x(), t1);
    sub(q.y(), q.x(), t2);
    X25519Field.mul(t1, t2, a);
    add(p.y(), p.x(), t1);
    add(q.y(), q.x(), t2);
    X25519Field.mul(t1, t2, b);
    int[] c = X25519Field.create();
    X25519Field.mul(p.t(), q.t(), c);
    X25519Field.mul(c, D2, c);
    int[] d = X25519Field.create();
    X25519Field.mul(p.z(), q.z(), d);
    add(d, d, d);
    int[] e = X25519Field.create();
    int[] f = X25519Field.create();
    int[] g = X25519Field.create();
    int[] h = X25519Field.create();
    sub(b, a, e);
    sub(d, c, f);
    add(d, c, g);
    add(b, a, h);
    int[] x3 = X25519Field.create();
    int[] y3 = X25519Field.create();
    int[] z3 = X25519Field.create();
    int[] t3 = X25519Field.create();
    X25519Field.mul(e, f, x3);
    X25519Field.mul(g, h, y3);
    X25519Field.mul(f, g, z3);
    X25519Field.mul(e, h, t3);
    return new Point(x3, y3, z3, t3);
  }

  private static void add(int[] x, int[] y, int[] z) {
    X25519Field.add(x, y, z);
    X25519Field.carry(z);
  }

  private static void sub(int[] x, int[] y, int[] z) {
    X25519Field.sub(x, y, z);
    X25519Field.carry(z);
  }

  private static Point[] table(Point p) {
    Point[] t = new Point[WINDOW];
    t[0] = Point.identity();
    for (int j = 1; j < WINDOW; j++) {
      t[j] = add(t[j - 1], p);
    }
    return t;
  }

  /** RFC 8032 5.1.2 encoding: y, with the low bit of x in the top bit. */
  private static byte[] encode(Point p) {
    int[] zInv = X25519Field.create();
    X25519Field.invVar(p.z(), zInv);
    int[] x = X25519Field.create();
    int[] y = X25519Field.create();
    X25519Field.mul(p.x(), zInv, x);
    X25519Field.mul(p.y(), zInv, y);
    X25519Field.normalize(x);
    X25519Field.normalize(y);
    byte[] out = new byte[32];
    X25519Field.encode(y, out, 0);
    out[31] |= (byte) ((x[0] & 1) << 7);
    return out;
  }

  /**
   * RFC 8032 5.1.3 decoding, optionally negated; null when y is not below p, no x exists, or x
   * is 0 with its sign bit set.
   */
  private static @Nullable Point decode(byte[] encoded, boolean negate) {
    byte[] yBytes = encoded.clone();
    int sign = (yBytes[31] & 0x80) >>> 7;
    yBytes[31] &= 0x7F;
    if (littleEndian(yBytes).compareTo(P) >= 0) {
      return null;
    }
    int[] y = X25519Field.create();
    X25519Field.decode255(yBytes, y);
    int[] u = X25519Field.create();
    int[] v = X25519Field.create();
    X25519Field.sqr(y, u);
    X25519Field.mul(D, u, v);
    X25519Field.subOne(u); // y^2 - 1
    X25519Field.addOne(v); // d y^2 + 1
    int[] x = X25519Field.create();
    if (!X25519Field.sqrtRatioVar(u, v, x)) {
      return null;
    }
    X25519Field.normalize(x);
    if (sign == 1 && X25519Field.isZeroVar(x)) {
      return null;
    }
    if (((x[0] & 1) != sign) ^ negate) {
      X25519Field.negate(x, x);
      X25519Field.normalize(x);
    }
    int[] z = X25519Field.create();
    X25519Field.one(z);
    int[] t = X25519Field.create();
    X25519Field.mul(x, y, t);
    return new Point(x, y, z, t);
  }

  private static Point decodeOrThrow(byte[] encoded, boolean negate) {
    Point p = decode(encoded, negate);
    if (p == null) {
      throw new IllegalStateException("not a point");
    }
    return p;
  }

  /** The base point B: y = 4/5, x even. */
  private static byte[] baseEncoding() {
    return toLittleEndian32(BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P));
  }

  private static int[] fieldOf(BigInteger value) {
    int[] f = X25519Field.create();
    X25519Field.decode255(toLittleEndian32(value), f);
    return f;
  }

  static BigInteger littleEndian(byte[] bytes) {
    byte[] be = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      be[i] = bytes[bytes.length - 1 - i];
    }
    return new BigInteger(1, be);
  }

  static byte[] toLittleEndian32(BigInteger value) {
    byte[] out = new byte[32];
    byte[] be = value.toByteArray(); // may carry a leading sign byte
    for (int i = 0; i < 32 && i < be.length; i++) {
      out[i] = be[be.length - 1 - i];
    }
    return out;
  }

  /** Encodes P1 + P2 of two encoded points, for tests that build mixed-order keys. */
  static byte[] addEncoded(byte[] p1, byte[] p2) {
    return encode(add(decodeOrThrow(p1, false), decodeOrThrow(p2, false)));
  }
}
