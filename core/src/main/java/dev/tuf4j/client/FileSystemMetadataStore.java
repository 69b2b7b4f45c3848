package dev.tuf4j.client;

import dev.tuf4j.StorageException;
import dev.tuf4j.client.internal.Names;
import dev.tuf4j.client.internal.http.DaemonThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MetadataStore} in a folder, laid out as the TUF client contract and the public
 * conformance suites expect them to read it directly:
 *
 * <pre>
 *   MD/root.json  timestamp.json  snapshot.json  targets.json   the top-level roles
 *   MD/&lt;encoded role name&gt;.json                                 delegated roles
 *   MD/root_history/&lt;version&gt;.root.json                          every verified root
 *   MD/.tuf4j.lock                                              the lock file
 *   MD/.tuf4j.last-accepted                                     when metadata was last accepted
 * </pre>
 *
 * <p>Each {@code *.json} directly in the folder holds exactly the bytes of one trusted role and
 * nothing else ever ends in {@code .json} there: temporary files are named {@code .tuf4j-*.tmp},
 * the lock file {@code .tuf4j.lock} and the clock record {@code .tuf4j.last-accepted} (one
 * ISO-8601 instant, see {@link #lastAccepted()}). Role names are percent-encoded with {@code /} encoded
 * ({@link Names#metadataFileName}), so a role file always lands directly in the folder.
 *
 * <p>Writes are atomic and durable: a temporary file in the same folder, forced to disk, renamed
 * over the old file, then the folder forced to disk (see {@code FileStoreIo}). Writes made by the
 * thread holding this store's {@link #lock()} are handed to a writer thread and carried out in
 * order while the caller goes on (an updater fetches and verifies the next role while the last
 * one is forced to disk); {@link Lock#flush()} waits for them and reports the first failure, and
 * the lock is not released before they are done. The folder is then forced once for all the
 * renames made under the lock. So every file's content is on disk before its rename, the files
 * land in the order they were stored, and all of it is durable before the lock, and so the
 * refresh, ends. A crash before that leaves each file old or new, each whole, and never a later
 * file without an earlier one. The holder's own reads of a file it stored wait for that write,
 * and its deletes (rare: a key rotation) for every write before them.
 * Files are created owner-only (0600) and missing folders owner-only (0700) on POSIX file
 * systems, from the start, not changed after. The folder is created on the first write or lock, not by the constructor.
 * On Windows, replacing a file that another process has open can fail; the write then reports a
 * {@link StorageException} and the old file stays.
 *
 * <p>Reads are capped: a role file larger than {@link #maxFileSize()} is reported as a {@link
 * StorageException}, not treated as missing. A file that large was never accepted by a client
 * using the same cap, so it is damage or tampering, and saying so is clearer than silently
 * starting from scratch (for {@code root.json}, "no trusted root" would send the user looking in
 * the wrong place). The updater decides what an unreadable non-root role means; python-tuf, for
 * one, ignores a bad local timestamp, snapshot or targets and downloads a fresh one.
 *
 * <p>Thread-safe. Besides its configuration the class keeps only the lock it handed out, with the
 * writes and folder syncs pending under it, and one daemon writer thread that ends when idle; the
 * lock is described in {@link #lock()}.
 */
public final class FileSystemMetadataStore implements MetadataStore {
  private static final System.Logger LOG =
      System.getLogger(FileSystemMetadataStore.class.getName());

  /**
   * The default read cap: 32 MiB, far above any real role file (PyPI's PEP 458 snapshot, listing
   * 16,384 bins, is a few megabytes) and far below what would strain a JVM.
   */
  public static final int DEFAULT_MAX_FILE_SIZE = 32 * 1024 * 1024;

  static final String ROOT_HISTORY_FOLDER = "root_history";
  static final String LOCK_FILE = ".tuf4j.lock";
  static final String LAST_ACCEPTED_FILE = ".tuf4j.last-accepted";
  // An ISO-8601 instant and a newline; anything longer is not a record this class wrote.
  private static final int LAST_ACCEPTED_MAX = 64;

  private final Path folder;
  private final int maxFileSize;
  private final Consumer<Path> folderSync;
  // Carries out the lock holder's writes, one at a time, in order.
  private final Executor writer;
  // The lock this store handed out and that is held now, if any.
  private volatile @Nullable HeldLock held;

  /** A store in {@code folder} with the {@link #DEFAULT_MAX_FILE_SIZE}. */
  public FileSystemMetadataStore(Path folder) {
    this(folder, DEFAULT_MAX_FILE_SIZE);
  }

  /**
   * A store in {@code folder} that reads and writes role files of at most {@code maxFileSize}
   * bytes.
   *
   * @throws IllegalArgumentException if {@code maxFileSize} is not between 1 and {@code
   *     Integer.MAX_VALUE - 8} (the largest array a JVM reliably allocates)
   */
  public FileSystemMetadataStore(Path folder, int maxFileSize) {
    this(folder, maxFileSize, FileStoreIo::syncFolder, oneWriterThread());
  }

  /** With the folder sync and the writer replaced, for tests that observe or pace them. */
  FileSystemMetadataStore(Path folder, int maxFileSize, Consumer<Path> folderSync, Executor writer) {
    if (maxFileSize < 1 || maxFileSize > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxFileSize must be 1.." + (Integer.MAX_VALUE - 8));
    }
    this.folder = folder.toAbsolutePath().normalize();
    this.maxFileSize = maxFileSize;
    this.folderSync = Objects.requireNonNull(folderSync, "folderSync");
    this.writer = Objects.requireNonNull(writer, "writer");
  }

  /** One daemon thread, started by the first write under a lock, ended after a second idle. */
  private static Executor oneWriterThread() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), new DaemonThreadFactory("tuf4j-metadata-writer-"));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The metadata folder, absolute. */
  public Path folder() {
    return folder;
  }

  /** The largest role file this store reads or writes, in bytes. */
  public int maxFileSize() {
    return maxFileSize;
  }

  /**
   * Where a role's metadata lives: {@code folder/<encoded role name>.json}, always directly in the
   * folder.
   */
  public Path fileFor(String roleName) {
    return folder.resolve(Names.metadataFileName(roleName));
  }

  @Override
  public Optional<byte[]> load(String roleName) throws StorageException {
    return readCapped(fileFor(roleName), "metadata of role '" + roleName + "'");
  }

  /** The bytes of {@code file} if it is there, refused past the cap; after this thread's write. */
  private Optional<byte[]> readCapped(Path file, String what) throws StorageException {
    awaitWriteOf(file);
    // No existence check before: a file deleted or replaced meanwhile reads as absent or new.
    try (InputStream in = FileStoreIo.openRegularFile(file)) {
      byte[] bytes = in.readNBytes(maxFileSize + 1);
      if (bytes.length > maxFileSize) {
        throw new StorageException(
            file, what + " is larger than the cap of " + maxFileSize + " bytes; not read");
      }
      return Optional.of(bytes);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException(file, "cannot read the " + what + ": " + FileStoreIo.describe(e), e);
    }
  }

  @Override
  public void store(String roleName, byte[] bytes) throws StorageException {
    Path file = fileFor(roleName);
    checkSize(file, bytes);
    FileStoreIo.createFolder(folder, "metadata folder");
    writeDurably(file, bytes, "metadata of role '" + roleName + "'");
  }

  private void writeDurably(Path file, byte[] bytes, String what) throws StorageException {
    HeldLock lock = heldByThisThread();
    if (lock == null) {
      FileStoreIo.writeAtomically(file, bytes, what, false);
      folderSync.accept(file.getParent());
    } else {
      lock.stage(file, bytes, what);
    }
  }

  /** If this thread holds the lock and stored {@code file} under it: waits for that write. */
  private void awaitWriteOf(Path file) throws StorageException {
    HeldLock lock = heldByThisThread();
    if (lock != null && lock.stagedFiles.contains(file)) {
      lock.flush();
    }
  }

  /** Forces the folder now, or when this thread's lock is released if it holds one. */
  private void syncOrDefer(Path changedFolder) {
    HeldLock lock = heldByThisThread();
    if (lock != null) {
      lock.unsynced.add(changedFolder);
    } else {
      folderSync.accept(changedFolder);
    }
  }

  private @Nullable HeldLock heldByThisThread() {
    HeldLock lock = held;
    return lock != null && lock.owner == Thread.currentThread() ? lock : null;
  }

  @Override
  public void delete(String roleName) throws StorageException {
    Path file = fileFor(roleName);
    HeldLock lock = heldByThisThread();
    if (lock != null) {
      lock.flush(); // after every write made before it, as the writer would order it
    }
    try {
      if (Files.deleteIfExists(file)) {
        syncOrDefer(folder);
      }
    } catch (IOException e) {
      throw new StorageException(
          file,
          "cannot delete the metadata of role '" + roleName + "': " + FileStoreIo.describe(e),
          e);
    }
  }

  @Override
  public void storeRootHistory(long version, byte[] bytes) throws StorageException {
    Path file = historyFile(version);
    checkSize(file, bytes);
    FileStoreIo.createFolder(file.getParent(), "root history folder");
    writeDurably(file, bytes, "root version " + version);
  }

  @Override
  public Optional<byte[]> loadRootHistory(long version) throws StorageException {
    return readCapped(historyFile(version), "root version " + version);
  }

  private Path historyFile(long version) {
    if (version < 1) {
      throw new IllegalArgumentException("a root version is at least 1, got " + version);
    }
    return folder.resolve(ROOT_HISTORY_FOLDER).resolve(version + ".root.json");
  }

  /**
   * {@inheritDoc}
   *
   * <p>Read from {@code .tuf4j.last-accepted}. A file that does not hold one ISO-8601 instant is
   * reported, not ignored: ignoring it would silently switch the clock check off. Delete the file
   * to start the record afresh (for example after the clock was once set far ahead by mistake).
   */
  @Override
  public Optional<Instant> lastAccepted() throws StorageException {
    Path file = folder.resolve(LAST_ACCEPTED_FILE);
    awaitWriteOf(file);
    byte[] bytes;
    try (InputStream in = FileStoreIo.openRegularFile(file)) {
      bytes = in.readNBytes(LAST_ACCEPTED_MAX + 1);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException(
          file, "cannot read when metadata was last accepted: " + FileStoreIo.describe(e), e);
    }
    String text = new String(bytes, StandardCharsets.US_ASCII).strip();
    try {
      if (bytes.length > LAST_ACCEPTED_MAX) {
        throw new DateTimeParseException("too long", text, LAST_ACCEPTED_MAX);
      }
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      throw new StorageException(file, "expected one ISO-8601 instant (when metadata was last"
          + " accepted), got something else; delete the file to start the record afresh", e);
    }
  }

  /** {@inheritDoc} Written atomically and durably to {@code .tuf4j.last-accepted}. */
  @Override
  public void storeLastAccepted(Instant time) throws StorageException {
    Path file = folder.resolve(LAST_ACCEPTED_FILE);
    FileStoreIo.createFolder(folder, "metadata folder");
    writeDurably(
        file, (time + "\n").getBytes(StandardCharsets.US_ASCII), "time metadata was last accepted");
  }

  /**
   * {@inheritDoc}
   *
   * <p>The lock is an OS file lock on {@code .tuf4j.lock} in the folder, guarded within this JVM
   * so that threads and several store objects on the same folder exclude each other too. The OS
   * drops it if the process dies. It is advisory: only other users of this lock are kept out.
   * Nothing else in this process may open the lock file (on Linux, closing any descriptor of it
   * drops the process's lock).
   */
  @Override
  public Lock lock() throws StorageException {
    return hold(FileStoreLock.acquire(folderKey(), folder.resolve(LOCK_FILE), true).orElseThrow());
  }

  @Override
  public Optional<Lock> tryLock() throws StorageException {
    Optional<Lock> lock = FileStoreLock.acquire(folderKey(), folder.resolve(LOCK_FILE), false);
    return lock.isPresent() ? Optional.of(hold(lock.get())) : Optional.empty();
  }

  private Lock hold(Lock folderLock) {
    HeldLock lock = new HeldLock(folderLock);
    held = lock; // the folder lock is exclusive: no other thread holds one of this store's now
    return lock;
  }

  /**
   * The folder lock, the owner's writes handed to the writer thread, and the folders whose
   * renames it makes durable when released.
   */
  private final class HeldLock implements Lock {
    final Thread owner = Thread.currentThread();
    final Lock folderLock;
    // Added to by the owner thread; read by whichever thread releases the lock (any may).
    final Set<Path> unsynced = new CopyOnWriteArraySet<>(); // one or two folders, in order
    // Owner thread only.
    final Set<Path> stagedFiles = new HashSet<>();
    private volatile @Nullable Future<?> lastWrite;
    // The first write that failed; the writer skips every later one, so the files on disk are
    // always those of a prefix of the writes, in order.
    private volatile @Nullable StorageException failure;
    private boolean failureReported;
    private final AtomicBoolean released = new AtomicBoolean();

    HeldLock(Lock folderLock) {
      this.folderLock = folderLock;
    }

    /** Hands a write to the writer thread; first reports an earlier failure, if any. */
    void stage(Path file, byte[] callersBytes, String what) throws StorageException {
      reportFailure();
      // The write happens later: the caller may reuse its array once store returns.
      byte[] bytes = callersBytes.clone();
      FutureTask<Void> write = new FutureTask<>(() -> {
        if (failure == null) {
          try {
            FileStoreIo.writeAtomically(file, bytes, what, false);
          } catch (StorageException e) {
            failure = e;
          } catch (Throwable t) { // even an Error: no later write may land after this one failed
            failure = new StorageException(file, "cannot write the " + what + ": " + t, t);
          }
        }
        return null;
      });
      writer.execute(write);
      lastWrite = write;
      stagedFiles.add(file);
      unsynced.add(file.getParent());
    }

    @Override
    public void flush() throws StorageException {
      awaitWrites();
      reportFailure();
    }

    private void reportFailure() throws StorageException {
      StorageException f = failure;
      if (f != null) {
        failureReported = true;
        // A new exception, so the stack shows the caller; the cause keeps the writer's.
        throw new StorageException(f.path(), f.getMessage(), f);
      }
    }

    /** Until the last staged write is done; an interrupt does not cut the wait short. */
    private void awaitWrites() {
      Future<?> last = lastWrite;
      if (last == null) {
        return;
      }
      boolean interrupted = false;
      while (true) {
        try {
          last.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          break; // the task records every failure itself; nothing gets here
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      if (!released.compareAndSet(false, true)) {
        return;
      }
      try {
        // Before the lock goes: the next holder must find every write made under it in place,
        // and every rename durable.
        awaitWrites();
        StorageException f = failure;
        if (f != null && !failureReported) {
          // The holder left without flushing (it was failing already); say what was not stored.
          LOG.log(System.Logger.Level.WARNING, f.getMessage(), f);
        }
        for (Path p : unsynced) {
          folderSync.accept(p);
        }
      } finally {
        if (held == this) {
          held = null;
        }
        folderLock.close();
      }
    }
  }

  /** The folder's real path, one key per folder however it is reached; creates the folder. */
  private Path folderKey() throws StorageException {
    FileStoreIo.createFolder(folder, "metadata folder");
    try {
      return folder.toRealPath();
    } catch (IOException e) {
      throw new StorageException(
          folder, "cannot resolve the metadata folder: " + FileStoreIo.describe(e), e);
    }
  }

  private void checkSize(Path file, byte[] bytes) throws StorageException {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length > maxFileSize) {
      throw new StorageException(
          file,
          bytes.length
              + " bytes are more than this store's cap of "
              + maxFileSize
              + "; it could not read them back");
    }
  }

  @Override
  public String toString() {
    return "FileSystemMetadataStore[" + folder + "]";
  }
}
