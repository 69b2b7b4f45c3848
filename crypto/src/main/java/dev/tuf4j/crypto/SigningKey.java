package dev.tuf4j.crypto;

import dev.tuf4j.KeyFormatException;
import dev.tuf4j.crypto.internal.EcCurve;
import dev.tuf4j.crypto.internal.EcdsaDer;
import dev.tuf4j.crypto.internal.PrivateKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An in-memory private key. Never shows secret material ({@link #toString()} names only the
 * scheme and keyid), is not serializable, and has identity equality only.
 *
 * <p>Signatures, in the raw byte form TUF hex-encodes:
 *
 * <ul>
 *   <li>Ed25519: RFC 8032, 64 bytes, deterministic.
 *   <li>ECDSA P-256/P-384: DER, with the deterministic nonce of RFC 6979 (so a weak {@code
 *       SecureRandom} cannot leak the key through its nonces). S is not normalised to low S;
 *       every TUF verifier accepts both.
 *   <li>RSA: RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt from the key's {@code
 *       SecureRandom}: the salt length securesystemslib and go-securesystemslib sign with, and
 *       the only one every verifier accepts (go-securesystemslib verifies no other).
 * </ul>
 *
 * <p>Instances are thread-safe: each {@link #sign} uses fresh Bouncy Castle objects.
 */
public final class SigningKey implements Signer {
  /** The modulus size of RSA keys from {@link #generate}, as securesystemslib's default. */
  public static final int DEFAULT_RSA_BITS = 3072;

  private static final int RSA_PRIME_CERTAINTY = 128;
  private static final byte[] PAIRWISE_CHECK_MESSAGE =
      "tuf4j key pair consistency check".getBytes(StandardCharsets.US_ASCII);

  private final PublicKey publicKey;
  private final PrivateKeys.Parsed secret;
  private final SecureRandom random;

  private SigningKey(PublicKey publicKey, PrivateKeys.Parsed secret, SecureRandom random) {
    this.publicKey = publicKey;
    this.secret = secret;
    this.random = random;
  }

  /**
   * A new key of {@code type} from {@code random}, which RSA keys also keep for their PSS salts.
   * RSA keys have {@value #DEFAULT_RSA_BITS} bits.
   */
  public static SigningKey generate(KeyType type, SecureRandom random) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(random, "random");
    if (type == KeyType.ED25519) {
      return fromParsed(
          new PrivateKeys.Ed25519Key(new Ed25519PrivateKeyParameters(random)), random);
    } else if (type == KeyType.RSA) {
      return generateRsa(DEFAULT_RSA_BITS, random);
    }
    EcCurve curve = EcdsaPublicKey.curveOf(type.scheme());
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(curve.domain(), random));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    return fromParsed(
        new PrivateKeys.EcKey(curve, (ECPrivateKeyParameters) pair.getPrivate()), random);
  }

  /** A new RSA key with a {@code modulusBits}-bit modulus (2048 to 4096) and exponent 65537. */
  public static SigningKey generateRsa(int modulusBits, SecureRandom random) {
    Objects.requireNonNull(random, "random");
    if (modulusBits < 2048 || modulusBits > 4096) {
      throw new IllegalArgumentException(
          "RSA modulus must be 2048 to 4096 bits, got " + modulusBits);
    }
    RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
    generator.init(
        new RSAKeyGenerationParameters(
            BigInteger.valueOf(65537), random, modulusBits, RSA_PRIME_CERTAINTY));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    return fromParsed(
        new PrivateKeys.RsaKey((RSAPrivateCrtKeyParameters) pair.getPrivate()), random);
  }

  /**
   * A key from an unencrypted DER PKCS#8 {@code PrivateKeyInfo}: Ed25519, ECDSA on P-256 or
   * P-384, or RSA of 2048 to 4096 bits (signing with {@code rsassa-pss-sha256}). The key's parts
   * are checked against each other and by a test signature. {@code random} is kept for RSA-PSS
   * salts.
   *
   * @throws KeyFormatException when the bytes are not such a key; the message holds no secret
   */
  public static SigningKey fromPkcs8(byte[] privateKeyInfo, SecureRandom random)
      throws KeyFormatException {
    Objects.requireNonNull(random, "random");
    SigningKey key = fromParsed(PrivateKeys.parse(privateKeyInfo), random);
    if (!key.publicKey.verify(PAIRWISE_CHECK_MESSAGE, key.sign(PAIRWISE_CHECK_MESSAGE))) {
      throw new KeyFormatException("private key fails its consistency check");
    }
    return key;
  }

  private static SigningKey fromParsed(PrivateKeys.Parsed parsed, SecureRandom random) {
    try {
      return new SigningKey(publicKeyOf(parsed), parsed, random);
    } catch (KeyFormatException e) {
      // Only RSA public halves can be refused, and their sizes were checked before.
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static PublicKey publicKeyOf(PrivateKeys.Parsed parsed) throws KeyFormatException {
    if (parsed instanceof PrivateKeys.Ed25519Key ed) {
      return Ed25519PublicKey.fromBytes(ed.params().generatePublicKey().getEncoded());
    } else if (parsed instanceof PrivateKeys.EcKey ec) {
      Scheme scheme =
          ec.curve() == EcCurve.P384 ? Scheme.ECDSA_SHA2_NISTP384 : Scheme.ECDSA_SHA2_NISTP256;
      return EcdsaPublicKey.of(scheme, PrivateKeys.publicPoint(ec.curve(), ec.params()));
    } else {
      RSAPrivateCrtKeyParameters rsa = ((PrivateKeys.RsaKey) parsed).params();
      return RsaPssPublicKey.of(rsa.getModulus(), rsa.getPublicExponent());
    }
  }

  /** The scheme this key signs with. */
  public Scheme scheme() {
    return publicKey.scheme();
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] message) {
    Objects.requireNonNull(message, "message");
    if (secret instanceof PrivateKeys.Ed25519Key ed) {
      byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
      ed.params()
          .sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
      return signature;
    } else if (secret instanceof PrivateKeys.EcKey ec) {
      // RFC 6979 deterministic k, with the scheme's own hash as the HMAC-DRBG hash.
      ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(ec.curve().newDigest()));
      signer.init(true, ec.params());
      BigInteger[] rs = signer.generateSignature(ec.curve().hash(message));
      return EcdsaDer.encode(rs[0], rs[1]);
    } else {
      RSAPrivateCrtKeyParameters rsa = ((PrivateKeys.RsaKey) secret).params();
      PSSSigner signer =
          PSSSigner.createRawSigner(
              new RSABlindedEngine(),
              new SHA256Digest(),
              new SHA256Digest(),
              RsaPssPublicKey.HASH_SALT_LENGTH,
              PSSSigner.TRAILER_IMPLICIT);
      signer.init(true, new ParametersWithRandom(rsa, random));
      byte[] messageHash = Digester.digest(HashAlgorithm.SHA256, message);
      signer.update(messageHash, 0, messageHash.length);
      try {
        return signer.generateSignature();
      } catch (CryptoException e) {
        throw new IllegalStateException("RSA-PSS signing failed", e);
      }
    }
  }

  /** The unencrypted DER PKCS#8 form, for {@link KeyFiles} to encrypt; never leaves the package. */
  byte[] toPkcs8() {
    if (secret instanceof PrivateKeys.Ed25519Key ed) {
      return PrivateKeys.encodeEd25519(ed.params());
    } else if (secret instanceof PrivateKeys.EcKey ec) {
      return PrivateKeys.encodeEc(ec.curve(), ec.params());
    } else {
      return PrivateKeys.encodeRsa(((PrivateKeys.RsaKey) secret).params());
    }
  }

  @Override
  public String toString() {
    return "SigningKey[scheme=" + scheme().tufName() + ", keyid=" + publicKey.keyId() + "]";
  }
}
