package dev.tuf4j;

import java.net.URI;
import java.time.Duration;

/** The transfer stayed below the minimum rate, or stalled, for too long (slow retrieval). */
public final class SlowRetrievalException extends DownloadException {
  public SlowRetrievalException(URI uri, String detail) {
    super(uri, "slow retrieval: " + detail);
  }

  public SlowRetrievalException(URI uri, Duration timeout) {
    super(uri, "slow retrieval: no data for " + timeout.toMillis() + " ms");
  }
}
