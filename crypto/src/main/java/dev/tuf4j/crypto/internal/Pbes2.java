package dev.tuf4j.crypto.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Passphrase encryption of a PKCS#8 private key as an {@code EncryptedPrivateKeyInfo} (RFC 5958
 * section 3) with PBES2 (RFC 8018 section 6.2): PBKDF2 with HMAC-SHA-256 and AES-256-CBC. This
 * is the form {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} and pyca/cryptography write, so the
 * files are readable by both.
 *
 * <p>Built from Bouncy Castle's lightweight primitives, so no JCA provider is involved. Reading
 * also accepts the other PBKDF2 PRFs (HMAC-SHA-1/384/512) and AES-128/192-CBC that OpenSSL may
 * have written, with bounds on the work a file can demand.
 */
public final class Pbes2 {
  /** More than any sane file asks for; bounds the CPU a crafted file can burn. */
  private static final int MAX_ITERATIONS = 10_000_000;

  private static final int SALT_LENGTH = 16;
  private static final int IV_LENGTH = 16;

  private Pbes2() {}

  /** Why a file could not be decrypted. */
  public enum Failure {
    /** The bytes are not an EncryptedPrivateKeyInfo at all. */
    MALFORMED,
    /** A well-formed file that uses an encryption tuf4j does not read. */
    UNSUPPORTED,
    /** Decryption failed: wrong passphrase, or damaged ciphertext (CBC cannot tell which). */
    DECRYPTION_FAILED
  }

  /** A failure to decrypt; its message never holds secret material. */
  public static final class DecryptException extends Exception {
    private final Failure failure;

    DecryptException(Failure failure, String message) {
      super(message);
      this.failure = failure;
    }

    public Failure failure() {
      return failure;
    }
  }

