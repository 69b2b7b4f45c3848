package dev.tuf4j.repository;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.StorageException;
import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.metadata.MetaFile;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Role;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Signed;
import dev.tuf4j.metadata.Targets;
import dev.tuf4j.metadata.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes a repository's staged changes: re-signs only what changed (the touched bins, the
 * delegators whose new versions are signed, recently-claimed if it changed), then snapshot,
 * then timestamp, and writes them in an order that never lets a client see a file that points
 * to one not yet written (PEP 458 "Producing Consistent Snapshots"; spec 5.5-5.7):
 *
 * <ol>
 *   <li>target files;
 *   <li>delegated metadata, delegatees before delegators: project roles, bin-n, recently-claimed,
 *       claimed, bins/unclaimed, targets - all under new {@code V.role.json} names nothing
 *       references yet;
 *   <li>{@code V.snapshot.json}, which nothing references yet either;
 *   <li>{@code timestamp.json}, the file clients fetch by a fixed name: from here on they see
 *       the new state;
 *   <li>a new root, if any: {@code N.root.json}, then {@code root.json}.
 * </ol>
 *
 * Root comes last because clients walk the root chain before anything else (spec 5.3) and a new
 * root may trust new timestamp and snapshot keys: written first, it would make the timestamp
 * still published fail for every client until the new one lands (for good, if the publish
 * stopped there). Instead, while a root changes their keys, timestamp and snapshot are signed by
 * the new keys and by the old ones available, so that they verify under either root. Each file
 * is written atomically, with a storage barrier before the timestamp and between the other steps
 * whose files clients could already see. Afterwards files no kept
 * snapshot needs are pruned. A publish that fails (a threshold not met, a size cap, a storage
 * error) changes nothing clients can see, and the staged changes stay for a retry.
 */
public final class Publisher {
  private final RepositoryState s;

  Publisher(RepositoryState state) {
    this.s = state;
  }

  /**
   * Publishes everything staged, pending offline versions included.
   *
   * @throws UnsignedMetadataException when a pending offline version is below a threshold
   *     (naming the role, the threshold and the count) or the online signers cannot meet one
   * @throws MetadataSizeException when a file would exceed a client size cap
   */
  public PublishResult publish() throws UnsignedMetadataException, StorageException {
    return run(true);
  }

  /**
   * Publishes online changes only (uploads, expiry bumps); pending offline versions stay
   * pending, however far their signing is.
   */
  public PublishResult publishOnline() throws UnsignedMetadataException, StorageException {
    if (s.root == null) {
      throw new IllegalStateException("the first publish needs the offline roles: use publish()");
    }
    return run(false);
  }

