package dev.tuf4j.repository;

import dev.tuf4j.crypto.HashAlgorithm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a repository is laid out and run: PEP 458 or PEP 480, the number and style of hash bins,
 * expiry per role, target hashes, how many old versions stay for clients mid-update, and the
 * size caps clients apply. Immutable; build with {@link #builder()}, which fails fast, and also
 * refuses a configuration whose metadata would exceed the caps (see {@link SizeGuard}).
 */
public final class RepositoryConfig {
  /** Which PEP's role layout to use. */
  public enum Layout {
    /** {@code targets -> bins -> bin-n} (PEP 458, minimum security model). */
    PEP_458,
    /**
     * {@code targets -> claimed, recently-claimed, unclaimed -> bin-n}, with developer-signed
     * project roles under claimed and recently-claimed (PEP 480, maximum security model).
     */
    PEP_480
  }

  /** How {@code bins} delegates to the bin-n roles. */
  public enum BinStyle {
    /** TAP 15 {@code succinct_roles}: one entry for all bins (default). */
    SUCCINCT,
    /** One delegation per bin with {@code path_hash_prefixes} (the pre-TAP 15 way). */
    HASH_PREFIXES
  }

  /** The default number of bins, PEP 458's 2^14. */
  public static final int DEFAULT_BIN_COUNT = 16_384;
  /** The snapshot cap python-tuf, go-tuf and tuf-js clients apply by default. */
  public static final long DEFAULT_SNAPSHOT_MAX_BYTES = 2_000_000;
  /** The targets-metadata cap python-tuf, go-tuf and tuf-js clients apply by default. */
  public static final long DEFAULT_TARGETS_MAX_BYTES = 5_000_000;
  /**
   * Where a project's files live (PEP 480), {@code {name}} being the PEP 503 normalized project
   * name and {@code {dist}} the name as distribution file names spell it (lower case, runs of
   * {@code -_.} as one {@code _}): PyPI's {@code packages/<2 hex>/<2 hex>/<60 hex>/<file>} files
   * and its simple index page.
   */
  public static final List<String> DEFAULT_PROJECT_PATH_TEMPLATES =
      List.of("packages/*/*/*/{dist}-*", "simple/{name}/*");

  private final Layout layout;
  private final int binCount;
  private final BinStyle binStyle;
  private final String binNamePrefix;
  private final boolean consistentSnapshot;
  private final Map<RoleKind, Duration> expiry;
  private final Set<HashAlgorithm> hashAlgorithms;
  private final int keepVersions;
  private final long snapshotMaxBytes;
  private final long targetsMaxBytes;
  private final List<String> projectPathTemplates;
  private final long expectedTargets;
  private final int averageTargetEntryBytes;
  private final int signingThreads;
  private final int binCacheSize;

  private RepositoryConfig(Builder b) {
    this.layout = b.layout;
    this.binCount = b.binCount;
    this.binStyle = b.binStyle;
    this.binNamePrefix = b.binNamePrefix;
    this.consistentSnapshot = b.consistentSnapshot;
    this.expiry = Collections.unmodifiableMap(new EnumMap<>(b.expiry));
    this.hashAlgorithms = Collections.unmodifiableSet(EnumSet.copyOf(b.hashAlgorithms));
    this.keepVersions = b.keepVersions;
    this.snapshotMaxBytes = b.snapshotMaxBytes;
    this.targetsMaxBytes = b.targetsMaxBytes;
    this.projectPathTemplates = List.copyOf(b.projectPathTemplates);
    this.expectedTargets = b.expectedTargets;
    this.averageTargetEntryBytes = b.averageTargetEntryBytes;
    this.signingThreads = b.signingThreads;
    this.binCacheSize = b.binCacheSize;
  }

  /** PEP 458 defaults: 16,384 succinct bins, consistent snapshots, the PEP's expiry periods. */
  public static Builder builder() {
    return new Builder();
  }

  /** PEP 458 with every default. */
  public static RepositoryConfig pep458() {
    return builder().build();
  }

  public Layout layout() {
    return layout;
  }

  /** Number of bin-n roles: a power of two from 2 to 65,536. */
  public int binCount() {
    return binCount;
  }

  public BinStyle binStyle() {
    return binStyle;
  }

  /** Bin names are {@code <prefix>-<hex>}, e.g. {@code bin-3fff}. */
  public String binNamePrefix() {
    return binNamePrefix;
  }

  public boolean consistentSnapshot() {
    return consistentSnapshot;
  }

  /** How long a new version of a role of this kind is valid. */
  public Duration expiry(RoleKind kind) {
    return expiry.get(kind);
  }

  /** Hashes computed for target files, in canonical order (default blake2b-256 and sha256). */
  public Set<HashAlgorithm> hashAlgorithms() {
    return hashAlgorithms;
  }

  /** How many snapshots (with every file they reference) stay after a publish. */
  public int keepVersions() {
    return keepVersions;
  }

  public long snapshotMaxBytes() {
    return snapshotMaxBytes;
  }

  public long targetsMaxBytes() {
    return targetsMaxBytes;
  }

  public List<String> projectPathTemplates() {
    return projectPathTemplates;
  }

  /** How many targets the operator expects (0: unknown), for the size check of the bins. */
  public long expectedTargets() {
    return expectedTargets;
  }

  public int averageTargetEntryBytes() {
    return averageTargetEntryBytes;
  }

  /** Threads that sign bins in parallel when a publish touches many. */
  public int signingThreads() {
    return signingThreads;
  }

  /** How many unchanged bins stay in memory after a publish, to speed up the next uploads. */
  public int binCacheSize() {
    return binCacheSize;
  }

  /** The kinds of role this layout has. */
  public List<RoleKind> roleKinds() {
    List<RoleKind> kinds = new ArrayList<>(List.of(
        RoleKind.ROOT, RoleKind.TARGETS, RoleKind.SNAPSHOT, RoleKind.TIMESTAMP, RoleKind.BINS, RoleKind.BIN));
    if (layout == Layout.PEP_480) {
      kinds.add(RoleKind.CLAIMED);
      kinds.add(RoleKind.RECENTLY_CLAIMED);
    }
    return List.copyOf(kinds);
  }

  /**
   * The metadata role name of a kind. {@link RoleKind#BIN} has many roles; this returns the
   * family name {@code <prefix>-n} for messages.
   */
  public String roleName(RoleKind kind) {
    switch (kind) {
      case ROOT:
        return "root";
      case TARGETS:
        return "targets";
      case SNAPSHOT:
        return "snapshot";
      case TIMESTAMP:
        return "timestamp";
      case BINS:
        return layout == Layout.PEP_480 ? "unclaimed" : "bins";
      case BIN:
        return binNamePrefix + "-n";
      case CLAIMED:
        return "claimed";
      case RECENTLY_CLAIMED:
        return "recently-claimed";
      default:
        throw new AssertionError(kind);
    }
  }

  /** Fail-fast builder; every setter validates its argument. */
  public static final class Builder {
    private Layout layout = Layout.PEP_458;
    private int binCount = DEFAULT_BIN_COUNT;
    private BinStyle binStyle = BinStyle.SUCCINCT;
    private String binNamePrefix = "bin";
    private boolean consistentSnapshot = true;
    private final Map<RoleKind, Duration> expiry = new EnumMap<>(RoleKind.class);
    private Set<HashAlgorithm> hashAlgorithms = EnumSet.of(HashAlgorithm.SHA256, HashAlgorithm.BLAKE2B_256);
    private int keepVersions = 4;
    private long snapshotMaxBytes = DEFAULT_SNAPSHOT_MAX_BYTES;
    private long targetsMaxBytes = DEFAULT_TARGETS_MAX_BYTES;
    private List<String> projectPathTemplates = DEFAULT_PROJECT_PATH_TEMPLATES;
    private long expectedTargets;
    private int averageTargetEntryBytes = 390; // PEP 458: ~54 KB per bin of ~139 targets
    private int signingThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private int binCacheSize = 1024;

    private Builder() {
      for (RoleKind k : RoleKind.values()) {
        expiry.put(k, k.defaultExpiry());
      }
    }

    public Builder layout(Layout value) {
      this.layout = Objects.requireNonNull(value, "layout");
      return this;
    }

    /** A power of two from 2 to 65,536 (default 16,384). */
    public Builder binCount(int value) {
      if (value < 2 || value > 65_536 || Integer.bitCount(value) != 1) {
        throw new IllegalArgumentException("bin count must be a power of two from 2 to 65,536, got " + value);
      }
      this.binCount = value;
      return this;
    }

    public Builder binStyle(BinStyle value) {
      this.binStyle = Objects.requireNonNull(value, "binStyle");
      return this;
    }

    /** Letters, digits and {@code -} only, so that names need no percent-encoding. */
    public Builder binNamePrefix(String value) {
      if (!value.matches("[a-z0-9][a-z0-9-]*")) {
        throw new IllegalArgumentException("bin name prefix must match [a-z0-9][a-z0-9-]*, got \"" + value + "\"");
      }
      this.binNamePrefix = value;
      return this;
    }

    public Builder consistentSnapshot(boolean value) {
      this.consistentSnapshot = value;
      return this;
    }

    /** How long new versions of {@code kind} are valid; at least one minute. */
    public Builder expiry(RoleKind kind, Duration value) {
      Objects.requireNonNull(kind, "kind");
      if (value.compareTo(Duration.ofMinutes(1)) < 0 || value.compareTo(Duration.ofDays(3650)) > 0) {
        throw new IllegalArgumentException("expiry of " + kind + " must be 1 minute to 10 years, got " + value);
      }
      expiry.put(kind, value);
      return this;
    }

    public Builder hashAlgorithms(Set<HashAlgorithm> value) {
      if (value.isEmpty()) {
        throw new IllegalArgumentException("at least one hash algorithm is needed");
      }
      this.hashAlgorithms = EnumSet.copyOf(value);
      return this;
    }

    /** Snapshots kept after each publish, with all they reference (default 4, at least 1). */
    public Builder keepVersions(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("keepVersions must be >= 1, got " + value);
      }
      this.keepVersions = value;
      return this;
    }

    /** Raise only if every client is configured with the larger cap. */
    public Builder snapshotMaxBytes(long value) {
      if (value < 1024) {
        throw new IllegalArgumentException("snapshotMaxBytes must be >= 1024, got " + value);
      }
      this.snapshotMaxBytes = value;
      return this;
    }

    /** Raise only if every client is configured with the larger cap. */
    public Builder targetsMaxBytes(long value) {
      if (value < 1024) {
        throw new IllegalArgumentException("targetsMaxBytes must be >= 1024, got " + value);
      }
      this.targetsMaxBytes = value;
      return this;
    }

    /**
     * Path patterns of a PEP 480 project, with {@code {name}} and {@code {dist}} placeholders
     * (see {@link RepositoryConfig#DEFAULT_PROJECT_PATH_TEMPLATES}). Each must hold one of them.
     */
    public Builder projectPathTemplates(List<String> value) {
      if (value.isEmpty()) {
        throw new IllegalArgumentException("at least one project path template is needed");
      }
      for (String t : value) {
        if (!t.contains("{name}") && !t.contains("{dist}")) {
          throw new IllegalArgumentException("template must hold {name} or {dist}: " + t);
        }
      }
      this.projectPathTemplates = List.copyOf(value);
      return this;
    }

    /** How many targets the repository will hold, to check at once that bins stay under the cap. */
    public Builder expectedTargets(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("expectedTargets must be >= 0, got " + value);
      }
      this.expectedTargets = value;
      return this;
    }

    /** Bytes one target adds to its bin's metadata on average (default 390, PEP 458's figure). */
    public Builder averageTargetEntryBytes(int value) {
      if (value < 32) {
        throw new IllegalArgumentException("averageTargetEntryBytes must be >= 32, got " + value);
      }
      this.averageTargetEntryBytes = value;
      return this;
    }

    public Builder signingThreads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("signingThreads must be >= 1, got " + value);
      }
      this.signingThreads = value;
      return this;
    }

    public Builder binCacheSize(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("binCacheSize must be >= 0, got " + value);
      }
      this.binCacheSize = value;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException when its metadata would exceed a size cap; the message
     *     says how many bins to use instead
     */
    public RepositoryConfig build() {
      RepositoryConfig config = new RepositoryConfig(this);
      SizeGuard.checkConfig(config);
      return config;
    }
  }
}
