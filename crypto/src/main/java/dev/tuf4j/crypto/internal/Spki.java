package dev.tuf4j.crypto.internal;

import dev.tuf4j.KeyFormatException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * X.509 SubjectPublicKeyInfo (RFC 5280 4.1.2.7) for the PEM public keys of TUF's ECDSA and RSA
 * schemes: strict DER in, canonical DER out (named curve, uncompressed point; rsaEncryption with
 * NULL parameters), which is what OpenSSL and so securesystemslib write.
 */
public final class Spki {
  /** The RSA modulus sizes TUF's rsassa-pss-sha256 keys may have, in bits. */
  public static final int RSA_MIN_BITS = 2048;

  public static final int RSA_MAX_BITS = 4096;

  private Spki() {}

  /** Parses strict DER, rejecting BER forms and trailing bytes. */
  static SubjectPublicKeyInfo parse(byte[] der, String what) throws KeyFormatException {
    SubjectPublicKeyInfo info;
    try {
      info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException(what + " is not a DER SubjectPublicKeyInfo");
    }
    if (info == null || !Arrays.equals(encode(info), der)) {
      throw new KeyFormatException(what + " is not a DER SubjectPublicKeyInfo");
    }
    return info;
  }

  /**
   * The point of an ECDSA public key on {@code curve}.
   *
   * @throws KeyFormatException when the key is not an EC key, names another curve or explicit
   *     curve parameters, or its point is not a valid point of the curve
   */
  public static ECPublicKeyParameters decodeEc(byte[] der, EcCurve curve, String what)
      throws KeyFormatException {
    SubjectPublicKeyInfo info = parse(der, what);
    AlgorithmIdentifier alg = info.getAlgorithm();
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(alg.getAlgorithm())) {
      throw new KeyFormatException(
          what + " is not an EC key (algorithm " + alg.getAlgorithm().getId() + ")");
    }
    ASN1Encodable params = alg.getParameters();
    if (!(params instanceof ASN1ObjectIdentifier)) {
      throw new KeyFormatException(what + " does not name its curve (explicit parameters)");
    }
    ASN1ObjectIdentifier curveOid = (ASN1ObjectIdentifier) params;
    if (!curve.oid().equals(curveOid)) {
      EcCurve other = EcCurve.byOid(curveOid);
      String name = other == null ? curveOid.getId() : other.displayName();
      throw new KeyFormatException(
          what + " is on curve " + name + ", but its scheme needs " + curve.displayName());
    }
    byte[] encodedPoint;
    try {
      encodedPoint = info.getPublicKeyData().getOctets();
    } catch (RuntimeException e) {
      throw new KeyFormatException(what + " has a malformed point");
    }
    // Uncompressed (0x04) or compressed (0x02/0x03) only; never infinity or the hybrid form.
    int expected = 1 + curve.orderLength();
    boolean compressed =
        encodedPoint.length == expected && (encodedPoint[0] == 0x02 || encodedPoint[0] == 0x03);
    boolean uncompressed = encodedPoint.length == 2 * expected - 1 && encodedPoint[0] == 0x04;
    if (!compressed && !uncompressed) {
      throw new KeyFormatException(what + " has a malformed point encoding");
    }
    try {
      // decodePoint checks the coordinates are in range and the point is on the curve; the
      // parameters' constructor rejects infinity and points outside the prime-order group.
      ECPoint q = curve.domain().getCurve().decodePoint(encodedPoint).normalize();
      return new ECPublicKeyParameters(q, curve.domain());
    } catch (RuntimeException e) {
      throw new KeyFormatException(what + " has a point that is not on curve " + curve.displayName());
    }
  }

  /**
   * The modulus and public exponent of an RSA public key.
   *
   * @throws KeyFormatException when the key is not an rsaEncryption key, its modulus is not
   *     {@value #RSA_MIN_BITS}..{@value #RSA_MAX_BITS} bits, or it is otherwise unusable
   */
  public static RSAKeyParameters decodeRsa(byte[] der, String what) throws KeyFormatException {
    SubjectPublicKeyInfo info = parse(der, what);
    AlgorithmIdentifier alg = info.getAlgorithm();
    if (!PKCSObjectIdentifiers.rsaEncryption.equals(alg.getAlgorithm())) {
      throw new KeyFormatException(
          what + " is not an RSA key (algorithm " + alg.getAlgorithm().getId() + ")");
    }
    ASN1Encodable params = alg.getParameters();
    if (params != null && !DERNull.INSTANCE.equals(params)) {
      throw new KeyFormatException(what + " has unexpected rsaEncryption parameters");
    }
    RSAPublicKey rsa;
    try {
      rsa = RSAPublicKey.getInstance(info.parsePublicKey());
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException(what + " has a malformed RSA public key");
    }
    return rsaPublicKey(rsa.getModulus(), rsa.getPublicExponent(), what);
  }

  /** Checks an RSA public key's numbers and wraps them. */
  public static RSAKeyParameters rsaPublicKey(BigInteger n, BigInteger e, String what)
      throws KeyFormatException {
    int bits = n.bitLength();
    if (n.signum() <= 0 || bits < RSA_MIN_BITS || bits > RSA_MAX_BITS) {
      throw new KeyFormatException(
          what
              + " has a "
              + bits
              + "-bit modulus; rsassa-pss-sha256 keys must have "
              + RSA_MIN_BITS
              + " to "
              + RSA_MAX_BITS
              + " bits");
    }
    if (!e.testBit(0) || e.compareTo(BigInteger.ONE) <= 0 || e.compareTo(n) >= 0) {
      throw new KeyFormatException(what + " has an invalid public exponent");
    }
    try {
      // Bouncy Castle rejects even moduli and ones with small factors.
      return new RSAKeyParameters(false, n, e);
    } catch (RuntimeException ex) {
      throw new KeyFormatException(what + " has an invalid modulus");
    }
  }

  /** Canonical SPKI DER of an ECDSA key: named curve, uncompressed point. */
  public static byte[] encodeEc(EcCurve curve, ECPoint q) {
    AlgorithmIdentifier alg = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve.oid());
    return encode(new SubjectPublicKeyInfo(alg, q.getEncoded(false)));
  }

  /** Canonical SPKI DER of an RSA key: rsaEncryption with NULL parameters. */
  public static byte[] encodeRsa(BigInteger n, BigInteger e) {
    AlgorithmIdentifier alg =
        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);
    try {
      return encode(new SubjectPublicKeyInfo(alg, new RSAPublicKey(n, e)));
    } catch (IOException ex) {
      throw new IllegalStateException("cannot encode an RSA public key", ex);
    }
  }

  private static byte[] encode(SubjectPublicKeyInfo info) {
    try {
      return info.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("cannot DER-encode a SubjectPublicKeyInfo", e);
    }
  }
}
