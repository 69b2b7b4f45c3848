package dev.tuf4j.repository;

import dev.tuf4j.StorageException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a repository's published files live: a metadata area (flat file names such as {@code
 * 12.bin-03ff.json}, {@code timestamp.json}) and a targets area ({@code /}-separated paths such
 * as {@code packages/ab/HASH.file.whl}). {@link FileSystemStorage} is the default; anything that
 * keeps these semantics (an object store, a test recorder) can stand in.
 *
 * <p>Contract: every write is atomic - a reader sees the old file or the whole new one, never a
 * part - with one allowance: a metadata file under a new versioned name ({@code V.role.json},
 * not {@code N.root.json}) that does not exist yet may be created in place, since the publisher
 * references it only from files written after the next barrier (see {@link
 * FileSystemStorage}). Writes may happen from several threads at once. The publisher calls {@link #barrier()}
 * before it writes a file clients read by a fixed name ({@code timestamp.json}, {@code
 * root.json}) and, without consistent snapshots, between all steps: an implementation must make
 * everything written before a barrier visible (and durable, if it promises durability) before
 * anything written after it.
 */
public interface RepositoryStorage {
  /** Writes a metadata file atomically, replacing an existing one. */
  void writeMetadata(String name, byte[] bytes) throws StorageException;

  /** The metadata file's bytes, or empty if there is none. */
  Optional<byte[]> readMetadata(String name) throws StorageException;

  /** Deletes a metadata file; no error if it does not exist. */
  void deleteMetadata(String name) throws StorageException;

  /** Writes a target file atomically from the content of {@code source}. */
  void writeTarget(String name, Path source) throws StorageException;

  /**
   * Makes {@code name} a second name for the target {@code existing} (a hard link where
   * possible, else a copy), atomically.
   */
  void linkTarget(String name, String existing) throws StorageException;

  /** Deletes a target file; no error if it does not exist. */
  void deleteTarget(String name) throws StorageException;

  /** Orders the writes before this call ahead of those after it (see the class comment). */
  default void barrier() throws StorageException {}
}
