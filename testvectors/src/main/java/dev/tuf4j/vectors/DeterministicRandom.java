package dev.tuf4j.vectors;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * A {@link SecureRandom} whose output is fixed by a seed string: block {@code i} is SHA-256 of
 * the seed's UTF-8 bytes followed by {@code i} as 8 big-endian bytes (a hash counter DRBG). The
 * vector generator makes every key, and every RSA-PSS salt, from one of these, so the suite comes
 * out byte for byte the same on every run. Not for anything secret: the seeds are public.
 */
final class DeterministicRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  DeterministicRandom(String seed) {
    super(new CounterSpi(seed.getBytes(StandardCharsets.UTF_8)), null);
  }

  private static final class CounterSpi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;
    private long counter;
    private final byte[] block = new byte[32];
    private int used = block.length;

    CounterSpi(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    protected void engineSetSeed(byte[] ignored) {
      // Fixed output is the point: extra seed material is ignored.
    }

    @Override
    protected synchronized void engineNextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        if (used == block.length) {
          refill();
        }
        bytes[i] = block[used++];
      }
    }

    private void refill() {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(seed);
        sha.update(ByteBuffer.allocate(8).putLong(counter++).array());
        System.arraycopy(sha.digest(), 0, block, 0, block.length);
        used = 0;
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      byte[] out = new byte[numBytes];
      engineNextBytes(out);
      return out;
    }
  }
}
