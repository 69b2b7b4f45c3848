package dev.tuf4j.repository;

import dev.tuf4j.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A published repository as a plain folder tree that any static web server can serve as it is:
 * {@code <root>/metadata/} and {@code <root>/targets/}. A file that exists is replaced through a
 * temporary file in its folder (named {@code .<name>.<random>.tmp}, which no client ever asks
 * for), forced to disk and renamed over its name in one step, so a reader never sees part of
 * it. With durability on (the default), {@link #barrier()} makes everything written before it
 * durable - files, then the folders that changed - so that after a crash no later step is on
 * disk without an earlier one.
 *
 * <p>A new metadata file under a versioned name ({@code 12.bin-0a.json}) is the bulk of a
 * publish (16,384 bins when a repository is created), and nothing references it until a file
 * written after the next barrier does (a snapshot, a delegator). So when no file of that name
 * exists yet it is created in place - no temporary file, no rename - and forced to disk by a
 * pool of threads while the publisher goes on signing; the barrier waits for those syncs. A
 * crash half-way leaves at most a partial file no published metadata names; the next publish
 * finds the name taken and replaces that file atomically. Numbered roots ({@code 3.root.json})
 * are excluded: clients probe for the next one directly (spec 5.3.3).
 *
 * <p>A new versioned file with the same bytes as the last one created in place since the
 * barrier (the empty bins of a new repository, or of an expiry bump, are all alike) is made a
 * hard link to that file instead: no new inode, no data to write or sync, only a folder entry.
 * This is safe because no write here ever goes into an existing file - new files are created
 * ({@code CREATE_NEW}), existing names are replaced by renaming a temporary file over them, and
 * pruning unlinks names - so a file other names share never changes under them. The barrier
 * syncs each linked-to file again (its link count changed) before the folder. Where the file
 * system refuses a link (no hard links, too many on one file) the file is written on its own,
 * and linking stops until the next barrier. Thread-safe.
 */
public final class FileSystemStorage implements RepositoryStorage {
  private final Path metadataDir;
  private final Path targetsDir;
  /** Syncs in flight at once: enough to keep a disk's queue full, few enough to be cheap. */
  private static final int SYNC_THREADS = 16;
  /** Files created in place and still open for their sync, at most: well below fd limits. */
  private static final int MAX_OPEN_SYNCS = 256;

  private final boolean durable;
  private final Set<Path> dirtyDirs = ConcurrentHashMap.newKeySet();
  /** Syncs of files created in place, started but not yet awaited by a barrier. */
  private final java.util.Queue<Future<?>> syncs = new ConcurrentLinkedQueue<>();
  private final Semaphore openSyncs = new Semaphore(MAX_OPEN_SYNCS);
  private volatile ExecutorService syncPool;
  /** Files larger than this are never linked: identical ones are empty bins, a few hundred bytes. */
  private static final int LINK_MAX_BYTES = 4096;

  /** Makes {@code link} a new name for the file {@code existing}; a test can refuse. */
  interface Linker {
    void link(Path link, Path existing) throws IOException;
  }

  private final Linker linker;
  /** The last new versioned file created in place since the barrier, whole, with its bytes. */
  private final AtomicReference<Created> lastCreated = new AtomicReference<>();
  /** Files that got new names since the barrier; synced again at the barrier. */
  private final Set<Path> linkedTo = ConcurrentHashMap.newKeySet();
  private volatile boolean linksRefused;

  private record Created(Path file, byte[] bytes) {}

  private final String instance = Long.toString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE, 36);
  private final AtomicLong counter = new AtomicLong();

  private FileSystemStorage(Path root, boolean durable, Linker linker) {
    Path r = root.toAbsolutePath().normalize();
    this.metadataDir = r.resolve("metadata");
    this.targetsDir = r.resolve("targets");
    this.durable = durable;
    this.linker = linker;
  }

  /** Durable storage below {@code root}; the folders are created when missing. */
  public static FileSystemStorage create(Path root) throws StorageException {
    return create(root, true);
  }

  /**
   * Storage below {@code root}. Without durability files are still replaced atomically, but not
   * forced to disk: fine for tests and for a tree that is rebuilt after a machine crash.
   */
  public static FileSystemStorage create(Path root, boolean durable) throws StorageException {
    return create(root, durable, Files::createLink);
  }

  /** As {@link #create(Path, boolean)}, linking identical metadata files with {@code linker}. */
  static FileSystemStorage create(Path root, boolean durable, Linker linker) throws StorageException {
    FileSystemStorage s = new FileSystemStorage(Objects.requireNonNull(root, "root"), durable,
        Objects.requireNonNull(linker, "linker"));
    try {
      Files.createDirectories(s.metadataDir);
      Files.createDirectories(s.targetsDir);
    } catch (IOException e) {
      throw new StorageException(root, "cannot create the repository folders", e);
    }
    return s;
  }

  public Path metadataDir() {
    return metadataDir;
  }

  public Path targetsDir() {
    return targetsDir;
  }

  @Override
  public void writeMetadata(String name, byte[] bytes) throws StorageException {
    Path file = metadataFile(name);
    try {
      if (newVersionedName(name)) {
        if (linkToIdentical(file, bytes)) {
          return;
        }
        if (createInPlace(file, bytes)) {
          if (bytes.length <= LINK_MAX_BYTES) {
            lastCreated.set(new Created(file, bytes.clone()));
          }
          return;
        }
      }
      Temp temp = createTemp(file);
      try (FileChannel ch = temp.channel()) {
        writeAll(ch, bytes);
        if (durable) {
          ch.force(true);
        }
      } catch (IOException e) {
        deleteQuietly(temp.path());
        throw e;
      }
      replaceOrDelete(temp.path(), file);
    } catch (IOException e) {
      throw new StorageException(file, "cannot write metadata", e);
    }
  }

  /**
   * Makes {@code file} a hard link to the last file created in place since the barrier if that
   * has the same bytes (compared in full); false if it has not, the name exists (left by a failed
   * publish: replaced atomically instead), or the file system refuses the link.
   */
  private boolean linkToIdentical(Path file, byte[] bytes) {
    Created last = lastCreated.get();
    if (last == null || linksRefused || !java.util.Arrays.equals(last.bytes(), bytes)) {
      return false;
    }
    try {
      linker.link(file, last.file());
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return false;
    } catch (IOException | UnsupportedOperationException e) {
      linksRefused = true;
      return false;
    }
    if (durable) {
      linkedTo.add(last.file());
      dirtyDirs.add(file.getParent());
    }
    return true;
  }

  /**
   * Creates {@code file} with {@code bytes} unless it exists (then returns false); with
   * durability, its sync runs on the pool and the next barrier waits for it.
   */
  private boolean createInPlace(Path file, byte[] bytes) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return false; // left by a failed publish, or an unusual rewrite: replace it atomically
    }
    try {
      writeAll(ch, bytes);
    } catch (IOException e) {
      closeQuietly(ch);
      deleteQuietly(file);
      throw e;
    }
    if (!durable) {
      ch.close();
      return true;
    }
    dirtyDirs.add(file.getParent());
    try {
      openSyncs.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(ch);
      throw new java.io.InterruptedIOException("interrupted while waiting to sync " + file);
    }
    try {
      syncs.add(syncPool().submit(() -> {
        try (ch) {
          ch.force(true);
        } catch (IOException e) {
          throw new StorageException(file, "cannot sync", e);
        } finally {
          openSyncs.release();
        }
        return null;
      }));
    } catch (RuntimeException e) {
      openSyncs.release();
      closeQuietly(ch);
      throw e;
    }
    return true;
  }

  private static void writeAll(FileChannel ch, byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // the write already failed; that error is the one to report
    }
  }

  @Override
  public Optional<byte[]> readMetadata(String name) throws StorageException {
    Path file = metadataFile(name);
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException(file, "cannot read metadata", e);
    }
  }

  @Override
  public void deleteMetadata(String name) throws StorageException {
    delete(metadataFile(name));
  }

  @Override
  public void writeTarget(String name, Path source) throws StorageException {
    Path file = targetFile(name);
    try {
      Files.createDirectories(file.getParent());
      try (InputStream in = Files.newInputStream(source)) {
        Temp temp = createTemp(file);
        try (FileChannel ch = temp.channel()) {
          in.transferTo(java.nio.channels.Channels.newOutputStream(ch));
          if (durable) {
            ch.force(true);
          }
        } catch (IOException e) {
          deleteQuietly(temp.path());
          throw e;
        }
        replaceOrDelete(temp.path(), file);
      }
    } catch (IOException e) {
      throw new StorageException(file, "cannot write target from " + source, e);
    }
  }

  @Override
  public void linkTarget(String name, String existing) throws StorageException {
    Path file = targetFile(name);
    Path from = targetFile(existing);
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling(tempName(file));
      try {
        Files.createLink(temp, from);
      } catch (UnsupportedOperationException | FileSystemException e) {
        Files.copy(from, temp, StandardCopyOption.REPLACE_EXISTING);
      }
      replaceOrDelete(temp, file);
    } catch (IOException e) {
      throw new StorageException(file, "cannot link target to " + existing, e);
    }
  }

  @Override
  public void deleteTarget(String name) throws StorageException {
    delete(targetFile(name));
  }

  @Override
  public void barrier() throws StorageException {
    // Links are made within one barrier's span only: to files of this step of this publish.
    lastCreated.set(null);
    linksRefused = false;
    if (!durable) {
      return;
    }
    // Every started sync is awaited, even after a failure, so none is left running into the
    // next step; the first failure is reported.
    StorageException failure = null;
    for (Future<?> f = syncs.poll(); f != null; f = syncs.poll()) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof StorageException se ? se
              : new StorageException(null, "cannot sync", e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException(null, "interrupted while syncing", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    // A file's own sync may have run before other names were linked to it: its link count is
    // made durable here, then the folders with the new names.
    List<Path> linked = new ArrayList<>(linkedTo);
    linkedTo.removeAll(linked);
    forceAll(linked, false);
    List<Path> dirs = new ArrayList<>(dirtyDirs);
    dirtyDirs.removeAll(dirs);
    forceAll(dirs, true);
  }

  /**
   * Whether a metadata name is a versioned one ({@code V.role.json}) that nothing can reference
   * before the next barrier; not a numbered root, which clients look for by number.
   */
  private static boolean newVersionedName(String name) {
    return !name.isEmpty() && name.charAt(0) >= '0' && name.charAt(0) <= '9' && !name.endsWith(".root.json");
  }

  /** Forces files (or folders) to disk; several at once, since each mostly waits for the disk. */
  private void forceAll(List<Path> paths, boolean folders) throws StorageException {
    if (paths.size() <= 2) {
      for (Path p : paths) {
        force(p, folders);
      }
      return;
    }
    ExecutorService pool = syncPool();
    List<Future<?>> futures = new ArrayList<>();
    for (Path p : paths) {
      futures.add(pool.submit(() -> {
        force(p, folders);
        return null;
      }));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof StorageException se) {
          throw se;
        }
        throw new StorageException(null, "cannot sync", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException(null, "interrupted while syncing", e);
      }
    }
  }

  private void force(Path p, boolean folder) throws StorageException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a folder for syncing; renames are then as durable as the
      // platform makes them.
      if (!folder || !(e instanceof FileSystemException)) {
        throw new StorageException(p, "cannot sync", e);
      }
    }
  }

  private ExecutorService syncPool() {
    ExecutorService pool = syncPool;
    if (pool == null) {
      synchronized (this) {
        if (syncPool == null) {
          // Idle threads end after a few seconds: a storage object does not own threads
          // between publishes, and an application may create many.
          java.util.concurrent.ThreadPoolExecutor p = new java.util.concurrent.ThreadPoolExecutor(
              SYNC_THREADS, SYNC_THREADS, 5, java.util.concurrent.TimeUnit.SECONDS,
              new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "tuf4j-fsync");
                t.setDaemon(true);
                return t;
              });
          p.allowCoreThreadTimeOut(true);
          syncPool = p;
        }
        pool = syncPool;
      }
    }
    return pool;
  }

  /**
   * A new, empty temporary file next to {@code file}, open for writing. Its name is unique
   * within this process (a counter) and, by a random instance prefix, very likely across
   * processes; CREATE_NEW makes a clash fail instead of sharing a file. ({@code
   * Files.createTempFile} costs a SecureRandom draw and more system calls per file, which is
   * most of the time of writing 16,384 small bins.)
   */
  private Temp createTemp(Path file) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path temp = file.resolveSibling(tempName(file));
      try {
        return new Temp(temp, FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt > 8) {
          throw e;
        }
      }
    }
  }

  private record Temp(Path path, FileChannel channel) {}

  private String tempName(Path file) {
    return "." + file.getFileName() + "." + instance + "-" + counter.incrementAndGet() + ".tmp";
  }

  private void replace(Path temp, Path file) throws IOException {
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename atomically", e);
    }
    if (durable) {
      dirtyDirs.add(file.getParent());
    }
  }

  private void replaceOrDelete(Path temp, Path file) throws IOException {
    try {
      replace(temp, file);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // a stray temporary file is harmless: no client asks for it
      }
    }
  }

  private void delete(Path file) throws StorageException {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new StorageException(file, "cannot delete", e);
    }
  }

  private Path metadataFile(String name) {
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      throw new IllegalArgumentException("not a metadata file name: \"" + name + "\"");
    }
    return metadataDir.resolve(name);
  }

  private Path targetFile(String name) {
    FileNames.checkTargetPath(name);
    Path p = targetsDir.resolve(name).normalize();
    if (!p.startsWith(targetsDir)) {
      throw new IllegalArgumentException("target name leaves the targets folder: \"" + name + "\"");
    }
    return p;
  }
}
