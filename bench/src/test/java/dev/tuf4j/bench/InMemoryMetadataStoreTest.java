package dev.tuf4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.MetadataStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryMetadataStoreTest {
  @Test
  void loadsWhatWasStoredAsACopy() {
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    byte[] bytes = {1, 2, 3};
    store.store("timestamp", bytes);
    bytes[0] = 9;
    byte[] loaded = store.load("timestamp").orElseThrow();
    assertArrayEquals(new byte[] {1, 2, 3}, loaded);
    loaded[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, store.load("timestamp").orElseThrow());
  }

  @Test
  void deleteRemovesTheRole() {
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    store.store("snapshot", new byte[] {1});
    store.delete("snapshot");
    assertEquals(Optional.empty(), store.load("snapshot"));
  }

  @Test
  void keepsRootHistoryByVersion() {
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    store.storeRootHistory(1, new byte[] {1});
    store.storeRootHistory(2, new byte[] {2});
    store.storeRootHistory(2, new byte[] {3});
    assertEquals(2, store.rootHistorySize());
    assertThrows(IllegalArgumentException.class, () -> store.storeRootHistory(0, new byte[0]));
  }

  @Test
  void lockIsNotReentrant() throws Exception {
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    try (MetadataStore.Lock held = store.lock()) {
      assertThrows(IllegalStateException.class, store::lock);
    }
  }

  @Test
  void tryLockFailsWhileAnotherThreadHoldsTheLockAndSucceedsAfter() throws Exception {
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    MetadataStore.Lock held = store.lock();
    Optional<MetadataStore.Lock> other =
        CompletableFuture.supplyAsync(store::tryLock).get(10, TimeUnit.SECONDS);
    assertTrue(other.isEmpty());
    held.close();
    held.close(); // a second close must not release a lock someone else took meanwhile
    Optional<MetadataStore.Lock> again =
        CompletableFuture.supplyAsync(store::tryLock).get(10, TimeUnit.SECONDS);
    assertTrue(again.isPresent());
    assertTrue(store.tryLock().isEmpty(), "the lock taken by the other thread is still held");
    again.get().close();
  }
}
