package dev.tuf4j.client.hostile;

import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.client.UpdaterConfig;
import java.time.Duration;

/**
 * The small limits the hostile-server catalogue runs with, so that every bounded-time case ends
 * in about a second. The time bounds the tests assert are derived from these numbers.
 */
final class HostileSettings {
  static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1000);
  /** Longer than the trickle's 1 s step, so that the trickle meets the rate floor, not this. */
  static final Duration READ_TIMEOUT = Duration.ofMillis(1100);
  static final long MIN_BYTES_PER_SECOND = 100;
  static final Duration RATE_WINDOW = Duration.ofMillis(600);
  static final int ATTEMPTS = 3;
  static final Duration BACKOFF = Duration.ofMillis(20);

  /**
   * What a loaded 2-core CI machine adds to any bound: thread scheduling, JIT, GC, and the
   * verification work around the download. The bounds are for "ends", not for speed.
   */
  static final Duration SLACK = Duration.ofMillis(1500);

  /** Small caps, so that "bounded memory" is a number well below what the tests allocate. */
  static final UpdaterConfig CONFIG = new UpdaterConfig(64_000, 16_384, 256_000, 256_000, 8, 8, 2,
      UpdaterConfig.DEFAULT_CLOCK_ROLLBACK_TOLERANCE, false);

  private HostileSettings() {}

  static HttpFetcher fetcher() {
    return HttpFetcher.builder()
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(READ_TIMEOUT)
        .minimumRate(MIN_BYTES_PER_SECOND, RATE_WINDOW)
        .retries(ATTEMPTS, BACKOFF)
        .build();
  }

  /** The backoff waits of one fetch that uses all its attempts: 20 + 40 ms. */
  static Duration allBackoffs() {
    Duration total = Duration.ZERO;
    Duration next = BACKOFF;
    for (int i = 1; i < ATTEMPTS; i++) {
      total = total.plus(next);
      next = next.multipliedBy(2);
    }
    return total;
  }
}