  private PublishResult run(boolean withOffline) throws UnsignedMetadataException, StorageException {
    Instant now = s.clock.instant().truncatedTo(ChronoUnit.SECONDS);
    boolean consistent = s.config.consistentSnapshot();
    AtomicInteger signatures = new AtomicInteger();

    // Offline versions going out: every threshold met, or nothing is published.
    Map<String, Metadata<? extends Signed>> offline = new LinkedHashMap<>();
    if (withOffline) {
      for (String role : s.offline.all().keySet()) {
        s.offline.requireComplete(role);
        offline.put(role, s.offline.get(role).orElseThrow());
      }
    }
    String binsRole = s.binsRole();
    String claimedRole = s.config.roleName(RoleKind.CLAIMED);
    String recentRole = s.config.roleName(RoleKind.RECENTLY_CLAIMED);
    if (s.root == null) {
      for (RoleKind k : s.config.roleKinds()) {
        if (!k.online() && k != RoleKind.SNAPSHOT && !offline.containsKey(s.config.roleName(k))) {
          throw new IllegalStateException("the first publish needs " + s.config.roleName(k) + " signed");
        }
      }
    }
    Root root = offline.containsKey("root") ? (Root) offline.get("root").signed() : s.root.signed();
    Targets targets = effective(offline, "targets");
    Targets bins = effective(offline, binsRole);
    boolean pep480 = s.config.layout() == RepositoryConfig.Layout.PEP_480;

    // New bin keys mean every bin is re-signed with them.
    BinLayout.BinKeys binKeys = s.layout.binKeys(bins.delegations().orElseThrow()).orElseThrow();
    boolean resignAllBins = s.published(binsRole) != null && offline.containsKey(binsRole)
        && !binKeys.equals(s.layout.binKeys(s.published(binsRole).signed().delegations().orElseThrow()).orElseThrow());

    if (!offline.isEmpty()) {
      requireDelegatorsAgree(offline, root, targets);
    }
    Targets recent = pep480 ? nextRecentlyClaimed(offline, targets, now) : null;
    boolean binChanges = s.bins.hasChanges() || resignAllBins;
    if (offline.isEmpty() && recent == null && !binChanges && s.projectUploads.isEmpty() && !s.bumpOnline
        && s.stagedFiles.isEmpty()) {
      return new PublishResult(false, s.snapshotVersion, s.timestamp.signed().version(), List.of(), 0, 0, 0, List.of());
    }

    // Online signers: all needed thresholds must be reachable before anything is written.
    OnlineSigning tsSigning = online("timestamp", root, signatures);
    OnlineSigning snapSigning = online("snapshot", root, signatures);
    OnlineSigning binSigning = OnlineSigning.forRole(s.config.roleName(RoleKind.BIN), binKeys.keyids(),
        binKeys.threshold(), s.onlineSigners, signatures);
    OnlineSigning recentSigning = null;
    if (recent != null) {
      DelegatedRole r = targets.delegations().orElseThrow().roles().orElseThrow().stream()
          .filter(x -> x.name().equals(recentRole)).findFirst().orElseThrow();
      recentSigning = OnlineSigning.forRole(recentRole, r.keyids(), r.threshold(), s.onlineSigners, signatures);
    }

    // Bytes of the delegators, checked against the cap before anything is written.
    Map<String, byte[]> delegatorFiles = new LinkedHashMap<>();
    Map<String, Metadata<Targets>> delegatorMetadata = new LinkedHashMap<>();
    if (recent != null) {
      Metadata<Targets> m = Metadata.of(recent);
      m = m.withSignatures(recentSigning.sign(m.signedBytes()));
      delegatorMetadata.put(recentRole, m);
    }
    for (String role : List.of(claimedRole, binsRole, "targets")) {
      if (offline.containsKey(role)) {
        @SuppressWarnings("unchecked")
        Metadata<Targets> m = (Metadata<Targets>) offline.get(role);
        delegatorMetadata.put(role, m);
      }
    }
    for (Map.Entry<String, Metadata<Targets>> e : delegatorMetadata.entrySet()) {
      byte[] bytes = e.getValue().toBytes();
      SizeGuard.checkTargetsRole(s.config, e.getKey(), bytes.length, e.getKey().equals(binsRole)
          ? "use succinct bins (TAP 15) or fewer bins" : "move delegations into more roles");
      delegatorFiles.put(e.getKey(), bytes);
    }

    // 1. Target files, checked against what the metadata will say about them.
    for (RepositoryState.StagedFile f : s.stagedFiles.values()) {
      try (java.io.InputStream in = java.nio.file.Files.newInputStream(f.source())) {
        f.info().verifyLengthAndHashes(in);
      } catch (dev.tuf4j.LengthOrHashMismatchException e) {
        throw new StorageException(f.source(), "the file changed after it was added as " + f.info().path(), e);
      } catch (java.io.IOException e) {
        throw new StorageException(f.source(), "cannot read the target file", e);
      }
    }
    int targetFiles = 0;
    for (RepositoryState.StagedFile f : s.stagedFiles.values()) {
      List<String> names = FileNames.target(f.info().path(), f.info().hashes().values(), consistent);
      s.storage.writeTarget(names.get(0), f.source());
      s.garbage.revive(names.get(0), true);
      for (String other : names.subList(1, names.size())) {
        s.storage.linkTarget(other, names.get(0));
        s.garbage.revive(other, true);
      }
      targetFiles += names.size();
    }
    if (!consistent) {
      s.storage.barrier(); // plain target names are visible at once: durable before any metadata
    }

    // 2. Delegated metadata, delegatees first.
    Map<String, Long> newVersions = new LinkedHashMap<>(); // role -> version
    List<String> rolesWritten = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : s.projectUploads.entrySet()) {
      long v = parseVersion(e.getKey(), e.getValue());
      s.storage.writeMetadata(FileNames.metadata(e.getKey(), v, consistent), e.getValue());
      newVersions.put(e.getKey(), v);
      rolesWritten.add(e.getKey());
    }
    Map<Integer, BinPublisher.Written> binsWritten =
        new BinPublisher(s, s.expiresFromNow(RoleKind.BIN), resignAllBins, binSigning).run();
    for (Map.Entry<String, byte[]> e : delegatorFiles.entrySet()) {
      long v = delegatorMetadata.get(e.getKey()).signed().version();
      s.storage.writeMetadata(FileNames.metadata(e.getKey(), v, consistent), e.getValue());
      newVersions.put(e.getKey(), v);
      rolesWritten.add(e.getKey());
    }
    if (!consistent) {
      // Files under fixed names are read as soon as they land; under consistent snapshots the
      // new versions are invisible until the timestamp names the snapshot, so the delegated
      // metadata and the snapshot need only be durable together, before the timestamp.
      s.storage.barrier();
    }

