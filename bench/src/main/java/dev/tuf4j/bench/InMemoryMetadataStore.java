package dev.tuf4j.bench;

import dev.tuf4j.StorageException;
import dev.tuf4j.client.MetadataStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link MetadataStore} in memory: the client's work without the file system's (no files, no
 * fsync), to separate the two costs of a cold refresh. Bytes are copied in and out, as a store on
 * disk would.
 */
public final class InMemoryMetadataStore implements MetadataStore {
  private final Map<String, byte[]> roles = new ConcurrentHashMap<>();
  private final Map<Long, byte[]> rootHistory = new ConcurrentHashMap<>();
  private final Semaphore permit = new Semaphore(1);
  private volatile Thread holder;

  @Override
  public Optional<byte[]> load(String roleName) {
    byte[] b = roles.get(roleName);
    return b == null ? Optional.empty() : Optional.of(b.clone());
  }

  @Override
  public void store(String roleName, byte[] bytes) {
    roles.put(roleName, bytes.clone());
  }

  @Override
  public void delete(String roleName) {
    roles.remove(roleName);
  }

  @Override
  public void storeRootHistory(long version, byte[] bytes) {
    if (version < 1) {
      throw new IllegalArgumentException("a root version is at least 1, got " + version);
    }
    rootHistory.put(version, bytes.clone());
  }

  @Override
  public Optional<byte[]> loadRootHistory(long version) {
    byte[] bytes = rootHistory.get(version);
    return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
  }

  /** The root versions kept so far. */
  public int rootHistorySize() {
    return rootHistory.size();
  }

  @Override
  public Lock lock() throws StorageException {
    requireNotHeldByCaller();
    try {
      permit.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(null, "interrupted while waiting for the store lock", e);
    }
    return held();
  }

  @Override
  public Optional<Lock> tryLock() {
    return permit.tryAcquire() ? Optional.of(held()) : Optional.empty();
  }

  private void requireNotHeldByCaller() {
    if (holder == Thread.currentThread()) {
      throw new IllegalStateException("this thread already holds the store lock");
    }
  }

  private Lock held() {
    holder = Thread.currentThread();
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        holder = null;
        permit.release();
      }
    };
  }
}
