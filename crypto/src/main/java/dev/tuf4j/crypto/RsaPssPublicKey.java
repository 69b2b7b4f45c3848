package dev.tuf4j.crypto;

import dev.tuf4j.KeyFormatException;
import dev.tuf4j.crypto.internal.Pem;
import dev.tuf4j.crypto.internal.Spki;
import dev.tuf4j.json.JsonObject;
import java.math.BigInteger;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;

/**
 * An RSA public key for {@code rsassa-pss-sha256} (keytype {@code rsa}): RSASSA-PSS (RFC 8017
 * 8.1) with SHA-256 and MGF1-SHA-256, written as a PEM SubjectPublicKeyInfo. The modulus must be
 * 2048 to 4096 bits.
 *
 * <p>The scheme name does not fix the salt length, and implementations differ:
 * securesystemslib and go-securesystemslib (go-tuf's) sign with a 32-byte salt, the hash length
 * (and go-securesystemslib verifies only that); other signers, such as OpenSSL with {@code
 * rsa_pss_saltlen:max}, use the maximum, {@code emLen - hLen - 2}. Verification accepts exactly
 * these two lengths. A signature must be exactly as long as the modulus (RFC 8017 8.1.2 step 1).
 * Equality is on the modulus and the public exponent.
 */
public final class RsaPssPublicKey implements PublicKey {
  static final String KEYTYPE = "rsa";

  /** The salt length tuf4j signs with and always accepts: the SHA-256 output length. */
  static final int HASH_SALT_LENGTH = 32;

  private final RSAKeyParameters params; // decoded once; verify never re-parses the PEM
  private final int modulusLength;
  private final int maxSaltLength;
  private final String publicValue;
  private final String keyId;

  private RsaPssPublicKey(RSAKeyParameters params) {
    this.params = params;
    int bits = params.getModulus().bitLength();
    this.modulusLength = (bits + 7) / 8;
    // RFC 8017 9.1.1: emBits = modBits - 1, emLen = ceil(emBits / 8), sLen <= emLen - hLen - 2.
    this.maxSaltLength = (bits - 1 + 7) / 8 - HASH_SALT_LENGTH - 2;
    this.publicValue =
        Pem.encode("PUBLIC KEY", Spki.encodeRsa(params.getModulus(), params.getExponent()));
    this.keyId = KeyObjects.keyId(toJson());
  }

  /** Decodes {@code keyval.public}. */
  static RsaPssPublicKey decode(String publicValue) throws KeyFormatException {
    String what = Scheme.RSASSA_PSS_SHA256.tufName() + " public key";
    byte[] der = Pem.decode(publicValue, "PUBLIC KEY", what);
    return new RsaPssPublicKey(Spki.decodeRsa(der, what));
  }

  /** The public half of a signing key. */
  static RsaPssPublicKey of(BigInteger modulus, BigInteger exponent) throws KeyFormatException {
    return new RsaPssPublicKey(Spki.rsaPublicKey(modulus, exponent, "rsa key"));
  }

  /** The modulus size in bits. */
  public int modulusBits() {
    return params.getModulus().bitLength();
  }

  @Override
  public String keytype() {
    return KEYTYPE;
  }

  @Override
  public Scheme scheme() {
    return Scheme.RSASSA_PSS_SHA256;
  }

  @Override
  public String publicValue() {
    return publicValue;
  }

  @Override
  public boolean verify(byte[] message, byte[] signature) {
    if (message == null || signature == null || signature.length != modulusLength) {
      return false;
    }
    try {
      byte[] messageHash = Digester.digest(HashAlgorithm.SHA256, message); // hashed once for both
      return verifyWithSalt(messageHash, signature, HASH_SALT_LENGTH)
          || verifyWithSalt(messageHash, signature, maxSaltLength);
    } catch (RuntimeException e) {
      return false; // attacker-controlled input never escapes as an exception
    }
  }

  private boolean verifyWithSalt(byte[] messageHash, byte[] signature, int saltLength) {
    // A "raw" signer takes the message hash as its input.
    PSSSigner verifier =
        PSSSigner.createRawSigner(
            new RSAEngine(),
            new SHA256Digest(),
            new SHA256Digest(),
            saltLength,
            PSSSigner.TRAILER_IMPLICIT);
    verifier.init(false, params);
    verifier.update(messageHash, 0, messageHash.length);
    return verifier.verifySignature(signature);
  }

  @Override
  public JsonObject toJson() {
    return KeyObjects.toJson(KEYTYPE, Scheme.RSASSA_PSS_SHA256, publicValue);
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RsaPssPublicKey other
        && params.getModulus().equals(other.params.getModulus())
        && params.getExponent().equals(other.params.getExponent());
  }

  @Override
  public int hashCode() {
    return 31 * params.getModulus().hashCode() + params.getExponent().hashCode();
  }

  @Override
  public String toString() {
    return "RsaPssPublicKey[bits=" + modulusBits() + ", keyid=" + keyId + "]";
  }
}
