package dev.tuf4j.client;

import dev.tuf4j.ClockRollbackException;
import dev.tuf4j.DownloadException;
import dev.tuf4j.HttpStatusException;
import dev.tuf4j.MissingMetadataException;
import dev.tuf4j.RepositoryException;
import dev.tuf4j.StorageException;
import dev.tuf4j.TufException;
import dev.tuf4j.client.internal.Names;
import dev.tuf4j.client.internal.TargetUrls;
import dev.tuf4j.client.internal.TrustedMetadataSet;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.metadata.ContentCheck;
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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
  private final @Nullable FileSystemTargetStore targetStore;
  private final Fetcher fetcher;
  // The HTTP fetcher this updater made (no fetcher was given), closed by close().
  private final @Nullable HttpFetcher ownedFetcher;
  private final Fetcher targetFetcher;
  private final Clock clock;
  private final SchemeRegistry registry;
  private final UpdaterListener listener;
  private final UpdaterConfig config;
  private final byte @Nullable [] bootstrapRoot;

  private final Object metadataLock = new Object();
  // The last complete refresh; null before the first or after a failed one.
  private @Nullable TrustedMetadataSet trusted;
  // Exact bytes last read or written per role, so that a refresh re-reads neither disk nor JSON
  // for what did not change. Only a cache: everything in it is verified again when used.
  private final Map<String, byte[]> localBytes = new HashMap<>();
  private final Map<String, Parsed> parsed = new HashMap<>();
  // Per role, the bytes that last passed the length and hash check, and what they passed.
  private final Map<String, HashChecked> hashChecked = new HashMap<>();
  private final TrustedMetadataSet.MetadataDecoder decoder = new ReusingDecoder();
  // Whether the running refresh stored any metadata it accepted (guarded by metadataLock).
  private boolean storedNew;
  // Whether the first refresh swept the folders of files killed writers left (metadataLock).
  private boolean swept;

  private record Parsed(byte[] bytes, Metadata<?> metadata) {}

  private record HashChecked(byte[] bytes, MetaFile expected) {}

  private Updater(Builder b) {
    this.metadataBase = b.metadataBase;
    this.targetBase = b.targetBase;
    this.metadataStore = b.metadataStore;
    this.targetStore = b.targetStore;
    this.fetcher = b.fetcher;
    this.ownedFetcher = b.ownedFetcher;
    this.targetFetcher = b.targetFetcher;
    this.clock = b.clock;
    this.registry = b.registry;
    this.listener = b.listener;
    this.config = b.config;
    this.bootstrapRoot = b.bootstrapRoot;
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
        T result = work.run(lock);
        lock.flush();
        return result;
      } catch (StorageException e) {
        // A write may have failed behind us: bytes remembered as stored may not be.
        localBytes.clear();
        throw e;
      }
    }
  }

  /** {@link #refresh()} with both locks held. */
  private void refreshLocked(MetadataStore.Lock lock) throws TufException {
    listener.refreshStarted();
    trusted = null;
    forgetLocalBytesIfStoreMoved();
    storedNew = false;
    try {
      Instant now = clock.instant(); // 5.1: the fixed update start time, read once
      Optional<Instant> lastAccepted = checkClock(now);
      if (!swept) {
        sweepStaleFiles(now);
        swept = true;
      }
      TrustedMetadataSet set = startSet(now);
      Root startRoot = set.root().signed();
      loadRoots(set);
      set.requireFinalRootNotExpired();
      recoverFromFastForward(startRoot, set.root().signed());
      loadTimestamp(set);
      loadSnapshot(set);
      loadTargets(set, Targets.TYPE, Root.TYPE);
      // When the newest metadata was accepted: a refresh that stored nothing new leaves the
      // record alone (no write per refresh), and a clock set back never lowers it.
      if (lastAccepted.isEmpty() || (storedNew && now.isAfter(lastAccepted.get()))) {
        metadataStore.storeLastAccepted(now);
      }
      lock.flush(); // what was stored is on disk before it is trusted (the store may write behind)
      trusted = set;
      listener.refreshFinished(null);
    } catch (TufException e) {
      listener.refreshFinished(e);
      throw e;
    }
  }

  /**
   * Another updater (another process) may have changed the store since the last refresh: start
   * from what it holds now, never from older bytes remembered here. Every updater stores a new
   * timestamp before the snapshot and targets it leads to (5.4.6 before 5.5.7 and 5.6.6), and
   * what it stores under an unchanged timestamp matches that timestamp's listing, as ours does.
   * So while the stored timestamp is byte for byte the one remembered, the remembered snapshot
   * and targets bytes are as good as the stored ones and are kept: a refresh where nothing
   * changed reads two small files (root, timestamp), not the whole folder. Everything kept is
   * still verified again when used.
   */
  private void forgetLocalBytesIfStoreMoved() throws StorageException {
    byte[] ours = localBytes.get(Timestamp.TYPE);
    localBytes.remove(Root.TYPE); // small, and another updater may have followed a rotation
    if (ours == null) {
      localBytes.clear();
      return;
    }
    Optional<byte[]> stored = metadataStore.load(Timestamp.TYPE);
    if (stored.isEmpty() || !Arrays.equals(ours, stored.get())) {
      localBytes.clear();
      stored.ifPresent(b -> localBytes.put(Timestamp.TYPE, b));
    }
  }

  /**
   * The clock against the store's record of when metadata was last accepted: a clock set back
   * lets expired metadata pass the expiry checks (5.4.4, 5.5.6, 5.6.5), which is how a freeze
   * attack would go unnoticed. Reported, and fatal only under {@link UpdaterConfig#strictClock}.
   */
  private Optional<Instant> checkClock(Instant now) throws TufException {
    Optional<Instant> lastAccepted = metadataStore.lastAccepted();
    if (lastAccepted.isPresent()
        && now.isBefore(lastAccepted.get().minus(config.clockRollbackTolerance()))) {
      listener.clockRollbackSuspected(now, lastAccepted.get());
      if (config.strictClock()) {
        throw new ClockRollbackException(now, lastAccepted.get(), config.clockRollbackTolerance());
      }
    }
    return lastAccepted;
  }

  /** Once per updater: temporary files that killed writes and downloads left behind. */
  private void sweepStaleFiles(Instant now) {
    if (metadataStore instanceof FileSystemMetadataStore files) {
      StaleFileSweep.sweep(files.folder(), now);
      StaleFileSweep.sweep(files.folder().resolve(FileSystemMetadataStore.ROOT_HISTORY_FOLDER), now);
    }
    if (targetStore != null) {
      // Not the target folder: a target may be named like a temporary file there.
      StaleFileSweep.sweep(targetStore.stagingFolder(), now);
    }
  }

  /**
   * The trusted set for a search, taken with the store locked: if another updater sharing the
   * store has trusted a newer timestamp since this one's refresh, refreshes first, so that the
   * delegated roles this search stores match the snapshot the store holds, never an older one.
   */
  private TrustedMetadataSet currentSet(MetadataStore.Lock lock) throws TufException {
    TrustedMetadataSet set = trusted;
    if (set != null) {
      byte[] ours = localBytes.get(Timestamp.TYPE);
      Optional<byte[]> stored = metadataStore.load(Timestamp.TYPE);
      if (ours != null && stored.isPresent() && Arrays.equals(ours, stored.get())) {
        return set;
      }
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

  /** Every target of every role reachable through delegations, in pre-order. */
  public List<TargetFile> allTargets() throws TufException {
    return withStoreLock(lock -> {
      TrustedMetadataSet set = currentSet(lock);
      Map<String, TargetFile> out = new LinkedHashMap<>();
      Set<String> visited = new HashSet<>();
      Deque<String[]> stack = new ArrayDeque<>();
      stack.push(new String[] {Targets.TYPE, Root.TYPE});
      while (!stack.isEmpty()) {
        String[] next = stack.pop();
        if (!visited.add(next[0])) {
          continue;
        }
        Targets t = loadTargets(set, next[0], next[1]).signed();
        t.targets().forEach(out::putIfAbsent);
        List<String> children = t.delegations()
            .map(d -> d.roles().map(rs -> rs.stream().map(r -> r.name()).toList())
                .orElseGet(() -> d.succinctRoles().orElseThrow().roleNames()))
            .orElse(List.of());
        for (int i = children.size() - 1; i >= 0; i--) {
          stack.push(new String[] {children.get(i), next[0]});
        }
      }
      return List.copyOf(out.values());
    });
  }

  /** The local file for {@code info} if it exists and still matches length and hashes. */
  public Optional<Path> findCachedTarget(TargetFile info) throws TufException {
    FileSystemTargetStore store = requireTargetStore();
    Optional<InputStream> in = store.open(info.path());
    if (in.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream stream = in.get()) {
      info.verifyLengthAndHashes(stream);
      return Optional.of(store.fileFor(info.path()));
    } catch (RepositoryException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException(store.fileFor(info.path()), "cannot read the cached target", e);
    }
  }

  /**
   * Downloads a target (5.7), capped at its listed length, checks its length and every hash,
   * and moves it into the target folder. Nothing partial is ever visible there.
   *
   * @return the stored file
   */
  public Path download(TargetFile info) throws TufException {
    FileSystemTargetStore store = requireTargetStore();
    Objects.requireNonNull(targetBase, "no target base URL configured");
    boolean consistent;
    synchronized (metadataLock) {
      consistent = ensureRefreshed().root().signed().consistentSnapshot();
    }
    URI uri = URI.create(targetBase + TargetUrls.path(info.path(), consistent ? firstHash(info) : null));
    ContentCheck check = info.contentCheck();
    try (PendingTarget pending = store.create(info.path())) {
      long[] count = new long[1];
      targetFetcher.fetch(uri, info.length(), new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          try {
            check.update(b, off, len);
            pending.write(b, off, len);
            count[0] += len;
          } catch (TufException e) {
            throw new WrappedTufException(e);
          }
        }
      });
      check.finish();
      pending.commit();
      listener.downloaded(uri, count[0]);
      return store.fileFor(info.path());
    } catch (StorageException e) {
      if (e.getCause() instanceof WrappedTufException w) {
        throw w.tufCause();
      }
      throw e;
    }
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
      rootBytes = loadLocal(Root.TYPE).orElseThrow(() -> new MissingMetadataException(
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
    if (bootstrapRoot != null && !Arrays.equals(bootstrapRoot, localBytes.get(Root.TYPE))) {
      Optional<byte[]> stored = metadataStore.load(Root.TYPE);
      if (stored.isEmpty() || !Arrays.equals(stored.get(), bootstrapRoot)) {
        persist(Root.TYPE, bootstrapRoot);
        metadataStore.storeRootHistory(set.root().signed().version(), bootstrapRoot);
      } else {
        localBytes.put(Root.TYPE, bootstrapRoot);
      }
    }
    return set;
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
      persist(Root.TYPE, bytes);
      metadataStore.storeRootHistory(next, bytes);
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
      deleteLocal(Timestamp.TYPE);
      deleteLocal(Snapshot.TYPE);
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
    Optional<byte[]> local = loadLocal(Timestamp.TYPE);
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
      persist(Timestamp.TYPE, bytes);
      listener.metadataAccepted(Timestamp.TYPE, after.signed().version(), false);
    }
  }

  /** 5.5: reuse the cached snapshot if it is current, else download it. */
  private void loadSnapshot(TrustedMetadataSet set) throws TufException {
    Optional<byte[]> local = loadLocal(Snapshot.TYPE);
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
    persist(Snapshot.TYPE, bytes);
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
    Optional<byte[]> local = loadLocal(role);
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
    persist(role, bytes);
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

  private Optional<byte[]> loadLocal(String role) throws StorageException {
    byte[] cached = localBytes.get(role);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<byte[]> stored = metadataStore.load(role);
    stored.ifPresent(b -> localBytes.put(role, b));
    return stored;
  }

  private void persist(String role, byte[] bytes) throws StorageException {
    metadataStore.store(role, bytes);
    storedNew = true;
    localBytes.put(role, bytes);
  }

  private void deleteLocal(String role) throws StorageException {
    metadataStore.delete(role);
    localBytes.remove(role);
    parsed.remove(role);
    hashChecked.remove(role);
  }

  /**
   * Reuses work on bytes seen before under the same role: their parse, and their pass of the
   * same length and hash listing. Called with {@link #metadataLock} held.
   */
  private final class ReusingDecoder implements TrustedMetadataSet.MetadataDecoder {
    @Override
    public <T extends Signed> Metadata<T> decode(byte[] bytes, Class<T> type, String role)
        throws dev.tuf4j.MetadataFormatException {
      Parsed cached = parsed.get(role);
      if (cached != null && type.isInstance(cached.metadata().signed())
          && (cached.bytes() == bytes || Arrays.equals(cached.bytes(), bytes))) {
        @SuppressWarnings("unchecked")
        Metadata<T> m = (Metadata<T>) cached.metadata();
        return m;
      }
      Metadata<T> m = Metadata.parse(bytes, type, role);
      parsed.put(role, new Parsed(bytes, m));
      return m;
    }

    @Override
    public void checkLengthAndHashes(MetaFile expected, String role, byte[] bytes)
        throws dev.tuf4j.LengthOrHashMismatchException {
      HashChecked passed = hashChecked.get(role);
      // Equal bytes pass an equal listing exactly as before; comparing is ~10x cheaper than
      // hashing a snapshot again.
      if (passed != null && passed.expected().equals(expected)
          && (passed.bytes() == bytes || Arrays.equals(passed.bytes(), bytes))) {
        return;
      }
      expected.verifyLengthAndHashes(role, bytes);
      hashChecked.put(role, new HashChecked(bytes, expected));
    }
  }

  private static String firstHash(TargetFile info) {
    // Deterministic: the first algorithm in canonical order, as peers pick the first listed one
    // of canonically written files.
    return info.hashes().values().iterator().next();
  }

  private FileSystemTargetStore requireTargetStore() {
    if (targetStore == null) {
      throw new IllegalStateException("no target folder configured");
    }
    return targetStore;
  }

  /** Carries a check failure out of an OutputStream; unwrapped by {@link #download}. */
  private static final class WrappedTufException extends IOException {
    WrappedTufException(TufException cause) {
      super(cause.getMessage(), cause);
    }

    TufException tufCause() {
      return (TufException) getCause();
    }
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

    public Updater build() {
      Objects.requireNonNull(metadataBase, "metadataBaseUrl is required");
      if ((metadataDir == null) == (metadataStore == null)) {
        throw new IllegalStateException("set exactly one of metadataDir and metadataStore");
      }
      if (metadataStore == null) {
        metadataStore = new FileSystemMetadataStore(metadataDir);
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
