package dev.tuf4j.client.internal;

import dev.tuf4j.BadVersionException;
import dev.tuf4j.ExpiredMetadataException;
import dev.tuf4j.LengthOrHashMismatchException;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.MissingMetadataException;
import dev.tuf4j.RepositoryException;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.metadata.MetaFile;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Signed;
import dev.tuf4j.metadata.Snapshot;
import dev.tuf4j.metadata.Targets;
import dev.tuf4j.metadata.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The verification state machine of one update (spec 5.1-5.6): untrusted bytes in, verified
 * metadata out, or a typed {@link RepositoryException} with the trusted state unchanged in
 * everything that matters for the next step. It does no I/O and reads no clock: the update's
 * start time is given once (5.1).
 *
 * <p>Order is enforced: roots first, then timestamp, snapshot, top-level targets, delegated
 * targets. Calling a step out of order is a programming error ({@link IllegalStateException}).
 *
 * <p>As in python-tuf, metadata that verifies but is expired, or whose version differs from the
 * one its referrer lists, is kept as the rollback baseline and the step throws: a local
 * timestamp or snapshot that went stale still protects against rollback, yet never passes as
 * current. Every later step re-checks that its inputs are final (not expired, versions agree).
 *
 * <p>Not thread-safe; the updater serialises metadata work.
 */
public final class TrustedMetadataSet {
  private final Instant now;
  private final SchemeRegistry registry;
  private final MetadataDecoder decoder;

  private Metadata<Root> root;
  private Metadata<Timestamp> timestamp;
  private Metadata<Snapshot> snapshot;
  private final Map<String, Metadata<Targets>> targets = new HashMap<>();

  /**
   * Starts from a trusted root (5.2): the bytes the application ships or the cached root. They
   * must be signed by a threshold of their own root keys; their expiry does not matter yet.
   */
  public TrustedMetadataSet(byte[] rootBytes, Instant now, SchemeRegistry registry, MetadataDecoder decoder)
      throws RepositoryException {
    this.now = Objects.requireNonNull(now, "now");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    Metadata<Root> initial = decoder.decode(rootBytes, Root.class, Root.TYPE);
    initial.signed().requireDelegate(Root.TYPE, initial, registry);
    this.root = initial;
  }

  public TrustedMetadataSet(byte[] rootBytes, Instant now, SchemeRegistry registry)
      throws RepositoryException {
    this(rootBytes, now, registry, MetadataDecoder.PARSE);
  }

  /** The update's fixed start time. */
  public Instant now() {
    return now;
  }

  public Metadata<Root> root() {
    return root;
  }

  public Optional<Metadata<Timestamp>> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  public Optional<Metadata<Snapshot>> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  /** Top-level ("targets") or delegated targets metadata, if loaded. */
  public Optional<Metadata<Targets>> targets(String roleName) {
    return Optional.ofNullable(targets.get(roleName));
  }

  /**
   * Root chain step (5.3.4-5.3.5): {@code bytes} must be root version N+1, signed by a threshold
   * of root N's root keys and of its own. Intermediate roots may be expired.
   *
   * @return the new trusted root
   */
  public Metadata<Root> updateRoot(byte[] bytes) throws RepositoryException {
    if (timestamp != null) {
      throw new IllegalStateException("roots are updated before the timestamp");
    }
    Metadata<Root> next = decoder.decode(bytes, Root.class, Root.TYPE);
    Root current = root.signed();
    current.requireDelegate(Root.TYPE, next, registry);
    long expected = current.version() + 1;
    if (next.signed().version() != expected) {
      throw new BadVersionException(Root.TYPE, "version", "exactly", expected, next.signed().version());
    }
    next.signed().requireDelegate(Root.TYPE, next, registry);
    root = next;
    return next;
  }

  /** 5.3.10: after the root chain, the final root must not be expired (freeze attack). */
  public void requireFinalRootNotExpired() throws ExpiredMetadataException {
    requireNotExpired(root.signed(), Root.TYPE);
  }

