package dev.tuf4j.repository;

import dev.tuf4j.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Storage in memory, to measure the repository's own work without a disk. */
final class MemoryStorage implements RepositoryStorage {
  final Map<String, byte[]> metadata = new ConcurrentHashMap<>();
  final Map<String, byte[]> targets = new ConcurrentHashMap<>();

  @Override
  public void writeMetadata(String name, byte[] bytes) {
    metadata.put(name, bytes.clone());
  }

  @Override
  public Optional<byte[]> readMetadata(String name) {
    return Optional.ofNullable(metadata.get(name)).map(byte[]::clone);
  }

  @Override
  public void deleteMetadata(String name) {
    metadata.remove(name);
  }

  @Override
  public void writeTarget(String name, Path source) throws StorageException {
    try {
      targets.put(name, Files.readAllBytes(source));
    } catch (IOException e) {
      throw new StorageException(source, "cannot read", e);
    }
  }

  @Override
  public void linkTarget(String name, String existing) {
    targets.put(name, targets.get(existing));
  }

  @Override
  public void deleteTarget(String name) {
    targets.remove(name);
  }
}
