package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes made by the thread holding the folder store's lock are carried out by a writer thread,
 * in order, while the holder goes on; {@code flush}, the holder's own reads of what it stored,
 * and releasing the lock wait for them.
 */
@Timeout(30)
class FileSystemMetadataStoreWriteBehindTest {
  @TempDir Path tmp;

  private final List<Path> syncs = new CopyOnWriteArrayList<>();
  private final ExecutorService helpers = Executors.newCachedThreadPool();

  @AfterEach
  void stopHelpers() {
    helpers.shutdownNow();
  }

  /** Runs the writes it is given only when the test says so. */
  private static final class HeldBackWriter implements Executor {
    final Queue<Runnable> waiting = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable write) {
      waiting.add(write);
    }

    synchronized void runNext() {
      waiting.remove().run();
    }
  }

  /** A writer thread whose writes start only once the gate opens. */
  private static Executor gatedWriter(CountDownLatch gate, ExecutorService thread) {
    return write -> thread.execute(() -> {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      write.run();
    });
  }

  @FunctionalInterface
  private interface GatedBody {
    void run(FileSystemMetadataStore store, CountDownLatch gate) throws Exception;
  }

  /** Runs {@code body} on a store whose writes, on one writer thread, wait for the gate. */
  private void withGatedStore(GatedBody body) throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      body.run(store(gatedWriter(gate, thread)), gate);
    } finally {
      thread.shutdownNow();
    }
  }

  private FileSystemMetadataStore store(Executor writer) {
    return new FileSystemMetadataStore(
        tmp.resolve("md"), FileSystemMetadataStore.DEFAULT_MAX_FILE_SIZE, syncs::add, writer);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Opens the gate once {@code waiter} waits (so it provably waited), from another thread. */
  private void openWhenWaiting(Thread waiter, CountDownLatch gate) {
    helpers.execute(() -> {
      while (waiter.getState() != Thread.State.WAITING && !Thread.currentThread().isInterrupted()) {
        Thread.onSpinWait();
      }
      gate.countDown();
    });
  }

  @Test
  void writesUnderTheLockLandOneByOneInTheOrderTheyWereMade() throws Exception {
    HeldBackWriter writer = new HeldBackWriter();
    FileSystemMetadataStore store = store(writer);
    try (MetadataStore.Lock lock = store.lock()) {
      store.store("timestamp", bytes("t"));
      store.store("snapshot", bytes("s"));
      assertFalse(Files.exists(store.fileFor("timestamp")), "store returned before writing");

      writer.runNext();
      assertArrayEquals(bytes("t"), Files.readAllBytes(store.fileFor("timestamp")));
      assertFalse(Files.exists(store.fileFor("snapshot")));

      writer.runNext();
      assertArrayEquals(bytes("s"), Files.readAllBytes(store.fileFor("snapshot")));
      lock.flush();
      assertEquals(List.of(), syncs, "the folder is forced once, on release");
    }
    assertEquals(List.of(store.folder()), syncs);
  }

  @Test
  void theCallerMayReuseItsArrayOnceStoreReturns() throws Exception {
    HeldBackWriter writer = new HeldBackWriter();
    FileSystemMetadataStore store = store(writer);
    try (MetadataStore.Lock lock = store.lock()) {
      byte[] buffer = bytes("verified");
      store.store("timestamp", buffer);
      java.util.Arrays.fill(buffer, (byte) 'x');
      writer.runNext();
      lock.flush();
      assertArrayEquals(bytes("verified"), Files.readAllBytes(store.fileFor("timestamp")));
    }
  }

  @Test
  void aWriteWithoutTheLockIsDoneWhenStoreReturns() throws Exception {
    HeldBackWriter writer = new HeldBackWriter();
    FileSystemMetadataStore store = store(writer);
    store.store("timestamp", bytes("t"));
    assertArrayEquals(bytes("t"), Files.readAllBytes(store.fileFor("timestamp")));
    assertTrue(writer.waiting.isEmpty());
  }

  @Test
  void flushWaitsForTheWrites() throws Exception {
    withGatedStore((store, gate) -> {
      try (MetadataStore.Lock lock = store.lock()) {
        store.store("timestamp", bytes("t"));
        openWhenWaiting(Thread.currentThread(), gate);
        lock.flush();
        assertArrayEquals(bytes("t"), Files.readAllBytes(store.fileFor("timestamp")));
      }
    });
  }

  @Test
  void theHoldersReadOfAFileItStoredWaitsForThatWrite() throws Exception {
    withGatedStore((store, gate) -> {
      try (MetadataStore.Lock lock = store.lock()) {
        store.store("snapshot", bytes("s"));
        // A file it did not store is read at once, the gate still closed.
        assertEquals(Optional.empty(), store.load("timestamp"));
        openWhenWaiting(Thread.currentThread(), gate);
        assertArrayEquals(bytes("s"), store.load("snapshot").orElseThrow());
      }
    });
  }

  @Test
  void theHoldersDeleteWaitsForEveryEarlierWrite() throws Exception {
    withGatedStore((store, gate) -> {
      Files.createDirectories(store.folder());
      Files.write(store.fileFor("timestamp"), bytes("old"));
      try (MetadataStore.Lock lock = store.lock()) {
        store.store("root", bytes("r2")); // as after a key rotation (5.3.11)
        openWhenWaiting(Thread.currentThread(), gate);
        store.delete("timestamp");
        // The new root landed before the old timestamp went: a crash in between cannot leave
        // the old root without its timestamp.
        assertArrayEquals(bytes("r2"), Files.readAllBytes(store.fileFor("root")));
        assertFalse(Files.exists(store.fileFor("timestamp")));
      }
    });
  }

  @Test
  void releasingTheLockWaitsForTheWritesBeforeTheNextHolderGetsIt() throws Exception {
    withGatedStore((store, gate) -> {
      MetadataStore.Lock lock = store.lock();
      store.store("timestamp", bytes("t"));
      openWhenWaiting(Thread.currentThread(), gate);
      lock.close(); // no flush: a holder that failed midway still leaves complete writes
      assertArrayEquals(bytes("t"), Files.readAllBytes(store.fileFor("timestamp")));
      assertEquals(List.of(store.folder()), syncs);
      try (MetadataStore.Lock next = store.tryLock().orElseThrow()) {
        assertArrayEquals(bytes("t"), store.load("timestamp").orElseThrow());
      }
    });
  }

  @Test
  void aFailedWriteIsReportedAndNoLaterWriteIsMade() throws Exception {
    HeldBackWriter writer = new HeldBackWriter();
    FileSystemMetadataStore store = store(writer);
    // A non-empty folder where timestamp.json should go: the rename over it fails.
    Files.createDirectories(store.fileFor("timestamp").resolve("inside"));
    try (MetadataStore.Lock lock = store.lock()) {
      store.store("timestamp", bytes("t"));
      store.store("snapshot", bytes("s"));
      writer.runNext();
      writer.runNext();

      StorageException e = assertThrows(StorageException.class, lock::flush);
      assertEquals(store.fileFor("timestamp"), e.path());
      assertTrue(e.getMessage().contains("cannot write the metadata of role 'timestamp'"),
          e.getMessage());
      // The snapshot the failed timestamp led to was not written after it.
      assertFalse(Files.exists(store.fileFor("snapshot")));
      // And the next write is refused with the same report, before it is staged.
      StorageException again =
          assertThrows(StorageException.class, () -> store.store("targets", bytes("x")));
      assertEquals(store.fileFor("timestamp"), again.path());
      assertTrue(writer.waiting.isEmpty());
    }
    assertFalse(Files.exists(store.fileFor("targets")));
  }

  @Test
  void theDefaultWriterThreadWritesEverythingBeforeTheLockIsReleased() throws Exception {
    FileSystemMetadataStore store = new FileSystemMetadataStore(tmp.resolve("md"));
    byte[] big = new byte[1 << 20];
    big[12345] = 7;
    try (MetadataStore.Lock lock = store.lock()) {
      for (int i = 0; i < 20; i++) {
        store.store("role" + i, i == 19 ? big : bytes("v" + i));
      }
      store.storeRootHistory(1, bytes("r"));
      lock.flush();
      for (int i = 0; i < 19; i++) {
        assertArrayEquals(bytes("v" + i), Files.readAllBytes(store.fileFor("role" + i)));
      }
      assertArrayEquals(big, Files.readAllBytes(store.fileFor("role19")));
    }
    assertArrayEquals(bytes("r"),
        Files.readAllBytes(store.folder().resolve("root_history").resolve("1.root.json")));
  }
}
