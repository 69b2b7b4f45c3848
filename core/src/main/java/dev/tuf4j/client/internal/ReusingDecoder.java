package dev.tuf4j.client.internal;

import dev.tuf4j.LengthOrHashMismatchException;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.metadata.MetaFile;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Signed;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link TrustedMetadataSet.MetadataDecoder} that reuses work on bytes seen before under the
 * same role: their parse, and their pass of the same length and hash listing. An updater keeps
 * one across refreshes, so that a refresh where nothing changed parses and hashes nothing again.
 * Only the last bytes per role are kept; the result for equal bytes is what a fresh decode or
 * check would give, so verification does not depend on what is cached.
 *
 * <p>Not thread-safe: the updater uses it holding its metadata lock. Not API.
 */
public final class ReusingDecoder implements TrustedMetadataSet.MetadataDecoder {
  private record Parsed(byte[] bytes, Metadata<?> metadata) {}

  private record HashChecked(byte[] bytes, MetaFile expected) {}

  // Per role, the bytes last parsed and their parse.
  private final Map<String, Parsed> parsed = new HashMap<>();
  // Per role, the bytes that last passed the length and hash check, and what they passed.
  private final Map<String, HashChecked> hashChecked = new HashMap<>();

  @Override
  public <T extends Signed> Metadata<T> decode(byte[] bytes, Class<T> type, String role)
      throws MetadataFormatException {
    Parsed cached = parsed.get(role);
    if (cached != null && type.isInstance(cached.metadata().signed())
        && (cached.bytes() == bytes || Arrays.equals(cached.bytes(), bytes))) {
      @SuppressWarnings("unchecked")
      Metadata<T> m = (Metadata<T>) cached.metadata();
      return m;
    }
    Metadata<T> m = Metadata.parse(bytes, type, role);
    parsed.put(role, new Parsed(bytes, m));
    return m;
  }

  @Override
  public void checkLengthAndHashes(MetaFile expected, String role, byte[] bytes)
      throws LengthOrHashMismatchException {
    HashChecked passed = hashChecked.get(role);
    // Equal bytes pass an equal listing exactly as before; comparing is ~10x cheaper than
    // hashing a snapshot again.
    if (passed != null && passed.expected().equals(expected)
        && (passed.bytes() == bytes || Arrays.equals(passed.bytes(), bytes))) {
      return;
    }
    expected.verifyLengthAndHashes(role, bytes);
    hashChecked.put(role, new HashChecked(bytes, expected));
  }

  /** Drops what is kept for a role, as when its stored copy is deleted. */
  public void forget(String role) {
    parsed.remove(role);
    hashChecked.remove(role);
  }
}
