package dev.tuf4j.repository;

import dev.tuf4j.StorageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Storage that records every write in order ({@code "metadata 3.bin-0a.json"}, {@code "target
 * a/HASH.b"}, {@code "barrier"}) and can fail the n-th write, like a crash.
 */
final class RecordingStorage implements RepositoryStorage {
  final RepositoryStorage inner;
  final List<String> writes = Collections.synchronizedList(new ArrayList<>());
  /** Fail the write with this index (0-based, counting metadata and target writes); -1: never. */
  volatile int failAt = -1;
  private int count;

  RecordingStorage(RepositoryStorage inner) {
    this.inner = inner;
  }

  private synchronized void step(String what) throws StorageException {
    if (count++ == failAt) {
      throw new StorageException(null, "simulated crash before " + what);
    }
    writes.add(what);
  }

  @Override
  public void writeMetadata(String name, byte[] bytes) throws StorageException {
    step("metadata " + name);
    inner.writeMetadata(name, bytes);
  }

  @Override
  public Optional<byte[]> readMetadata(String name) throws StorageException {
    return inner.readMetadata(name);
  }

  @Override
  public void deleteMetadata(String name) throws StorageException {
    writes.add("delete " + name);
    inner.deleteMetadata(name);
  }

  @Override
  public void writeTarget(String name, Path source) throws StorageException {
    step("target " + name);
    inner.writeTarget(name, source);
  }

  @Override
  public void linkTarget(String name, String existing) throws StorageException {
    step("target " + name);
    inner.linkTarget(name, existing);
  }

  @Override
  public void deleteTarget(String name) throws StorageException {
    writes.add("delete " + name);
    inner.deleteTarget(name);
  }

  @Override
  public void barrier() throws StorageException {
    writes.add("barrier");
    inner.barrier();
  }

  List<String> snapshotOfWrites() {
    synchronized (writes) {
      return List.copyOf(writes);
    }
  }
}
