package dev.tuf4j.repository;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.json.StrictJsonParser;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Signed;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The targets of one bin-n role, kept compact: each target as the canonical JSON bytes of its
 * entry ({@code {"hashes":...,"length":...}} with custom and unknown fields), sorted by path in
 * code point order. 2.3 million targets take about 350 bytes each this way, against well over
 * 600 as {@link TargetFile} objects, and writing a bin is a concatenation. Not thread-safe.
 */
final class BinContents {
  private final String name;
  private final TreeMap<String, byte[]> entries = new TreeMap<>(CanonicalBytes.CODE_POINT_ORDER);
  private long entryBytes;
  private Instant expires;

  BinContents(String name, Instant expires) {
    this.name = name;
    this.expires = expires;
  }

  /**
   * Reads a bin-n file this package published. Each target's entry is taken from the parsed
   * JSON and encoded canonically as it is, unknown fields included, without building target
   * objects: loading a 54 KB bin is the main cost of an upload to a bin not in memory. The
   * structure is checked (a targets role with only targets, each with a length and hashes), not
   * the signatures: the file is the repository's own.
   */
  static BinContents parse(String name, byte[] fileBytes) throws MetadataFormatException {
    JsonValue doc = StrictJsonParser.withDefaults().parse(fileBytes);
    JsonObject signed = doc instanceof JsonObject o && o.get("signed") instanceof JsonObject x ? x : null;
    if (signed == null || !(signed.get("_type") instanceof JsonString type) || !type.value().equals("targets")
        || !(signed.get("targets") instanceof JsonObject targets) || !(signed.get("expires") instanceof JsonString e)
        || signed.size() != 5 || !signed.has("version") || !signed.has("spec_version")) {
      throw new MetadataFormatException(name, "$.signed",
          "expected a bin: targets metadata with targets and no delegations or other fields");
    }
    BinContents b;
    try {
      b = new BinContents(name, Signed.parseExpires(e.value()));
    } catch (IllegalArgumentException ex) {
      throw new MetadataFormatException(name, "$.signed.expires", ex.getMessage());
    }
    for (int i = 0; i < targets.size(); i++) {
      JsonValue entry = targets.valueAt(i);
      if (!(entry instanceof JsonObject t) || !(t.get("length") instanceof dev.tuf4j.json.JsonNumber)
          || !(t.get("hashes") instanceof JsonObject h) || h.isEmpty()) {
        throw new MetadataFormatException(name, "$.signed.targets", "expected a target entry for " + targets.keyAt(i));
      }
      b.putEntry(targets.keyAt(i), CanonicalJson.encode(entry));
    }
    return b;
  }

  private void putEntry(String path, byte[] entry) {
    entries.put(path, entry);
    entryBytes += entry.length + path.length() + 4;
  }

  String name() {
    return name;
  }

  Instant expires() {
    return expires;
  }

  int size() {
    return entries.size();
  }

  boolean contains(String path) {
    return entries.containsKey(path);
  }

  /** The canonical entry of a target, or null. */
  byte[] entry(String path) {
    return entries.get(path);
  }

  /** The hash values an entry lists. */
  static List<String> hashesOf(byte[] entry) {
    List<String> out = new ArrayList<>();
    try {
      JsonValue v = ((JsonObject) StrictJsonParser.withDefaults().parse(entry)).get("hashes");
      JsonObject hashes = (JsonObject) v;
      for (int i = 0; i < hashes.size(); i++) {
        out.add(((JsonString) hashes.valueAt(i)).value());
      }
    } catch (MetadataFormatException | ClassCastException | NullPointerException e) {
      throw new IllegalStateException("a bin entry is not a target entry", e);
    }
    return out;
  }

  /** Adds or replaces a target; returns whether the bin changed. */
  boolean put(TargetFile file) {
    byte[] entry = encodeEntry(file);
    byte[] old = entries.put(file.path(), entry);
    if (old != null) {
      entryBytes -= old.length + file.path().length() + 4;
      if (java.util.Arrays.equals(old, entry)) {
        entryBytes += old.length + file.path().length() + 4;
        return false;
      }
    }
    entryBytes += entry.length + file.path().length() + 4;
    return true;
  }

  boolean remove(String path) {
    byte[] old = entries.remove(path);
    if (old != null) {
      entryBytes -= old.length + path.length() + 4;
      return true;
    }
    return false;
  }

  /** The target files (decoded again; for listings and tests, not the hot path). */
  Map<String, TargetFile> targets() throws MetadataFormatException {
    return Metadata.parseTargets(CanonicalBytes.envelope(java.util.List.of(), signedBytes(1, expires)), name)
        .signed().targets();
  }

  /**
   * The canonical {@code signed} bytes of this bin at {@code version}, valid until {@code
   * newExpires}: {@code {"_type","expires","spec_version","targets","version"}} in that (code
   * point) order, as {@code CanonicalJson} would write the equivalent {@link Targets}.
   */
  byte[] signedBytes(long version, Instant newExpires) {
    CanonicalBytes out = new CanonicalBytes((int) Math.min(Integer.MAX_VALUE - 16, entryBytes + 160));
    out.ascii("{\"_type\":\"targets\",\"expires\":\"").ascii(Signed.formatExpires(newExpires))
        .ascii("\",\"spec_version\":\"").ascii(Signed.SPEC_VERSION).ascii("\",\"targets\":{");
    boolean first = true;
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      if (!first) {
        out.put(',');
      }
      first = false;
      out.string(e.getKey()).put(':').raw(e.getValue());
    }
    out.ascii("},\"version\":").number(version).put('}');
    return out.toByteArray();
  }

  void setExpires(Instant newExpires) {
    this.expires = newExpires;
  }

  /** An estimate of the signed bytes' length, for size checks before encoding. */
  long estimatedSize() {
    return entryBytes + 160;
  }

  /** The canonical JSON of a target's entry: what {@code TargetFile.toJson()} holds. */
  static byte[] encodeEntry(TargetFile f) {
    if (f.custom().isEmpty() && f.unrecognized().isEmpty()) {
      // The common case, written directly: {"hashes":{...},"length":N}, hashes in key order.
      Map<String, String> hashes = f.hashes();
      String[] keys = hashes.keySet().toArray(new String[0]);
      java.util.Arrays.sort(keys, CanonicalBytes.CODE_POINT_ORDER);
      CanonicalBytes out = new CanonicalBytes(40 + 80 * keys.length);
      out.ascii("{\"hashes\":{");
      for (int i = 0; i < keys.length; i++) {
        if (i > 0) {
          out.put(',');
        }
        out.string(keys[i]).put(':').string(hashes.get(keys[i]));
      }
      return out.ascii("},\"length\":").number(f.length()).put('}').toByteArray();
    }
    JsonObject.Builder hashes = JsonObject.builder();
    f.hashes().forEach((k, v) -> hashes.put(k, new JsonString(v)));
    JsonObject.Builder b = f.unrecognized().toBuilder().put("length", f.length()).put("hashes", hashes.build());
    f.custom().ifPresent(c -> b.put("custom", c));
    return CanonicalJson.encode(b.build());
  }
}
