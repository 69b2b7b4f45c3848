package dev.tuf4j.client;

import dev.tuf4j.StorageException;

/**
 * A target file being written, invisible under its name until {@link #commit()}.
 *
 * <pre>{@code
 * try (PendingTarget pending = store.create(path)) {
 *   ... pending.write(chunk, 0, n) while hashing the same bytes ...
 *   ... check length and hashes; throw if they do not match ...
 *   pending.commit();
 * } // without commit, close() throws the bytes away
 * }</pre>
 *
 * <p>Not thread-safe: one thread writes and then commits or closes.
 */
public interface PendingTarget extends AutoCloseable {

  /**
   * Appends bytes. After a failure the pending file is discarded: close it.
   *
   * @throws StorageException if the bytes cannot be written (the disk is full, say)
   * @throws IllegalStateException after a failed write, {@link #commit()} or {@link #close()}
   */
  void write(byte[] bytes, int offset, int length) throws StorageException;

  /**
   * Makes the written bytes the stored copy of the target, replacing any older copy in one atomic
   * step, durably. On failure the older copy stays and the pending file is discarded.
   *
   * @throws StorageException if the file cannot be put in place
   * @throws IllegalStateException after a failed write, {@link #commit()} or {@link #close()}
   */
  void commit() throws StorageException;

  /** Discards the written bytes unless committed. Idempotent; never throws. */
  @Override
  void close();
}