    // 3. Snapshot: every targets role by version.
    TreeMap<String, Long> roleVersions = new TreeMap<>(s.roleVersions);
    newVersions.forEach((role, v) -> roleVersions.put(role + ".json", v));
    long snapshotVersion = s.snapshotVersion + 1;
    byte[] snapshotSigned = SnapshotWriter.signedBytes(snapshotVersion, s.expiresFromNow(RoleKind.SNAPSHOT),
        roleVersions, s.layout, i -> {
          BinPublisher.Written w = binsWritten.get(i);
          return w != null ? w.version() : s.bins.version(i);
        });
    byte[] snapshotFile = CanonicalBytes.envelope(snapSigning.sign(snapshotSigned), snapshotSigned);
    SizeGuard.checkSnapshot(s.config, snapshotFile.length, binEntryBytes(binsWritten), roleVersions.size());
    s.storage.writeMetadata(FileNames.metadata("snapshot", snapshotVersion, consistent), snapshotFile);
    s.storage.barrier();
    rolesWritten.add("snapshot");

    // 4. Timestamp (spec 5.4): it names the snapshot by version, length and hash.
    long timestampVersion = s.timestamp == null ? 1 : s.timestamp.signed().version() + 1;
    MetaFile snapshotMeta = new MetaFile(snapshotVersion, (long) snapshotFile.length,
        Map.of("sha256", Hex.encode(Digester.digest(HashAlgorithm.SHA256, snapshotFile))), JsonObject.EMPTY);
    Metadata<Timestamp> timestamp = Metadata.of(
        Timestamp.of(timestampVersion, s.expiresFromNow(RoleKind.TIMESTAMP), snapshotMeta));
    timestamp = timestamp.withSignatures(tsSigning.sign(timestamp.signedBytes()));
    s.storage.writeMetadata("timestamp.json", timestamp.toBytes());
    s.storage.barrier();
    rolesWritten.add("timestamp");

    // 5. Root: the numbered file clients walk (spec 5.3.3), then root.json.
    if (offline.containsKey("root")) {
      byte[] bytes = offline.get("root").toBytes();
      s.storage.writeMetadata(FileNames.root(root.version()), bytes);
      s.storage.barrier();
      s.storage.writeMetadata("root.json", bytes);
      s.storage.barrier();
      rolesWritten.add("root");
    }

