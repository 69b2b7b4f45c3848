package dev.tuf4j.client;

import dev.tuf4j.StorageException;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a client keeps the metadata it trusts between runs: one entry per role, holding exactly
 * the bytes that were verified, plus a history of root versions.
 *
 * <p>The updater stores each role as soon as it is verified (spec 5.3.8, 5.4.5, 5.5.7, 5.6.6) and
 * loads the stored bytes on the next run as its starting point (spec 5.2). A store does no
 * verification of its own: it never sees bytes the updater has not accepted.
 *
 * <p>Implementations are safe for use by several threads. Writes are atomic: a reader sees the
 * old bytes or the new bytes of a role, never a mix, and a failed write leaves the old bytes in
 * place. Writes made while holding the {@link #lock()} may complete after the call returns, in
 * order, by the time {@link Lock#flush()} returns or the lock is released. Several updaters, in one or several processes, may share one store if each holds the
 * {@link #lock()} for its whole update; the other methods do not take it themselves.
 *
 * @see FileSystemMetadataStore
 */
public interface MetadataStore {

  /**
   * The stored bytes of a role, or empty if it has none.
   *
   * @param roleName a top-level role name ({@code root}, {@code timestamp}, {@code snapshot},
   *     {@code targets}) or a delegated role name, as written in the metadata
   * @throws StorageException if an entry exists but cannot be read
   */
  Optional<byte[]> load(String roleName) throws StorageException;

  /**
   * Replaces a role's bytes atomically and durably. On failure the old bytes stay.
   *
   * @throws StorageException if the bytes could not be written
   */
  void store(String roleName, byte[] bytes) throws StorageException;

  /**
   * Removes a role's bytes if there are any: fast-forward attack recovery (spec 5.3.11) drops the
   * trusted timestamp and snapshot when their keys rotate.
   *
   * @throws StorageException if an existing entry could not be removed
   */
  void delete(String roleName) throws StorageException;

  /**
   * Keeps a verified root version besides the current {@code root.json} (spec 5.3.8 and the
   * client contract's root history). An updater started from a root the application ships reads
   * it back ({@link #loadRootHistory}) to continue from the newest root it trusted before.
   *
   * @param version the root's {@code version}, at least 1
   * @throws StorageException if the bytes could not be written
   */
  void storeRootHistory(long version, byte[] bytes) throws StorageException;

  /**
   * A root version kept by {@link #storeRootHistory}, or empty. The updater verifies it (spec 5.3)
   * before it trusts it. The default keeps nothing: an updater over such a store, started from a
   * root the application ships, walks the whole root chain from the repository on each refresh
   * and treats every key rotation since the shipped root as new (5.3.11).
   *
   * @throws StorageException if an entry exists but cannot be read
   */
  default Optional<byte[]> loadRootHistory(long version) throws StorageException {
    return Optional.empty();
  }

  /**
   * When this store's client last accepted verified metadata, as recorded by {@link
   * #storeLastAccepted}; the updater compares it with the clock to notice a clock set back (see
   * {@link UpdaterListener#clockRollbackSuspected}). The default records nothing, so a store that
   * does not override both methods gets no clock rollback check.
   *
   * @throws StorageException if a record exists but cannot be read or understood
   */
  default Optional<Instant> lastAccepted() throws StorageException {
    return Optional.empty();
  }

  /**
   * Records when verified metadata was accepted, replacing the previous record atomically. The
   * updater never passes a time before the stored one: the record only moves forward.
   *
   * @throws StorageException if the record could not be written
   */
  default void storeLastAccepted(Instant time) throws StorageException {}

  /**
   * Takes the store's exclusive lock, waiting as long as another thread or process holds it.
   * Release it with {@link Lock#close()}, typically in try-with-resources around one update.
   *
   * @throws StorageException if the lock cannot be taken (for example the folder cannot be
   *     created), or the waiting thread is interrupted (its interrupt flag is then set again)
   * @throws IllegalStateException if the calling thread already holds this store's lock: the lock
   *     is not reentrant, and waiting for oneself would never end
   */
  Lock lock() throws StorageException;

  /**
   * Takes the store's exclusive lock if nobody holds it, without waiting.
   *
   * @return the lock, or empty if another thread or process holds it
   * @throws StorageException if the lock cannot be attempted
   */
  Optional<Lock> tryLock() throws StorageException;

  /** A held store lock. Closing releases it; closing again does nothing. */
  interface Lock extends AutoCloseable {
    /**
     * Waits until every write the holder made under this lock is in place and durable, and
     * reports the first that failed. A store may finish a write after {@code store} returns (in
     * order, and always before the lock is released); the updater flushes before it trusts what
     * it stored. A store whose writes are done when {@code store} returns keeps this default.
     *
     * @throws StorageException a write made under this lock failed; none made after it was
     *     carried out
     */
    default void flush() throws StorageException {}

    /** Releases the lock. Any thread may release it. Never throws. */
    @Override
    void close();
  }
}
