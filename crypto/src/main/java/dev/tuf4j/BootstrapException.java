package dev.tuf4j;

/** A root fetched to bootstrap trust did not satisfy the pins the caller set. */
public final class BootstrapException extends RepositoryException {
  public BootstrapException(String message) {
    super("root", "root: " + message);
  }

  public BootstrapException(String message, Throwable cause) {
    super("root", "root: " + message, cause);
  }
}
