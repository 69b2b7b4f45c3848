package dev.tuf4j.metadata;

import dev.tuf4j.LengthOrHashMismatchException;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What trusted targets metadata says about one target file: its path, length, hashes (at least
 * one) and opaque {@code custom} data.
 */
public final class TargetFile {
  private final String path;
  private final long length;
  private final Map<String, String> hashes;
  private final @Nullable JsonValue custom;
  private final JsonObject unrecognized;

  public TargetFile(
      String path,
      long length,
      Map<String, String> hashes,
      @Nullable JsonValue custom,
      JsonObject unrecognized) {
    this.path = Objects.requireNonNull(path, "path");
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, got " + length);
    }
    if (hashes.isEmpty()) {
      throw new IllegalArgumentException("a target needs at least one hash: " + path);
    }
    this.length = length;
    this.hashes = Hashes.copy(hashes);
    this.custom = custom;
    this.unrecognized = Objects.requireNonNull(unrecognized, "unrecognized");
  }

  /**
   * For {@link #fromJson}, whose readers have made the public constructor's checks: keeps the
   * unmodifiable map {@link Hashes#read} made instead of copying it ({@code owned} only tells
   * this constructor from the public one).
   */
  private TargetFile(
      String path, long length, Map<String, String> ownedHashes, @Nullable JsonValue custom, JsonObject unrecognized, boolean owned) {
    this.path = path;
    this.length = length;
    this.hashes = ownedHashes;
    this.custom = custom;
    this.unrecognized = unrecognized;
  }

  public TargetFile(String path, long length, Map<String, String> hashes) {
    this(path, length, hashes, null, JsonObject.EMPTY);
  }

  /**
   * The target at {@code path} whose content {@code content} holds, read to its end (not
   * closed): its length and its digests under {@code algorithms}, in one pass; no custom data.
   *
   * @throws IllegalArgumentException {@code algorithms} is empty
   */
  public static TargetFile describe(String path, InputStream content, Set<HashAlgorithm> algorithms)
      throws IOException {
    Objects.requireNonNull(path, "path");
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException("a target needs at least one hash: " + path);
    }
    Digester d = Digester.of(algorithms);
    long length = content.transferTo(d.asOutputStream());
    Map<String, String> hashes = new LinkedHashMap<>();
    d.digest().forEach((a, v) -> hashes.put(a.tufName(), Hex.encode(v)));
    return new TargetFile(path, length, hashes);
  }

  static TargetFile fromJson(String path, JsonValue value, String targetsPath, String role)
      throws MetadataFormatException {
    JsonFields f = JsonFields.ofMember(value, targetsPath, path, role);
    long length = f.requiredLong("length", 0);
    Map<String, String> hashes = Hashes.read(f, "hashes", true);
    JsonObject custom = f.optionalObject("custom");
    // requiredLong(.., 0) and Hashes.read(.., true) have made the constructor's checks.
    return new TargetFile(path, length, hashes, custom, f.unrecognized(), true);
  }

  JsonObject toJson() {
    JsonObject.Builder b =
        unrecognized.toBuilder().put("length", length).put("hashes", Hashes.toJson(hashes));
    if (custom != null) {
      b.put("custom", custom);
    }
    return b.build();
  }

  /** The target path, as the key in {@code targets}. */
  public String path() {
    return path;
  }

  public long length() {
    return length;
  }

  /** Algorithm name to hex digest, never empty. */
  public Map<String, String> hashes() {
    return hashes;
  }

  /** The {@code custom} object, if present. */
  public Optional<JsonValue> custom() {
    return Optional.ofNullable(custom);
  }

  public JsonObject unrecognized() {
    return unrecognized;
  }

  public TargetFile withCustom(@Nullable JsonValue newCustom) {
    return new TargetFile(path, length, hashes, newCustom, unrecognized);
  }

  /** The same file under another path (PyPI's, for one, is made from the file's own digest). */
  public TargetFile withPath(String newPath) {
    return new TargetFile(Objects.requireNonNull(newPath, "newPath"), length, hashes, custom, unrecognized, true);
  }

  /** Checks bytes against the length and every hash (spec 5.7.3). */
  public void verifyLengthAndHashes(byte[] data) throws LengthOrHashMismatchException {
    Hashes.verify(path, length, hashes, data);
  }

  /**
   * Reads {@code in} to its end (or until it exceeds the length) and checks the length and every
   * hash. Does not close the stream.
   */
  public void verifyLengthAndHashes(InputStream in)
      throws LengthOrHashMismatchException, IOException {
    Hashes.verify(path, length, hashes, in);
  }

  /**
   * An incremental check of content against this target's length and hashes, for downloads that
   * stream. Fails at once for a hash algorithm tuf4j does not implement.
   */
  public ContentCheck contentCheck() throws LengthOrHashMismatchException {
    return Hashes.check(path, length, hashes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TargetFile t
        && path.equals(t.path)
        && length == t.length
        && hashes.equals(t.hashes)
        && Objects.equals(custom, t.custom)
        && unrecognized.equals(t.unrecognized);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, length, hashes, custom, unrecognized);
  }

  @Override
  public String toString() {
    return "TargetFile[" + path + ", length=" + length + ", hashes=" + hashes + "]";
  }
}
