package dev.tuf4j.client.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.NetworkException;
import dev.tuf4j.SlowRetrievalException;
import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.testing.RawSocketServer;
import dev.tuf4j.testing.TestCa;
import dev.tuf4j.testing.TestServer;
import dev.tuf4j.testing.TricklingRelay;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fetcher's deadlines are deadlines: each timeout bounds the whole wait it names, however a
 * hostile server paces its bytes (TUF specification 1.0.34, section 1.5.2, slow retrieval). Over
 * TLS a record arrives through many socket reads; a server sending one byte just inside each
 * read's timeout must still be cut off when the connect timeout, the response timeout or the rate
 * floor says so. Each test would hang for minutes or days without that.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpFetcherDeadlineTest {
  private static final Duration ONE_BYTE_EVERY = Duration.ofMillis(20);

  @Test
  void aTlsHandshakeSentByteByByteEndsAtTheConnectTimeout() throws Exception {
    TestCa ca = TestCa.create();
    try (TestServer server = TestServer.https(ca.serverSslContext());
        TricklingRelay relay = TricklingRelay.fromTheStart(server.port(), ONE_BYTE_EVERY);
        HttpFetcher fetcher =
            TestFetchers.fast()
                .connectTimeout(Duration.ofSeconds(1))
                .readTimeout(Duration.ofSeconds(20))
                .retries(1, Duration.ZERO)
                .sslContext(ca.clientSslContext())
                .build()) {
      server.put("/x", "hello".getBytes(StandardCharsets.US_ASCII));
      NetworkException e =
          assertThrows(NetworkException.class, () -> fetcher.fetchBytes(relay.uri("/x"), 100));
      assertTrue(e.getMessage().contains("connect timed out after 1000 ms"), e.getMessage());
      assertTrue(relay.awaitTrickling(Duration.ZERO), "the relay never trickled");
    }
  }

  @Test
  void aTlsResponseHeadSentByteByByteEndsAtTheResponseTimeout() throws Exception {
    TestCa ca = TestCa.create();
    try (TestServer server = TestServer.https(ca.serverSslContext());
        TricklingRelay relay =
            TricklingRelay.afterApplicationRecords(server.port(), 0, ONE_BYTE_EVERY);
        HttpFetcher fetcher =
            TestFetchers.fast()
                .connectTimeout(Duration.ofSeconds(1))
                .readTimeout(Duration.ofSeconds(1))
                .minimumRate(0, Duration.ofSeconds(1))
                .retries(1, Duration.ZERO)
                .sslContext(ca.clientSslContext("TLSv1.2"))
                .build()) {
      server.put("/x", "hello".getBytes(StandardCharsets.US_ASCII));
      SlowRetrievalException e =
          assertThrows(SlowRetrievalException.class, () -> fetcher.fetchBytes(relay.uri("/x"), 100));
      // connect timeout + read timeout: the time the server had to start answering
      assertTrue(e.getMessage().contains("no response within 2000 ms"), e.getMessage());
      assertTrue(relay.awaitTrickling(Duration.ZERO), "the relay never trickled");
    }
  }

  @Test
  void aTlsBodySentByteByByteEndsAtTheRateFloor() throws Exception {
    TestCa ca = TestCa.create();
    byte[] body = HttpFetcherTest.randomBytes(200_000, 7);
    try (TestServer server = TestServer.https(ca.serverSslContext());
        TricklingRelay relay =
            TricklingRelay.afterApplicationRecords(server.port(), 1, ONE_BYTE_EVERY);
        HttpFetcher fetcher =
            TestFetchers.fast()
                .readTimeout(Duration.ofSeconds(20))
                .minimumRate(10_000, Duration.ofSeconds(1))
                .retries(1, Duration.ZERO)
                .sslContext(ca.clientSslContext("TLSv1.2"))
                .build()) {
      server.put("/big", body);
      SlowRetrievalException e =
          assertThrows(
              SlowRetrievalException.class,
              () -> fetcher.fetchBytes(relay.uri("/big"), body.length));
      assertTrue(e.getMessage().contains("bytes in the last window"), e.getMessage());
    }
  }

  @Test
  void bytesPacedTooFinelyToTimeOutStillMeetTheRateFloor() {
    // One byte every 0.1 ms (about 10 KB/s): never a gap a read could time out on, even one cut
    // to a millisecond. Against a floor of 50 KB/s over 300 ms the floor must end it, not the
    // 20 KB running out after about two seconds.
    byte[] body = HttpFetcherTest.randomBytes(20_000, 8);
    try (RawSocketServer server =
            RawSocketServer.start(
                exchange -> {
                  exchange.write("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n");
                  for (byte b : body) {
                    long next = System.nanoTime() + 100_000; // the attacker's pace, finer than sleep
                    while (System.nanoTime() < next) {
                      Thread.onSpinWait();
                    }
                    exchange.write(new byte[] {b});
                  }
                });
        HttpFetcher fetcher =
            TestFetchers.fast()
                .readTimeout(Duration.ofSeconds(20))
                .minimumRate(50_000, Duration.ofMillis(300))
                .retries(1, Duration.ZERO)
                .build()) {
      SlowRetrievalException e =
          assertThrows(
              SlowRetrievalException.class, () -> fetcher.fetchBytes(server.uri("/x"), body.length));
      assertTrue(e.getMessage().contains("bytes in the last window"), e.getMessage());
    }
  }

  @Test
  void aCapOfLongMaxValueReadsTheBody() throws Exception {
    byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
    try (RawSocketServer server =
            RawSocketServer.start(RawSocketServer.contentLength(5, hello, false));
        HttpFetcher fetcher = TestFetchers.fast().build()) {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      fetcher.fetch(server.uri("/x"), Long.MAX_VALUE, sink);
      assertArrayEquals(hello, sink.toByteArray());
    }
  }

  @Test
  void anInterruptWhileAnErrorBodyIsDiscardedEndsTheFetchAsAnInterrupt() throws Exception {
    // A 404 whose small body never completes: the fetcher waits for the rest to keep the
    // connection, and is interrupted there.
    try (RawSocketServer server =
            RawSocketServer.start(
                exchange -> {
                  exchange.write("HTTP/1.1 404 Not Found\r\nContent-Length: 100\r\n\r\n0123456789");
                  exchange.holdOpen();
                });
        HttpFetcher fetcher = TestFetchers.fast().readTimeout(Duration.ofSeconds(10)).build()) {
      CompletableFuture<TestFetchers.Interrupted> outcome = new CompletableFuture<>();
      Thread fetching =
          new Thread(
              () -> {
                try {
                  fetcher.fetchBytes(server.uri("/x"), 1000);
                  outcome.complete(new TestFetchers.Interrupted(null, false));
                } catch (Throwable e) {
                  outcome.complete(
                      new TestFetchers.Interrupted(e, Thread.currentThread().isInterrupted()));
                }
              });
      fetching.start();
      awaitFrame(fetching, "discard");
      fetching.interrupt();
      TestFetchers.Interrupted ended = outcome.get(5, TimeUnit.SECONDS);

      assertInstanceOf(NetworkException.class, ended.failure());
      assertTrue(ended.failure().getMessage().contains("interrupted"), ended.failure().getMessage());
      assertTrue(ended.stillInterrupted(), "the interrupt status must be kept");
    }
  }

  /** Waits until {@code thread} runs a method named {@code method}. */
  private static void awaitFrame(Thread thread, String method) {
    while (Arrays.stream(thread.getStackTrace()).noneMatch(f -> f.getMethodName().equals(method))) {
      assertTrue(thread.isAlive(), "the thread ended before reaching " + method);
      Thread.onSpinWait();
    }
  }

  @Test
  void theReadClockLeavesOutTheCallersOwnTime() throws Exception {
    // Covered from the other side by HttpFetcherTest.aSlowSinkIsNotBlamedOnTheServer; here the
    // rate floor holds for a fast server whatever the caller does between reads.
    byte[] body = HttpFetcherTest.randomBytes(300_000, 9);
    try (RawSocketServer server =
            RawSocketServer.start(RawSocketServer.contentLength(body.length, body, false));
        HttpFetcher fetcher =
            TestFetchers.fast()
                .readTimeout(Duration.ofMillis(300))
                .minimumRate(1_000_000, Duration.ofMillis(100))
                .build()) {
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      java.io.OutputStream pausing =
          new java.io.OutputStream() {
            int writes;

            @Override
            public void write(int b) {
              received.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
              if (writes++ % 4 == 0) {
                long until = System.nanoTime() + 150_000_000L; // the caller's work, not a wait
                while (System.nanoTime() < until) {
                  Thread.onSpinWait();
                }
              }
              received.write(b, off, len);
            }
          };
      fetcher.fetch(server.uri("/x"), body.length, pausing);
      assertEquals(body.length, received.size());
      assertArrayEquals(body, received.toByteArray());
    }
  }
}
