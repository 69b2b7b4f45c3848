package dev.tuf4j.client;

import dev.tuf4j.StorageException;
import dev.tuf4j.client.internal.Names;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@link TargetStore} in a folder: each target is one file directly in it, named by the whole
 * target path percent-encoded ({@code packages/a/b.whl} is {@code packages%2Fa%2Fb.whl}; see
 * {@link Names#targetFileName} for the rule and why it is flat). The name depends only on the
 * target path and cannot leave the folder, whatever the path holds.
 *
 * <p>Downloads are written to a separate staging folder and moved into the target folder only
 * when committed, so the target folder never holds partial, unchecked or rejected files, not even
 * briefly or after a crash. Pick a staging folder on the same file system as the target folder
 * (the metadata folder's {@code staging/} subfolder is the usual choice): then the move is one
 * atomic rename. If the two are on different file systems, a commit instead copies the staged
 * file into a hidden temporary file ({@code .tuf4j-*.tmp}) in the target folder, forces it to
 * disk and renames that over the target: still atomic for readers, but a crash during the copy
 * can leave that hidden temporary file behind. A non-atomic overwrite is never done.
 *
 * <p>A stale staging file (after a crash) is harmless and may be deleted when no download is
 * running. Files are created owner-only (0600) and missing folders owner-only (0700) on POSIX
 * file systems. Folders are created when first needed, not by the constructor.
 *
 * <p>Thread-safe; any number of downloads, from several threads or processes, may be pending at
 * once. Two commits of the same target replace each other atomically; the last one stays.
 */
public final class FileSystemTargetStore implements TargetStore {
  private final Path targetFolder;
  private final Path stagingFolder;

  /**
   * A store putting targets in {@code targetFolder} and staging downloads in {@code
   * stagingFolder}.
   *
   * @throws IllegalArgumentException if the staging folder is the target folder or inside it
   */
  public FileSystemTargetStore(Path targetFolder, Path stagingFolder) {
    this.targetFolder = targetFolder.toAbsolutePath().normalize();
    this.stagingFolder = stagingFolder.toAbsolutePath().normalize();
    if (this.stagingFolder.startsWith(this.targetFolder)) {
      throw new IllegalArgumentException(
          "the staging folder "
              + this.stagingFolder
              + " must be outside the target folder "
              + this.targetFolder
              + ": partial downloads must never appear there");
    }
  }

  /** The target folder, absolute. */
  public Path targetFolder() {
    return targetFolder;
  }

  /** The staging folder, absolute. */
  public Path stagingFolder() {
    return stagingFolder;
  }

  /**
   * Where a target's file lives (or would live): always directly in the target folder.
   *
   * @throws IllegalArgumentException for the empty target path, which no file name can stand for
   */
  public Path fileFor(String targetPath) {
    Path file = targetFolder.resolve(Names.targetFileName(targetPath));
    // Names.targetFileName never yields a separator, "." or ".."; checked again because a
    // mistake here would write outside the folder.
    if (!targetFolder.equals(file.getParent()) || !file.normalize().equals(file)) {
      throw new IllegalStateException("target file name escapes the folder: " + file);
    }
    return file;
  }

  @Override
  public Optional<InputStream> open(String targetPath) throws StorageException {
    Path file = fileForStorage(targetPath);
    try {
      if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new StorageException(
            file, "a folder is where the file of target '" + targetPath + "' should be");
      }
      return Optional.of(FileStoreIo.openRegularFile(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException(
          file,
          "cannot read the stored file of target '" + targetPath + "': " + FileStoreIo.describe(e),
          e);
    }
  }

  @Override
  public PendingTarget create(String targetPath) throws StorageException {
    Path file = fileForStorage(targetPath);
    FileStoreIo.createFolder(stagingFolder, "staging folder");
    return FileSystemPendingTarget.start(targetPath, file, stagingFolder);
  }

  private Path fileForStorage(String targetPath) throws StorageException {
    try {
      return fileFor(targetPath);
    } catch (IllegalArgumentException e) {
      throw new StorageException(
          targetFolder, "target '" + targetPath + "' cannot be stored: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "FileSystemTargetStore[" + targetFolder + ", staging " + stagingFolder + "]";
  }
}
