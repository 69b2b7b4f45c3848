package dev.tuf4j.client.store;

import static dev.tuf4j.client.store.StoreTesting.jsonNames;
import static dev.tuf4j.client.store.StoreTesting.names;
import static dev.tuf4j.client.store.StoreTesting.permissions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.StorageException;
import dev.tuf4j.client.FileSystemMetadataStore;
import dev.tuf4j.client.MetadataStore;
import dev.tuf4j.client.store.StoreTesting.Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // a held lock is used by existing, not by being referenced
class MetadataStoreLockTest {
  @TempDir Path tmp;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private Path md() {
    return tmp.resolve("md");
  }

  private FileSystemMetadataStore store() {
    return new FileSystemMetadataStore(md());
  }

  private <T> T onOtherThread(java.util.concurrent.Callable<T> task) throws Exception {
    return threads.submit(task).get(30, TimeUnit.SECONDS);
  }

  @Test
  void lockCreatesTheFolderAndAnOwnerOnlyLockFileNotEndingInJson() throws Exception {
    try (MetadataStore.Lock lock = store().lock()) {
      assertEquals(Set.of(".tuf4j.lock"), names(md()));
      assertEquals(Set.of(), jsonNames(md()));
      assertEquals("rw-------", permissions(md().resolve(".tuf4j.lock")));
      assertEquals("rwx------", permissions(md()));
    }
  }

  @Test
  void anotherThreadCannotTakeTheLockOfTheSameStoreObject() throws Exception {
    FileSystemMetadataStore store = store();
    try (MetadataStore.Lock held = store.lock()) {
      assertEquals(Optional.empty(), onOtherThread(store::tryLock));
    }
  }

  @Test
  void twoStoreObjectsOnOneFolderExcludeEachOther() throws Exception {
    // Same folder, spelled differently: the guard is keyed by the real path.
    Files.createDirectories(md());
    FileSystemMetadataStore other = new FileSystemMetadataStore(tmp.resolve("x/../md"));
    Files.createSymbolicLink(tmp.resolve("link"), md());
    FileSystemMetadataStore viaLink = new FileSystemMetadataStore(tmp.resolve("link"));

    try (MetadataStore.Lock held = store().lock()) {
      assertEquals(Optional.empty(), onOtherThread(other::tryLock));
      assertEquals(Optional.empty(), onOtherThread(viaLink::tryLock));
    }
  }

  @Test
  void lockIsFreeAgainAfterClose() throws Exception {
    store().lock().close();

    Optional<MetadataStore.Lock> again = onOtherThread(() -> store().tryLock());

    assertTrue(again.isPresent());
    again.get().close();
  }

  @Test
  void closingTwiceReleasesOnce() throws Exception {
    MetadataStore.Lock first = store().lock();
    first.close();
    MetadataStore.Lock second = store().lock();

    first.close(); // must not release the second holder's lock

    assertEquals(Optional.empty(), onOtherThread(() -> store().tryLock()));
    second.close();
  }

  @Test
  void lockWaitsUntilTheHolderReleases() throws Exception {
    MetadataStore.Lock held = store().lock();
    CountDownLatch waiting = new CountDownLatch(1);
    Future<MetadataStore.Lock> waiter =
        threads.submit(
            () -> {
              waiting.countDown();
              return store().lock();
            });
    waiting.await();
    // Not a wait for an event: nothing must happen in this window.
    assertThrows(TimeoutException.class, () -> waiter.get(200, TimeUnit.MILLISECONDS));

    held.close();

    waiter.get(30, TimeUnit.SECONDS).close();
  }

  @Test
  void anyThreadMayReleaseTheLock() throws Exception {
    MetadataStore.Lock held = store().lock();

    onOtherThread(
        () -> {
          held.close();
          return null;
        });

    store().tryLock().orElseThrow().close();
  }

