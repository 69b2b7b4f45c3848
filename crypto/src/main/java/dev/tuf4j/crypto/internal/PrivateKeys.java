package dev.tuf4j.crypto.internal;

import dev.tuf4j.KeyFormatException;
import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.Arrays;

/**
 * Unencrypted PKCS#8 {@code PrivateKeyInfo} (RFC 5958) for the three key kinds, in the forms
 * OpenSSL uses: RFC 8410 for Ed25519, RFC 5915 ECPrivateKey under a named curve for ECDSA, and
 * RFC 8017 RSAPrivateKey for RSA.
 *
 * <p>Writing includes the public key (Ed25519 in the RFC 5958 v2 field, ECDSA inside
 * ECPrivateKey), and reading checks every redundant part against the rest, so that a damaged
 * file fails instead of yielding a different, wrong key.
 */
public final class PrivateKeys {
  private PrivateKeys() {}

  /** A parsed private key. The records never print their content. */
  public sealed interface Parsed permits Ed25519Key, EcKey, RsaKey {}

  public record Ed25519Key(Ed25519PrivateKeyParameters params) implements Parsed {
    @Override
    public String toString() {
      return "Ed25519Key[secret]";
    }
  }

  public record EcKey(EcCurve curve, ECPrivateKeyParameters params) implements Parsed {
    @Override
    public String toString() {
      return "EcKey[" + curve.displayName() + ", secret]";
    }
  }

  public record RsaKey(RSAPrivateCrtKeyParameters params) implements Parsed {
    @Override
    public String toString() {
      return "RsaKey[secret]";
    }
  }

