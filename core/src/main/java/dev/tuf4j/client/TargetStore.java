package dev.tuf4j.client;

import dev.tuf4j.StorageException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where a client keeps verified target files, one per target path.
 *
 * <p>The updater uses it in two ways (spec 5.7). To reuse a file downloaded earlier, it {@link
 * #open}s the stored copy and checks its length and hashes against trusted metadata before
 * trusting it; the store itself vouches for nothing. To store a new download, it writes the bytes
 * into a {@link #create pending} file as they arrive, checks them, and then either {@link
 * PendingTarget#commit() commits} (the file replaces any older copy in one atomic step) or closes
 * without committing (nothing changes). Partial, unchecked or rejected bytes are never visible
 * under the target's name.
 *
 * <p>Implementations are safe for use by several threads; each pending file is used by one
 * thread at a time.
 *
 * @see FileSystemTargetStore
 */
public interface TargetStore {

  /**
   * Opens the stored copy of a target, not yet checked. The caller closes the stream. An {@code
   * IOException} while reading it means the stored copy is unusable; download a fresh one.
   *
   * @param targetPath the target path as written in targets metadata
   * @return the stored bytes, or empty if there is no stored copy
   * @throws StorageException if there is an entry but it cannot be opened, or no entry can exist
   *     for this path (see {@link FileSystemTargetStore})
   */
  Optional<InputStream> open(String targetPath) throws StorageException;

  /**
   * Starts storing a new copy of a target. The old copy, if any, stays as it is until {@link
   * PendingTarget#commit()}.
   *
   * @throws StorageException if the pending file cannot be created, or no entry can exist for
   *     this path
   */
  PendingTarget create(String targetPath) throws StorageException;
}
