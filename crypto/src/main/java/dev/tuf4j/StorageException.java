package dev.tuf4j;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** A local file could not be read or written. Trusted files are left as they were. */
public final class StorageException extends TufException {
  private final @Nullable Path path;

  public StorageException(@Nullable Path path, String message, Throwable cause) {
    super(path == null ? message : path + ": " + message, cause);
    this.path = path;
  }

  public StorageException(@Nullable Path path, String message) {
    super(path == null ? message : path + ": " + message);
    this.path = path;
  }

  public @Nullable Path path() {
    return path;
  }
}
