package dev.tuf4j.repository;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.StorageException;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.crypto.Signer;
import dev.tuf4j.metadata.MetaFile;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Snapshot;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import dev.tuf4j.metadata.Timestamp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a repository knows: what is published (what clients see now) and what is staged
 * for the next publish. Shared by {@link Repository}, which stages, and {@link Publisher}, which
 * publishes and then commits. Not thread-safe.
 */
final class RepositoryState {
  final RepositoryConfig config;
  final BinLayout layout;
  final RepositoryStorage storage;
  final Clock clock;
  final SchemeRegistry registry;
  /** keyid to the signers this process may use for online roles. */
  final Map<String, Signer> onlineSigners = new LinkedHashMap<>();

  // ---- published ----
  /** The latest published root, or null before the first publish. */
  Metadata<Root> root;
  /** Published targets, bins/unclaimed, claimed and recently-claimed, by role name. */
  final Map<String, Metadata<Targets>> delegators = new HashMap<>();
  /** Published snapshot entries other than bins: {@code ROLE.json} to version, canonical order. */
  final TreeMap<String, Long> roleVersions = new TreeMap<>(CanonicalBytes.CODE_POINT_ORDER);
  final BinSet bins;
  long snapshotVersion;
  Metadata<Timestamp> timestamp;

  // ---- staged ----
  final OfflineRoles offline;
  /** The next recently-claimed (PEP 480), or null when unchanged. */
  Targets recentlyClaimedDraft;
  /** Accepted developer-signed project metadata, by role name: exact bytes. */
  final Map<String, byte[]> projectUploads = new LinkedHashMap<>();
  /** Project role names to drop from recently-claimed once claimed lists them. */
  final List<String> claimMoves = new ArrayList<>();
  /** Target files to copy at the next publish: target path to source. */
  final Map<String, StagedFile> stagedFiles = new LinkedHashMap<>();
  /** Target files no longer listed; pruned once no kept snapshot needs them. */
  final List<String> droppedTargetFiles = new ArrayList<>();
  /** Re-sign snapshot, timestamp and recently-claimed at the next publish even without changes. */
  boolean bumpOnline;
  /** With {@link #bumpOnline}: re-sign recently-claimed if it expires within this. */
  java.time.Duration bumpWithin = java.time.Duration.ZERO;
  final Garbage garbage = new Garbage();

  record StagedFile(TargetFile info, Path source) {}

  RepositoryState(RepositoryConfig config, RepositoryStorage storage, Clock clock, SchemeRegistry registry) {
    this.config = config;
    this.layout = BinLayout.of(config);
    this.storage = storage;
    this.clock = clock;
    this.registry = registry;
    this.bins = new BinSet(layout, storage, config.consistentSnapshot(), config.binCacheSize());
    this.offline = new OfflineRoles(this);
  }

  String binsRole() {
    return config.roleName(RoleKind.BINS);
  }

  Metadata<Targets> published(String role) {
    return delegators.get(role);
  }

  /** Now plus the configured period of {@code kind}, in whole seconds. */
  Instant expiresFromNow(RoleKind kind) {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(config.expiry(kind));
  }

  /** The recently-claimed to build on: the draft, else the published one. */
  Targets recentlyClaimed() {
    if (recentlyClaimedDraft != null) {
      return recentlyClaimedDraft;
    }
    Metadata<Targets> m = delegators.get(config.roleName(RoleKind.RECENTLY_CLAIMED));
    if (m == null) {
      throw new IllegalStateException("not a PEP 480 repository, or not created yet");
    }
    return m.signed();
  }

  // ---- loading ----

  /** Reads the published state from storage. */
  void load() throws StorageException {
    boolean consistent = config.consistentSnapshot();
    try {
      byte[] rootBytes = read("root.json");
      root = Metadata.parseRoot(rootBytes);
      if (root.signed().consistentSnapshot() != consistent) {
        throw new IllegalArgumentException("the repository has consistent_snapshot "
            + root.signed().consistentSnapshot() + ", the configuration says " + consistent);
      }
      timestamp = Metadata.parseTimestamp(read("timestamp.json"));
      snapshotVersion = timestamp.signed().snapshotMeta().version();
      Snapshot snapshot = Metadata.parseSnapshot(
          read(FileNames.metadata("snapshot", snapshotVersion, consistent))).signed();
      for (Map.Entry<String, MetaFile> e : snapshot.meta().entrySet()) {
        String role = e.getKey().substring(0, e.getKey().length() - ".json".length());
        int bin = layout.indexOf(role);
        if (bin >= 0) {
          bins.setVersion(bin, e.getValue().version());
        } else {
          roleVersions.put(e.getKey(), e.getValue().version());
        }
      }
      List<RoleKind> kinds = config.roleKinds();
      for (RoleKind k : List.of(RoleKind.TARGETS, RoleKind.BINS, RoleKind.CLAIMED, RoleKind.RECENTLY_CLAIMED)) {
        if (kinds.contains(k)) {
          String role = config.roleName(k);
          Long v = roleVersions.get(role + ".json");
          if (v == null) {
            throw new IllegalArgumentException("the repository's snapshot does not list " + role
                + ": is it a " + config.layout() + " repository?");
          }
          delegators.put(role, Metadata.parseTargets(read(FileNames.metadata(role, v, consistent)), role));
        }
      }
    } catch (MetadataFormatException e) {
      throw new StorageException(null, "the repository's metadata is damaged: " + e.getMessage(), e);
    }
    Targets binsRole = delegators.get(binsRole()).signed();
    if (binsRole.delegations().flatMap(layout::binKeys).isEmpty()) {
      throw new IllegalArgumentException("the repository's " + binsRole() + " does not delegate to "
          + layout.describe() + " as configured");
    }
  }

  private byte[] read(String name) throws StorageException {
    Optional<byte[]> b = storage.readMetadata(name);
    if (b.isEmpty()) {
      throw new StorageException(null, "metadata file " + name + " is missing from the repository");
    }
    return b.get();
  }
}