    commit(offline, delegatorMetadata, newVersions, binsWritten, snapshotVersion, timestamp, now);
    List<String> pruned = s.garbage.prune(s.storage, snapshotVersion, s.config.keepVersions());
    return new PublishResult(true, snapshotVersion, timestampVersion, rolesWritten, binsWritten.size(),
        targetFiles, signatures.get(), pruned);
  }

  /** Clients see the new versions now: make them the published state. */
  private void commit(Map<String, Metadata<? extends Signed>> offline, Map<String, Metadata<Targets>> delegators,
      Map<String, Long> newVersions, Map<Integer, BinPublisher.Written> binsWritten, long snapshotVersion,
      Metadata<Timestamp> timestamp, Instant now) {
    boolean consistent = s.config.consistentSnapshot();
    if (consistent) {
      newVersions.forEach((role, v) -> {
        Long old = s.roleVersions.get(role + ".json");
        if (old != null && old != v.longValue()) {
          s.garbage.metadata(FileNames.metadata(role, old, true), snapshotVersion);
        }
      });
      for (BinPublisher.Written w : binsWritten.values()) {
        long old = s.bins.version(w.index());
        if (old > 0) {
          s.garbage.metadata(FileNames.metadata(s.layout.name(w.index()), old, true), snapshotVersion);
        }
      }
      if (s.snapshotVersion > 0) {
        s.garbage.metadata(FileNames.metadata("snapshot", s.snapshotVersion, true), snapshotVersion);
      }
    }
    for (String name : s.droppedTargetFiles) {
      s.garbage.target(name, snapshotVersion);
    }
    if (offline.containsKey("root")) {
      @SuppressWarnings("unchecked")
      Metadata<Root> r = (Metadata<Root>) offline.get("root");
      s.root = r;
    }
    s.delegators.putAll(delegators);
    newVersions.forEach((role, v) -> s.roleVersions.put(role + ".json", v));
    for (BinPublisher.Written w : binsWritten.values()) {
      s.bins.setVersion(w.index(), w.version());
      BinContents changed = s.bins.changedBin(w.index());
      if (changed != null) {
        changed.setExpires(w.expires());
      } else if (w.loaded() != null) {
        w.loaded().setExpires(w.expires());
        s.bins.remember(w.index(), w.loaded());
      }
    }
    s.bins.published();
    for (String role : offline.keySet()) {
      s.offline.clear(role);
    }
    if (offline.containsKey(s.config.roleName(RoleKind.CLAIMED))) {
      s.claimMoves.clear();
    }
    s.snapshotVersion = snapshotVersion;
    s.timestamp = timestamp;
    s.recentlyClaimedDraft = null;
    s.projectUploads.clear();
    s.stagedFiles.clear();
    s.droppedTargetFiles.clear();
    s.bumpOnline = false;
  }

  /**
   * After this publish, every offline targets role must still verify under its delegator:
   * targets under the new root, bins/unclaimed and claimed under the new targets. A root that
   * changes the targets keys, or a targets that changes the bins keys, needs the delegated role
   * re-signed with the new keys in the same publish; clients would fail otherwise.
   */
  private void requireDelegatorsAgree(Map<String, Metadata<? extends Signed>> offline, Root root, Targets targets)
      throws UnsignedMetadataException {
    String newRoot = "root version " + root.version();
    root.verifyDelegate("targets", current(offline, "targets"), s.registry).requireVerified(newRoot);
    for (RoleKind k : List.of(RoleKind.BINS, RoleKind.CLAIMED)) {
      if (s.config.roleKinds().contains(k)) {
        String role = s.config.roleName(k);
        targets.verifyDelegate(role, current(offline, role), s.registry).requireVerified("targets version "
            + targets.version());
      }
    }
  }

  private Metadata<? extends Signed> current(Map<String, Metadata<? extends Signed>> offline, String role) {
    Metadata<? extends Signed> m = offline.get(role);
    return m != null ? m : s.published(role);
  }

  /** The recently-claimed to publish now, or null if it stays as it is. */
  private Targets nextRecentlyClaimed(Map<String, Metadata<? extends Signed>> offline, Targets targets, Instant now) {
    String role = s.config.roleName(RoleKind.RECENTLY_CLAIMED);
    Metadata<Targets> published = s.published(role);
    Targets base = s.recentlyClaimed();
    boolean changed = s.recentlyClaimedDraft != null;
    String claimed = s.config.roleName(RoleKind.CLAIMED);
    if (offline.containsKey(claimed) && !s.claimMoves.isEmpty()) {
      // The claim is published: the moved projects leave recently-claimed in the same publish.
      Targets newClaimed = (Targets) offline.get(claimed).signed();
      List<String> nowClaimed = newClaimed.delegations().flatMap(d -> d.roles()).orElse(List.of())
          .stream().map(DelegatedRole::name).filter(s.claimMoves::contains).toList();
      if (!nowClaimed.isEmpty()) {
        base = withoutDelegations(base, nowClaimed);
        changed = true;
      }
    }
    if (offline.containsKey("targets") && published != null) {
      Optional<DelegatedRole> before = delegation(s.published("targets").signed(), role);
      Optional<DelegatedRole> after = delegation(targets, role);
      changed |= !before.map(b -> b.keyids().equals(after.get().keyids()) && b.threshold() == after.get().threshold())
          .orElse(false);
    }
    if (s.bumpOnline && published != null
        && published.signed().expires().isBefore(now.plus(s.bumpWithin))) {
      changed = true;
    }
    if (!changed) {
      return null;
    }
    long version = published == null ? 1 : published.signed().version() + 1;
    return base.withVersion(version).withExpires(s.expiresFromNow(RoleKind.RECENTLY_CLAIMED));
  }

  private static Optional<DelegatedRole> delegation(Targets t, String role) {
    return t.delegations().flatMap(d -> d.roles()).flatMap(rs -> rs.stream().filter(r -> r.name().equals(role)).findFirst());
  }

  private static Targets withoutDelegations(Targets t, List<String> roles) {
    dev.tuf4j.metadata.Delegations d = t.delegations().orElseThrow();
    List<DelegatedRole> kept = d.roles().orElseThrow().stream().filter(r -> !roles.contains(r.name())).toList();
    Map<String, dev.tuf4j.metadata.Key> keys = new LinkedHashMap<>(d.keys());
    java.util.Set<String> used = new java.util.HashSet<>();
    kept.forEach(r -> used.addAll(r.keyids()));
    keys.keySet().retainAll(used);
    return t.withDelegations(new dev.tuf4j.metadata.Delegations(keys, kept, null, d.unrecognized()));
  }

  private Targets effective(Map<String, Metadata<? extends Signed>> offline, String role) {
    Metadata<? extends Signed> m = offline.get(role);
    return m != null ? (Targets) m.signed() : s.published(role).signed();
  }

  /** Signers of a top-level online role, with the previous root's keys for it while root changes. */
  private OnlineSigning online(String role, Root root, AtomicInteger count) throws UnsignedMetadataException {
    Role r = root.roles().get(role);
    List<String> previous = s.root == null ? List.of() : s.root.signed().roles().get(role).keyids();
    return OnlineSigning.forRole(role, r.keyids(), r.threshold(), s.onlineSigners, count, previous);
  }

  private static long parseVersion(String role, byte[] bytes) {
    try {
      return Metadata.parseTargets(bytes, role).signed().version();
    } catch (MetadataFormatException e) {
      throw new IllegalStateException("accepted upload no longer parses", e);
    }
  }

  /** What one bin's entry ({@code "bin-0a.json":{"version":N},}) takes in the snapshot, at most. */
  private long binEntryBytes(Map<Integer, BinPublisher.Written> bins) {
    long max = 1;
    for (int i = 0; i < s.layout.count(); i++) {
      BinPublisher.Written w = bins.get(i);
      max = Math.max(max, w != null ? w.version() : s.bins.version(i));
    }
    return s.layout.name(0).length() + 21L + Long.toString(max).length();
  }

}
