package dev.tuf4j.cli;

import dev.tuf4j.StorageException;
import dev.tuf4j.repository.RepositoryStorage;
import java.nio.file.Path;
import java.util.Optional;

/** A storage that counts the files a publish writes, for {@link RepoProgress}. */
final class RepoProgressStorage implements RepositoryStorage {
  private final RepositoryStorage delegate;
  private final RepoProgress progress;

  RepoProgressStorage(RepositoryStorage delegate, RepoProgress progress) {
    this.delegate = delegate;
    this.progress = progress;
  }

  @Override
  public void writeMetadata(String name, byte[] bytes) throws StorageException {
    delegate.writeMetadata(name, bytes);
    progress.step();
  }

  @Override
  public Optional<byte[]> readMetadata(String name) throws StorageException {
    return delegate.readMetadata(name);
  }

  @Override
  public void deleteMetadata(String name) throws StorageException {
    delegate.deleteMetadata(name);
  }

  @Override
  public void writeTarget(String name, Path source) throws StorageException {
    delegate.writeTarget(name, source);
    progress.step();
  }

  @Override
  public void linkTarget(String name, String existing) throws StorageException {
    delegate.linkTarget(name, existing);
  }

  @Override
  public void deleteTarget(String name) throws StorageException {
    delegate.deleteTarget(name);
  }

  @Override
  public void barrier() throws StorageException {
    delegate.barrier();
  }
}
