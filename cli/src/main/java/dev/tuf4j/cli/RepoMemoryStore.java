package dev.tuf4j.cli;

import dev.tuf4j.client.MetadataStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Trusted metadata kept in memory for one {@code repo verify} run: nothing of it needs to outlive
 * the run, and writing (and syncing) 16,384 bins to a scratch folder would cost most of the time.
 * One thread at a time, as the updater uses it.
 */
final class RepoMemoryStore implements MetadataStore {
  private final Map<String, byte[]> files = new HashMap<>();

  @Override
  public synchronized Optional<byte[]> load(String roleName) {
    byte[] b = files.get(roleName);
    return b == null ? Optional.empty() : Optional.of(b.clone());
  }

  @Override
  public synchronized void store(String roleName, byte[] bytes) {
    files.put(roleName, bytes.clone());
  }

  @Override
  public synchronized void delete(String roleName) {
    files.remove(roleName);
  }

  @Override
  public void storeRootHistory(long version, byte[] bytes) {
    // The root chain is checked as it is walked; no history is kept for a verify.
  }

  @Override
  public Lock lock() {
    return () -> {};
  }

  @Override
  public Optional<Lock> tryLock() {
    return Optional.of(lock());
  }
}
