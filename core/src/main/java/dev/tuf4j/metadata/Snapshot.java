package dev.tuf4j.metadata;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.JsonObject;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Snapshot metadata (spec 4.4): the version (and optionally length and hashes) of the top-level
 * targets metadata and of every delegated targets role, keyed {@code ROLE.json}.
 */
public final class Snapshot extends Signed {
  public static final String TYPE = "snapshot";

  private final Map<String, MetaFile> meta;

  public Snapshot(
      String specVersion, long version, Instant expires, Map<String, MetaFile> meta, JsonObject unrecognized) {
    super(specVersion, version, expires, unrecognized);
    this.meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
  }

  /** For {@link #fromJson}: takes over {@code meta}, an unmodifiable map nothing else holds. */
  private Snapshot(Common common, Map<String, MetaFile> ownedMeta, JsonObject unrecognized) {
    super(common.specVersion(), common.version(), common.expires(), unrecognized);
    this.meta = ownedMeta;
  }

  public static Snapshot of(long version, Instant expires, Map<String, MetaFile> meta) {
    return new Snapshot(SPEC_VERSION, version, expires, meta, JsonObject.EMPTY);
  }

  static Snapshot fromJson(JsonObject signed, String role) throws MetadataFormatException {
    JsonFields f = new JsonFields(signed, "$.signed", role);
    Common c = readCommon(f, TYPE);
    Map<String, MetaFile> meta = readMeta(f);
    return new Snapshot(c, meta, f.unrecognized());
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** {@code ROLE.json} to its entry. */
  public Map<String, MetaFile> meta() {
    return meta;
  }

  /** The entry for a targets role (top-level or delegated), by role name. */
  public Optional<MetaFile> roleMeta(String roleName) {
    return Optional.ofNullable(meta.get(roleName + ".json"));
  }

  @Override
  public JsonObject toJson() {
    return commonJson().put("meta", metaToJson(meta)).build();
  }

  @Override
  public Snapshot withVersion(long newVersion) {
    return new Snapshot(specVersion(), newVersion, expires(), meta, unrecognized());
  }

  @Override
  public Snapshot withExpires(Instant newExpires) {
    return new Snapshot(specVersion(), version(), newExpires, meta, unrecognized());
  }

  public Snapshot withMeta(Map<String, MetaFile> newMeta) {
    return new Snapshot(specVersion(), version(), expires(), newMeta, unrecognized());
  }

  /** This snapshot with the entry for {@code roleName} set. */
  public Snapshot withRoleMeta(String roleName, MetaFile entry) {
    Map<String, MetaFile> m = new LinkedHashMap<>(meta);
    m.put(roleName + ".json", entry);
    return withMeta(m);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Snapshot s && commonEquals(s) && meta.equals(s.meta);
  }

  @Override
  public int hashCode() {
    return Objects.hash(commonHash(), meta);
  }

  @Override
  public String toString() {
    return "Snapshot[version=" + version() + ", " + meta.size() + " roles]";
  }
}
