package dev.tuf4j.testvectors;

import dev.tuf4j.KeyFormatException;
import dev.tuf4j.crypto.Scheme;
import dev.tuf4j.crypto.SigningKey;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Private keys both sides can use: made from fixed seeds with the JDK's own providers, so the
 * same run after run, and handed to tuf4j ({@link SigningKey#fromPkcs8}) and to node ({@link
 * #pem}) as the same PKCS#8 bytes.
 */
final class TestKeys {
  private TestKeys() {}

  /** One key: its scheme and unencrypted DER PKCS#8 PrivateKeyInfo. */
  record TestKey(Scheme scheme, byte[] pkcs8) {
    /** PKCS#8 PEM, as node's {@code crypto.createPrivateKey} reads it. */
    String pem() {
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
          + "\n-----END PRIVATE KEY-----\n";
    }

    /** The same key as a tuf4j signer ({@code random} only feeds RSA-PSS salts). */
    SigningKey signer(String seed) {
      try {
        return SigningKey.fromPkcs8(pkcs8, seeded(seed + "/salt"));
      } catch (KeyFormatException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** A key of {@code scheme} determined by {@code seed}. RSA keys have 2048 bits (fast to make). */
  static TestKey generate(Scheme scheme, String seed) {
    try {
      KeyPairGenerator g;
      SecureRandom random = seeded(seed);
      switch (scheme) {
        case ED25519:
          g = KeyPairGenerator.getInstance("Ed25519");
          g.initialize(255, random);
          break;
        case ECDSA_SHA2_NISTP256:
          g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec("secp256r1"), random);
          break;
        case ECDSA_SHA2_NISTP384:
          g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec("secp384r1"), random);
          break;
        case RSASSA_PSS_SHA256:
          g = KeyPairGenerator.getInstance("RSA");
          g.initialize(2048, random);
          break;
        default:
          throw new IllegalArgumentException(scheme.toString());
      }
      return new TestKey(scheme, g.generateKeyPair().getPrivate().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** A SecureRandom whose output is fixed by {@code seed} (SHA1PRNG seeded before first use). */
  static SecureRandom seeded(String seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return r;
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
