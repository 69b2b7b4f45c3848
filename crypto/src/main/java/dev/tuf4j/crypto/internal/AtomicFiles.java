package dev.tuf4j.crypto.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a whole file or nothing: the bytes go to a temporary file in the target's directory
 * (created with its final permissions, so a secret is never readable by others, not even for a
 * moment), are forced to disk, and the temporary file then takes the target's name in one step.
 * A crash leaves either the old file or the new one, never half of one.
 */
public final class AtomicFiles {
  /** Owner read/write only: for private keys. */
  public static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  /** Owner read/write, others read: for public keys. */
  public static final Set<PosixFilePermission> WORLD_READABLE =
      PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to {@code target}.
   *
   * @param permissions the file's POSIX permissions, set at creation (the umask may only remove
   *     bits); ignored on file systems without POSIX permissions
   * @param replace whether an existing file is replaced; if not, an existing file makes this fail
   *     with {@link FileAlreadyExistsException} and stay untouched
   */
  public static void write(
      Path target, byte[] bytes, Set<PosixFilePermission> permissions, boolean replace)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (!replace && Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
    FileAttribute<?>[] attributes =
        posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
            : new FileAttribute<?>[0];
    Path temp =
        Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp", attributes);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (replace) {
        moveReplacing(temp, absolute);
      } else {
        linkWithoutReplacing(temp, absolute);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void moveReplacing(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * A hard link fails atomically if the name exists, which a rename cannot promise; the
   * temporary name is removed afterwards. Where links are unsupported, a plain move that refuses
   * to replace is the fallback.
   */
  private static void linkWithoutReplacing(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
    } catch (UnsupportedOperationException e) {
      Files.move(temp, target);
    } catch (FileSystemException e) {
      if (e instanceof FileAlreadyExistsException) {
        throw e;
      }
      Files.move(temp, target);
    }
  }

  /** Makes the new name durable; best effort, as not every platform can open a directory. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      // The file itself was forced; only the directory entry's durability is at stake.
    }
  }
}
