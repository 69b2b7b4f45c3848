package dev.tuf4j.metadata;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One delegation of targets metadata to another role (spec 4.5 "delegations"): the role's name,
 * keys and threshold, whether it is terminating, and which target paths it may sign for -
 * {@code paths} (shell-style patterns) or {@code path_hash_prefixes}, never both. A role with
 * neither is trusted for no path.
 */
public final class DelegatedRole {
  private final String name;
  private final List<String> keyids;
  private final int threshold;
  private final boolean terminating;
  private final @Nullable List<String> paths;
  private final @Nullable List<String> pathHashPrefixes;
  private final JsonObject unrecognized;

  public DelegatedRole(
      String name,
      List<String> keyids,
      int threshold,
      boolean terminating,
      @Nullable List<String> paths,
      @Nullable List<String> pathHashPrefixes,
      JsonObject unrecognized) {
    this.name = checkName(name);
    this.keyids = List.copyOf(keyids);
    if (new HashSet<>(this.keyids).size() != this.keyids.size()) {
      throw new IllegalArgumentException("keyids must be unique: " + keyids);
    }
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be >= 1, got " + threshold);
    }
    if (paths != null && pathHashPrefixes != null) {
      throw new IllegalArgumentException("a delegation has paths or path_hash_prefixes, not both");
    }
    this.threshold = threshold;
    this.terminating = terminating;
    this.paths = paths == null ? null : List.copyOf(paths);
    this.pathHashPrefixes = pathHashPrefixes == null ? null : List.copyOf(pathHashPrefixes);
    this.unrecognized = Objects.requireNonNull(unrecognized, "unrecognized");
  }

  /** A delegation for path patterns, not terminating. */
  public static DelegatedRole forPaths(String name, List<String> keyids, int threshold, List<String> paths) {
    return new DelegatedRole(name, keyids, threshold, false, paths, null, JsonObject.EMPTY);
  }

  /** A delegation for path hash prefixes (hashed bins), not terminating. */
  public static DelegatedRole forHashPrefixes(
      String name, List<String> keyids, int threshold, List<String> prefixes) {
    return new DelegatedRole(name, keyids, threshold, false, null, prefixes, JsonObject.EMPTY);
  }

  static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a delegated role name must not be empty");
    }
    if (Signed.TOP_LEVEL_ROLES.contains(name)) {
      throw new IllegalArgumentException("a delegated role must not be named like a top-level role: " + name);
    }
    return name;
  }

  static DelegatedRole fromJson(JsonValue value, String path, String role)
      throws MetadataFormatException {
    JsonFields f = JsonFields.of(value, path, role);
    String name = f.requiredString("name");
    if (name.isEmpty() || Signed.TOP_LEVEL_ROLES.contains(name)) {
      throw JsonFields.error(role, f.path("name"), "expected a delegated role name that is not empty or a top-level role name, got \"" + name + "\"");
    }
    List<String> keyids = f.requiredStringList("keyids", true);
    int threshold = Role.readThreshold(f);
    boolean terminating = f.requiredBoolean("terminating");
    List<String> paths = f.optionalStringList("paths", false);
    List<String> prefixes = f.optionalStringList("path_hash_prefixes", false);
    if (paths != null && prefixes != null) {
      throw JsonFields.error(role, path, "expected \"paths\" or \"path_hash_prefixes\", got both");
    }
    return new DelegatedRole(name, keyids, threshold, terminating, paths, prefixes, f.unrecognized());
  }

  JsonObject toJson() {
    JsonObject.Builder b =
        unrecognized.toBuilder()
            .put("name", name)
            .put("keyids", Role.stringArray(keyids))
            .put("threshold", threshold)
            .put("terminating", terminating);
    if (paths != null) {
      b.put("paths", Role.stringArray(paths));
    }
    if (pathHashPrefixes != null) {
      b.put("path_hash_prefixes", Role.stringArray(pathHashPrefixes));
    }
    return b.build();
  }

  public String name() {
    return name;
  }

  public List<String> keyids() {
    return keyids;
  }

  public int threshold() {
    return threshold;
  }

  public boolean terminating() {
    return terminating;
  }

  /** The path patterns, or {@code null} when the role uses hash prefixes or neither. */
  public @Nullable List<String> paths() {
    return paths;
  }

  /** The hash prefixes, or {@code null} when the role uses path patterns or neither. */
  public @Nullable List<String> pathHashPrefixes() {
    return pathHashPrefixes;
  }

  public JsonObject unrecognized() {
    return unrecognized;
  }

  /** Whether this delegation covers {@code targetPath} (spec 5.6.7.2). */
  public boolean isDelegatedPath(String targetPath) {
    if (paths != null) {
      for (String pattern : paths) {
        if (DelegationMatching.matchesPathPattern(pattern, targetPath)) {
          return true;
        }
      }
      return false;
    }
    if (pathHashPrefixes != null) {
      return DelegationMatching.matchesHashPrefix(pathHashPrefixes, targetPath);
    }
    return false;
  }

  public DelegatedRole withKeyids(List<String> newKeyids) {
    return new DelegatedRole(name, newKeyids, threshold, terminating, paths, pathHashPrefixes, unrecognized);
  }

  public DelegatedRole withThreshold(int newThreshold) {
    return new DelegatedRole(name, keyids, newThreshold, terminating, paths, pathHashPrefixes, unrecognized);
  }

  public DelegatedRole withTerminating(boolean newTerminating) {
    return new DelegatedRole(name, keyids, threshold, newTerminating, paths, pathHashPrefixes, unrecognized);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DelegatedRole d
        && name.equals(d.name)
        && keyids.equals(d.keyids)
        && threshold == d.threshold
        && terminating == d.terminating
        && Objects.equals(paths, d.paths)
        && Objects.equals(pathHashPrefixes, d.pathHashPrefixes)
        && unrecognized.equals(d.unrecognized);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, keyids, threshold, terminating, paths, pathHashPrefixes, unrecognized);
  }

  @Override
  public String toString() {
    return "DelegatedRole[" + name + ", threshold=" + threshold + ", terminating=" + terminating + "]";
  }
}
