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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A published repository as a plain folder tree that any static web server can serve as it is:
 * {@code <root>/metadata/} and {@code <root>/targets/}. Each file is written to a temporary file
 * in its final folder (named {@code .<name>.<random>.tmp}, which no client ever asks for) and
 * renamed over its name in one step, so a reader never sees part of a file. With durability on
 * (the default), {@link #barrier()} makes everything written before it durable - files, then
 * the folders that changed - so that after a crash no later step is on disk without an earlier
 * one. A metadata file under a new versioned name ({@code 12.bin-0a.json}, which nothing
 * references before the next barrier) is forced at the barrier, many at once, which lets the
 * file system commit them together: a publish of 1,000 bins pays about one journal commit, not
 * 1,000. A file under a fixed name that clients read directly ({@code timestamp.json}, {@code
 * root.json}) and every target file is forced before its rename. Thread-safe.
 */
public final class FileSystemStorage implements RepositoryStorage {
  private final Path metadataDir;
  private final Path targetsDir;
  /** Syncs in flight at a barrier: enough to keep a disk's queue full, few enough to be cheap. */
  private static final int SYNC_THREADS = 16;

  private final boolean durable;
  private final Set<Path> dirtyDirs = ConcurrentHashMap.newKeySet();
  private final java.util.Queue<Path> unsynced = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private volatile java.util.concurrent.ExecutorService syncPool;
  private final String instance = Long.toString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE, 36);
  private final AtomicLong counter = new AtomicLong();

  private FileSystemStorage(Path root, boolean durable) {
    Path r = root.toAbsolutePath().normalize();
    this.metadataDir = r.resolve("metadata");
    this.targetsDir = r.resolve("targets");
    this.durable = durable;
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
    FileSystemStorage s = new FileSystemStorage(Objects.requireNonNull(root, "root"), durable);
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
      Temp temp = createTemp(file);
      try (FileChannel ch = temp.channel()) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        if (durable && !versioned(name)) {
          ch.force(true);
        }
      } catch (IOException e) {
        deleteQuietly(temp.path());
        throw e;
      }
      replaceOrDelete(temp.path(), file);
      if (durable && versioned(name)) {
        unsynced.add(file);
      }
    } catch (IOException e) {
      throw new StorageException(file, "cannot write metadata", e);
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
    if (!durable) {
      return;
    }
    List<Path> files = new ArrayList<>();
    for (Path p = unsynced.poll(); p != null; p = unsynced.poll()) {
      files.add(p);
    }
    forceAll(files, false);
    List<Path> dirs = new ArrayList<>(dirtyDirs);
    dirtyDirs.removeAll(dirs);
    forceAll(dirs, true);
  }

  /** Whether a metadata name is a new versioned one ({@code V.role.json}): synced at the barrier. */
  private static boolean versioned(String name) {
    return !name.isEmpty() && name.charAt(0) >= '0' && name.charAt(0) <= '9';
  }

  /** Forces files (or folders) to disk; several at once, since each mostly waits for the disk. */
  private void forceAll(List<Path> paths, boolean folders) throws StorageException {
    if (paths.size() <= 2) {
      for (Path p : paths) {
        force(p, folders);
      }
      return;
    }
    java.util.concurrent.ExecutorService pool = syncPool();
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (Path p : paths) {
      futures.add(pool.submit(() -> {
        force(p, folders);
        return null;
      }));
    }
    for (java.util.concurrent.Future<?> f : futures) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
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

  private java.util.concurrent.ExecutorService syncPool() {
    java.util.concurrent.ExecutorService pool = syncPool;
    if (pool == null) {
      synchronized (this) {
        if (syncPool == null) {
          syncPool = java.util.concurrent.Executors.newFixedThreadPool(SYNC_THREADS, r -> {
            Thread t = new Thread(r, "tuf4j-fsync");
            t.setDaemon(true);
            return t;
          });
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
