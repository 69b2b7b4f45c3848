package dev.tuf4j.client;

import dev.tuf4j.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The file operations both file-system stores share: owner-only creation, atomic durable
 * replacement, and error messages a person can act on.
 *
 * <p>The replacement recipe: write a temporary file in the destination's own folder, force it to
 * disk, rename it over the destination in one atomic step, then force the folder so the rename
 * itself survives a crash. A reader sees the old file or the new one, never a mix. Temporary
 * names start with {@code .tuf4j-} and end with {@code .tmp}, so they never end in {@code .json}
 * (the conformance suites treat every {@code *.json} in a metadata folder as trusted metadata).
 */
final class FileStoreIo {
  static final String TEMP_PREFIX = ".tuf4j-";
  static final String TEMP_SUFFIX = ".tmp";

  private static final System.Logger LOG = System.getLogger(FileStoreIo.class.getName());
  private static final Set<StandardOpenOption> CREATE_NEW_WRITE =
      EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_FOLDER =
      PosixFilePermissions.fromString("rwx------");

  private FileStoreIo() {}

  static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Attributes for a new file: 0600 where POSIX permissions exist, set as it is created. */
  static FileAttribute<?>[] ownerOnlyFile(Path folder) {
    return isPosix(folder)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
        : new FileAttribute<?>[0];
  }

  /**
   * Creates a folder and any missing parents as 0700 (POSIX). Existing folders keep their
   * permissions: they belong to the user.
   */
  static void createFolder(Path folder, String what) throws StorageException {
    if (Files.isDirectory(folder)) {
      return;
    }
    try {
      if (isPosix(folder)) {
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
      } else {
        Files.createDirectories(folder);
      }
    } catch (IOException e) {
      throw new StorageException(folder, "cannot create the " + what + ": " + describe(e), e);
    }
  }

  /** A new empty owner-only temporary file in {@code folder}. */
  static Path createTempFile(Path folder) throws IOException {
    return Files.createTempFile(folder, TEMP_PREFIX, TEMP_SUFFIX, ownerOnlyFile(folder));
  }

  /**
   * Replaces {@code destination} with {@code bytes}, atomically and durably (see the class
   * comment). The folder must exist. On failure the temporary file is gone and the destination is
   * as it was.
   *
   * @param what names the content in the error message, e.g. "metadata of role 'root'"
   */
  static void writeAtomically(Path destination, byte[] bytes, String what)
      throws StorageException {
    writeAtomically(destination, bytes, what, true);
  }

  /**
   * {@link #writeAtomically(Path, byte[], String)}, leaving the folder sync to the caller when
   * {@code syncFolder} is false: the file's content is on disk before the rename either way, and
   * a caller that syncs the folder once after several renames makes them all durable at once.
   */
  static void writeAtomically(Path destination, byte[] bytes, String what, boolean syncFolder)
      throws StorageException {
    Path folder = destination.getParent();
    Path temp = null;
    try {
      FileAttribute<?>[] attributes = ownerOnlyFile(folder);
      for (int attempt = 0; temp == null; attempt++) {
        // One open creates and writes the file: a random name with CREATE_NEW (O_EXCL) cannot
        // land on anyone else's file, so no SecureRandom and no second open are needed.
        Path candidate = folder.resolve(
            TEMP_PREFIX + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(candidate, CREATE_NEW_WRITE, attributes)) {
          temp = candidate;
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          channel.force(true);
        } catch (FileAlreadyExistsException e) {
          if (attempt >= 100) {
            throw e;
          }
        }
      }
      moveAtomically(temp, destination);
      temp = null;
    } catch (IOException e) {
      throw new StorageException(destination, "cannot write the " + what + ": " + describe(e), e);
    } finally {
      if (temp != null) {
        deleteQuietly(temp);
      }
    }
    if (syncFolder) {
      syncFolder(folder);
    }
  }

  /**
   * Renames {@code source} over {@code destination} in one step; both must be on one file
   * system.
   *
   * @throws AtomicMoveNotSupportedException if they are not (or the file system cannot)
   */
  static void moveAtomically(Path source, Path destination) throws IOException {
    // With ATOMIC_MOVE the JDK ignores other options; POSIX rename(2) replaces an existing file
    // anyway, and on Windows the JDK uses MoveFileEx with MOVEFILE_REPLACE_EXISTING.
    Files.move(
        source, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Forces a folder's entries to disk so that a rename into it survives a crash. Linux and macOS
   * allow this; where the OS refuses to open a folder (Windows), rename durability is the file
   * system's business. A failure here is logged, not thrown: the new file is already in place and
   * its content already on disk, so reporting the write as failed would be false.
   */
  static void syncFolder(Path folder) {
    // A pending interrupt would close the channel before it forces anything
    // (ClosedByInterruptException) and the renames would silently stay undurable: the interrupt
    // is kept for the caller, after the sync.
    boolean interrupted = Thread.interrupted();
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(Level.DEBUG, () -> "cannot force folder " + folder + " to disk: " + e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Opens {@code file} for reading if it is a regular file (or a link to one). Anything else at
   * that name is refused before it is opened: opening a FIFO would block until some process wrote
   * to it, holding up the store's lock, and a device or folder holds no stored bytes.
   *
   * @throws NoSuchFileException there is nothing at that name
   * @throws FileSystemException there is something other than a regular file, reason "not a
   *     regular file"
   */
  static InputStream openRegularFile(Path file) throws IOException {
    if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
      throw new FileSystemException(file.toString(), null, "not a regular file");
    }
    return Files.newInputStream(file);
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, () -> "cannot delete temporary file " + file + ": " + e);
    }
  }

  /** A short reason for an I/O failure, without repeating the path StorageException names. */
  static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
      return "a file is in the way (" + ((FileSystemException) e).getFile() + ")";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "a folder is in the way";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder (" + ((FileSystemException) e).getFile() + ")";
    }
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
