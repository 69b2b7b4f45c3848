package dev.tuf4j;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/** The connection failed, was refused, reset, or closed without a complete response. */
public final class NetworkException extends DownloadException {
  public NetworkException(@Nullable URI uri, String message, Throwable cause) {
    super(uri, message, cause);
  }

  public NetworkException(@Nullable URI uri, String message) {
    super(uri, message);
  }
}