  @Test
  void relockingFromTheHoldingThreadIsRefusedNotADeadlock() throws Exception {
    try (MetadataStore.Lock held = store().lock()) {
      assertThrows(IllegalStateException.class, () -> store().lock());
      assertEquals(Optional.empty(), store().tryLock());
    }
    // The refused attempts did not disturb the lock's bookkeeping.
    store().tryLock().orElseThrow().close();
  }

  @Test
  void interruptedWaitIsAStorageErrorAndKeepsTheInterruptFlag() throws Exception {
    try (MetadataStore.Lock held = store().lock()) {
      AtomicBoolean flagKept = new AtomicBoolean();
      CompletableFuture<StorageException> failure = new CompletableFuture<>();
      Thread waiter =
          new Thread(
              () -> {
                Thread.currentThread().interrupt();
                try {
                  store().lock().close();
                } catch (StorageException e) {
                  flagKept.set(Thread.currentThread().isInterrupted());
                  failure.complete(e);
                }
                failure.complete(null);
              });
      waiter.start();

      StorageException e = failure.get(30, TimeUnit.SECONDS);

      assertTrue(e != null && e.getMessage().contains("interrupted"), String.valueOf(e));
      assertTrue(flagKept.get());
    }
  }

  @Test
  void lockOnAFileWhereTheFolderShouldBeIsAStorageError() throws Exception {
    Files.write(md(), new byte[] {1});

    StorageException e = assertThrows(StorageException.class, () -> store().lock());

    assertEquals(md(), e.path());
    assertTrue(e.getMessage().contains("cannot create the metadata folder"), e.getMessage());
  }

  @Test
  void anotherProcessCannotTakeTheLockWhileThisProcessHoldsIt() throws Exception {
    try (MetadataStore.Lock held = store().lock()) {
      assertEquals("BUSY", Probe.run(0, "try", md().toString()));
    }
    assertEquals("ACQUIRED", Probe.run(0, "try", md().toString()));
  }

  @Test
  void thisProcessWaitsWhileAnotherProcessHoldsTheLock() throws Exception {
    Files.createDirectories(md());
    try (Probe holder = Probe.start(0, "hold", md().toString())) {
      assertEquals("LOCKED", holder.readLine());

      assertEquals(Optional.empty(), store().tryLock());
      Future<MetadataStore.Lock> waiter = threads.submit(() -> store().lock());
      assertThrows(TimeoutException.class, () -> waiter.get(200, TimeUnit.MILLISECONDS));

      holder.send("release");
      assertEquals("RELEASED", holder.readLine());
      waiter.get(30, TimeUnit.SECONDS).close();
      assertEquals(0, holder.waitFor());
    }
  }

  @Test
  void refusedAttemptInThisProcessDoesNotDropTheHeldOsLock() throws Exception {
    // On Linux, closing any descriptor of a locked file drops the process's lock. A refused
    // attempt from a second store object must therefore never open the lock file.
    FileSystemMetadataStore other = new FileSystemMetadataStore(md());
    try (MetadataStore.Lock held = store().lock()) {
      assertEquals(Optional.empty(), onOtherThread(other::tryLock));
      assertEquals(Optional.empty(), other.tryLock());

      assertEquals("BUSY", Probe.run(0, "try", md().toString()));
    }
  }

  @Test
  void waitingThreadGetsTheLockAfterAFailedAttemptElsewhere() throws Exception {
    // Bookkeeping survives a mix of refused, waiting and successful attempts.
    MetadataStore.Lock held = store().lock();
    assertEquals(Optional.empty(), onOtherThread(() -> store().tryLock()));
    Future<MetadataStore.Lock> waiter = threads.submit(() -> store().lock());
    held.close();
    MetadataStore.Lock next = waiter.get(30, TimeUnit.SECONDS);
    assertFalse(onOtherThread(() -> store().tryLock()).isPresent());
    next.close();
    store().tryLock().orElseThrow().close();
  }
}
