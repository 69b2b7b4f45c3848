package dev.tuf4j.metadata;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** A top-level role in root: the keyids that may sign it and how many must. */
public record Role(List<String> keyids, int threshold, JsonObject unrecognized) {
  public Role {
    keyids = List.copyOf(keyids);
    if (new HashSet<>(keyids).size() != keyids.size()) {
      throw new IllegalArgumentException("keyids must be unique: " + keyids);
    }
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be >= 1, got " + threshold);
    }
    Objects.requireNonNull(unrecognized, "unrecognized");
  }

  public Role(List<String> keyids, int threshold) {
    this(keyids, threshold, JsonObject.EMPTY);
  }

  static Role fromJson(JsonValue value, String path, String role) throws MetadataFormatException {
    JsonFields f = JsonFields.of(value, path, role);
    List<String> keyids = f.requiredStringList("keyids", true);
    int threshold = readThreshold(f);
    return new Role(keyids, threshold, f.unrecognized());
  }

  /** A threshold: an integer from 1 to {@link Integer#MAX_VALUE}. */
  static int readThreshold(JsonFields f) throws MetadataFormatException {
    long t = f.requiredLong("threshold", 1);
    if (t > Integer.MAX_VALUE) {
      throw JsonFields.error(f.role(), f.path("threshold"), "expected at most " + Integer.MAX_VALUE + ", got " + t);
    }
    return (int) t;
  }

  static JsonArray stringArray(List<String> strings) {
    return new JsonArray(strings.stream().<JsonValue>map(JsonString::new).toList());
  }

  JsonObject toJson() {
    return unrecognized.toBuilder()
        .put("keyids", stringArray(keyids))
        .put("threshold", threshold)
        .build();
  }

  /** This role with one more keyid (no change if present). */
  public Role withKeyId(String keyid) {
    if (keyids.contains(keyid)) {
      return this;
    }
    List<String> k = new java.util.ArrayList<>(keyids);
    k.add(keyid);
    return new Role(k, threshold, unrecognized);
  }

  /** This role without {@code keyid}. */
  public Role withoutKeyId(String keyid) {
    return new Role(keyids.stream().filter(k -> !k.equals(keyid)).toList(), threshold, unrecognized);
  }

  public Role withThreshold(int newThreshold) {
    return new Role(keyids, newThreshold, unrecognized);
  }
}
