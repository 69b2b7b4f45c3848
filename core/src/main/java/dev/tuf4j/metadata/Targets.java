package dev.tuf4j.metadata;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.json.JsonObject;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Targets metadata (spec 4.5), top-level or delegated: target files with their lengths and
 * hashes, and optionally delegations to other targets roles.
 */
public final class Targets extends Signed {
  public static final String TYPE = "targets";

  private final Map<String, TargetFile> targets;
  private final @Nullable Delegations delegations;

  public Targets(
      String specVersion,
      long version,
      Instant expires,
      Map<String, TargetFile> targets,
      @Nullable Delegations delegations,
      JsonObject unrecognized) {
    super(specVersion, version, expires, unrecognized);
    for (Map.Entry<String, TargetFile> e : targets.entrySet()) {
      if (!e.getKey().equals(e.getValue().path())) {
        throw new IllegalArgumentException("target listed as " + e.getKey() + " has path " + e.getValue().path());
      }
    }
    this.targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    this.delegations = delegations;
  }

  /**
   * For {@link #fromJson}: takes over {@code targets}, a new map nothing else holds whose keys
   * are the files' paths by construction, instead of checking and copying 16,000 entries again.
   */
  private Targets(
      Common common, Map<String, TargetFile> ownedTargets, @Nullable Delegations delegations, JsonObject unrecognized) {
    super(common.specVersion(), common.version(), common.expires(), unrecognized);
    this.targets = Collections.unmodifiableMap(ownedTargets);
    this.delegations = delegations;
  }

  public static Targets of(long version, Instant expires) {
    return new Targets(SPEC_VERSION, version, expires, Map.of(), null, JsonObject.EMPTY);
  }

  static Targets fromJson(JsonObject signed, String role) throws MetadataFormatException {
    JsonFields f = new JsonFields(signed, "$.signed", role);
    Common c = readCommon(f, TYPE);
    JsonObject targetsJson = f.requiredObject("targets");
    String tp = f.path("targets");
    // The object's keys are unique and in canonical order already: no hash map to fill.
    int n = targetsJson.size();
    String[] paths = new String[n];
    TargetFile[] files = new TargetFile[n];
    for (int i = 0; i < n; i++) {
      String path = targetsJson.keyAt(i);
      paths[i] = path;
      files[i] = TargetFile.fromJson(path, targetsJson.valueAt(i), tp, role);
    }
    Map<String, TargetFile> targets = new SortedKeyMap<>(paths, files);
    JsonObject delegationsJson = f.optionalObject("delegations");
    Delegations delegations =
        delegationsJson == null ? null : Delegations.fromJson(delegationsJson, f.path("delegations"), role);
    return new Targets(c, targets, delegations, f.unrecognized());
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** Target path to target file, in canonical (code point) order when parsed. */
  public Map<String, TargetFile> targets() {
    return targets;
  }

  public Optional<TargetFile> target(String path) {
    return Optional.ofNullable(targets.get(path));
  }

  public Optional<Delegations> delegations() {
    return Optional.ofNullable(delegations);
  }

  /**
   * Checks that {@code delegate} is signed by a threshold of the keys these delegations list for
   * {@code roleName} (V3, spec 5.6.6). Non-throwing. Every listed key is tried, so the report is
   * complete; {@link #requireDelegate} is the faster check for a yes or no.
   */
  public VerificationResult verifyDelegate(
      String roleName, Metadata<?> delegate, SchemeRegistry registry) {
    Optional<DelegationEntry> entry = delegations == null ? Optional.empty() : delegations.role(roleName);
    if (entry.isEmpty()) {
      return VerificationResult.unknownRole(roleName);
    }
    return SignatureCheck.check(roleName, entry.get(), delegations.keys(), delegate, registry);
  }

  /** As {@link #requireDelegate(String, Metadata, SchemeRegistry, String)}, naming the delegator "its delegator". */
  public void requireDelegate(String roleName, Metadata<?> delegate, SchemeRegistry registry)
      throws UnsignedMetadataException {
    requireDelegate(roleName, delegate, registry, "its delegator");
  }

  /**
   * Throws unless {@code delegate} is signed by a threshold of the keys these delegations list
   * for {@code roleName} (V3, spec 5.6.6); accepts exactly what {@link #verifyDelegate}
   * verifies. Stops checking signatures once the threshold is met, and remembers a success on
   * {@code delegate}: checking the same metadata object again against these delegations' same
   * key objects, keyids, threshold and role does not verify its signatures again.
   *
   * @param delegatorName names this delegator in the exception's message
   */
  public void requireDelegate(
      String roleName, Metadata<?> delegate, SchemeRegistry registry, String delegatorName)
      throws UnsignedMetadataException {
    Optional<DelegationEntry> entry = delegations == null ? Optional.empty() : delegations.role(roleName);
    if (entry.isEmpty()) {
      VerificationResult.unknownRole(roleName).requireVerified(delegatorName);
      return;
    }
    SignatureCheck.require(roleName, entry.get(), delegations.keys(), delegate, registry, delegatorName);
  }

  @Override
  public JsonObject toJson() {
    JsonObject.Builder t = JsonObject.builder();
    targets.forEach((path, file) -> t.put(path, file.toJson()));
    JsonObject.Builder b = commonJson().put("targets", t.build());
    if (delegations != null) {
      b.put("delegations", delegations.toJson());
    }
    return b.build();
  }

  @Override
  public Targets withVersion(long newVersion) {
    return new Targets(specVersion(), newVersion, expires(), targets, delegations, unrecognized());
  }

  @Override
  public Targets withExpires(Instant newExpires) {
    return new Targets(specVersion(), version(), newExpires, targets, delegations, unrecognized());
  }

  public Targets withDelegations(@Nullable Delegations newDelegations) {
    return new Targets(specVersion(), version(), expires(), targets, newDelegations, unrecognized());
  }

  /** This targets metadata with the given files added or replaced. */
  public Targets withTargets(Collection<TargetFile> files) {
    Map<String, TargetFile> t = new LinkedHashMap<>(targets);
    for (TargetFile file : files) {
      t.put(file.path(), file);
    }
    return new Targets(specVersion(), version(), expires(), t, delegations, unrecognized());
  }

  public Targets withTarget(TargetFile file) {
    return withTargets(java.util.List.of(file));
  }

  /** This targets metadata without the given paths (absent paths are ignored). */
  public Targets withoutTargets(Collection<String> paths) {
    Map<String, TargetFile> t = new LinkedHashMap<>(targets);
    t.keySet().removeAll(paths);
    return new Targets(specVersion(), version(), expires(), t, delegations, unrecognized());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Targets t
        && commonEquals(t)
        && targets.equals(t.targets)
        && Objects.equals(delegations, t.delegations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(commonHash(), targets, delegations);
  }

  @Override
  public String toString() {
    return "Targets[version=" + version() + ", " + targets.size() + " targets]";
  }
}
