package dev.tuf4j.client.internal.http;

import dev.tuf4j.DownloadException;
import java.io.IOException;

/**
 * Carries a typed {@link DownloadException} through {@link java.io.InputStream} methods, which can
 * only throw {@link IOException}. The downloader unwraps it again.
 */
public final class TransferFailure extends IOException {
  private final DownloadException failure;

  public TransferFailure(DownloadException failure) {
    super(failure.getMessage(), failure);
    this.failure = failure;
  }

  public DownloadException failure() {
    return failure;
  }
}
