package dev.tuf4j.crypto;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Computes several hashes of one stream of bytes in one pass, e.g. the {@code sha256} and {@code
 * blake2b-256} that a target file's metadata lists (TUF spec 4.4, HASHES). Not thread-safe; one
 * per stream.
 *
 * <p>SHA-256 and SHA-512 are the JDK's (they use CPU intrinsics where present); BLAKE2b-256 is
 * Bouncy Castle's BLAKE2b with a 32-byte output and no key, i.e. Python's {@code
 * hashlib.blake2b(digest_size=32)}, which PyPI uses to name files.
 *
 * <p>Besides {@link #update}, bytes can be fed through {@link #wrap(InputStream)} (hashes what
 * is read) or {@link #asOutputStream()} (hashes what is written).
 */
public final class Digester {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final Map<HashAlgorithm, Hash> hashes;
  private boolean finished;

  private Digester(Map<HashAlgorithm, Hash> hashes) {
    this.hashes = hashes;
  }

  /** A digester of every algorithm in {@code algorithms}, which must not be empty. */
  public static Digester of(Set<HashAlgorithm> algorithms) {
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException("a Digester needs at least one hash algorithm");
    }
    Map<HashAlgorithm, Hash> hashes = new EnumMap<>(HashAlgorithm.class);
    for (HashAlgorithm a : algorithms) {
      hashes.put(a, newHash(Objects.requireNonNull(a, "algorithm")));
    }
    return new Digester(hashes);
  }

  /** The algorithms this digester computes. */
  public Set<HashAlgorithm> algorithms() {
    return Collections.unmodifiableSet(hashes.keySet());
  }

  public void update(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    checkNotFinished();
    for (Hash h : hashes.values()) {
      h.update(bytes, offset, length);
    }
  }

  public void update(byte[] bytes) {
    update(bytes, 0, bytes.length);
  }

  /**
   * The digests of everything given so far; the digester cannot be used afterwards. The map is
   * unmodifiable; its arrays are the caller's.
   */
  public Map<HashAlgorithm, byte[]> digest() {
    checkNotFinished();
    finished = true;
    Map<HashAlgorithm, byte[]> out = new EnumMap<>(HashAlgorithm.class);
    hashes.forEach((a, h) -> out.put(a, h.finish()));
    return Collections.unmodifiableMap(out);
  }

  /**
   * A stream that reads from {@code in} and feeds every byte it returns to this digester. Skipped
   * bytes are read and hashed too. Closing it closes {@code in}.
   */
  public InputStream wrap(InputStream in) {
    Objects.requireNonNull(in, "in");
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          update(new byte[] {(byte) b}, 0, 1);
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          update(buffer, offset, n);
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BUFFER_SIZE, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
          int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
          if (r < 0) {
            break;
          }
          skipped += r;
        }
        return skipped;
      }

      @Override
      public boolean markSupported() {
        return false; // re-reading would hash bytes twice
      }

      @Override
      public synchronized void mark(int readlimit) {}

      @Override
      public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported by a digesting stream");
      }
    };
  }

  /** An output stream that feeds everything written to it to this digester. */
  public OutputStream asOutputStream() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        update(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        update(bytes, offset, length);
      }
    };
  }

  /** One-shot digest of {@code bytes}. */
  public static byte[] digest(HashAlgorithm algorithm, byte[] bytes) {
    Hash h = newHash(algorithm);
    h.update(bytes, 0, bytes.length);
    return h.finish();
  }

  /** Digests of everything {@code in} holds, read to its end (not closed). */
  public static Map<HashAlgorithm, byte[]> digest(Set<HashAlgorithm> algorithms, InputStream in)
      throws IOException {
    Digester d = of(algorithms);
    byte[] buffer = new byte[BUFFER_SIZE];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      d.update(buffer, 0, n);
    }
    return d.digest();
  }

  /**
   * Equality of two digests in time that depends only on their lengths (digests are not secret,
   * but a comparison that stops early would still tell an attacker how much of a forged hash
   * matches). Different lengths are simply unequal.
   */
  public static boolean constantTimeEquals(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  private void checkNotFinished() {
    if (finished) {
      throw new IllegalStateException("digest() was already called on this Digester");
    }
  }

  private static Hash newHash(HashAlgorithm algorithm) {
    if (algorithm == HashAlgorithm.BLAKE2B_256) {
      return new Blake2b256();
    }
    String name = algorithm == HashAlgorithm.SHA256 ? "SHA-256" : "SHA-512";
    try {
      return new JdkHash(MessageDigest.getInstance(name));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has " + name, e);
    }
  }

  /** One running hash. */
  private interface Hash {
    void update(byte[] bytes, int offset, int length);

    byte[] finish();
  }

  private static final class JdkHash implements Hash {
    private final MessageDigest digest;

    JdkHash(MessageDigest digest) {
      this.digest = digest;
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
      digest.update(bytes, offset, length);
    }

    @Override
    public byte[] finish() {
      return digest.digest();
    }
  }

  private static final class Blake2b256 implements Hash {
    private final Blake2bDigest digest = new Blake2bDigest(256);

    @Override
    public void update(byte[] bytes, int offset, int length) {
      digest.update(bytes, offset, length);
    }

    @Override
    public byte[] finish() {
      byte[] out = new byte[32];
      digest.doFinal(out, 0);
      return out;
    }
  }
}
