package dev.tuf4j;

import java.net.URI;

/** The server answered with a status other than 200. */
public final class HttpStatusException extends DownloadException {
  private final int status;

  public HttpStatusException(URI uri, int status) {
    super(uri, "expected HTTP status 200, got " + status);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** 404 and 403: the file is not there (for the root chain, the end of the chain). */
  public boolean isNotFound() {
    return status == 404 || status == 403;
  }
}
