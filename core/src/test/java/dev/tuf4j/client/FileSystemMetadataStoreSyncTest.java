package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the folder store forces its folders to disk: after each write, or, while the writing
 * thread holds the store's lock, once per folder when the lock is released.
 */
class FileSystemMetadataStoreSyncTest {
  @TempDir Path tmp;

  private final List<Path> syncs = new CopyOnWriteArrayList<>();

  private FileSystemMetadataStore store() {
    // Writes are carried out on the staging thread here; FileSystemMetadataStoreWriteBehindTest
    // covers the writer thread.
    return new FileSystemMetadataStore(
        tmp.resolve("md"), FileSystemMetadataStore.DEFAULT_MAX_FILE_SIZE, syncs::add, Runnable::run);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aWriteWithoutTheLockSyncsItsFolderAtOnce() throws Exception {
    FileSystemMetadataStore store = store();
    store.store("timestamp", bytes("t"));
    store.storeRootHistory(1, bytes("r"));
    assertEquals(List.of(store.folder(), store.folder().resolve("root_history")), syncs);
  }

  @Test
  void writesUnderTheLockSyncEachFolderOnceWhenTheLockIsReleased() throws Exception {
    FileSystemMetadataStore store = store();
    try (MetadataStore.Lock lock = store.lock()) {
      store.store("timestamp", bytes("t"));
      store.store("snapshot", bytes("s"));
      store.storeRootHistory(2, bytes("r"));
      store.storeLastAccepted(Instant.parse("2026-11-26T00:00:00Z"));
      store.delete("snapshot");
      assertEquals(List.of(), syncs, "no folder sync while the lock is held");
      // The renames are made; only their durability waits.
      assertArrayEquals(bytes("t"), Files.readAllBytes(store.fileFor("timestamp")));
    }
    assertEquals(List.of(store.folder(), store.folder().resolve("root_history")), syncs);
  }

  @Test
  void releasingTheLockTwiceSyncsOnce() throws Exception {
    FileSystemMetadataStore store = store();
    MetadataStore.Lock lock = store.lock();
    store.store("timestamp", bytes("t"));
    lock.close();
    lock.close();
    assertEquals(List.of(store.folder()), syncs);
  }

  @Test
  void aWriteByAnotherThreadThanTheHolderSyncsAtOnce() throws Exception {
    FileSystemMetadataStore store = store();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (MetadataStore.Lock lock = store.lock()) {
      other.submit(() -> {
        store.store("timestamp", bytes("t"));
        return null;
      }).get();
      assertEquals(List.of(store.folder()), syncs);
    } finally {
      other.shutdownNow();
    }
    assertEquals(List.of(store.folder()), syncs, "nothing was deferred to the holder's release");
  }

  @Test
  void aWriteAfterTheLockWasReleasedSyncsAtOnce() throws Exception {
    FileSystemMetadataStore store = store();
    try (MetadataStore.Lock lock = store.lock()) {
      store.store("timestamp", bytes("t"));
    }
    syncs.clear();
    store.store("snapshot", bytes("s"));
    assertEquals(List.of(store.folder()), syncs);
  }
}
