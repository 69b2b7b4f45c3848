package dev.tuf4j.client.http;

import dev.tuf4j.client.HttpFetcher;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

  /** A sink that drops the body and opens {@code firstBytes} when the first bytes reach it. */
  static OutputStream signalling(CountDownLatch firstBytes) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        firstBytes.countDown();
      }

      @Override
      public void write(byte[] b, int off, int len) {
        firstBytes.countDown();
      }
    };
  }

  /** A fetch, for {@link #interruptedOnce}. */
  @FunctionalInterface
  interface Fetch {
    void run() throws Exception;
  }

  /** How a fetch ended when its thread was interrupted, and whether the flag was still set. */
  record Interrupted(Throwable failure, boolean stillInterrupted) {}

  /**
   * Runs {@code fetch} on a thread of its own, interrupts that thread once {@code ready} opens,
   * and returns how the fetch ended (null as failure if it did not fail).
   */
  static Interrupted interruptedOnce(CountDownLatch ready, Fetch fetch) throws Exception {
    CompletableFuture<Interrupted> outcome = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                fetch.run();
                outcome.complete(new Interrupted(null, Thread.currentThread().isInterrupted()));
              } catch (Throwable e) {
                outcome.complete(new Interrupted(e, Thread.currentThread().isInterrupted()));
              }
            });
    t.start();
    if (!ready.await(10, TimeUnit.SECONDS)) {
      t.interrupt();
      throw new AssertionError("the fetch never got to the point of the interrupt");
    }
    t.interrupt();
    return outcome.get(5, TimeUnit.SECONDS);
  }
}
