package dev.tuf4j;

/**
 * The root of every error tuf4j reports. Checked, so that callers decide what a failed update
 * means for them; sealed, so that the vocabulary stays small and a {@code switch} over the
 * families is exhaustive.
 *
 * <p>Families: {@link RepositoryException} (the repository's metadata or targets failed a check),
 * {@link DownloadException} (the transfer failed), {@link StorageException} (local files),
 * {@link KeyException} (key material or key files).
 */
public abstract sealed class TufException extends Exception
    permits RepositoryException, DownloadException, StorageException, KeyException {

  protected TufException(String message) {
    super(message);
  }

  protected TufException(String message, Throwable cause) {
    super(message, cause);
  }
}
