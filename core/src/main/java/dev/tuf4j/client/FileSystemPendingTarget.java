package dev.tuf4j.client;

import dev.tuf4j.StorageException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A download staged in the staging folder of a {@link FileSystemTargetStore} (see there for the
 * rules). States: writing, then committed, failed or closed; only writing accepts calls.
 */
final class FileSystemPendingTarget implements PendingTarget {
  private static final System.Logger LOG =
      System.getLogger(FileSystemPendingTarget.class.getName());
  private static final int BUFFER_SIZE = 64 * 1024;

  private enum State {
    WRITING,
    COMMITTED,
    FAILED,
    CLOSED
  }

  private final String targetPath;
  private final Path destination;
  private final Path staged;
  private final FileChannel channel;
  private final OutputStream out;
  private State state = State.WRITING;

  private FileSystemPendingTarget(
      String targetPath, Path destination, Path staged, FileChannel channel) {
    this.targetPath = targetPath;
    this.destination = destination;
    this.staged = staged;
    this.channel = channel;
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_SIZE);
  }

  /** Creates an owner-only staging file; the staging folder must exist. */
  static PendingTarget start(String targetPath, Path destination, Path stagingFolder)
      throws StorageException {
    Path staged = null;
    try {
      staged = FileStoreIo.createTempFile(stagingFolder);
      FileChannel channel = FileChannel.open(staged, StandardOpenOption.WRITE);
      return new FileSystemPendingTarget(targetPath, destination, staged, channel);
    } catch (IOException e) {
      if (staged != null) {
        FileStoreIo.deleteQuietly(staged);
      }
      throw new StorageException(
          stagingFolder,
          "cannot create a staging file for target '"
              + targetPath
              + "': "
              + FileStoreIo.describe(e),
          e);
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws StorageException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    requireWriting();
    try {
      out.write(bytes, offset, length);
    } catch (IOException e) {
      discard(State.FAILED);
      throw new StorageException(
          staged,
          "cannot write the download of target '" + targetPath + "': " + FileStoreIo.describe(e),
          e);
    }
  }

  @Override
  public void commit() throws StorageException {
    requireWriting();
    try {
      out.flush();
      channel.force(true);
      channel.close();
    } catch (IOException e) {
      discard(State.FAILED);
      throw new StorageException(
          staged,
          "cannot write the download of target '" + targetPath + "': " + FileStoreIo.describe(e),
          e);
    }
    try {
      FileStoreIo.createFolder(destination.getParent(), "target folder");
      moveIntoPlace();
    } catch (StorageException e) {
      discard(State.FAILED);
      throw e;
    } catch (IOException e) {
      discard(State.FAILED);
      throw new StorageException(
          destination,
          "cannot store the file of target '" + targetPath + "': " + FileStoreIo.describe(e),
          e);
    }
    state = State.COMMITTED;
    FileStoreIo.syncFolder(destination.getParent());
  }

  /**
   * One rename if staging and target folder share a file system. Otherwise copy into a temporary
   * file beside the destination, force it, and rename that: readers still see the old file or the
   * new one, never a partial one (spec 5.7.3 writes the file "to non-volatile storage"; the client
   * contract forbids partial files in the target folder).
   */
  private void moveIntoPlace() throws IOException {
    try {
      FileStoreIo.moveAtomically(staged, destination);
      return;
    } catch (AtomicMoveNotSupportedException e) {
      LOG.log(Level.DEBUG, () -> "staging is on another file system; copying " + staged);
    }
    Path temp = FileStoreIo.createTempFile(destination.getParent());
    try {
      try (FileChannel copy = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        Files.copy(staged, Channels.newOutputStream(copy));
        copy.force(true);
      }
      FileStoreIo.moveAtomically(temp, destination);
      temp = null;
    } finally {
      if (temp != null) {
        FileStoreIo.deleteQuietly(temp);
      }
    }
    FileStoreIo.deleteQuietly(staged);
  }

  @Override
  public void close() {
    if (state == State.WRITING) {
      discard(State.CLOSED);
    } else if (state != State.FAILED) {
      state = State.CLOSED;
    }
  }

  private void requireWriting() {
    if (state != State.WRITING) {
      throw new IllegalStateException(
          "pending download of target '" + targetPath + "' is " + state.name().toLowerCase());
    }
  }

  /** Closes and deletes the staging file. */
  private void discard(State next) {
    state = next;
    try {
      channel.close(); // not out.close(): flushing bytes that are thrown away is pointless
    } catch (IOException e) {
      LOG.log(Level.DEBUG, () -> "cannot close staging file " + staged + ": " + e);
    }
    FileStoreIo.deleteQuietly(staged);
  }
}
