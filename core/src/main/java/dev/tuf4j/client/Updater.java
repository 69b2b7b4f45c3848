package dev.tuf4j.client;

import dev.tuf4j.DownloadException;
import dev.tuf4j.HttpStatusException;
import dev.tuf4j.MissingMetadataException;
import dev.tuf4j.RepositoryException;
import dev.tuf4j.StorageException;
import dev.tuf4j.TufException;
import dev.tuf4j.client.internal.Names;
import dev.tuf4j.client.internal.ReusingDecoder;
import dev.tuf4j.client.internal.TargetUrls;
import dev.tuf4j.client.internal.TrustedMetadataSet;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.metadata.DelegationEntry;
import dev.tuf4j.metadata.MetaFile;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Role;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Signed;
import dev.tuf4j.metadata.Snapshot;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import dev.tuf4j.metadata.Timestamp;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The TUF client (spec section 5): refreshes trusted metadata from a repository and hands out
 * only target files whose length and hashes a threshold of trusted keys signed.
 *
 * <p>Thin I/O glue around {@link TrustedMetadataSet}: for each role it tries the local copy,
 * then the network with a length cap, feeds the bytes to the trusted set, and persists exactly
 * the bytes that verified, atomically, before going on. Metadata work is serialised; target
 * downloads may run in parallel ({@link #downloadAll}).
 *
 * <p>Thread-safe. Build one with {@link #builder()}.
 */
@SuppressWarnings("try") // the metadata folder lock is held by try-with-resources, unused inside
public final class Updater implements AutoCloseable {
  private final URI metadataBase;
  private final @Nullable URI targetBase;
  private final MetadataStore metadataStore;
  private final Fetcher fetcher;
  // The HTTP fetcher this updater made (no fetcher was given), closed by close().
  private final @Nullable HttpFetcher ownedFetcher;
  private final Clock clock;
  private final SchemeRegistry registry;
  private final UpdaterListener listener;
  private final UpdaterConfig config;
  private final byte @Nullable [] bootstrapRoot;
  // Null when no target folder is configured.
  private final @Nullable TargetDownloader targets;

  // Serialises metadata work, and guards everything below it.
  private final Object metadataLock = new Object();
  // The last complete refresh; null before the first or after a failed one.
  private @Nullable TrustedMetadataSet trusted;
  // Role bytes go to and from the store through here, which remembers them; the store's lock,
  // root history and last-accepted record are used directly.
  private final LocalMetadata localMetadata;
  private final ReusingDecoder decoder = new ReusingDecoder();
  private final StaleFileSweep sweep;

  private Updater(Builder b) {
    this.metadataBase = b.metadataBase;
    this.targetBase = b.targetBase;
    this.metadataStore = b.metadataStore;
    this.fetcher = b.fetcher;
    this.ownedFetcher = b.ownedFetcher;
    this.clock = b.clock;
    this.registry = b.registry;
    this.listener = b.listener;
    this.config = b.config;
    this.bootstrapRoot = b.bootstrapRoot;
    this.targets = b.targetStore == null
        ? null : new TargetDownloader(b.targetStore, b.targetFetcher, b.listener);
    this.localMetadata = new LocalMetadata(b.metadataStore);
    this.sweep = StaleFileSweep.ofUpdaterFolders(b.metadataStore, b.targetStore);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Releases the HTTP client and threads this updater made for itself (none when a fetcher was
   * given: that one belongs to the caller). Downloads in progress fail; later ones too.
   * Idempotent. An updater needs no closing when the process ends anyway.
   */
  @Override
  public void close() {
    if (ownedFetcher != null) {
      ownedFetcher.close();
    }
  }

  /**
   * Runs the top-level workflow: root chain (5.3), timestamp (5.4), snapshot (5.5) and top-level
   * targets (5.6). Delegated roles are loaded later, only as a target search needs them.
   *
   * @throws dev.tuf4j.ClockRollbackException under {@link UpdaterConfig#strictClock} when the
   *     clock reads well before the last time metadata was accepted
   */
  public void refresh() throws TufException {
    withStoreLock(lock -> {
      refreshLocked(lock);
      return null;
    });
  }

  /** Work done holding both locks. */
  @FunctionalInterface
  private interface Locked<T> {
    T run(MetadataStore.Lock lock) throws TufException;
  }

  /**
   * Runs {@code work} holding this updater's lock and the store's; what it stored is on disk
   * before this returns (the store may write behind), or the failure is thrown.
   */
  private <T> T withStoreLock(Locked<T> work) throws TufException {
    synchronized (metadataLock) {
      try (MetadataStore.Lock lock = metadataStore.lock()) {
        T result;
        try {
          result = work.run(lock);
        } catch (TufException | RuntimeException | Error e) {
          // A write behind us may have failed too: it is reported with the failure that ended
          // the work, not only logged, and nothing is remembered as stored (below).
          try {
            lock.flush();
          } catch (StorageException writeFailure) {
            e.addSuppressed(writeFailure);
          }
          throw e;
        }
        lock.flush();
        return result;
      } catch (TufException | RuntimeException | Error e) {
        // Whatever ended the work, bytes remembered as stored may not be: the next refresh
        // reads the store again rather than trusting what it remembers.
        localMetadata.forgetAll();
        throw e;
      }
    }
  }

  /** {@link #refresh()} with both locks held. */
  private void refreshLocked(MetadataStore.Lock lock) throws TufException {
    listener.refreshStarted();
    trusted = null;
    localMetadata.forgetIfStoreMoved();
    long storesBefore = localMetadata.storeCount();
    try {
      Instant now = clock.instant(); // 5.1: the fixed update start time, read once
      // A clock set back would let expired metadata pass (freeze attack): compare it with the
      // store's record of when metadata was last accepted.
      ClockRollbackCheck clockCheck = ClockRollbackCheck.check(now, metadataStore, config, listener);
      sweep.sweepOnce(now); // temporary files that killed writers left behind
      TrustedMetadataSet set = startSet(now);
      Root startRoot = set.root().signed();
      loadRoots(set);
      set.requireFinalRootNotExpired();
      recoverFromFastForward(startRoot, set.root().signed());
      loadTimestamp(set);
      loadSnapshot(set);
      loadTargets(set, Targets.TYPE, Root.TYPE);
      clockCheck.updateRecord(metadataStore, localMetadata.storeCount() > storesBefore);
      lock.flush(); // what was stored is on disk before it is trusted (the store may write behind)
      trusted = set;
      listener.refreshFinished(null);
    } catch (TufException e) {
      listener.refreshFinished(e);
      throw e;
    }
  }

  /**
   * The trusted set for a search, taken with the store locked: if another updater sharing the
   * store has trusted a newer timestamp since this one's refresh, refreshes first, so that the
   * delegated roles this search stores match the snapshot the store holds, never an older one.
   */
  private TrustedMetadataSet currentSet(MetadataStore.Lock lock) throws TufException {
    TrustedMetadataSet set = trusted;
    if (set != null && localMetadata.storeHoldsOurTimestamp()) {
      return set;
    }
    refreshLocked(lock);
    return trusted;
  }

  /**
   * Finds the trusted info for {@code targetPath} by a pre-order depth-first search of the
   * delegation graph (5.6.7), loading delegated roles as needed. Refreshes first if there was no
   * successful refresh yet.
   *
   * @return empty when no role on the allowed paths lists the target
   * @throws RepositoryException when metadata on the search path cannot be loaded or verified
   */
  public Optional<TargetFile> targetInfo(String targetPath) throws TufException {
    return withStoreLock(lock -> search(currentSet(lock), targetPath));
  }

  /**
   * Every target the repository's trusted metadata vouches for, each with the info {@link
   * #targetInfo} gives for its path, in the pre-order in which the delegation graph first lists
   * it. Every role reachable through delegations is loaded (bins included: one request per role);
   * a path one role lists but is not trusted for (outside its delegated paths, or after a
   * terminating delegation) is given only as the role the search reaches for it lists it, or not
   * at all.
   */
  public List<TargetFile> allTargets() throws TufException {
    return withStoreLock(lock -> {
      TrustedMetadataSet set = currentSet(lock);
      Set<String> listed = new LinkedHashSet<>();
      Set<String> visited = new HashSet<>();
      Deque<String[]> stack = new ArrayDeque<>();
      stack.push(new String[] {Targets.TYPE, Root.TYPE});
      while (!stack.isEmpty()) {
        String[] next = stack.pop();
        if (!visited.add(next[0])) {
          continue;
        }
        Targets t = loadTargets(set, next[0], next[1]).signed();
        listed.addAll(t.targets().keySet());
        List<String> children = t.delegations()
            .map(d -> d.roles().map(rs -> rs.stream().map(r -> r.name()).toList())
                .orElseGet(() -> d.succinctRoles().orElseThrow().roleNames()))
            .orElse(List.of());
        for (int i = children.size() - 1; i >= 0; i--) {
          stack.push(new String[] {children.get(i), next[0]});
        }
      }
      // 5.6.7: a role's listing counts only where the search for that path trusts it, so each
      // path gets the search's answer (every role it visits is loaded by now: no new request).
      List<TargetFile> out = new ArrayList<>(listed.size());
      for (String path : listed) {
        search(set, path).ifPresent(out::add);
      }
      return List.copyOf(out);
    });
  }

  /** The local file for {@code info} if it exists and still matches length and hashes. */
  public Optional<Path> findCachedTarget(TargetFile info) throws TufException {
    return requireTargets().findCached(info);
  }

  /**
   * Downloads a target (5.7), capped at its listed length, checks its length and every hash,
   * and moves it into the target folder. Nothing partial is ever visible there.
   *
   * @return the stored file
   */
  public Path download(TargetFile info) throws TufException {
    TargetDownloader downloader = requireTargets();
    Objects.requireNonNull(targetBase, "no target base URL configured");
    boolean consistent;
    synchronized (metadataLock) {
      consistent = ensureRefreshed().root().signed().consistentSnapshot();
    }
    URI uri = URI.create(targetBase + TargetUrls.path(info.path(), consistent ? firstHash(info) : null));
    return downloader.download(uri, info);
  }

  /**
   * Looks up every path (serially: metadata work is never parallel), then downloads the targets
   * that are not cached in parallel on a bounded pool. Fails on the first failure.
   *
   * @return target path to stored file, in the order given
   * @throws dev.tuf4j.TargetNotFoundException for a path no role lists
   */
  public Map<String, Path> downloadAll(List<String> targetPaths) throws TufException {
    List<TargetFile> infos = new ArrayList<>();
    for (String p : targetPaths) {
      infos.add(targetInfo(p).orElseThrow(
          () -> new dev.tuf4j.TargetNotFoundException(p, "no trusted targets metadata lists it")));
    }
    Map<String, Path> out = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.parallelDownloads(), Math.max(1, infos.size())));
    try {
      List<Future<Path>> futures = new ArrayList<>();
      for (TargetFile info : infos) {
        futures.add(pool.submit(() -> {
          Optional<Path> cached = findCachedTarget(info);
          return cached.isPresent() ? cached.get() : download(info);
        }));
      }
      for (int i = 0; i < infos.size(); i++) {
        try {
          out.put(infos.get(i).path(), futures.get(i).get());
        } catch (ExecutionException e) {
          futures.forEach(f -> f.cancel(true));
          if (e.getCause() instanceof TufException t) {
            throw t;
          }
          throw new IllegalStateException("download failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          futures.forEach(f -> f.cancel(true));
          throw new StorageException(null, "interrupted while downloading", e);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The trusted root after the last successful refresh, if any. */
  public Optional<Metadata<Root>> trustedRoot() {
    synchronized (metadataLock) {
      return trusted == null ? Optional.empty() : Optional.of(trusted.root());
    }
  }

  /** Trusted metadata of a role after the last successful refresh (and searches), if loaded. */
  public Optional<Metadata<? extends Signed>> trustedMetadata(String role) {
    synchronized (metadataLock) {
      if (trusted == null) {
        return Optional.empty();
      }
      switch (role) {
        case Root.TYPE:
          return Optional.of(trusted.root());
        case Timestamp.TYPE:
          return trusted.timestamp().map(m -> m);
        case Snapshot.TYPE:
          return trusted.snapshot().map(m -> m);
        default:
          return trusted.targets(role).map(m -> m);
      }
    }
  }

  // ---- the workflow steps ----

  private TrustedMetadataSet ensureRefreshed() throws TufException {
    if (trusted == null) {
      refresh();
    }
    return trusted;
  }

  /** 5.1 and 5.2: the fixed start time and the trust anchor. */
  private TrustedMetadataSet startSet(Instant now) throws TufException {
    byte[] rootBytes;
    if (bootstrapRoot != null) {
      rootBytes = bootstrapRoot;
    } else {
      rootBytes = localMetadata.load(Root.TYPE).orElseThrow(() -> new MissingMetadataException(
          Root.TYPE, "expected a trusted root.json in the metadata store, got none (initialise the client first)"));
    }
    TrustedMetadataSet set;
    try {
      set = new TrustedMetadataSet(rootBytes, now, registry, decoder);
    } catch (RepositoryException e) {
      if (bootstrapRoot != null) {
        throw e;
      }
      // The stored anchor itself is bad (damaged, tampered with, or signed with a scheme this
      // registry lacks): local state, not the repository's fault. Say which file, keep it as it
      // is for the user to inspect, and fetch nothing: without an anchor nothing can be verified.
      Path file = metadataStore instanceof FileSystemMetadataStore fs ? fs.fileFor(Root.TYPE) : null;
      throw new StorageException(file, "the trusted root" + (file != null ? "" : " in the metadata store")
          + " is not usable (restore it or initialise the client again): " + e.getMessage(), e);
    }
    if (bootstrapRoot != null) {
      byte[] newest = loadStoredRoots(set, bootstrapRoot);
      localMetadata.adoptStartRoot(set.root().signed().version(), newest);
    }
    return set;
  }

  /**
   * 5.3 from the root history first, when the anchor is the root the application ships: every
   * root this client followed since is kept there, and each is verified again on the way, as
   * python-tuf's {@code _load_root} does. Starting over from the shipped root on each refresh
   * would undo a rotation the client already followed: a threshold of rotated-out root keys
   * could then sign a fork, and every rotation since the shipped root would look new (5.3.11),
   * dropping the timestamp and snapshot baselines. Stops at the first version that is missing or
   * does not verify; the repository is asked for the rest (loadRoots).
   *
   * @return the bytes of the newest root trusted now
   */
  private byte[] loadStoredRoots(TrustedMetadataSet set, byte[] anchor) throws TufException {
    byte[] newest = anchor;
    for (int i = 0; i < config.maxRootRotations(); i++) {
      long next = set.root().signed().version() + 1;
      Optional<byte[]> stored = metadataStore.loadRootHistory(next);
      if (stored.isEmpty()) {
        break;
      }
      try {
        set.updateRoot(stored.get());
      } catch (RepositoryException e) {
        listener.metadataRejected(Root.TYPE, true, e);
        break;
      }
      newest = stored.get();
      listener.metadataAccepted(Root.TYPE, next, true);
    }
    return newest;
  }

  /** 5.3: follow N+1.root.json until the repository has no newer root. */
  private void loadRoots(TrustedMetadataSet set) throws TufException {
    for (int i = 0; i < config.maxRootRotations(); i++) {
      long next = set.root().signed().version() + 1;
      byte[] bytes;
      try {
        bytes = fetchMetadata(next + ".root.json", config.rootMaxLength());
      } catch (HttpStatusException e) {
        if (e.isNotFound()) {
          return; // 5.3.3: the chain ends where the repository has no newer root
        }
        throw e;
      }
      try {
        set.updateRoot(bytes);
      } catch (RepositoryException e) {
        listener.metadataRejected(Root.TYPE, false, e);
        throw e;
      }
      localMetadata.storeRoot(next, bytes);
      listener.metadataAccepted(Root.TYPE, next, false);
    }
  }

  /**
   * 5.3.11: if the timestamp or snapshot keys changed, the cached timestamp and snapshot are no
   * baseline any more: delete them, so that a fast-forward attack with the old keys can be
   * recovered from.
   */
  private void recoverFromFastForward(Root before, Root after) throws StorageException {
    if (before.version() == after.version()) {
      return;
    }
    if (changed(before, after, Timestamp.TYPE) || changed(before, after, Snapshot.TYPE)) {
      for (String role : List.of(Timestamp.TYPE, Snapshot.TYPE)) {
        localMetadata.delete(role);
        decoder.forget(role);
      }
    }
  }

  private static boolean changed(Root before, Root after, String role) {
    Role a = before.roles().get(role);
    Role b = after.roles().get(role);
    if (a.threshold() != b.threshold() || !new HashSet<>(a.keyids()).equals(new HashSet<>(b.keyids()))) {
      return true;
    }
    for (String keyid : a.keyids()) {
      if (!Objects.equals(before.keys().get(keyid), after.keys().get(keyid))) {
        return true;
      }
    }
    return false;
  }

  /** 5.4: the cached timestamp as rollback baseline, then the repository's. */
  private void loadTimestamp(TrustedMetadataSet set) throws TufException {
    Optional<byte[]> local = localMetadata.load(Timestamp.TYPE);
    if (local.isPresent()) {
      try {
        Metadata<Timestamp> t = set.updateTimestamp(local.get());
        listener.metadataAccepted(Timestamp.TYPE, t.signed().version(), true);
      } catch (RepositoryException e) {
        listener.metadataRejected(Timestamp.TYPE, true, e); // an expired one stays the baseline
      }
    }
    byte[] bytes = fetchMetadata("timestamp.json", config.timestampMaxLength());
    Metadata<Timestamp> before = set.timestamp().orElse(null);
    Metadata<Timestamp> after;
    try {
      after = set.updateTimestamp(bytes);
    } catch (RepositoryException e) {
      listener.metadataRejected(Timestamp.TYPE, false, e);
      throw e;
    }
    if (after != before) {
      localMetadata.store(Timestamp.TYPE, bytes);
      listener.metadataAccepted(Timestamp.TYPE, after.signed().version(), false);
    }
  }

  /** 5.5: reuse the cached snapshot if it is current, else download it. */
  private void loadSnapshot(TrustedMetadataSet set) throws TufException {
    Optional<byte[]> local = localMetadata.load(Snapshot.TYPE);
    if (local.isPresent()) {
      try {
        Metadata<Snapshot> s = set.updateSnapshot(local.get(), true);
        listener.metadataAccepted(Snapshot.TYPE, s.signed().version(), true);
        return;
      } catch (RepositoryException e) {
        listener.metadataRejected(Snapshot.TYPE, true, e); // may still be the rollback baseline
      }
    }
    MetaFile meta = set.timestamp().orElseThrow().signed().snapshotMeta();
    long cap = meta.length().orElse(config.snapshotMaxLength());
    boolean consistent = set.root().signed().consistentSnapshot();
    byte[] bytes = fetchMetadata((consistent ? meta.version() + "." : "") + "snapshot.json", cap);
    Metadata<Snapshot> s;
    try {
      s = set.updateSnapshot(bytes, false);
    } catch (RepositoryException e) {
      listener.metadataRejected(Snapshot.TYPE, false, e);
      throw e;
    }
    localMetadata.store(Snapshot.TYPE, bytes);
    listener.metadataAccepted(Snapshot.TYPE, s.signed().version(), false);
  }

  /**
   * 5.6: a targets role reached from {@code delegator}: the trusted copy (verified again against
   * this delegator), else the cached one if current, else a download.
   */
  private Metadata<Targets> loadTargets(TrustedMetadataSet set, String role, String delegator)
      throws TufException {
    Optional<Metadata<Targets>> known = set.trustedTargetsVia(role, delegator);
    if (known.isPresent()) {
      return known.get();
    }
    MetaFile meta = set.snapshotEntry(role); // not listed: never fetched
    Optional<byte[]> local = localMetadata.load(role);
    if (local.isPresent()) {
      try {
        Metadata<Targets> t = set.updateDelegatedTargets(local.get(), role, delegator);
        listener.metadataAccepted(role, t.signed().version(), true);
        return t;
      } catch (RepositoryException e) {
        listener.metadataRejected(role, true, e);
      }
    }
    long cap = meta.length().orElse(config.targetsMaxLength());
    boolean consistent = set.root().signed().consistentSnapshot();
    String name = (consistent ? meta.version() + "." : "") + Names.encodeRoleName(role) + ".json";
    byte[] bytes = fetchMetadata(name, cap);
    Metadata<Targets> t;
    try {
      t = set.updateDelegatedTargets(bytes, role, delegator);
    } catch (RepositoryException e) {
      listener.metadataRejected(role, false, e);
      throw e;
    }
    localMetadata.store(role, bytes);
    listener.metadataAccepted(role, t.signed().version(), false);
    return t;
  }

  /** 5.6.7: pre-order depth-first search, bounded, cycle-safe, honouring terminating roles. */
  private Optional<TargetFile> search(TrustedMetadataSet set, String targetPath) throws TufException {
    Set<String> visited = new HashSet<>();
    Deque<String[]> toVisit = new ArrayDeque<>();
    toVisit.push(new String[] {Targets.TYPE, Root.TYPE});
    while (!toVisit.isEmpty() && visited.size() < config.maxDelegations()) {
      String[] next = toVisit.pop();
      String role = next[0];
      if (visited.contains(role)) {
        continue; // a cycle, or a role reached twice
      }
      Targets targets = loadTargets(set, role, next[1]).signed();
      Optional<TargetFile> found = targets.target(targetPath);
      if (found.isPresent()) {
        return found;
      }
      visited.add(role);
      if (targets.delegations().isEmpty()) {
        continue;
      }
      List<String[]> children = new ArrayList<>();
      for (DelegationEntry child : targets.delegations().get().rolesForTarget(targetPath)) {
        children.add(new String[] {child.name(), role});
        if (child.terminating()) {
          toVisit.clear(); // nothing after a terminating role, at any level
          break;
        }
      }
      for (int i = children.size() - 1; i >= 0; i--) {
        toVisit.push(children.get(i));
      }
    }
    return Optional.empty();
  }

  // ---- I/O helpers ----

  private byte[] fetchMetadata(String name, long cap) throws DownloadException {
    URI uri = URI.create(metadataBase + name);
    // A length listed in signed metadata may exceed what one array holds; nothing that long can
    // be accepted, so the largest array is the cap (the download then fails typed, not with an
    // IllegalArgumentException from fetchBytes).
    byte[] bytes = fetcher.fetchBytes(uri, Math.min(cap, UpdaterConfig.MAX_LENGTH_CAP));
    listener.downloaded(uri, bytes.length);
    return bytes;
  }

  private static String firstHash(TargetFile info) {
    // Deterministic: the first algorithm in canonical order, as peers pick the first listed one
    // of canonically written files.
    return info.hashes().values().iterator().next();
  }

  private TargetDownloader requireTargets() {
    if (targets == null) {
      throw new IllegalStateException("no target folder configured");
    }
    return targets;
  }

  /** Builds an {@link Updater}; fails fast on a missing or inconsistent setting. */
  public static final class Builder {
    private URI metadataBase;
    private URI targetBase;
    private MetadataStore metadataStore;
    private FileSystemTargetStore targetStore;
    private Path metadataDir;
    private Path targetDir;
    private Fetcher fetcher;
    private @Nullable HttpFetcher ownedFetcher;
    private Fetcher targetFetcher;
    private Clock clock = Clock.systemUTC();
    private SchemeRegistry registry = SchemeRegistry.defaults();
    private UpdaterListener listener = UpdaterListener.NONE;
    private UpdaterConfig config = UpdaterConfig.DEFAULTS;
    private byte[] bootstrapRoot;

    private Builder() {}

    /** Where metadata is fetched from; must end with {@code /}; used as given. */
    public Builder metadataBaseUrl(URI uri) {
      this.metadataBase = requireSlash(uri, "metadata base URL");
      return this;
    }

    /** Where target files are fetched from; must end with {@code /}; used as given. */
    public Builder targetBaseUrl(URI uri) {
      this.targetBase = requireSlash(uri, "target base URL");
      return this;
    }

    /** The folder of trusted metadata (root.json, ...), laid out as the CLI contract says. */
    public Builder metadataDir(Path dir) {
      this.metadataDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** Another store for trusted metadata instead of {@link #metadataDir}. */
    public Builder metadataStore(MetadataStore store) {
      this.metadataStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The folder verified targets are stored in. */
    public Builder targetDir(Path dir) {
      this.targetDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** How metadata and (unless {@link #targetFetcher} is set) targets are fetched. */
    public Builder fetcher(Fetcher fetcher) {
      this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
      return this;
    }

    /**
     * How target files are fetched, if not with {@link #fetcher}. The default fetches targets
     * without {@code Accept-Encoding: gzip}: a server that labels a {@code .tar.gz} as
     * gzip-encoded would otherwise hand back decompressed bytes that fail their hashes.
     */
    public Builder targetFetcher(Fetcher fetcher) {
      this.targetFetcher = Objects.requireNonNull(fetcher, "fetcher");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder schemeRegistry(SchemeRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    public Builder listener(UpdaterListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public Builder config(UpdaterConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * The trusted root the application ships (spec 5.2; PEP 458's way). It must verify against
     * its own keys; it is persisted as root.json. Without it the stored root.json is the anchor.
     */
    public Builder trustedRoot(byte[] rootBytes) {
      this.bootstrapRoot = Objects.requireNonNull(rootBytes, "rootBytes").clone();
      return this;
    }

    /** Whether two folders are one, by path or, where both exist, by file identity. */
    private static boolean sameFolder(Path a, Path b) {
      if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
        return true;
      }
      try {
        return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
      } catch (IOException e) {
        return false; // cannot tell: the stores report their own errors on use
      }
    }

    public Updater build() {
      Objects.requireNonNull(metadataBase, "metadataBaseUrl is required");
      if ((metadataDir == null) == (metadataStore == null)) {
        throw new IllegalStateException("set exactly one of metadataDir and metadataStore");
      }
      if (metadataStore == null) {
        metadataStore = new FileSystemMetadataStore(metadataDir);
      }
      if (targetDir != null
          && metadataStore instanceof FileSystemMetadataStore folderStore
          && sameFolder(folderStore.folder(), targetDir)) {
        // A signed target named root.json (or .tuf4j.lock) would replace the trust anchor.
        throw new IllegalStateException(
            "the target folder must not be the metadata folder: " + targetDir);
      }
      if (targetDir != null) {
        Path staging = metadataDir != null ? metadataDir.resolve("staging") : targetDir.resolveSibling(targetDir.getFileName() + ".staging");
        targetStore = new FileSystemTargetStore(targetDir, staging);
      }
      if (fetcher == null) {
        HttpFetcher http = HttpFetcher.create();
        ownedFetcher = http;
        fetcher = http;
        if (targetFetcher == null) {
          // One HTTP client for both: targets without gzip, metadata with it.
          targetFetcher = http.withGzip(false);
        }
      } else if (targetFetcher == null) {
        targetFetcher = fetcher;
      }
      return new Updater(this);
    }

    private static URI requireSlash(URI uri, String what) {
      Objects.requireNonNull(uri, what);
      if (!uri.toString().endsWith("/")) {
        throw new IllegalArgumentException(what + " must end with '/': " + uri);
      }
      return uri;
    }
  }
}