  /** The DER EncryptedPrivateKeyInfo of {@code privateKeyInfo}. */
  public static byte[] encrypt(
      byte[] privateKeyInfo, char[] passphrase, int iterations, SecureRandom random) {
    byte[] salt = new byte[SALT_LENGTH];
    byte[] iv = new byte[IV_LENGTH];
    random.nextBytes(salt);
    random.nextBytes(iv);
    AlgorithmIdentifier prf =
        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
    KeyDerivationFunc kdf =
        new KeyDerivationFunc(
            PKCSObjectIdentifiers.id_PBKDF2, new PBKDF2Params(salt, iterations, prf));
    EncryptionScheme scheme =
        new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv));
    AlgorithmIdentifier alg =
        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, new PBES2Parameters(kdf, scheme));

    KeyParameter key = deriveKey(passphrase, salt, iterations, new SHA256Digest(), 32);
    try {
      byte[] ciphertext = cbc(true, key, iv, privateKeyInfo);
      return new EncryptedPrivateKeyInfo(alg, ciphertext).getEncoded(ASN1Encoding.DER);
    } catch (InvalidCipherTextException | IOException e) {
      throw new IllegalStateException("encryption cannot fail", e);
    } finally {
      Arrays.fill(key.getKey(), (byte) 0);
    }
  }

  /** The PrivateKeyInfo DER inside {@code encryptedPrivateKeyInfo}. */
  public static byte[] decrypt(byte[] encryptedPrivateKeyInfo, char[] passphrase)
      throws DecryptException {
    EncryptedPrivateKeyInfo info;
    PBES2Parameters pbes2;
    try {
      info = EncryptedPrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(encryptedPrivateKeyInfo));
      AlgorithmIdentifier alg = info.getEncryptionAlgorithm();
      if (!PKCSObjectIdentifiers.id_PBES2.equals(alg.getAlgorithm())) {
        throw new DecryptException(
            Failure.UNSUPPORTED,
            "unsupported key encryption " + alg.getAlgorithm().getId() + " (tuf4j reads PBES2)");
      }
      pbes2 = PBES2Parameters.getInstance(alg.getParameters());
    } catch (IOException | RuntimeException e) {
      throw new DecryptException(Failure.MALFORMED, "not a PKCS#8 EncryptedPrivateKeyInfo");
    }

    KeyDerivationFunc kdf = pbes2.getKeyDerivationFunc();
    if (!PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
      throw new DecryptException(
          Failure.UNSUPPORTED,
          "unsupported key derivation " + kdf.getAlgorithm().getId() + " (tuf4j reads PBKDF2)");
    }
    EncryptionScheme scheme = pbes2.getEncryptionScheme();
    int keyLength = aesKeyLength(scheme.getAlgorithm());
    byte[] iv = ivOf(scheme.getParameters());
    PBKDF2Params params;
    int iterations;
    Digest prf;
    try {
      params = PBKDF2Params.getInstance(kdf.getParameters());
      if (params.getIterationCount().bitLength() > 31) {
        throw new DecryptException(Failure.UNSUPPORTED, "PBKDF2 iteration count too large");
      }
      iterations = params.getIterationCount().intValueExact();
      prf = prfDigest(params);
    } catch (RuntimeException e) {
      throw new DecryptException(Failure.MALFORMED, "malformed PBKDF2 parameters");
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new DecryptException(
          Failure.UNSUPPORTED, "PBKDF2 iteration count " + iterations + " out of range");
    }
    if (params.getKeyLength() != null && params.getKeyLength().intValue() != keyLength) {
      throw new DecryptException(Failure.MALFORMED, "PBKDF2 key length does not match the cipher");
    }
    byte[] salt = params.getSalt();
    if (salt.length == 0 || salt.length > 1024) {
      throw new DecryptException(Failure.MALFORMED, "PBKDF2 salt length out of range");
    }

    byte[] ciphertext = info.getEncryptedData();
    if (ciphertext.length == 0 || ciphertext.length % 16 != 0) {
      throw new DecryptException(Failure.MALFORMED, "ciphertext is not whole AES blocks");
    }

    KeyParameter key = deriveKey(passphrase, salt, iterations, prf, keyLength);
    try {
      return cbc(false, key, iv, ciphertext);
    } catch (InvalidCipherTextException | RuntimeException e) {
      throw new DecryptException(
          Failure.DECRYPTION_FAILED, "wrong passphrase or damaged key file");
    } finally {
      Arrays.fill(key.getKey(), (byte) 0);
    }
  }

  private static int aesKeyLength(ASN1ObjectIdentifier cipher) throws DecryptException {
    if (NISTObjectIdentifiers.id_aes256_CBC.equals(cipher)) {
      return 32;
    } else if (NISTObjectIdentifiers.id_aes192_CBC.equals(cipher)) {
      return 24;
    } else if (NISTObjectIdentifiers.id_aes128_CBC.equals(cipher)) {
      return 16;
    }
    throw new DecryptException(
        Failure.UNSUPPORTED, "unsupported cipher " + cipher.getId() + " (tuf4j reads AES-CBC)");
  }

  private static byte[] ivOf(ASN1Encodable parameters) throws DecryptException {
    if (parameters instanceof ASN1OctetString) {
      byte[] iv = ((ASN1OctetString) parameters).getOctets();
      if (iv.length == IV_LENGTH) {
        return iv;
      }
    }
    throw new DecryptException(Failure.MALFORMED, "AES-CBC needs a 16-byte IV");
  }

  private static Digest prfDigest(PBKDF2Params params) throws DecryptException {
    if (params.isDefaultPrf()) {
      return new SHA1Digest(); // RFC 8018 A.2: the default PRF is HMAC-SHA-1
    }
    ASN1ObjectIdentifier prf = params.getPrf().getAlgorithm();
    if (PKCSObjectIdentifiers.id_hmacWithSHA256.equals(prf)) {
      return new SHA256Digest();
    } else if (PKCSObjectIdentifiers.id_hmacWithSHA384.equals(prf)) {
      return new SHA384Digest();
    } else if (PKCSObjectIdentifiers.id_hmacWithSHA512.equals(prf)) {
      return new SHA512Digest();
    } else if (PKCSObjectIdentifiers.id_hmacWithSHA1.equals(prf)) {
      return new SHA1Digest();
    }
    throw new DecryptException(Failure.UNSUPPORTED, "unsupported PBKDF2 PRF " + prf.getId());
  }

  private static KeyParameter deriveKey(
      char[] passphrase, byte[] salt, int iterations, Digest prf, int keyLength) {
    // RFC 8018 leaves the password encoding open; OpenSSL and Python use the UTF-8 bytes.
    byte[] password = PBEParametersGenerator.PKCS5PasswordToUTF8Bytes(passphrase);
    try {
      PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(prf);
      generator.init(password, salt, iterations);
      return (KeyParameter) generator.generateDerivedParameters(keyLength * 8);
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  private static byte[] cbc(boolean encrypt, KeyParameter key, byte[] iv, byte[] input)
      throws InvalidCipherTextException {
    PaddedBufferedBlockCipher cipher =
        new PaddedBufferedBlockCipher(
            CBCBlockCipher.newInstance(AESEngine.newInstance()), new PKCS7Padding());
    cipher.init(encrypt, new ParametersWithIV(key, iv));
    byte[] out = new byte[cipher.getOutputSize(input.length)];
    int n = cipher.processBytes(input, 0, input.length, out, 0);
    n += cipher.doFinal(out, n);
    byte[] result = Arrays.copyOf(out, n);
    Arrays.fill(out, (byte) 0);
    return result;
  }
}
