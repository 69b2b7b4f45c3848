package dev.tuf4j.metadata;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.json.JsonObject;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Root metadata (spec 4.3): the keys and thresholds of the four top-level roles, and whether the
 * repository uses consistent snapshots. The root of all trust; it delegates to itself.
 */
public final class Root extends Signed {
  public static final String TYPE = "root";

  private final Map<String, Key> keys;
  private final Map<String, Role> roles;
  private final @Nullable Boolean consistentSnapshot;

  /**
   * @param roles must hold the four top-level roles; other entries are kept but mean nothing
   * @param consistentSnapshot {@code null} when the field is absent (which means false)
   */
  public Root(
      String specVersion,
      long version,
      Instant expires,
      Map<String, Key> keys,
      Map<String, Role> roles,
      @Nullable Boolean consistentSnapshot,
      JsonObject unrecognized) {
    super(specVersion, version, expires, unrecognized);
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    this.roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    for (String top : TOP_LEVEL_ROLES) {
      if (!roles.containsKey(top)) {
        throw new IllegalArgumentException("root must list the role " + top);
      }
    }
    this.consistentSnapshot = consistentSnapshot;
  }

  /** A version 1 root with consistent snapshots on. */
  public static Root of(Instant expires, Map<String, Key> keys, Map<String, Role> roles) {
    return new Root(SPEC_VERSION, 1, expires, keys, roles, true, JsonObject.EMPTY);
  }

