package dev.tuf4j.metadata;

import dev.tuf4j.LengthOrHashMismatchException;
import dev.tuf4j.crypto.Digester;
import java.util.Map;

/**
 * Checks content that arrives in pieces against the length and every hash a {@link TargetFile}
 * lists (spec 5.7.3). Feed it with {@link #update}, then call {@link #finish}. Not thread-safe.
 */
public final class ContentCheck {
  private final String what;
  private final long length;
  private final Map<String, String> hashes;
  private final Digester digester;
  private long seen;

  ContentCheck(String what, long length, Map<String, String> hashes, Digester digester) {
    this.what = what;
    this.length = length;
    this.hashes = hashes;
    this.digester = digester;
  }

  /** Adds bytes; fails as soon as there are more than the listed length. */
  public void update(byte[] bytes, int offset, int count) throws LengthOrHashMismatchException {
    seen += count;
    if (seen > length) {
      throw new LengthOrHashMismatchException(what, "length", Long.toString(length), "more than " + length);
    }
    digester.update(bytes, offset, count);
  }

  /** Checks the total length and every hash. */
  public void finish() throws LengthOrHashMismatchException {
    Hashes.finish(what, length, seen, hashes, digester);
  }
}
