package dev.tuf4j.crypto.internal;

import java.math.BigInteger;

/**
 * The DER form of an ECDSA signature, {@code SEQUENCE { r INTEGER, s INTEGER }}, as TUF (and
 * OpenSSL, Go, the JDK) write it.
 *
 * <p>Parsing is a small hand-written strict DER reader rather than a general ASN.1 parser: it
 * accepts exactly one encoding per (r, s) (definite short-form lengths, minimal positive
 * integers, nothing after the sequence), which is what OpenSSL's verifier also insists on. For
 * P-256 and P-384 a valid signature is at most 104 bytes, so every length fits the short form.
 */
public final class EcdsaDer {
  private static final int SEQUENCE = 0x30;
  private static final int INTEGER = 0x02;

  private EcdsaDer() {}

  /**
   * {@code {r, s}} from a strict DER signature, or {@code null} if {@code der} is not one whose
   * integers fit in {@code maxIntegerLength} bytes. Ranges (1..n-1) are the verifier's job.
   */
  public static BigInteger[] parse(byte[] der, int maxIntegerLength) {
    if (der.length < 8 || (der[0] & 0xFF) != SEQUENCE) {
      return null;
    }
    int seqLength = der[1] & 0xFF;
    if (seqLength >= 0x80 || seqLength != der.length - 2) {
      return null;
    }
    int[] pos = {2};
    BigInteger r = readPositiveInteger(der, pos, maxIntegerLength);
    if (r == null) {
      return null;
    }
    BigInteger s = readPositiveInteger(der, pos, maxIntegerLength);
    if (s == null || pos[0] != der.length) {
      return null;
    }
    return new BigInteger[] {r, s};
  }

  private static BigInteger readPositiveInteger(byte[] der, int[] pos, int maxIntegerLength) {
    int p = pos[0];
    if (p + 2 > der.length || (der[p] & 0xFF) != INTEGER) {
      return null;
    }
    int length = der[p + 1] & 0xFF;
    p += 2;
    // One extra byte for the 0x00 that keeps a high-bit value positive.
    if (length == 0 || length >= 0x80 || length > maxIntegerLength + 1 || p + length > der.length) {
      return null;
    }
    if ((der[p] & 0x80) != 0) {
      return null; // negative
    }
    if (der[p] == 0 && length > 1 && (der[p + 1] & 0x80) == 0) {
      return null; // not minimal: a leading zero that is not needed
    }
    byte[] magnitude = new byte[length];
    System.arraycopy(der, p, magnitude, 0, length);
    pos[0] = p + length;
    return new BigInteger(1, magnitude);
  }

  /** The DER encoding of a signature with positive {@code r} and {@code s}. */
  public static byte[] encode(BigInteger r, BigInteger s) {
    byte[] rb = r.toByteArray(); // minimal two's complement: positive values keep a 0x00 if needed
    byte[] sb = s.toByteArray();
    int bodyLength = 2 + rb.length + 2 + sb.length;
    if (bodyLength >= 0x80) {
      throw new IllegalArgumentException("signature integers too long for short-form DER");
    }
    byte[] out = new byte[2 + bodyLength];
    out[0] = SEQUENCE;
    out[1] = (byte) bodyLength;
    out[2] = INTEGER;
    out[3] = (byte) rb.length;
    System.arraycopy(rb, 0, out, 4, rb.length);
    int p = 4 + rb.length;
    out[p] = INTEGER;
    out[p + 1] = (byte) sb.length;
    System.arraycopy(sb, 0, out, p + 2, sb.length);
    return out;
  }
}
