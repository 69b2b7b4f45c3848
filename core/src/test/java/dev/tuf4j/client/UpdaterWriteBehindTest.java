package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.StorageException;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.testing.RepositorySimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder store writes behind the updater, on its writer thread; a write that fails there
 * still fails the refresh or search that made it, and what it led to is neither written nor
 * trusted.
 */
class UpdaterWriteBehindTest {
  @TempDir Path tmp;

  private final ExecutorService writerThread = Executors.newSingleThreadExecutor();
  // Writes to let through before the one that is made to fail; negative: none fails.
  private final AtomicInteger writesBeforeFailure = new AtomicInteger(-1);

  @AfterEach
  void stopWriter() {
    writerThread.shutdownNow();
  }

  /**
   * The harness's updater over a folder store whose writer, just before the write chosen with
   * {@link #writesBeforeFailure}, puts a non-empty folder at {@code file}: that write's rename
   * fails on the writer thread, after the updater read the file's old state.
   */
  private Updater updaterWhoseWriteFails(UpdaterHarness h, String file) {
    Path blocked = h.metadataDir.resolve(file);
    FileSystemMetadataStore store = new FileSystemMetadataStore(
        h.metadataDir, FileSystemMetadataStore.DEFAULT_MAX_FILE_SIZE, FileStoreIo::syncFolder,
        write -> writerThread.execute(() -> {
          if (writesBeforeFailure.getAndDecrement() == 0) {
            try {
              Files.createDirectories(blocked.resolve("inside"));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
          write.run();
        }));
    return Updater.builder()
        .metadataBaseUrl(RepositorySimulator.METADATA_URL)
        .targetBaseUrl(RepositorySimulator.TARGETS_URL)
        .metadataStore(store)
        .targetDir(h.targetDir)
        .fetcher(h.repo)
        .clock(h.clock)
        .build();
  }

  @Test
  void aSnapshotWriteFailingBehindTheRefreshFailsTheRefresh() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    Updater updater = updaterWhoseWriteFails(h, "snapshot.json");
    writesBeforeFailure.set(1); // the timestamp is written, then the snapshot fails

    StorageException e = assertThrows(StorageException.class, updater::refresh);
    assertEquals(h.metadataDir.resolve("snapshot.json"), e.path());
    assertTrue(e.getMessage().contains("cannot write the metadata of role 'snapshot'"), e.getMessage());
    // The timestamp stored before it landed; the targets stored after it were not written.
    assertEquals(1, h.storedVersion("timestamp"));
    assertEquals(0, h.storedVersion("targets"));
    assertTrue(Files.isDirectory(h.metadataDir.resolve("snapshot.json").resolve("inside")));

    // Nothing of the failed refresh is trusted: a search refreshes first.
    Path blocker = h.metadataDir.resolve("snapshot.json");
    Files.delete(blocker.resolve("inside"));
    Files.delete(blocker);
    repo.clearRequests();
    assertEquals(false, updater.targetInfo("x").isPresent());
    assertEquals("metadata/2.root.json", repo.requests().get(0));
    h.assertStored(1, 1, 1, 1);
  }

  @Test
  void aDelegatedRoleWriteFailingBehindTheSearchFailsTheSearch() throws Exception {
    RepositorySimulator repo = new RepositorySimulator();
    repo.addDelegation("targets", DelegatedRole.forPaths("first", List.of(), 1, List.of("a/*")));
    repo.addTarget("first", "a/x", "x".getBytes(StandardCharsets.UTF_8));
    repo.updateSnapshot();
    UpdaterHarness h = new UpdaterHarness(repo, tmp);
    Updater updater = updaterWhoseWriteFails(h, "first.json");
    updater.refresh();
    writesBeforeFailure.set(0);

    StorageException e = assertThrows(StorageException.class, () -> updater.targetInfo("a/x"));
    assertEquals(h.metadataDir.resolve("first.json"), e.path());
    assertTrue(e.getMessage().contains("cannot write the metadata of role 'first'"), e.getMessage());
  }
}
