package dev.tuf4j.metadata;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code delegations} of targets metadata: keys, and either an ordered list of delegated
 * roles (order is priority, spec 5.6.7) or TAP 15 succinct roles - never both.
 */
public final class Delegations {
  private final Map<String, Key> keys;
  private final @Nullable List<DelegatedRole> roles;
  private final @Nullable SuccinctRoles succinctRoles;
  private final JsonObject unrecognized;

  public Delegations(
      Map<String, Key> keys,
      @Nullable List<DelegatedRole> roles,
      @Nullable SuccinctRoles succinctRoles,
      JsonObject unrecognized) {
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    if ((roles == null) == (succinctRoles == null)) {
      throw new IllegalArgumentException("delegations have roles or succinct_roles, exactly one");
    }
    if (roles != null) {
      Set<String> names = new HashSet<>();
      for (DelegatedRole r : roles) {
        if (!names.add(r.name())) {
          throw new IllegalArgumentException("duplicate delegated role name: " + r.name());
        }
      }
    }
    this.roles = roles == null ? null : List.copyOf(roles);
    this.succinctRoles = succinctRoles;
    this.unrecognized = Objects.requireNonNull(unrecognized, "unrecognized");
  }

  public static Delegations of(Map<String, Key> keys, List<DelegatedRole> roles) {
    return new Delegations(keys, roles, null, JsonObject.EMPTY);
  }

  public static Delegations succinct(Map<String, Key> keys, SuccinctRoles succinctRoles) {
    return new Delegations(keys, null, succinctRoles, JsonObject.EMPTY);
  }

  static Delegations fromJson(JsonValue value, String path, String role)
      throws MetadataFormatException {
    JsonFields f = JsonFields.of(value, path, role);
    Map<String, Key> keys = Signed.readKeys(f);
    JsonArray rolesJson = f.optionalArray("roles");
    JsonObject succinctJson = f.optionalObject("succinct_roles");
    if ((rolesJson == null) == (succinctJson == null)) {
      throw JsonFields.error(role, path, "expected exactly one of \"roles\" and \"succinct_roles\", got "
          + (rolesJson == null ? "neither" : "both"));
    }
    List<DelegatedRole> roles = null;
    if (rolesJson != null) {
      roles = new ArrayList<>(rolesJson.size());
      Set<String> names = new HashSet<>();
      String rp = f.path("roles");
      for (int i = 0; i < rolesJson.size(); i++) {
        DelegatedRole r = DelegatedRole.fromJson(rolesJson.get(i), JsonFields.index(rp, i), role);
        if (!names.add(r.name())) {
          throw JsonFields.error(role, JsonFields.child(JsonFields.index(rp, i), "name"),
              "duplicate delegated role name \"" + r.name() + "\"");
        }
        roles.add(r);
      }
    }
    SuccinctRoles succinct =
        succinctJson == null ? null : SuccinctRoles.fromJson(succinctJson, f.path("succinct_roles"), role);
    return new Delegations(keys, roles, succinct, f.unrecognized());
  }

  JsonObject toJson() {
    JsonObject.Builder b = unrecognized.toBuilder().put("keys", Signed.keysToJson(keys));
    if (roles != null) {
      b.put("roles", new JsonArray(roles.stream().<JsonValue>map(DelegatedRole::toJson).toList()));
    }
    if (succinctRoles != null) {
      b.put("succinct_roles", succinctRoles.toJson());
    }
    return b.build();
  }

  public Map<String, Key> keys() {
    return keys;
  }

  /** The delegated roles in priority order, or empty when succinct roles are used. */
  public Optional<List<DelegatedRole>> roles() {
    return Optional.ofNullable(roles);
  }

  public Optional<SuccinctRoles> succinctRoles() {
    return Optional.ofNullable(succinctRoles);
  }

  public JsonObject unrecognized() {
    return unrecognized;
  }

  /** The named delegated role, if listed (for succinct roles: a bin with that name). */
  public Optional<DelegationEntry> role(String name) {
    if (roles != null) {
      for (DelegatedRole r : roles) {
        if (r.name().equals(name)) {
          return Optional.of(new DelegationEntry(r.name(), r.keyids(), r.threshold(), r.terminating()));
        }
      }
      return Optional.empty();
    }
    if (succinctRoles.isDelegatedRole(name)) {
      return Optional.of(new DelegationEntry(name, succinctRoles.keyids(), succinctRoles.threshold(), true));
    }
    return Optional.empty();
  }

  /**
   * The child roles to visit for {@code targetPath}, in priority order, with whether each is
   * terminating (spec 5.6.7.2). A succinct delegation yields exactly one bin, terminating.
   */
  public List<DelegationEntry> rolesForTarget(String targetPath) {
    if (succinctRoles != null) {
      return List.of(new DelegationEntry(
          succinctRoles.roleForTarget(targetPath), succinctRoles.keyids(), succinctRoles.threshold(), true));
    }
    List<DelegationEntry> out = new ArrayList<>();
    for (DelegatedRole r : roles) {
      if (r.isDelegatedPath(targetPath)) {
        out.add(new DelegationEntry(r.name(), r.keyids(), r.threshold(), r.terminating()));
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Delegations d
        && keys.equals(d.keys)
        && Objects.equals(roles, d.roles)
        && Objects.equals(succinctRoles, d.succinctRoles)
        && unrecognized.equals(d.unrecognized);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keys, roles, succinctRoles, unrecognized);
  }
}
