package dev.tuf4j;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/** A transfer failed: the server, the network or a transfer limit. */
public abstract sealed class DownloadException extends TufException
    permits HttpStatusException,
        LengthExceededException,
        SlowRetrievalException,
        NetworkException {

  private final @Nullable URI uri;

  protected DownloadException(@Nullable URI uri, String message) {
    super(uri == null ? message : uri + ": " + message);
    this.uri = uri;
  }

  protected DownloadException(@Nullable URI uri, String message, Throwable cause) {
    super(uri == null ? message : uri + ": " + message, cause);
    this.uri = uri;
  }

  public @Nullable URI uri() {
    return uri;
  }
}
