package dev.tuf4j.crypto;

import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Key files for the repo and project command tests, in exactly the format {@code tuf4j key
 * generate} writes (FILE and FILE.pub.json), but with 1,000 PBKDF2 iterations instead of
 * 600,000: readers take the count from the file, so every command reads them as usual, only
 * fast. Lives in this package for the test-only {@link KeyFiles} constructor. Keys come from a
 * seeded generator, so every run uses the same keys.
 */
public final class RepoTestKeys {
  private RepoTestKeys() {}

  /** Writes an Ed25519 key pair to {@code file} and {@code file.pub.json}; returns its keyid. */
  public static String write(Path file, String passphrase, long seed) throws Exception {
    SecureRandom random = seeded(seed);
    SigningKey key = SigningKey.generate(KeyType.ED25519, random);
    KeyFiles files = new KeyFiles(random, 1000);
    files.writePrivateKey(file, key, passphrase.toCharArray());
    files.writePublicKey(file.resolveSibling(file.getFileName() + ".pub.json"), key.publicKey());
    return key.publicKey().keyId();
  }

  private static SecureRandom seeded(long seed) throws NoSuchAlgorithmException {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(seed); // before the first use: the stream depends on the seed only
    return r;
  }
}
