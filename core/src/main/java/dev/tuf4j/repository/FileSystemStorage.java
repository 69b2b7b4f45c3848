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
 * (the default) each file is forced to disk before its rename, and {@link #barrier()} forces the
 * folders that changed, so that after a crash no later step is on disk without an earlier one.
 * Thread-safe.
 */
public final class FileSystemStorage implements RepositoryStorage {
  private final Path metadataDir;
  private final Path targetsDir;
  private final boolean durable;
  private final Set<Path> dirtyDirs = ConcurrentHashMap.newKeySet();
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
      Temp temp = createTemp(file);
      try (InputStream in = Files.newInputStream(source); FileChannel ch = temp.channel()) {
        in.transferTo(java.nio.channels.Channels.newOutputStream(ch));
        if (durable) {
          ch.force(true);
        }
      } catch (IOException e) {
        deleteQuietly(temp.path());
        throw e;
      }
      replaceOrDelete(temp.path(), file);
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
    for (Path dir : Set.copyOf(dirtyDirs)) {
      dirtyDirs.remove(dir);
      try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
        ch.force(true);
      } catch (IOException e) {
        // Some platforms cannot open a folder for syncing; the renames are then as durable as
        // the platform makes them.
        if (!(e instanceof FileSystemException)) {
          throw new StorageException(dir, "cannot sync folder", e);
        }
      }
    }
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
