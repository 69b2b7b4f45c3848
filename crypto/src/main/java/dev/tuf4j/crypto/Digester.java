package dev.tuf4j.crypto;

import java.util.Map;
import java.util.Set;

/**
 * Computes several hashes of one stream of bytes in one pass. Not thread-safe; one per stream.
 *
 * <p>SKELETON: the crypto work implements it (and may add stream adapters).
 */
public final class Digester {
  private Digester() {}

  public static Digester of(Set<HashAlgorithm> algorithms) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public void update(byte[] bytes, int offset, int length) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public void update(byte[] bytes) {
    update(bytes, 0, bytes.length);
  }

  /** The digests of everything given so far; the digester cannot be used afterwards. */
  public Map<HashAlgorithm, byte[]> digest() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** One-shot digest of {@code bytes}. */
  public static byte[] digest(HashAlgorithm algorithm, byte[] bytes) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Equality of two digests in time that depends only on their lengths. */
  public static boolean constantTimeEquals(byte[] a, byte[] b) {
    return java.security.MessageDigest.isEqual(a, b);
  }
}