  /**
   * Timestamp step (5.4). Checks the final root first (5.3.10). A version equal to the trusted
   * one keeps the trusted timestamp (and returns it); a lower one, or a lower snapshot version,
   * is a rollback. Expired metadata stays trusted as the baseline and the step throws.
   *
   * @return the trusted timestamp after the step
   */
  public Metadata<Timestamp> updateTimestamp(byte[] bytes) throws RepositoryException {
    if (snapshot != null) {
      throw new IllegalStateException("the timestamp is updated before the snapshot");
    }
    requireNotExpired(root.signed(), Root.TYPE);
    Metadata<Timestamp> next = decoder.decode(bytes, Timestamp.class, Timestamp.TYPE);
    root.signed().requireDelegate(Timestamp.TYPE, next, registry);
    if (timestamp != null) {
      long trustedVersion = timestamp.signed().version();
      long newVersion = next.signed().version();
      if (newVersion < trustedVersion) {
        throw new BadVersionException(Timestamp.TYPE, "version", "at least", trustedVersion, newVersion);
      }
      if (newVersion == trustedVersion) {
        // Unchanged: keep what is trusted (it may be the same bytes, or a re-signing).
        requireNotExpired(timestamp.signed(), Timestamp.TYPE);
        return timestamp;
      }
      long trustedSnapshot = timestamp.signed().snapshotMeta().version();
      long newSnapshot = next.signed().snapshotMeta().version();
      if (newSnapshot < trustedSnapshot) {
        throw new BadVersionException(
            Timestamp.TYPE, "meta[snapshot.json].version", "at least", trustedSnapshot, newSnapshot);
      }
    }
    timestamp = next;
    requireNotExpired(next.signed(), Timestamp.TYPE);
    return next;
  }

  /**
   * Snapshot step (5.5): length and hashes from the timestamp, signatures by root's snapshot
   * role, no role removed and no version lowered against the trusted snapshot, version equal to
   * the timestamp's, not expired.
   *
   * <p>For a downloaded snapshot ({@code fromCache} false) length and hashes are checked before
   * anything else (5.5.2). A cached snapshot is first taken as the rollback baseline if its
   * signatures verify, and only then checked against the timestamp's length, hashes and version:
   * a stale cached copy still guards the next download against rollback, but is never reused as
   * current.
   */
  public Metadata<Snapshot> updateSnapshot(byte[] bytes, boolean fromCache) throws RepositoryException {
    if (timestamp == null) {
      throw new IllegalStateException("the snapshot is updated after the timestamp");
    }
    if (!targets.isEmpty()) {
      throw new IllegalStateException("the snapshot is updated before targets");
    }
    requireNotExpired(timestamp.signed(), Timestamp.TYPE);
    MetaFile expected = timestamp.signed().snapshotMeta();
    if (!fromCache) {
      decoder.checkLengthAndHashes(expected, Snapshot.TYPE, bytes);
    }
    Metadata<Snapshot> next = decoder.decode(bytes, Snapshot.class, Snapshot.TYPE);
    root.signed().requireDelegate(Snapshot.TYPE, next, registry);
    if (snapshot != null) {
      // 5.5.5: every role in the trusted snapshot is still listed, no version went down.
      for (Map.Entry<String, MetaFile> e : snapshot.signed().meta().entrySet()) {
        MetaFile listed = next.signed().meta().get(e.getKey());
        if (listed == null) {
          throw new MissingMetadataException(
              Snapshot.TYPE, "expected meta[" + e.getKey() + "] (listed by the trusted snapshot), got no entry");
        }
        if (listed.version() < e.getValue().version()) {
          throw new BadVersionException(
              Snapshot.TYPE, "meta[" + e.getKey() + "].version", "at least", e.getValue().version(), listed.version());
        }
      }
    }
    snapshot = next;
    if (fromCache) {
      decoder.checkLengthAndHashes(expected, Snapshot.TYPE, bytes);
    }
    requireFinalSnapshot();
    return next;
  }

  /** Top-level targets step (5.6), delegated by root. */
  public Metadata<Targets> updateTargets(byte[] bytes) throws RepositoryException {
    return updateDelegatedTargets(bytes, Targets.TYPE, Root.TYPE);
  }

