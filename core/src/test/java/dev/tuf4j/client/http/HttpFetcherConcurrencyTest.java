package dev.tuf4j.client.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.NetworkException;
import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.testing.RawSocketServer;
import dev.tuf4j.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One fetcher, many threads; and aborting fetches in progress. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpFetcherConcurrencyTest {

  @Test
  void severalThreadsFetchConcurrentlyWithOneFetcher() throws Exception {
    int threads = 8;
    int perThread = 25;
    try (TestServer server = TestServer.http();
        HttpFetcher fetcher = TestFetchers.fast().build()) {
      List<byte[]> bodies = new ArrayList<>();
      for (int i = 0; i < threads * perThread; i++) {
        bodies.add(HttpFetcherTest.randomBytes(1000 + 37 * i, 100 + i));
        server.put("/t/" + i, bodies.get(i));
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int first = t * perThread;
          done.add(
              pool.submit(
                  () -> {
                    go.await();
                    for (int i = first; i < first + perThread; i++) {
                      assertArrayEquals(
                          bodies.get(i), fetcher.fetchBytes(server.uri("/t/" + i), 1_000_000));
                    }
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> f : done) {
          f.get(20, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(threads * perThread, server.requests().size());
    }
  }

  @Test
  void closeAbortsAFetchWaitingForItsResponse() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (TestServer server = TestServer.http()) {
      server.override(
          "/slow-arrival",
          exchange -> {
            arrived.countDown();
            TestServer.awaiting(release, TestServer.ok(new byte[10])).handle(exchange);
          });
      HttpFetcher fetcher = TestFetchers.fast().readTimeout(Duration.ofSeconds(20)).build();
      CompletableFuture<byte[]> fetch =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return fetcher.fetchBytes(server.uri("/slow-arrival"), 100);
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      assertTrue(arrived.await(10, TimeUnit.SECONDS));

      long start = System.nanoTime();
      fetcher.close();
      ExecutionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class, () -> fetch.get(10, TimeUnit.SECONDS));
      long ms = (System.nanoTime() - start) / 1_000_000;
      release.countDown();

      assertInstanceOf(NetworkException.class, e.getCause().getCause());
      assertTrue(ms < 2_000, "close took " + ms + " ms to end the fetch");
    }
  }

  @Test
  void closeAbortsAFetchInTheMiddleOfItsBody() throws Exception {
    byte[] body = new byte[100_000];
    try (RawSocketServer server = RawSocketServer.start(RawSocketServer.stallAfter(body, 1000))) {
      HttpFetcher fetcher = TestFetchers.fast().readTimeout(Duration.ofSeconds(20)).build();
      CountDownLatch firstBytes = new CountDownLatch(1);
      java.io.OutputStream sink = TestFetchers.signalling(firstBytes);
      CompletableFuture<Void> fetch =
          CompletableFuture.runAsync(
              () -> {
                try {
                  fetcher.fetch(server.uri("/x"), body.length, sink);
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      assertTrue(firstBytes.await(10, TimeUnit.SECONDS));

      fetcher.close();

      ExecutionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class, () -> fetch.get(5, TimeUnit.SECONDS));
      assertInstanceOf(NetworkException.class, e.getCause().getCause());
    }
  }

  @Test
  void interruptingTheFetchingThreadAbortsTheFetch() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (TestServer server = TestServer.http();
        HttpFetcher fetcher = TestFetchers.fast().readTimeout(Duration.ofSeconds(20)).build()) {
      server.override(
          "/slow",
          exchange -> {
            arrived.countDown();
            TestServer.awaiting(release, TestServer.ok(new byte[10])).handle(exchange);
          });
      TestFetchers.Interrupted ended =
          TestFetchers.interruptedOnce(arrived, () -> fetcher.fetchBytes(server.uri("/slow"), 100));
      release.countDown();

      assertInstanceOf(NetworkException.class, ended.failure());
      assertTrue(ended.stillInterrupted(), "the interrupt status must be kept");
    }
  }
}
