package dev.tuf4j.metadata;

import dev.tuf4j.LengthOrHashMismatchException;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Length and hash checks shared by {@link MetaFile} and {@link TargetFile}: every listed
 * algorithm must match (spec 5.5.2, 5.7.3); an algorithm tuf4j does not implement is a mismatch,
 * never silently skipped; digests are compared in constant time.
 */
final class Hashes {
  private Hashes() {}

  static Map<String, String> read(JsonFields f, String name, boolean required)
      throws MetadataFormatException {
    JsonObject o = required ? f.requiredObject(name) : f.optionalObject(name);
    if (o == null) {
      return Map.of();
    }
    if (o.isEmpty()) {
      throw JsonFields.error(f.role(), f.path(name), "expected at least one hash, got none");
    }
    // Keys in canonical order, unique: one small sorted map per file, nothing to hash.
    String[] algorithms = new String[o.size()];
    String[] digests = new String[o.size()];
    for (int i = 0; i < o.size(); i++) {
      if (!(o.valueAt(i) instanceof JsonString hex)) {
        throw JsonFields.wrongType(f.role(), JsonFields.child(f.path(name), o.keyAt(i)), "a string", o.valueAt(i));
      }
      algorithms[i] = o.keyAt(i);
      digests[i] = hex.value();
    }
    return Collections.unmodifiableMap(new SortedKeyMap<>(algorithms, digests));
  }

  static JsonObject toJson(Map<String, String> hashes) {
    JsonObject.Builder b = JsonObject.builder();
    hashes.forEach((k, v) -> b.put(k, new JsonString(v)));
    return b.build();
  }

  static Map<String, String> copy(Map<String, String> hashes) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(hashes));
  }

  /** Checks {@code data} against an optional length and the listed hashes. */
  static void verify(
      String what, @Nullable Long length, Map<String, String> hashes, byte[] data)
      throws LengthOrHashMismatchException {
    if (length != null && data.length != length) {
      throw new LengthOrHashMismatchException(what, "length", length.toString(), Long.toString(data.length));
    }
    if (hashes.isEmpty()) {
      return;
    }
    Digester d = digester(what, hashes);
    d.update(data);
    compare(what, hashes, d.digest());
  }

  /** Reads {@code in} to its end and checks its length and hashes. Does not close it. */
  static void verify(
      String what, @Nullable Long length, Map<String, String> hashes, InputStream in)
      throws LengthOrHashMismatchException, IOException {
    Digester d = hashes.isEmpty() ? null : digester(what, hashes);
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (length != null && total > length) {
        throw new LengthOrHashMismatchException(what, "length", length.toString(), "more than " + length);
      }
      if (d != null) {
        d.update(buf, 0, n);
      }
    }
    if (length != null && total != length) {
      throw new LengthOrHashMismatchException(what, "length", length.toString(), Long.toString(total));
    }
    if (d != null) {
      compare(what, hashes, d.digest());
    }
  }

  /** An incremental check of streamed content against a length and hashes. */
  static ContentCheck check(String what, long length, Map<String, String> hashes)
      throws LengthOrHashMismatchException {
    return new ContentCheck(what, length, hashes, digester(what, hashes));
  }

  static void finish(String what, long expectedLength, long actualLength, Map<String, String> hashes, Digester d)
      throws LengthOrHashMismatchException {
    if (actualLength != expectedLength) {
      throw new LengthOrHashMismatchException(what, "length", Long.toString(expectedLength), Long.toString(actualLength));
    }
    compare(what, hashes, d.digest());
  }

  private static Digester digester(String what, Map<String, String> hashes)
      throws LengthOrHashMismatchException {
    EnumMap<HashAlgorithm, Boolean> algorithms = new EnumMap<>(HashAlgorithm.class);
    for (String name : hashes.keySet()) {
      Optional<HashAlgorithm> a = HashAlgorithm.byTufName(name);
      if (a.isEmpty()) {
        throw new LengthOrHashMismatchException(
            what, "hash algorithm", "one tuf4j implements (sha256, sha512, blake2b-256)", name);
      }
      algorithms.put(a.get(), Boolean.TRUE);
    }
    return Digester.of(algorithms.keySet());
  }

  private static void compare(
      String what, Map<String, String> hashes, Map<HashAlgorithm, byte[]> computed)
      throws LengthOrHashMismatchException {
    for (Map.Entry<String, String> e : hashes.entrySet()) {
      HashAlgorithm a = HashAlgorithm.byTufName(e.getKey()).orElseThrow();
      byte[] actual = computed.get(a);
      Optional<byte[]> expected = Hex.decode(e.getValue());
      if (expected.isEmpty() || !Digester.constantTimeEquals(expected.get(), actual)) {
        throw new LengthOrHashMismatchException(what, e.getKey(), e.getValue(), Hex.encode(actual));
      }
    }
  }
}
