package dev.tuf4j.bench;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * A {@link SecureRandom} that is not secure at all: a fixed-seed stream, so that every run of a
 * benchmark generates the same keys and therefore the same metadata bytes. Only for benchmark
 * data; a real key must never come from it.
 *
 * <p>Ed25519 key generation and every other use in tuf4j draw bytes through {@link
 * #nextBytes}; Ed25519 and (RFC 6979) ECDSA signatures are deterministic, so keys and signatures
 * both repeat.
 */
final class SeededRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  // SecureRandom's own engine is never used: every way of drawing bytes ends in nextBytes.
  private final SplittableRandom stream;

  SeededRandom(long seed) {
    this.stream = new SplittableRandom(seed);
  }

  @Override
  public void nextBytes(byte[] bytes) {
    stream.nextBytes(bytes);
  }

  @Override
  public byte[] generateSeed(int numBytes) {
    byte[] seed = new byte[numBytes];
    stream.nextBytes(seed);
    return seed;
  }

  /** A uniformly chosen int in {@code [from, to)}. */
  int between(int from, int to) {
    return stream.nextInt(from, to);
  }

  /** A uniformly chosen long in {@code [from, to)}. */
  long between(long from, long to) {
    return stream.nextLong(from, to);
  }
}
