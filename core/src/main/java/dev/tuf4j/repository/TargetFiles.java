package dev.tuf4j.repository;

import dev.tuf4j.StorageException;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.metadata.TargetFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Target info computed from a file's content: its length and hashes in one pass. */
final class TargetFiles {
  private TargetFiles() {}

  static TargetFile fromFile(String targetPath, Path file, Set<HashAlgorithm> algorithms, @Nullable JsonValue custom)
      throws StorageException {
    FileNames.checkTargetPath(targetPath);
    Digester d = Digester.of(algorithms);
    long length = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) >= 0) {
        d.update(buf, 0, n);
        length += n;
      }
    } catch (IOException e) {
      throw new StorageException(file, "cannot read target file", e);
    }
    Map<String, String> hashes = new LinkedHashMap<>();
    d.digest().forEach((a, v) -> hashes.put(a.tufName(), Hex.encode(v)));
    return new TargetFile(targetPath, length, hashes, custom, JsonObject.EMPTY);
  }
}
