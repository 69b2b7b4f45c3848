package dev.tuf4j.crypto;

import dev.tuf4j.KeyFormatException;
import dev.tuf4j.crypto.internal.EcCurve;
import dev.tuf4j.crypto.internal.EcdsaDer;
import dev.tuf4j.crypto.internal.Pem;
import dev.tuf4j.crypto.internal.Spki;
import dev.tuf4j.json.JsonObject;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An ECDSA public key on NIST P-256 ({@code ecdsa-sha2-nistp256}, hashing with SHA-256) or P-384
 * ({@code ecdsa-sha2-nistp384}, SHA-384), written as a PEM SubjectPublicKeyInfo. Signatures are
 * DER {@code SEQUENCE {r, s}}.
 *
 * <p>Keytype {@code ecdsa} is current; the keytype spelled like the scheme is the older form
 * securesystemslib still accepts, and a key decoded with it keeps it in {@link #keytype()} and
 * {@link #toJson()}. Equality is on the curve and the point only, so the same key written either
 * way, or with a compressed point, counts once toward a threshold.
 *
 * <p>High-S signatures are accepted: neither the TUF spec nor securesystemslib (pyca/cryptography),
 * go-tuf or tuf-js require low S, and malleability does not matter to TUF, which never uses a
 * signature as an identifier. Non-DER encodings (BER lengths, non-minimal or negative integers,
 * trailing bytes) are rejected, as OpenSSL rejects them.
 */
public final class EcdsaPublicKey implements PublicKey {
  private final String keytype;
  private final Scheme scheme;
  private final EcCurve curve;
  private final ECPublicKeyParameters params; // decoded once; verify never re-parses the PEM
  private final byte[] uncompressedPoint;
  private final String publicValue;
  private final String keyId;

  private EcdsaPublicKey(String keytype, Scheme scheme, EcCurve curve, ECPublicKeyParameters params) {
    this.keytype = keytype;
    this.scheme = scheme;
    this.curve = curve;
    this.params = params;
    this.uncompressedPoint = params.getQ().getEncoded(false);
    this.publicValue = Pem.encode("PUBLIC KEY", Spki.encodeEc(curve, params.getQ()));
    this.keyId = KeyObjects.keyId(toJson());
  }

  /** The curve a scheme signs on; only called for the two ECDSA schemes. */
  static EcCurve curveOf(Scheme scheme) {
    return scheme == Scheme.ECDSA_SHA2_NISTP384 ? EcCurve.P384 : EcCurve.P256;
  }

  /** Decodes {@code keyval.public} for an ECDSA scheme. */
  static EcdsaPublicKey decode(String keytype, Scheme scheme, String publicValue)
      throws KeyFormatException {
    String what = scheme.tufName() + " public key";
    EcCurve curve = curveOf(scheme);
    byte[] der = Pem.decode(publicValue, "PUBLIC KEY", what);
    return new EcdsaPublicKey(keytype, scheme, curve, Spki.decodeEc(der, curve, what));
  }

  /** A new key's public half, with the current keytype {@code ecdsa}. */
  static EcdsaPublicKey of(Scheme scheme, ECPoint q) {
    EcCurve curve = curveOf(scheme);
    return new EcdsaPublicKey(
        scheme.keytype(), scheme, curve, new ECPublicKeyParameters(q.normalize(), curve.domain()));
  }

  @Override
  public String keytype() {
    return keytype;
  }

  @Override
  public Scheme scheme() {
    return scheme;
  }

  @Override
  public String publicValue() {
    return publicValue;
  }

  @Override
  public boolean verify(byte[] message, byte[] signature) {
    if (message == null || signature == null) {
      return false;
    }
    try {
      BigInteger[] rs = EcdsaDer.parse(signature, curve.orderLength());
      if (rs == null) {
        return false;
      }
      ECDSASigner verifier = new ECDSASigner();
      verifier.init(false, params);
      // verifySignature rejects r or s outside 1..n-1.
      return verifier.verifySignature(curve.hash(message), rs[0], rs[1]);
    } catch (RuntimeException e) {
      return false; // attacker-controlled input never escapes as an exception
    }
  }

  @Override
  public JsonObject toJson() {
    return KeyObjects.toJson(keytype, scheme, publicValue);
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EcdsaPublicKey other
        && curve == other.curve
        && Arrays.equals(uncompressedPoint, other.uncompressedPoint);
  }

  @Override
  public int hashCode() {
    return 31 * curve.hashCode() + Arrays.hashCode(uncompressedPoint);
  }

  @Override
  public String toString() {
    return "EcdsaPublicKey[scheme=" + scheme.tufName() + ", keyid=" + keyId + "]";
  }
}
