package dev.tuf4j.repository;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.RepositoryException;
import dev.tuf4j.StorageException;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.crypto.Signer;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.metadata.Delegations;
import dev.tuf4j.metadata.Key;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Role;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A TUF repository laid out as PEP 458 or PEP 480, as an editor: operations stage changes in
 * memory and say what they did; {@link #publisher()} then signs what changed and writes it.
 *
 * <p>Offline roles (root, targets, bins/unclaimed, claimed) change only into a pending next
 * version that key holders sign ({@link #sign}, {@link #pendingFile}, {@link #addSignatures},
 * {@link Ceremony}); online roles (timestamp, snapshot, every bin-n, recently-claimed) are signed
 * at publish time by the online signers given here. Time comes only from the given {@link Clock}.
 *
 * <p>One repository object per published tree, used by one thread at a time.
 */
public final class Repository {
  /** From this many targets on, their bins are read in parallel before the change. */
  private static final int PREFETCH_FROM = 32;
  private static final java.util.regex.Pattern HEX_DIGEST = java.util.regex.Pattern.compile("[0-9a-f]{16,128}");

  private final RepositoryState state;
  private final Projects projects;

  private Repository(RepositoryState state) {
    this.state = state;
    this.projects = new Projects(state);
  }

  /**
   * A new repository: version 1 of every role. Root, targets, bins (and claimed) are pending
   * until their key holders sign them; the first publish writes everything.
   *
   * @param keys the keys and threshold of every role kind of the layout
   * @param onlineSigners the signers of the online roles' keys (timestamp, snapshot, bin-n,
   *     recently-claimed)
   */
  public static Repository create(RepositoryConfig config, Map<RoleKind, RoleKeys> keys,
      RepositoryStorage storage, Clock clock, Collection<? extends Signer> onlineSigners) throws StorageException {
    RepositoryState s = newState(config, storage, clock, onlineSigners);
    if (storage.readMetadata("root.json").isPresent()) {
      throw new IllegalStateException("the storage holds a repository already: open it instead");
    }
    for (RoleKind k : config.roleKinds()) {
      if (!keys.containsKey(k)) {
        throw new IllegalArgumentException("no keys for " + k + " (" + config.roleName(k) + ")");
      }
    }
    Map<String, Key> rootKeys = new LinkedHashMap<>();
    Map<String, Role> roles = new LinkedHashMap<>();
    for (RoleKind k : List.of(RoleKind.ROOT, RoleKind.TARGETS, RoleKind.SNAPSHOT, RoleKind.TIMESTAMP)) {
      RoleKeys rk = keys.get(k);
      rk.keys().forEach(pk -> rootKeys.put(pk.keyId(), Key.of(pk)));
      roles.put(config.roleName(k), new Role(rk.keyids(), rk.threshold()));
    }
    s.offline.start("root", Root.of(s.expiresFromNow(RoleKind.ROOT), rootKeys, roles)
        .withConsistentSnapshot(config.consistentSnapshot()));

    Map<String, Key> delegationKeys = new LinkedHashMap<>();
    List<DelegatedRole> delegated = new ArrayList<>();
    if (config.layout() == RepositoryConfig.Layout.PEP_480) {
      // PEP 480: claimed, recently-claimed, unclaimed - in that order, which is search priority.
      List<String> any = Project.anyProject(config.projectPathTemplates());
      delegated.add(delegation(config, RoleKind.CLAIMED, keys, delegationKeys, any, null));
      delegated.add(delegation(config, RoleKind.RECENTLY_CLAIMED, keys, delegationKeys, any, null));
    }
    // Every path: one hex digit of its hash is enough to cover all (spec "path_hash_prefixes").
    List<String> all = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f");
    delegated.add(delegation(config, RoleKind.BINS, keys, delegationKeys, null, all));
    s.offline.start("targets", Targets.of(1, s.expiresFromNow(RoleKind.TARGETS))
        .withDelegations(Delegations.of(delegationKeys, delegated)));

    RoleKeys bin = keys.get(RoleKind.BIN);
    Map<String, Key> binKeys = new LinkedHashMap<>();
    bin.keys().forEach(pk -> binKeys.put(pk.keyId(), Key.of(pk)));
    s.offline.start(s.binsRole(), Targets.of(1, s.expiresFromNow(RoleKind.BINS))
        .withDelegations(s.layout.delegations(binKeys, bin.keyids(), bin.threshold())));
    if (config.layout() == RepositoryConfig.Layout.PEP_480) {
      s.offline.start(config.roleName(RoleKind.CLAIMED), Targets.of(1, s.expiresFromNow(RoleKind.CLAIMED))
          .withDelegations(Delegations.of(Map.of(), List.of())));
      s.recentlyClaimedDraft = Targets.of(1, s.expiresFromNow(RoleKind.RECENTLY_CLAIMED))
          .withDelegations(Delegations.of(Map.of(), List.of()));
    }
    s.bins.resignAll(); // every bin is written, empty, at the first publish
    return new Repository(s);
  }

  private static DelegatedRole delegation(RepositoryConfig config, RoleKind kind, Map<RoleKind, RoleKeys> keys,
      Map<String, Key> delegationKeys, @Nullable List<String> paths, @Nullable List<String> prefixes) {
    RoleKeys rk = keys.get(kind);
    rk.keys().forEach(pk -> delegationKeys.put(pk.keyId(), Key.of(pk)));
    return new DelegatedRole(config.roleName(kind), rk.keyids(), rk.threshold(), false, paths, prefixes,
        dev.tuf4j.json.JsonObject.EMPTY);
  }

  /** A repository published before, read from {@code storage}. */
  public static Repository open(RepositoryConfig config, RepositoryStorage storage, Clock clock,
      Collection<? extends Signer> onlineSigners) throws StorageException {
    RepositoryState s = newState(config, storage, clock, onlineSigners);
    s.load();
    return new Repository(s);
  }

  private static RepositoryState newState(RepositoryConfig config, RepositoryStorage storage, Clock clock,
      Collection<? extends Signer> onlineSigners) {
    RepositoryState s = new RepositoryState(Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(storage, "storage"), Objects.requireNonNull(clock, "clock"), SchemeRegistry.defaults());
    onlineSigners.forEach(x -> s.onlineSigners.put(x.publicKey().keyId(), x));
    return s;
  }

  public RepositoryConfig config() {
    return state.config;
  }

  /** Makes another online signer available, e.g. the new key after {@link #rotateOnlineKey}. */
  public void addOnlineSigner(Signer signer) {
    state.onlineSigners.put(signer.publicKey().keyId(), signer);
  }

  /** The publisher of this repository's staged changes. */
  public Publisher publisher() {
    return new Publisher(state);
  }

  // ---- targets (PEP 458: every target in its hash bin) ----

  /**
   * Adds or replaces targets from precomputed info; custom fields are kept as given. A large
   * collection (a batch of uploads) has its bins read on several threads first.
   */
  public TargetsResult addTargets(Collection<TargetFile> files) throws StorageException {
    if (files.size() >= PREFETCH_FROM && state.config.signingThreads() > 1) {
      Set<Integer> bins = new java.util.HashSet<>();
      for (TargetFile f : files) {
        bins.add(state.layout.binOf(f.path()));
      }
      state.bins.prefetch(bins, state.config.signingThreads());
    }
    try {
      return addTargets(files.iterator());
    } finally {
      state.bins.dropPrefetched();
    }
  }

  /**
   * As {@link #addTargets(Collection)}, consuming an iterator: for bulk loads, where the caller
   * streams millions of targets without holding them all (only their compact bin entries stay
   * until the next publish).
   */
  public TargetsResult addTargets(Iterator<TargetFile> files) throws StorageException {
    long added = 0;
    long replaced = 0;
    long unchanged = 0;
    Set<Integer> bins = new java.util.HashSet<>();
    java.time.Instant binExpires = state.expiresFromNow(RoleKind.BIN);
    while (files.hasNext()) {
      TargetFile f = files.next();
      checkTarget(f);
      int bin = state.layout.binOf(f.path());
      BinContents b = state.bins.open(bin, binExpires);
      byte[] old = b.entry(f.path());
      if (!b.put(f)) {
        unchanged++;
        continue;
      }
      state.bins.markChanged(bin, b);
      state.stagedFiles.remove(f.path()); // a file staged for older info is no longer it
      bins.add(bin);
      if (old == null) {
        added++;
      } else {
        replaced++;
        dropFiles(f.path(), old, f.hashes().values());
      }
    }
    return new TargetsResult(added, replaced, unchanged, 0, bins.size());
  }

  /**
   * A target must be able to live in a static tree: a safe path, and hash values that are hex
   * (under consistent snapshots they become part of its file names).
   */
  private static void checkTarget(TargetFile f) {
    FileNames.checkTargetPath(f.path());
    for (Map.Entry<String, String> h : f.hashes().entrySet()) {
      if (!HEX_DIGEST.matcher(h.getValue()).matches()) {
        throw new IllegalArgumentException("hash " + h.getKey() + " of " + f.path()
            + " must be 16 to 128 lower-case hex digits");
      }
    }
  }

  /**
   * Adds targets from local files: length and hashes (the configured algorithms, by default
   * sha256 and blake2b-256) are computed here, and the files are copied into the published tree
   * at the next publish, which checks them again first: a file must not change until then.
   *
   * @param files target path to local file
   * @param custom the {@code custom} object for every one of them, or null
   */
  public TargetsResult addTargetFiles(Map<String, Path> files, @Nullable JsonValue custom) throws StorageException {
    List<TargetFile> infos = new ArrayList<>(files.size());
    for (Map.Entry<String, Path> e : files.entrySet()) {
      TargetFile info = TargetFiles.fromFile(e.getKey(), e.getValue(), state.config.hashAlgorithms(), custom);
      infos.add(info);
    }
    TargetsResult r = addTargets(infos);
    for (TargetFile info : infos) {
      state.stagedFiles.put(info.path(), new RepositoryState.StagedFile(info, files.get(info.path())));
    }
    return r;
  }

  /** Removes targets; their files are pruned once no kept snapshot lists them. */
  public TargetsResult removeTargets(Collection<String> paths) throws StorageException {
    long removed = 0;
    Set<Integer> bins = new java.util.HashSet<>();
    for (String path : paths) {
      int bin = state.layout.binOf(path);
      BinContents b = state.bins.open(bin, state.expiresFromNow(RoleKind.BIN));
      byte[] old = b.entry(path);
      if (old == null) {
        continue;
      }
      b.remove(path);
      state.bins.markChanged(bin, b);
      state.stagedFiles.remove(path);
      dropFiles(path, old, List.of());
      bins.add(bin);
      removed++;
    }
    return new TargetsResult(0, 0, 0, removed, bins.size());
  }

  /** Plans the pruning of the files of a target's old content that its new content does not reuse. */
  private void dropFiles(String path, byte[] oldEntry, Collection<String> newHashes) {
    boolean consistent = state.config.consistentSnapshot();
    List<String> names = new ArrayList<>(FileNames.target(path, BinContents.hashesOf(oldEntry), consistent));
    if (!newHashes.isEmpty()) {
      names.removeAll(FileNames.target(path, newHashes, consistent));
    }
    state.droppedTargetFiles.addAll(names);
  }

  /** The target as the next publish will list it (bins only; PEP 480 project roles aside). */
  public Optional<TargetFile> target(String path) throws StorageException {
    Optional<BinContents> b = state.bins.peek(state.layout.binOf(path));
    if (b.isEmpty() || !b.get().contains(path)) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(b.get().targets().get(path));
    } catch (MetadataFormatException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- keys (each edit makes a pending version of the delegator) ----

  /** Adds a key to the roles of {@code kind}; returns what the changed delegator needs. */
  public SignatureStatus addKey(RoleKind kind, PublicKey key) {
    return editKeys(kind, KeyEdits.add(key));
  }

  /** Revokes a key; refused if fewer keys than the threshold would remain. */
  public SignatureStatus revokeKey(RoleKind kind, String keyid) {
    return editKeys(kind, KeyEdits.revoke(keyid));
  }

  public SignatureStatus setThreshold(RoleKind kind, int threshold) {
    return editKeys(kind, KeyEdits.threshold(threshold));
  }

  /** Replaces all keys and the threshold of {@code kind}. */
  public SignatureStatus replaceKeys(RoleKind kind, RoleKeys keys) {
    return editKeys(kind, KeyEdits.replace(keys));
  }

  /**
   * Root rotation (spec 5.3.4): the next root trusts {@code newKeys}; it must be signed by a
   * threshold of the current root keys and a threshold of the new ones.
   */
  public SignatureStatus rotateRootKeys(RoleKeys newKeys) {
    return replaceKeys(RoleKind.ROOT, newKeys);
  }

  /**
   * Moves every online role (timestamp, snapshot, bin-n, recently-claimed) to {@code newKey}.
   * Root, bins (and targets under PEP 480) get pending versions to sign; once they are
   * published, every online role is re-signed with the new key, which must be added with
   * {@link #addOnlineSigner}.
   */
  public List<SignatureStatus> rotateOnlineKey(PublicKey newKey) {
    List<SignatureStatus> out = new ArrayList<>();
    Set<String> delegators = new TreeSet<>();
    for (RoleKind k : state.config.roleKinds()) {
      if (k.online()) {
        delegators.add(editKeys(k, KeyEdits.replace(RoleKeys.of(newKey))).role());
      }
    }
    for (String d : delegators) {
      out.add(state.offline.status(d));
    }
    return out;
  }

  /** A pending next version of an offline role with a fresh expiry and no other change. */
  public SignatureStatus renew(RoleKind kind) {
    if (kind.online() || kind == RoleKind.BIN) {
      throw new IllegalArgumentException(kind + " is online: use bumpOnlineExpiries");
    }
    String role = state.config.roleName(kind);
    if (kind == RoleKind.ROOT) {
      state.offline.editRoot(r -> r.withExpires(state.expiresFromNow(kind)));
    } else {
      state.offline.editTargets(role, kind, t -> t.withExpires(state.expiresFromNow(kind)));
    }
    return state.offline.status(role);
  }

  private SignatureStatus editKeys(RoleKind kind, KeyEdits.Edit edit) {
    if (!state.config.roleKinds().contains(kind)) {
      throw new IllegalArgumentException(kind + " is not a role of the " + state.config.layout() + " layout");
    }
    String name = state.config.roleName(kind);
    switch (kind) {
      case ROOT:
      case TARGETS:
      case SNAPSHOT:
      case TIMESTAMP:
        state.offline.editRoot(r -> KeyEdits.inRoot(r, name, edit));
        return state.offline.status("root");
      case BIN:
        state.offline.editTargets(state.binsRole(), RoleKind.BINS,
            t -> KeyEdits.inBins(t, state.layout, name, edit));
        return state.offline.status(state.binsRole());
      default:
        state.offline.editTargets("targets", RoleKind.TARGETS, t -> KeyEdits.inDelegation(t, name, edit));
        return state.offline.status("targets");
    }
  }

  // ---- the offline ceremony ----

  /** What every pending offline version still needs. */
  public List<SignatureStatus> pendingSignatures() {
    List<SignatureStatus> out = new ArrayList<>();
    for (String role : state.offline.all().keySet()) {
      out.add(state.offline.status(role));
    }
    return out;
  }

  /**
   * The pending version of {@code role} as a metadata file, unsigned or partly signed, to carry
   * to key holders ({@link Ceremony#sign}); empty if there is none.
   */
  public Optional<byte[]> pendingFile(String role) {
    return state.offline.get(role).map(Metadata::toBytes);
  }

  /** Signs the pending version of {@code role} with a key held here. */
  public SignatureStatus sign(String role, Signer signer) {
    return state.offline.sign(role, signer);
  }

  /**
   * Takes the signatures from a carried file of {@code role}'s pending version (or, after a
   * restart, adopts the file as the pending version if it is the next version).
   */
  public SignatureStatus addSignatures(String role, byte[] file) throws MetadataFormatException {
    return state.offline.merge(role, file);
  }

  /** Drops the pending version of {@code role} and its signatures. */
  public void discardPending(String role) {
    state.offline.clear(role);
    if (role.equals(state.config.roleName(RoleKind.CLAIMED))) {
      state.claimMoves.clear();
    }
  }

  // ---- PEP 480 ----

  /** Registers a project; its delegation is added with its first accepted upload. */
  public void registerProject(Project project) {
    projects.register(project);
  }

  /** Checks and stages developer-signed project metadata (see {@link #acceptUpload(String, byte[], Map)}). */
  public UploadResult acceptUpload(String project, byte[] metadata) throws RepositoryException, StorageException {
    return projects.accept(project, metadata, Map.of());
  }

  /**
   * Checks developer-signed metadata of a project and stages it with its files. Refused unless
   * a threshold of the project's keys signed it ({@link dev.tuf4j.UnsignedMetadataException}),
   * it lists only the project's paths and does not delegate ({@link
   * dev.tuf4j.MetadataFormatException}), it is not expired ({@link
   * dev.tuf4j.ExpiredMetadataException}), its version is above the current one ({@link
   * dev.tuf4j.BadVersionException}), and every given file matches its listed length and hashes
   * ({@link dev.tuf4j.LengthOrHashMismatchException}).
   *
   * @param files target path to the uploaded file, for targets whose files come with the upload
   */
  public UploadResult acceptUpload(String project, byte[] metadata, Map<String, Path> files)
      throws RepositoryException, StorageException {
    return projects.accept(project, metadata, files);
  }

  /**
   * Moves projects from recently-claimed to claimed: a pending claimed version to sign offline;
   * recently-claimed drops them when that version is published.
   */
  public SignatureStatus claimProjects(Collection<String> projectNames) {
    return projects.claim(projectNames);
  }

  // ---- scheduled work ----

  /**
   * Re-signs, at the next publish, every online role that expires within {@code within}:
   * timestamp and snapshot always, recently-claimed and the bins that need it. Offline roles
   * are untouched. Meant for a scheduled job ({@code publisher().publishOnline()} afterwards).
   */
  public void bumpOnlineExpiries(Duration within) {
    state.bumpOnline = true;
    state.bins.resignIfExpiringBefore(state.clock.instant().plus(within));
    state.bumpWithin = within;
  }

  /** Every role, its version, expiry and signatures; what expires within {@code soon}. */
  public RepositoryStatus status(Duration soon) throws StorageException {
    return StatusReport.of(state, soon);
  }

  /** The published version of a role, or 0 if it is not published. */
  public long publishedVersion(String role) {
    if (role.equals("root")) {
      return state.root == null ? 0 : state.root.signed().version();
    }
    if (role.equals("timestamp")) {
      return state.timestamp == null ? 0 : state.timestamp.signed().version();
    }
    if (role.equals("snapshot")) {
      return state.snapshotVersion;
    }
    int bin = state.layout.indexOf(role);
    if (bin >= 0) {
      return state.bins.version(bin);
    }
    Long v = state.roleVersions.get(role + ".json");
    return v == null ? 0 : v;
  }
}
