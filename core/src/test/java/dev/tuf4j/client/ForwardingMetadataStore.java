package dev.tuf4j.client;

import dev.tuf4j.StorageException;
import java.util.Optional;

/**
 * A store that passes the six required operations to another; tests override the one they
 * watch or break. The clock record ({@code lastAccepted}) is not forwarded: it keeps the
 * interface's defaults (no record) unless a test overrides it.
 */
public class ForwardingMetadataStore implements MetadataStore {
  private final MetadataStore delegate;

  public ForwardingMetadataStore(MetadataStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<byte[]> load(String roleName) throws StorageException {
    return delegate.load(roleName);
  }

  @Override
  public void store(String roleName, byte[] bytes) throws StorageException {
    delegate.store(roleName, bytes);
  }

  @Override
  public void delete(String roleName) throws StorageException {
    delegate.delete(roleName);
  }

  @Override
  public void storeRootHistory(long version, byte[] bytes) throws StorageException {
    delegate.storeRootHistory(version, bytes);
  }

  @Override
  public Optional<byte[]> loadRootHistory(long version) throws StorageException {
    return delegate.loadRootHistory(version);
  }

  @Override
  public Lock lock() throws StorageException {
    return delegate.lock();
  }

  @Override
  public Optional<Lock> tryLock() throws StorageException {
    return delegate.tryLock();
  }
}
