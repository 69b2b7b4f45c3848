package dev.tuf4j.client;

import dev.tuf4j.StorageException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The exclusive lock of one folder, across threads and processes.
 *
 * <p>Across processes: an OS file lock ({@link FileChannel#lock()}) on a lock file in the folder.
 * The OS holds it for the whole process and releases it when the process dies, so a crash never
 * leaves a stale lock.
 *
 * <p>Within this process: OS file locks do not exclude threads of one process. The JDK instead
 * throws {@link OverlappingFileLockException} for a second lock, and worse, on Linux (POSIX
 * {@code fcntl} locks) closing <em>any</em> channel on the lock file drops the whole process's
 * lock. So a thread must never touch the lock file while another thread of this process holds
 * it. A semaphore per folder, taken <em>before</em> the file is opened, ensures that.
 *
 * <p>That semaphore must be shared by every store object on the folder, so it lives in one
 * process-wide table keyed by the folder's real path. This is tuf4j's one deliberate piece of
 * static state, and it mirrors the OS's own (file locks are per process, so their in-process
 * guard must be too). Entries are reference-counted and removed when unused.
 */
final class FileStoreLock implements MetadataStore.Lock {
  private static final System.Logger LOG = System.getLogger(FileStoreLock.class.getName());

  /** One per folder in use; see the class comment. */
  private static final ConcurrentHashMap<Path, Guard> GUARDS = new ConcurrentHashMap<>();

  private static final class Guard {
    final Semaphore permit = new Semaphore(1, true);
    /** Holder, to refuse re-locking by the same thread instead of waiting for itself forever. */
    volatile @Nullable Thread holder;
    int users; // changed only inside GUARDS.compute, which serialises per key
  }

  private final Path folderKey;
  private final Guard guard;
  private final FileChannel channel;
  private final FileLock fileLock;
  private final AtomicBoolean released = new AtomicBoolean();

  private FileStoreLock(Path folderKey, Guard guard, FileChannel channel, FileLock fileLock) {
    this.folderKey = folderKey;
    this.guard = guard;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /**
   * Takes the lock, waiting if {@code wait}, else giving up at once.
   *
   * @param folderKey the folder's real path (one key per folder however it is reached)
   * @param lockFile the lock file in that folder; created 0600 if missing, never deleted
   */
  static Optional<MetadataStore.Lock> acquire(Path folderKey, Path lockFile, boolean wait)
      throws StorageException {
    Guard guard = GUARDS.compute(folderKey, (k, g) -> {
      Guard result = g == null ? new Guard() : g;
      result.users++;
      return result;
    });
    boolean permitted = false;
    boolean locked = false;
    try {
      if (guard.holder == Thread.currentThread()) {
        if (!wait) {
          return Optional.empty();
        }
        throw new IllegalStateException(
            "this thread already holds the lock of " + folderKey + "; it is not reentrant");
      }
      if (wait) {
        guard.permit.acquire();
        permitted = true;
      } else {
        permitted = guard.permit.tryAcquire();
        if (!permitted) {
          return Optional.empty();
        }
      }
      Optional<MetadataStore.Lock> lock = lockFile(folderKey, guard, lockFile, wait);
      if (lock.isPresent()) {
        guard.holder = Thread.currentThread();
        locked = true; // the permit and the table entry now belong to the lock object
      }
      return lock;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(lockFile, "interrupted while waiting for the lock", e);
    } finally {
      if (!locked) {
        if (permitted) {
          guard.permit.release();
        }
        unuse(folderKey);
      }
    }
  }

  private static Optional<MetadataStore.Lock> lockFile(
      Path folderKey, Guard guard, Path lockFile, boolean wait) throws StorageException {
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              lockFile,
              // Never through a symlink: one planted here would make us create, and lock, a
              // file elsewhere, and two processes could then lock different files.
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
              FileStoreIo.ownerOnlyFile(lockFile.getParent()));
      FileLock fileLock = wait ? channel.lock() : channel.tryLock();
      if (fileLock == null) {
        channel.close();
        return Optional.empty();
      }
      return Optional.of(new FileStoreLock(folderKey, guard, channel, fileLock));
    } catch (OverlappingFileLockException e) {
      // The guard did not see the other holder: this JVM reaches the lock file under another
      // real path (a bind mount) or through a second copy of tuf4j in another class loader.
      // Closing our channel may drop that holder's OS lock on Linux; nothing better is possible.
      closeQuietly(channel);
      if (!wait) {
        return Optional.empty();
      }
      throw new StorageException(
          lockFile,
          "the lock is already held in this JVM, by another copy of tuf4j or through another path"
              + " to the folder; waiting for it is not possible",
          e);
    } catch (ClosedByInterruptException | FileLockInterruptionException e) {
      // The JDK has set the thread's interrupt flag again.
      closeQuietly(channel);
      throw new StorageException(lockFile, "interrupted while waiting for the lock", e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StorageException(
          lockFile, "cannot lock the folder: " + FileStoreIo.describe(e), e);
    }
  }

  @Override
  public void close() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    try {
      fileLock.release();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, () -> "cannot release lock " + folderKey + ": " + e);
    }
    // Closing the channel also releases the OS lock if release() failed: the descriptor goes.
    closeQuietly(channel);
    guard.holder = null;
    guard.permit.release();
    unuse(folderKey);
  }

  private static void unuse(Path folderKey) {
    GUARDS.computeIfPresent(folderKey, (k, g) -> --g.users == 0 ? null : g);
  }

  private static void closeQuietly(@Nullable FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, () -> "cannot close lock file: " + e);
    }
  }
}
