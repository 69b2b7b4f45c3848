package dev.tuf4j.metadata;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * TAP 15 succinct hash-bin delegation: {@code 2^bit_length} bins named {@code
 * name_prefix-XXXX}, all signed by the same keys. A target belongs to the bin given by the first
 * {@code bit_length} bits of SHA-256 of its path. Bins are treated as terminating, as python-tuf,
 * go-tuf and tuf-js do (docs/decisions.md).
 */
public record SuccinctRoles(
    List<String> keyids, int threshold, int bitLength, String namePrefix, JsonObject unrecognized) {

  public SuccinctRoles {
    keyids = List.copyOf(keyids);
    if (new HashSet<>(keyids).size() != keyids.size()) {
      throw new IllegalArgumentException("keyids must be unique: " + keyids);
    }
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be >= 1, got " + threshold);
    }
    if (bitLength < 1 || bitLength > 32) {
      throw new IllegalArgumentException("bit_length must be 1..32, got " + bitLength);
    }
    Objects.requireNonNull(namePrefix, "namePrefix");
    Objects.requireNonNull(unrecognized, "unrecognized");
  }

  public SuccinctRoles(List<String> keyids, int threshold, int bitLength, String namePrefix) {
    this(keyids, threshold, bitLength, namePrefix, JsonObject.EMPTY);
  }

  static SuccinctRoles fromJson(JsonValue value, String path, String role)
      throws MetadataFormatException {
    JsonFields f = JsonFields.of(value, path, role);
    List<String> keyids = f.requiredStringList("keyids", true);
    int threshold = Role.readThreshold(f);
    long bitLength = f.requiredLong("bit_length");
    if (bitLength < 1 || bitLength > 32) {
      throw JsonFields.error(role, f.path("bit_length"), "expected an integer from 1 to 32, got " + bitLength);
    }
    String prefix = f.requiredString("name_prefix");
    return new SuccinctRoles(keyids, threshold, (int) bitLength, prefix, f.unrecognized());
  }

  JsonObject toJson() {
    return unrecognized.toBuilder()
        .put("keyids", Role.stringArray(keyids))
        .put("threshold", threshold)
        .put("bit_length", bitLength)
        .put("name_prefix", namePrefix)
        .build();
  }

  /** How many bins there are: {@code 2^bit_length}. */
  public long numberOfBins() {
    return 1L << bitLength;
  }

  /** The name of the bin that {@code targetPath} belongs to. */
  public String roleForTarget(String targetPath) {
    return DelegationMatching.succinctBinName(
        namePrefix, DelegationMatching.succinctBinIndex(targetPath, bitLength), bitLength);
  }

  /** The name of bin {@code index}. */
  public String binName(long index) {
    return DelegationMatching.succinctBinName(namePrefix, index, bitLength);
  }

  /** All bin names in order, as a lazy list. */
  public List<String> roleNames() {
    return DelegationMatching.succinctBinNames(namePrefix, bitLength);
  }

  /** Whether {@code roleName} is one of the bins. */
  public boolean isDelegatedRole(String roleName) {
    return DelegationMatching.succinctBinIndexOf(namePrefix, bitLength, roleName) >= 0;
  }
}
