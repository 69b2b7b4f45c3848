package dev.tuf4j.metadata;

import dev.tuf4j.LengthOrHashMismatchException;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * An entry of timestamp's or snapshot's {@code meta}: the version of a metadata file and,
 * optionally, its length and hashes.
 */
public final class MetaFile {
  private final long version;
  private final @Nullable Long length;
  private final Map<String, String> hashes;
  private final JsonObject unrecognized;

  /**
   * @param length the file's length, or {@code null} when not listed
   * @param hashes algorithm name to hex digest; empty when not listed
   */
  public MetaFile(long version, @Nullable Long length, Map<String, String> hashes, JsonObject unrecognized) {
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, got " + version);
    }
    if (length != null && length < 0) {
      throw new IllegalArgumentException("length must be >= 0, got " + length);
    }
    this.version = version;
    this.length = length;
    this.hashes = Hashes.copy(hashes);
    this.unrecognized = Objects.requireNonNull(unrecognized, "unrecognized");
  }

  /**
   * For {@link #fromJson}, whose readers have made the public constructor's checks: keeps the
   * unmodifiable map {@link Hashes#read} made instead of copying it ({@code owned} only tells
   * this constructor from the public one).
   */
  private MetaFile(long version, @Nullable Long length, Map<String, String> ownedHashes, JsonObject unrecognized, boolean owned) {
    this.version = version;
    this.length = length;
    this.hashes = ownedHashes;
    this.unrecognized = unrecognized;
  }

  public static MetaFile ofVersion(long version) {
    return new MetaFile(version, null, Map.of(), JsonObject.EMPTY);
  }

  static MetaFile fromJson(JsonValue value, String metaPath, String name, String role)
      throws MetadataFormatException {
    // A PEP 458 snapshot lists 16,385 entries that hold a version and nothing else: read those
    // without the field bookkeeping below, which was a fifth of the snapshot's parse. The result
    // is the one the general path gives; any other entry, valid or not, takes that path.
    if (value instanceof JsonObject o
        && o.size() == 1
        && o.valueAt(0) instanceof JsonNumber v
        && v.value() >= 1
        && o.keyAt(0).equals("version")) {
      return new MetaFile(v.value(), null, Map.of(), JsonObject.EMPTY, true);
    }
    JsonFields f = JsonFields.ofMember(value, metaPath, name, role);
    long version = f.requiredLong("version", 1);
    Long length = f.optionalLong("length", 0);
    Map<String, String> hashes = Hashes.read(f, "hashes", false);
    // requiredLong(.., 1) and optionalLong(.., 0) have made the constructor's checks.
    return new MetaFile(version, length, hashes, f.unrecognized(), true);
  }

  JsonObject toJson() {
    JsonObject.Builder b = unrecognized.toBuilder().put("version", version);
    if (length != null) {
      b.put("length", length);
    }
    if (!hashes.isEmpty()) {
      b.put("hashes", Hashes.toJson(hashes));
    }
    return b.build();
  }

  public long version() {
    return version;
  }

  public OptionalLong length() {
    return length == null ? OptionalLong.empty() : OptionalLong.of(length);
  }

  /** Algorithm name to hex digest, in canonical order; empty when none are listed. */
  public Map<String, String> hashes() {
    return hashes;
  }

  public JsonObject unrecognized() {
    return unrecognized;
  }

  /**
   * Checks {@code data} against the listed length and hashes, if any (spec 5.5.2, 5.6.2).
   *
   * @param role the role the bytes claim to be, for the error message
   */
  public void verifyLengthAndHashes(String role, byte[] data) throws LengthOrHashMismatchException {
    Hashes.verify(role, length, hashes, data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetaFile m
        && version == m.version
        && Objects.equals(length, m.length)
        && hashes.equals(m.hashes)
        && unrecognized.equals(m.unrecognized);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, length, hashes, unrecognized);
  }

  @Override
  public String toString() {
    return "MetaFile[version=" + version + ", length=" + length + ", hashes=" + hashes + "]";
  }
}
