package dev.tuf4j.client.http;

import dev.tuf4j.client.HttpFetcher;
import java.time.Duration;

/** Fetcher settings scaled down so hostile-server tests finish in well under a second each. */
final class TestFetchers {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration READ_TIMEOUT = Duration.ofMillis(700);
  static final Duration BACKOFF = Duration.ofMillis(10);
  static final int ATTEMPTS = 3;

  private TestFetchers() {}

  /** Short timeouts, 3 attempts 10 ms apart, no rate floor (tests that want one set it). */
  static HttpFetcher.Builder fast() {
    return HttpFetcher.builder()
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(READ_TIMEOUT)
        .minimumRate(0, Duration.ofSeconds(1))
        .retries(ATTEMPTS, BACKOFF);
  }
}
