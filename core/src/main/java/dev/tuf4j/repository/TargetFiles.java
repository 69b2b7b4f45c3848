package dev.tuf4j.repository;

import dev.tuf4j.StorageException;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.metadata.TargetFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Target info computed from a file's content: its length and hashes in one pass. */
final class TargetFiles {
  private TargetFiles() {}

  static TargetFile fromFile(String targetPath, Path file, Set<HashAlgorithm> algorithms, @Nullable JsonValue custom)
      throws StorageException {
    FileNames.checkTargetPath(targetPath);
    try (InputStream in = Files.newInputStream(file)) {
      return TargetFile.describe(targetPath, in, algorithms).withCustom(custom);
    } catch (IOException e) {
      throw new StorageException(file, "cannot read target file", e);
    }
  }
}
