package dev.tuf4j.client;

import dev.tuf4j.StorageException;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The updater's copies of the role bytes in its {@link MetadataStore}. Every role the updater
 * reads from or writes to the store goes through here, and the exact bytes are remembered, so
 * that a refresh re-reads neither disk nor JSON for what did not change. Only a cache: whatever
 * it hands out is verified again by the trusted set before it is used.
 *
 * <p>Remembered bytes are only as good as the store behind them, and another updater (another
 * process) sharing the store may replace what it holds. {@link #forgetIfStoreMoved} and {@link
 * #storeHoldsOurTimestamp} decide when they still are good.
 *
 * <p>Not thread-safe: the updater uses it holding its metadata lock.
 */
final class LocalMetadata {
  private final MetadataStore metadataStore;
  // Exact bytes last read or written per role.
  private final Map<String, byte[]> remembered = new HashMap<>();
  // How many roles have been stored through here; see storeCount().
  private long storeCount;

  LocalMetadata(MetadataStore metadataStore) {
    this.metadataStore = metadataStore;
  }

  /** A role's bytes: the remembered ones, else the store's (then remembered), else empty. */
  Optional<byte[]> load(String role) throws StorageException {
    byte[] cached = remembered.get(role);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<byte[]> stored = metadataStore.load(role);
    stored.ifPresent(b -> remembered.put(role, b));
    return stored;
  }

  /** Stores bytes that verified as the role's new entry, and remembers them. */
  void store(String role, byte[] bytes) throws StorageException {
    metadataStore.store(role, bytes);
    storeCount++;
    remembered.put(role, bytes);
  }

  /** Stores a root that verified as root.json and in the root history (5.3.8). */
  void storeRoot(long version, byte[] bytes) throws StorageException {
    store(Root.TYPE, bytes);
    metadataStore.storeRootHistory(version, bytes);
  }

  /**
   * Makes the root a refresh starts from the stored root.json: the one the application ships
   * (5.2), or the newest root in the history after it. Unless the store holds exactly those bytes
   * already: then they are only remembered, and nothing is written.
   */
  void adoptStartRoot(long version, byte[] bytes) throws StorageException {
    if (Arrays.equals(bytes, remembered.get(Root.TYPE))) {
      return;
    }
    Optional<byte[]> stored = metadataStore.load(Root.TYPE);
    if (stored.isEmpty() || !Arrays.equals(stored.get(), bytes)) {
      storeRoot(version, bytes);
    } else {
      remembered.put(Root.TYPE, bytes);
    }
  }

  /** Removes a role from the store and from memory. */
  void delete(String role) throws StorageException {
    metadataStore.delete(role);
    remembered.remove(role);
  }

  /**
   * How many roles have been stored through here so far. A refresh compares the count before and
   * after to learn whether it stored any metadata it accepted.
   */
  long storeCount() {
    return storeCount;
  }

  /**
   * Before a refresh: another updater (another process) may have changed the store since the
   * last one, so start from what it holds now, never from older bytes remembered here. Every
   * updater stores a new timestamp before the snapshot and targets it leads to (5.4.6 before
   * 5.5.7 and 5.6.6), and what it stores under an unchanged timestamp matches that timestamp's
   * listing, as ours does. So while the stored timestamp is byte for byte the one remembered, the
   * remembered snapshot and targets bytes are as good as the stored ones and are kept: a refresh
   * where nothing changed reads two small files (root, timestamp), not the whole folder.
   */
  void forgetIfStoreMoved() throws StorageException {
    byte[] ours = remembered.get(Timestamp.TYPE);
    remembered.remove(Root.TYPE); // small, and another updater may have followed a rotation
    if (ours == null) {
      remembered.clear();
      return;
    }
    Optional<byte[]> stored = metadataStore.load(Timestamp.TYPE);
    if (stored.isEmpty() || !Arrays.equals(ours, stored.get())) {
      remembered.clear();
      stored.ifPresent(b -> remembered.put(Timestamp.TYPE, b));
    }
  }

  /**
   * Whether the store still holds, byte for byte, the timestamp remembered here: if not, another
   * updater sharing the store has trusted a newer one since (reads the store's timestamp).
   */
  boolean storeHoldsOurTimestamp() throws StorageException {
    byte[] ours = remembered.get(Timestamp.TYPE);
    Optional<byte[]> stored = metadataStore.load(Timestamp.TYPE);
    return ours != null && stored.isPresent() && Arrays.equals(ours, stored.get());
  }

  /** Forgets everything remembered; the next loads read the store. */
  void forgetAll() {
    remembered.clear();
  }
}