  /**
   * Parses a DER PrivateKeyInfo.
   *
   * @throws KeyFormatException when it is malformed, inconsistent, or of an unsupported kind
   */
  public static Parsed parse(byte[] der) throws KeyFormatException {
    PrivateKeyInfo info;
    ASN1ObjectIdentifier algorithm;
    try {
      info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
      algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException("not a DER PKCS#8 PrivateKeyInfo");
    }
    try {
      if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
        return parseEd25519(info);
      } else if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
        return parseEc(info);
      } else if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
        return parseRsa(info);
      }
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException("malformed private key in PKCS#8 PrivateKeyInfo");
    }
    throw new KeyFormatException(
        "unsupported private key algorithm "
            + algorithm.getId()
            + " (tuf4j reads Ed25519, ECDSA P-256/P-384 and RSA keys)");
  }

  private static Parsed parseEd25519(PrivateKeyInfo info) throws IOException, KeyFormatException {
    if (info.getPrivateKeyAlgorithm().getParameters() != null) {
      throw new KeyFormatException("Ed25519 private key has algorithm parameters");
    }
    byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
    if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw new KeyFormatException("Ed25519 private key must be 32 bytes");
    }
    Ed25519PrivateKeyParameters params = new Ed25519PrivateKeyParameters(seed);
    Arrays.fill(seed, (byte) 0);
    if (info.hasPublicKey()
        && !Arrays.constantTimeAreEqual(
            info.getPublicKeyData().getOctets(), params.generatePublicKey().getEncoded())) {
      throw new KeyFormatException("Ed25519 public key does not match the private key");
    }
    return new Ed25519Key(params);
  }

  private static Parsed parseEc(PrivateKeyInfo info) throws IOException, KeyFormatException {
    ASN1Encodable curveParams = info.getPrivateKeyAlgorithm().getParameters();
    EcCurve curve =
        curveParams instanceof ASN1ObjectIdentifier
            ? EcCurve.byOid((ASN1ObjectIdentifier) curveParams)
            : null;
    if (curve == null) {
      throw new KeyFormatException("unsupported EC curve (tuf4j reads P-256 and P-384 keys)");
    }
    ECPrivateKey ec = ECPrivateKey.getInstance(info.parsePrivateKey());
    if (ec.getParametersObject() != null && !curve.oid().equals(ec.getParametersObject())) {
      throw new KeyFormatException("EC private key names two different curves");
    }
    BigInteger d = ec.getKey();
    BigInteger n = curve.domain().getN();
    if (d.signum() <= 0 || d.compareTo(n) >= 0) {
      throw new KeyFormatException("EC private key is out of range");
    }
    ECPrivateKeyParameters params = new ECPrivateKeyParameters(d, curve.domain());
    if (ec.getPublicKey() != null) {
      ECPoint stored = curve.domain().getCurve().decodePoint(ec.getPublicKey().getOctets());
      if (!stored.equals(publicPoint(curve, params))) {
        throw new KeyFormatException("EC public key does not match the private key");
      }
    }
    return new EcKey(curve, params);
  }

  private static Parsed parseRsa(PrivateKeyInfo info) throws IOException, KeyFormatException {
    RSAPrivateKey rsa = RSAPrivateKey.getInstance(info.parsePrivateKey());
    if (rsa.getVersion().signum() != 0) {
      throw new KeyFormatException("multi-prime RSA keys are not supported");
    }
    BigInteger n = rsa.getModulus();
    BigInteger e = rsa.getPublicExponent();
    BigInteger d = rsa.getPrivateExponent();
    BigInteger p = rsa.getPrime1();
    BigInteger q = rsa.getPrime2();
    BigInteger dp = rsa.getExponent1();
    BigInteger dq = rsa.getExponent2();
    BigInteger qInv = rsa.getCoefficient();
    Spki.rsaPublicKey(n, e, "RSA private key"); // size and exponent rules of the public half
    BigInteger pm1 = p.subtract(BigInteger.ONE);
    BigInteger qm1 = q.subtract(BigInteger.ONE);
    // Every CRT part must agree with the others (RFC 8017 3.2), which catches damaged bytes.
    boolean consistent =
        p.signum() > 0
            && q.signum() > 0
            && p.multiply(q).equals(n)
            && d.signum() > 0
            && dp.equals(d.mod(pm1))
            && dq.equals(d.mod(qm1))
            && e.multiply(dp).mod(pm1).equals(BigInteger.ONE)
            && e.multiply(dq).mod(qm1).equals(BigInteger.ONE)
            && q.multiply(qInv).mod(p).equals(BigInteger.ONE);
    if (!consistent) {
      throw new KeyFormatException("RSA private key parts are inconsistent");
    }
    return new RsaKey(new RSAPrivateCrtKeyParameters(n, e, d, p, q, dp, dq, qInv));
  }

  /** The public point of an EC private key. */
  public static ECPoint publicPoint(EcCurve curve, ECPrivateKeyParameters params) {
    return new FixedPointCombMultiplier()
        .multiply(curve.domain().getG(), params.getD())
        .normalize();
  }

  /** DER PrivateKeyInfo of an Ed25519 key, with its public key (RFC 8410 section 7). */
  public static byte[] encodeEd25519(Ed25519PrivateKeyParameters params) {
    try {
      PrivateKeyInfo info =
          new PrivateKeyInfo(
              new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
              new DEROctetString(params.getEncoded()),
              null,
              params.generatePublicKey().getEncoded());
      return info.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an Ed25519 private key", e);
    }
  }

  /** DER PrivateKeyInfo of an EC key under its named curve, with its public key. */
  public static byte[] encodeEc(EcCurve curve, ECPrivateKeyParameters params) {
    try {
      ECPrivateKey ec =
          new ECPrivateKey(
              curve.domain().getN().bitLength(),
              params.getD(),
              new DERBitString(publicPoint(curve, params).getEncoded(false)),
              null);
      PrivateKeyInfo info =
          new PrivateKeyInfo(
              new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve.oid()), ec);
      return info.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an EC private key", e);
    }
  }

  /** DER PrivateKeyInfo of an RSA key. */
  public static byte[] encodeRsa(RSAPrivateCrtKeyParameters k) {
    try {
      RSAPrivateKey rsa =
          new RSAPrivateKey(
              k.getModulus(),
              k.getPublicExponent(),
              k.getExponent(),
              k.getP(),
              k.getQ(),
              k.getDP(),
              k.getDQ(),
              k.getQInv());
      PrivateKeyInfo info =
          new PrivateKeyInfo(
              new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), rsa);
      return info.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an RSA private key", e);
    }
  }
}
