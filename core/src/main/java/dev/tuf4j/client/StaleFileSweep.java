package dev.tuf4j.client;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Removes the temporary files that a process killed mid-write leaves behind: a staged download
 * or an atomic metadata write ({@code .tuf4j-*.tmp}, see {@code FileStoreIo}). Such files are
 * harmless (no reader trusts them; none ends in {@code .json}) but would pile up.
 *
 * <p>Only files untouched for {@link #STALE_AFTER} go: another process sharing the folders may be
 * writing one right now, and a download in progress writes to its file all the time (a stalled
 * one is given up long before, by the fetcher's timeouts). Best effort: a file that cannot be
 * removed is left for the next sweep.
 *
 * <p>An updater sweeps its folders once, in its first refresh ({@link #sweepOnce}); files that
 * writers killed later leave wait for the next updater's sweep.
 */
final class StaleFileSweep {
  static final Duration STALE_AFTER = Duration.ofHours(1);
  private static final System.Logger LOG = System.getLogger(StaleFileSweep.class.getName());

  private final List<Path> folders;
  // Whether sweepOnce has run (guarded by the updater's metadata lock).
  private boolean done;

  private StaleFileSweep(List<Path> folders) {
    this.folders = folders;
  }

  /**
   * The folders an updater writes temporary files to: a folder store's metadata folder and its
   * root history, and the target store's staging folder. Not the target folder: a target may be
   * named like a temporary file there.
   */
  static StaleFileSweep ofUpdaterFolders(
      MetadataStore metadataStore, @Nullable FileSystemTargetStore targetStore) {
    List<Path> folders = new ArrayList<>();
    if (metadataStore instanceof FileSystemMetadataStore files) {
      folders.add(files.folder());
      folders.add(files.folder().resolve(FileSystemMetadataStore.ROOT_HISTORY_FOLDER));
    }
    if (targetStore != null) {
      folders.add(targetStore.stagingFolder());
    }
    return new StaleFileSweep(List.copyOf(folders));
  }

  /** Sweeps the folders the first time it is called; later calls do nothing. */
  void sweepOnce(Instant now) {
    if (done) {
      return;
    }
    for (Path folder : folders) {
      sweep(folder, now);
    }
    done = true;
  }

  /** Sweeps {@code folder} (not its subfolders); returns how many files were removed. */
  static int sweep(Path folder, Instant now) {
    Instant cutoff = now.minus(STALE_AFTER);
    int removed = 0;
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(folder, FileStoreIo.TEMP_PREFIX + "*" + FileStoreIo.TEMP_SUFFIX)) {
      for (Path file : entries) {
        try {
          BasicFileAttributes a =
              Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (a.isRegularFile() && a.lastModifiedTime().toInstant().isBefore(cutoff)
              && Files.deleteIfExists(file)) {
            removed++;
          }
        } catch (IOException e) {
          LOG.log(Level.DEBUG, () -> "cannot remove the stale temporary file " + file + ": " + e);
        }
      }
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      LOG.log(Level.DEBUG, () -> "cannot sweep " + folder + ": " + e);
    }
    return removed;
  }
}
