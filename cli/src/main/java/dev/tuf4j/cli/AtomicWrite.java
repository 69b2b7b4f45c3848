package dev.tuf4j.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that readers and crashes see the old bytes or the new ones, never a mix: a
 * temporary file beside it (named {@code .tuf4j-*.tmp}, never {@code *.json}), forced to disk,
 * renamed over the file, then the folder forced to disk.
 */
final class AtomicWrite {
  private AtomicWrite() {}

  static void replace(Path file, byte[] bytes) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path folder = absolute.getParent();
    Path temp = Files.createTempFile(folder, ".tuf4j-", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system cannot replace " + absolute + " atomically", e);
      }
      syncFolder(folder);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void syncFolder(Path folder) {
    // POSIX needs the folder forced for the rename to be durable; Windows cannot open a folder.
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Durability only; the rename itself has happened.
    }
  }
}
