package dev.tuf4j.metadata;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.JsonObject;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Timestamp metadata (spec 4.6): the current snapshot's version, and optionally its length and hashes. */
public final class Timestamp extends Signed {
  public static final String TYPE = "timestamp";
  public static final String SNAPSHOT_JSON = "snapshot.json";

  private final Map<String, MetaFile> meta;

  /** @param meta must hold {@code snapshot.json}; other entries are kept but mean nothing */
  public Timestamp(
      String specVersion, long version, Instant expires, Map<String, MetaFile> meta, JsonObject unrecognized) {
    super(specVersion, version, expires, unrecognized);
    if (!meta.containsKey(SNAPSHOT_JSON)) {
      throw new IllegalArgumentException("timestamp meta must list snapshot.json");
    }
    this.meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
  }

  public static Timestamp of(long version, Instant expires, MetaFile snapshot) {
    return new Timestamp(SPEC_VERSION, version, expires, Map.of(SNAPSHOT_JSON, snapshot), JsonObject.EMPTY);
  }

  static Timestamp fromJson(JsonObject signed, String role) throws MetadataFormatException {
    JsonFields f = new JsonFields(signed, "$.signed", role);
    Common c = readCommon(f, TYPE);
    Map<String, MetaFile> meta = readMeta(f);
    if (!meta.containsKey(SNAPSHOT_JSON)) {
      throw JsonFields.error(role, JsonFields.child(f.path("meta"), SNAPSHOT_JSON), "required entry is missing");
    }
    return new Timestamp(c.specVersion(), c.version(), c.expires(), meta, f.unrecognized());
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** The entry for {@code snapshot.json}. */
  public MetaFile snapshotMeta() {
    return meta.get(SNAPSHOT_JSON);
  }

  public Map<String, MetaFile> meta() {
    return meta;
  }

  @Override
  public JsonObject toJson() {
    return commonJson().put("meta", metaToJson(meta)).build();
  }

  @Override
  public Timestamp withVersion(long newVersion) {
    return new Timestamp(specVersion(), newVersion, expires(), meta, unrecognized());
  }

  @Override
  public Timestamp withExpires(Instant newExpires) {
    return new Timestamp(specVersion(), version(), newExpires, meta, unrecognized());
  }

  public Timestamp withSnapshotMeta(MetaFile snapshot) {
    Map<String, MetaFile> m = new LinkedHashMap<>(meta);
    m.put(SNAPSHOT_JSON, snapshot);
    return new Timestamp(specVersion(), version(), expires(), m, unrecognized());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Timestamp t && commonEquals(t) && meta.equals(t.meta);
  }

  @Override
  public int hashCode() {
    return Objects.hash(commonHash(), meta);
  }

  @Override
  public String toString() {
    return "Timestamp[version=" + version() + ", snapshot=" + snapshotMeta() + "]";
  }
}