  /**
   * Targets step for {@code roleName} delegated by {@code delegatorName} (5.6, rule 20): listed
   * in the snapshot, length and hashes from the snapshot, signed by the delegator's keys for the
   * role, version equal to the snapshot's, not expired.
   */
  public Metadata<Targets> updateDelegatedTargets(byte[] bytes, String roleName, String delegatorName)
      throws RepositoryException {
    if (snapshot == null) {
      throw new IllegalStateException("targets are updated after the snapshot");
    }
    requireFinalSnapshot();
    MetaFile meta = snapshotEntry(roleName);
    decoder.checkLengthAndHashes(meta, roleName, bytes);
    Metadata<Targets> next = decoder.decode(bytes, Targets.class, roleName);
    requireSignedByDelegator(next, roleName, delegatorName);
    if (next.signed().version() != meta.version()) {
      throw new BadVersionException(roleName, "version", "exactly (as snapshot lists)", meta.version(), next.signed().version());
    }
    requireNotExpired(next.signed(), roleName);
    targets.put(roleName, next);
    return next;
  }

  /**
   * A targets role that is already trusted, checked again against {@code delegatorName}: a role
   * reached through a second delegator must satisfy that delegator too (rule 20).
   */
  public Optional<Metadata<Targets>> trustedTargetsVia(String roleName, String delegatorName)
      throws RepositoryException {
    Metadata<Targets> t = targets.get(roleName);
    if (t == null) {
      return Optional.empty();
    }
    requireSignedByDelegator(t, roleName, delegatorName);
    return Optional.of(t);
  }

  /** The snapshot's entry for a targets role; a role it does not list is never fetched. */
  public MetaFile snapshotEntry(String roleName) throws MissingMetadataException {
    if (snapshot == null) {
      throw new IllegalStateException("no trusted snapshot yet");
    }
    return snapshot.signed().roleMeta(roleName)
        .orElseThrow(() -> new MissingMetadataException(roleName, "expected an entry in snapshot, got none"));
  }

  private void requireSignedByDelegator(Metadata<Targets> delegate, String roleName, String delegatorName)
      throws RepositoryException {
    if (delegatorName.equals(Root.TYPE)) {
      if (!roleName.equals(Targets.TYPE)) {
        throw new IllegalArgumentException("root delegates only the top-level targets role");
      }
      root.signed().requireDelegate(roleName, delegate, registry);
      return;
    }
    Metadata<Targets> delegator = targets.get(delegatorName);
    if (delegator == null) {
      throw new IllegalStateException("the delegator " + delegatorName + " is not trusted yet");
    }
    delegator.signed().requireDelegate(roleName, delegate, registry, delegatorName);
  }

  private void requireFinalSnapshot() throws RepositoryException {
    requireNotExpired(snapshot.signed(), Snapshot.TYPE);
    long expected = timestamp.signed().snapshotMeta().version();
    if (snapshot.signed().version() != expected) {
      throw new BadVersionException(
          Snapshot.TYPE, "version", "exactly (as timestamp lists)", expected, snapshot.signed().version());
    }
  }

  private void requireNotExpired(Signed signed, String roleName) throws ExpiredMetadataException {
    if (signed.isExpired(now)) {
      throw new ExpiredMetadataException(roleName, signed.expires(), now);
    }
  }

  /**
   * Turns bytes into metadata and checks bytes against a listed length and hashes; lets the
   * updater reuse the parse and the hash check of bytes it has already seen.
   */
  @FunctionalInterface
  public interface MetadataDecoder {
    MetadataDecoder PARSE = Metadata::parse;

    <T extends Signed> Metadata<T> decode(byte[] bytes, Class<T> type, String roleName)
        throws MetadataFormatException;

    /** 5.5.2, 5.6.2: the bytes have the length and every hash {@code expected} lists. */
    default void checkLengthAndHashes(MetaFile expected, String roleName, byte[] bytes)
        throws LengthOrHashMismatchException {
      expected.verifyLengthAndHashes(roleName, bytes);
    }
  }

}
