package dev.tuf4j.crypto.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;

/**
 * The two NIST curves TUF's ECDSA schemes use, each with the hash its scheme names.
 *
 * <p>Bouncy Castle's "custom" curve implementations are used: they have field arithmetic
 * specialised for these primes and are several times faster than the generic ones.
 */
public enum EcCurve {
  P256("P-256", SECObjectIdentifiers.secp256r1),
  P384("P-384", SECObjectIdentifiers.secp384r1);

  private final String displayName;
  private final ASN1ObjectIdentifier oid;
  private final ECNamedDomainParameters domain;

  EcCurve(String displayName, ASN1ObjectIdentifier oid) {
    this.displayName = displayName;
    this.oid = oid;
    this.domain = new ECNamedDomainParameters(oid, CustomNamedCurves.getByOID(oid));
  }

  public String displayName() {
    return displayName;
  }

  public ASN1ObjectIdentifier oid() {
    return oid;
  }

  public ECNamedDomainParameters domain() {
    return domain;
  }

  /** Byte length of the group order (and so of r and s in a signature). */
  public int orderLength() {
    return (domain.getN().bitLength() + 7) / 8;
  }

  /**
   * The hash of {@code message} this curve's TUF scheme signs. The JDK's SHA-2 (with CPU
   * intrinsics) is several times faster than a pure-Java one on megabyte-sized metadata.
   */
  public byte[] hash(byte[] message) {
    try {
      return MessageDigest.getInstance(this == P256 ? "SHA-256" : "SHA-384").digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256 and SHA-384", e);
    }
  }

  /** A new Bouncy Castle digest of the same hash, for RFC 6979 nonces. */
  public Digest newDigest() {
    return this == P256 ? new SHA256Digest() : new SHA384Digest();
  }

  /** The curve with this named-curve OID, or {@code null}. */
  public static EcCurve byOid(ASN1ObjectIdentifier oid) {
    for (EcCurve c : values()) {
      if (c.oid.equals(oid)) {
        return c;
      }
    }
    return null;
  }
}
