package dev.tuf4j;

import java.nio.file.Path;

/** A key file that cannot be read: wrong passphrase, damaged, missing or unwritable. */
public final class KeyFileException extends KeyException {
  private final Path path;

  public KeyFileException(Path path, String message) {
    super(path + ": " + message);
    this.path = path;
  }

  public KeyFileException(Path path, String message, Throwable cause) {
    super(path + ": " + message, cause);
    this.path = path;
  }

  public Path path() {
    return path;
  }
}