  static Root fromJson(JsonObject signed, String role) throws MetadataFormatException {
    JsonFields f = new JsonFields(signed, "$.signed", role);
    Common c = readCommon(f, TYPE);
    Map<String, Key> keys = readKeys(f);
    JsonObject rolesJson = f.requiredObject("roles");
    Map<String, Role> roles = new LinkedHashMap<>();
    String rp = f.path("roles");
    for (int i = 0; i < rolesJson.size(); i++) {
      String name = rolesJson.keyAt(i);
      roles.put(name, Role.fromJson(rolesJson.valueAt(i), JsonFields.child(rp, name), role));
    }
    for (String top : new String[] {"root", "timestamp", "snapshot", "targets"}) {
      if (!roles.containsKey(top)) {
        throw JsonFields.error(role, JsonFields.child(rp, top), "required role is missing");
      }
    }
    Boolean cs = f.optionalBoolean("consistent_snapshot");
    return new Root(c.specVersion(), c.version(), c.expires(), keys, roles, cs, f.unrecognized());
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** keyid to key, for every key any top-level role uses. */
  public Map<String, Key> keys() {
    return keys;
  }

  /** Role name to role; always holds root, timestamp, snapshot and targets. */
  public Map<String, Role> roles() {
    return roles;
  }

  /** The role, or empty for a name root does not list. */
  public Optional<Role> role(String name) {
    return Optional.ofNullable(roles.get(name));
  }

  /** Whether consistent snapshots are used; an absent field means false (spec 4.3). */
  public boolean consistentSnapshot() {
    return Boolean.TRUE.equals(consistentSnapshot);
  }

  /** The {@code consistent_snapshot} field as written, or empty when absent. */
  public Optional<Boolean> consistentSnapshotField() {
    return Optional.ofNullable(consistentSnapshot);
  }

  /**
   * Checks that {@code delegate} is signed by a threshold of the keys this root lists for the
   * top-level role {@code roleName} (V3). Non-throwing: the result says what counted. Every
   * listed key is tried, so the report is complete; {@link #requireDelegate} is the faster check
   * for a yes or no.
   */
  public VerificationResult verifyDelegate(
      String roleName, Metadata<?> delegate, SchemeRegistry registry) {
    Optional<DelegationEntry> entry = entry(roleName);
    if (entry.isEmpty()) {
      return VerificationResult.unknownRole(roleName);
    }
    return SignatureCheck.check(roleName, entry.get(), keys, delegate, registry);
  }

  /**
   * Throws unless {@code delegate} is signed by a threshold of the keys this root lists for the
   * top-level role {@code roleName} (V3); accepts exactly what {@link #verifyDelegate} verifies.
   * Stops checking signatures once the threshold is met, and remembers a success on {@code
   * delegate}: checking the same metadata object again against this root's same key objects,
   * keyids, threshold and role does not verify its signatures again.
   */
  public void requireDelegate(String roleName, Metadata<?> delegate, SchemeRegistry registry)
      throws UnsignedMetadataException {
    String delegator = "root version " + version();
    Optional<DelegationEntry> entry = entry(roleName);
    if (entry.isEmpty()) {
      VerificationResult.unknownRole(roleName).requireVerified(delegator);
      return;
    }
    SignatureCheck.require(roleName, entry.get(), keys, delegate, registry, delegator);
  }

  private Optional<DelegationEntry> entry(String roleName) {
    Role r = roles.get(roleName);
    if (r == null || !TOP_LEVEL_ROLES.contains(roleName)) {
      return Optional.empty();
    }
    return Optional.of(new DelegationEntry(roleName, r.keyids(), r.threshold(), false));
  }

  /**
   * Root rotation (spec 5.3.4): {@code newRoot} must be signed by a threshold of this root's root
   * keys and by a threshold of its own.
   */
  public void requireRotation(Metadata<Root> newRoot, SchemeRegistry registry)
      throws UnsignedMetadataException {
    requireDelegate(TYPE, newRoot, registry);
    newRoot.signed().requireDelegate(TYPE, newRoot, registry);
  }

  @Override
  public JsonObject toJson() {
    JsonObject.Builder rolesJson = JsonObject.builder();
    roles.forEach((name, role) -> rolesJson.put(name, role.toJson()));
    JsonObject.Builder b =
        commonJson().put("keys", keysToJson(keys)).put("roles", rolesJson.build());
    if (consistentSnapshot != null) {
      b.put("consistent_snapshot", consistentSnapshot.booleanValue());
    }
    return b.build();
  }

  @Override
  public Root withVersion(long newVersion) {
    return new Root(specVersion(), newVersion, expires(), keys, roles, consistentSnapshot, unrecognized());
  }

  @Override
  public Root withExpires(Instant newExpires) {
    return new Root(specVersion(), version(), newExpires, keys, roles, consistentSnapshot, unrecognized());
  }

  public Root withKeys(Map<String, Key> newKeys) {
    return new Root(specVersion(), version(), expires(), newKeys, roles, consistentSnapshot, unrecognized());
  }

  public Root withRoles(Map<String, Role> newRoles) {
    return new Root(specVersion(), version(), expires(), keys, newRoles, consistentSnapshot, unrecognized());
  }

  public Root withConsistentSnapshot(boolean value) {
    return new Root(specVersion(), version(), expires(), keys, roles, value, unrecognized());
  }

  /** This root with {@code key} added under {@code keyid} to the role {@code roleName}. */
  public Root withRoleKey(String roleName, String keyid, Key key) {
    Role r = Objects.requireNonNull(roles.get(roleName), () -> "no role " + roleName);
    Map<String, Key> k = new LinkedHashMap<>(keys);
    k.put(keyid, key);
    Map<String, Role> rs = new LinkedHashMap<>(roles);
    rs.put(roleName, r.withKeyId(keyid));
    return withKeys(k).withRoles(rs);
  }

  /**
   * This root without {@code keyid} in {@code roleName}; the key itself goes when no other role
   * uses it.
   */
  public Root withoutRoleKey(String roleName, String keyid) {
    Role r = Objects.requireNonNull(roles.get(roleName), () -> "no role " + roleName);
    Map<String, Role> rs = new LinkedHashMap<>(roles);
    rs.put(roleName, r.withoutKeyId(keyid));
    Map<String, Key> k = new LinkedHashMap<>(keys);
    if (rs.values().stream().noneMatch(x -> x.keyids().contains(keyid))) {
      k.remove(keyid);
    }
    return withKeys(k).withRoles(rs);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Root r
        && commonEquals(r)
        && keys.equals(r.keys)
        && roles.equals(r.roles)
        && Objects.equals(consistentSnapshot, r.consistentSnapshot);
  }

  @Override
  public int hashCode() {
    return Objects.hash(commonHash(), keys, roles, consistentSnapshot);
  }

  @Override
  public String toString() {
    return "Root[version=" + version() + ", expires=" + expires() + "]";
  }
}
