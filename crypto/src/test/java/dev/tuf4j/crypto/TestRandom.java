package dev.tuf4j.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Deterministic randomness for test data: the same seed gives the same keys every run. */
final class TestRandom {
  private TestRandom() {}

  /**
   * A SHA1PRNG seeded before first use, which makes it a deterministic generator (only in tests:
   * production code always takes the caller's SecureRandom).
   */
  static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
