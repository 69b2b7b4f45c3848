package dev.tuf4j.metadata;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonValue;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code signed} part of a metadata file: one of the four role types, sharing {@code _type},
 * {@code spec_version}, {@code version} and {@code expires}. Immutable; every structural rule of
 * the specification holds once an instance exists. Edits return new objects.
 */
public abstract sealed class Signed permits Root, Timestamp, Snapshot, Targets {
  /** The top-level role names, which no delegated role may take. */
  public static final Set<String> TOP_LEVEL_ROLES = Set.of("root", "timestamp", "snapshot", "targets");

  /** The specification version tuf4j writes. */
  public static final String SPEC_VERSION = "1.0.34";

  private static final Pattern EXPIRES =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
  private static final DateTimeFormatter EXPIRES_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern SPEC_VERSION_FORM = Pattern.compile("1\\.[0-9]+(\\.[0-9]+)?");

  private final String specVersion;
  private final long version;
  private final Instant expires;
  private final JsonObject unrecognized;

  Signed(String specVersion, long version, Instant expires, JsonObject unrecognized) {
    this.specVersion = checkSpecVersion(specVersion);
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, got " + version);
    }
    this.version = version;
    this.expires = checkExpires(expires);
    this.unrecognized = Objects.requireNonNull(unrecognized, "unrecognized");
  }

  /** The {@code _type}: "root", "timestamp", "snapshot" or "targets". */
  public abstract String type();

  public final String specVersion() {
    return specVersion;
  }

  public final long version() {
    return version;
  }

  public final Instant expires() {
    return expires;
  }

  /** Members of {@code signed} that tuf4j does not know, kept and written back unchanged. */
  public final JsonObject unrecognized() {
    return unrecognized;
  }

  /** Expired when {@code expires} is not after {@code now} (spec 5.3.10: must be higher). */
  public final boolean isExpired(Instant now) {
    return !expires.isAfter(now);
  }

  /** This object with another version; as with every edit, signatures must be made anew. */
  public abstract Signed withVersion(long newVersion);

  public abstract Signed withExpires(Instant newExpires);

  /** The {@code signed} object as JSON, unknown fields included. */
  public abstract JsonObject toJson();

  /** The common members, over this type's unknown fields. */
  final JsonObject.Builder commonJson() {
    return unrecognized.toBuilder()
        .put("_type", type())
        .put("spec_version", specVersion)
        .put("version", version)
        .put("expires", formatExpires(expires));
  }

  /** Reads and checks the common members (spec 5.x V1). */
  record Common(String specVersion, long version, Instant expires) {}

  static Common readCommon(JsonFields f, String expectedType) throws MetadataFormatException {
    String type = f.requiredString("_type");
    if (!type.equals(expectedType)) {
      throw JsonFields.error(f.role(), f.path("_type"), "expected \"" + expectedType + "\", got \"" + type + "\"");
    }
    String spec = f.requiredString("spec_version");
    if (!SPEC_VERSION_FORM.matcher(spec).matches()) {
      throw JsonFields.error(f.role(), f.path("spec_version"),
          "expected a 1.x or 1.x.y specification version, got \"" + spec + "\"");
    }
    long version = f.requiredLong("version", 1);
    String expires = f.requiredString("expires");
    Instant instant;
    try {
      instant = parseExpires(expires);
    } catch (IllegalArgumentException e) {
      throw JsonFields.error(f.role(), f.path("expires"), e.getMessage());
    }
    return new Common(spec, version, instant);
  }

  /** Parses {@code YYYY-MM-DDTHH:MM:SSZ} strictly. */
  public static Instant parseExpires(String text) {
    if (!EXPIRES.matcher(text).matches()) {
      throw new IllegalArgumentException("expected a time as YYYY-MM-DDTHH:MM:SSZ, got \"" + text + "\"");
    }
    try {
      return LocalDateTime.parse(text.substring(0, 19)).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("expected a valid date and time, got \"" + text + "\"");
    }
  }

  public static String formatExpires(Instant instant) {
    return EXPIRES_FORMAT.format(instant);
  }

  private static Instant checkExpires(Instant expires) {
    Objects.requireNonNull(expires, "expires");
    if (!expires.truncatedTo(ChronoUnit.SECONDS).equals(expires)) {
      throw new IllegalArgumentException("expires has whole seconds only, got " + expires);
    }
    int year = expires.atOffset(ZoneOffset.UTC).getYear();
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("expires must be within years 0000-9999, got " + expires);
    }
    return expires;
  }

  private static String checkSpecVersion(String spec) {
    if (!SPEC_VERSION_FORM.matcher(Objects.requireNonNull(spec, "specVersion")).matches()) {
      throw new IllegalArgumentException("unsupported spec_version " + spec);
    }
    return spec;
  }

  /** Reads {@code keys}: keyid to key, as given (keyids are never recomputed). */
  static Map<String, Key> readKeys(JsonFields f) throws MetadataFormatException {
    JsonObject keys = f.requiredObject("keys");
    String p = f.path("keys");
    Map<String, Key> out = new LinkedHashMap<>(capacity(keys.size()));
    for (int i = 0; i < keys.size(); i++) {
      String keyid = keys.keyAt(i);
      out.put(keyid, Key.fromJson(keys.valueAt(i), p, keyid, f.role()));
    }
    return Collections.unmodifiableMap(out);
  }

  static JsonObject keysToJson(Map<String, Key> keys) {
    JsonObject.Builder b = JsonObject.builder();
    keys.forEach((id, k) -> b.put(id, k.toJson()));
    return b.build();
  }

  static Map<String, MetaFile> readMeta(JsonFields f) throws MetadataFormatException {
    JsonObject meta = f.requiredObject("meta");
    String p = f.path("meta");
    // Keys are unique and in canonical order already (a snapshot lists 16,385 files at PyPI's
    // scale): two arrays searched by bisection, as for targets, not a hash map to fill.
    int n = meta.size();
    String[] names = new String[n];
    MetaFile[] files = new MetaFile[n];
    for (int i = 0; i < n; i++) {
      names[i] = meta.keyAt(i);
      files[i] = MetaFile.fromJson(meta.valueAt(i), p, names[i], f.role());
    }
    return new SortedKeyMap<>(names, files);
  }

  /** A hash map capacity that holds {@code entries} without resizing. */
  static int capacity(int entries) {
    return entries < 3 ? entries + 1 : (int) (entries / 0.75f) + 1;
  }

  static JsonObject metaToJson(Map<String, MetaFile> meta) {
    JsonObject.Builder b = JsonObject.builder();
    meta.forEach((name, m) -> b.put(name, (JsonValue) m.toJson()));
    return b.build();
  }

  boolean commonEquals(Signed o) {
    return specVersion.equals(o.specVersion)
        && version == o.version
        && expires.equals(o.expires)
        && unrecognized.equals(o.unrecognized);
  }

  int commonHash() {
    return Objects.hash(type(), specVersion, version, expires, unrecognized);
  }
}
