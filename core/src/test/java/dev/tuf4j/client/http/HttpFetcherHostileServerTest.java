package dev.tuf4j.client.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.DownloadException;
import dev.tuf4j.HttpStatusException;
import dev.tuf4j.LengthExceededException;
import dev.tuf4j.NetworkException;
import dev.tuf4j.SlowRetrievalException;
import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.testing.RawSocketServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HttpFetcher against servers that misbehave on purpose. Every case must end in a typed error,
 * quickly and with bounded memory; the MEASURE lines in the test output record the numbers.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpFetcherHostileServerTest {
  private HttpFetcher fetcher;

  @BeforeEach
  void start() {
    fetcher = TestFetchers.fast().build();
  }

  @AfterEach
  void stop() {
    fetcher.close();
  }

  @Test
  void anEndlessBodyStopsAtTheCap() {
    int cap = 1 << 20;
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (RawSocketServer server = RawSocketServer.start(RawSocketServer.endlessBody())) {
      Measured<LengthExceededException> m =
          Measured.failure(
              "endless body, cap 1 MiB",
              LengthExceededException.class,
              () -> fetcher.fetch(server.uri("/timestamp.json"), cap, sink));

      assertEquals(cap, m.failure().limit());
      assertTrue(sink.size() <= cap, "sink got " + sink.size());
      System.out.println("MEASURE endless body: server wrote " + server.bytesWritten() + " bytes");
      // What the server got into the socket: the cap plus what socket buffers and the
      // client's bounded prefetch hold, nowhere near the endless limit.
      assertTrue(server.bytesWritten() < cap + (8L << 20), "written " + server.bytesWritten());
      assertEquals(1, server.connectionCount());
    }
  }

  @Test
  void aDeclaredLengthOverTheCapFailsBeforeTheBodyIsRead() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    // The server declares 10 MB, sends 100 bytes and waits: only the header can end this fast.
    try (RawSocketServer server =
        RawSocketServer.start(RawSocketServer.contentLength(10_000_000, new byte[100], true))) {
      Measured<LengthExceededException> m =
          Measured.failure(
              "Content-Length over cap",
              LengthExceededException.class,
              () -> fetcher.fetch(server.uri("/snapshot.json"), 2_000_000, sink));

      assertEquals(0, sink.size());
      assertTrue(
          m.elapsedMillis() < TestFetchers.READ_TIMEOUT.toMillis(), m.elapsedMillis() + " ms");
    }
  }

  @Test
  void aContentLengthLongerThanTheBodyThenCloseIsANetworkError() {
    try (RawSocketServer server =
        RawSocketServer.start(RawSocketServer.contentLength(1000, new byte[10], false))) {
      Measured<NetworkException> m =
          Measured.failure(
              "Content-Length > body, then close",
              NetworkException.class,
              () -> fetcher.fetchBytes(server.uri("/x"), 10_000));

      // The head was complete and body bytes reached the sink: never retried.
      assertTrue(
          m.failure().getMessage().contains("closed while receiving the body"),
          m.failure().getMessage());
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void aBodyCutShortAfterBytesReachedTheSinkIsNeverRetried() {
    CountDownLatch bytesInSink = new CountDownLatch(1);
    RawSocketServer.Script cutShort =
        exchange -> {
          exchange.write(RawSocketServer.head(200, "Content-Length: 10000"));
          exchange.write(new byte[4000]);
          try {
            bytesInSink.await(10, TimeUnit.SECONDS); // then close, 6000 bytes short
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    OutputStream sink = TestFetchers.signalling(bytesInSink);
    try (RawSocketServer server = RawSocketServer.start(cutShort)) {
      NetworkException e =
          assertThrows(NetworkException.class, () -> fetcher.fetch(server.uri("/x"), 10_000, sink));

      assertTrue(e.getMessage().contains("while receiving the body"), e.getMessage());
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void aContentLengthLongerThanTheBodyThenSilenceIsSlowRetrieval() {
    try (RawSocketServer server =
        RawSocketServer.start(RawSocketServer.contentLength(1000, new byte[10], true))) {
      Measured<SlowRetrievalException> m =
          Measured.failure(
              "Content-Length > body, then silence",
              SlowRetrievalException.class,
              () -> fetcher.fetchBytes(server.uri("/x"), 10_000));

      assertBetween(TestFetchers.READ_TIMEOUT.toMillis(), 2_500, m.elapsedMillis());
    }
  }

  @Test
  void aContentLengthShorterThanTheBodyYieldsOnlyTheDeclaredBytes() throws Exception {
    byte[] sent = HttpFetcherTest.randomBytes(1000, 11);
    try (RawSocketServer server =
        RawSocketServer.start(RawSocketServer.contentLength(10, sent, false))) {
      // HTTP framing is the declared length; the surplus is never handed out.
      assertArrayEquals(Arrays.copyOf(sent, 10), fetcher.fetchBytes(server.uri("/x"), 10_000));
    }
  }

  @Test
  void aTrickleBelowTheMinimumRateIsSlowRetrieval() {
    byte[] body = new byte[100_000];
    // 20 bytes every 50 ms is 400 bytes/s, each step well inside the read timeout.
    try (RawSocketServer server =
            RawSocketServer.start(RawSocketServer.trickle(body, 20, Duration.ofMillis(50)));
        HttpFetcher guarded =
            TestFetchers.fast()
                .readTimeout(Duration.ofSeconds(2))
                .minimumRate(1000, Duration.ofMillis(500))
                .build()) {
      Measured<SlowRetrievalException> m =
          Measured.failure(
              "trickle 400 B/s, floor 1000 B/s over 500 ms",
              SlowRetrievalException.class,
              () -> guarded.fetchBytes(server.uri("/targets/big.tar.gz"), body.length));

      assertTrue(
          m.failure().getMessage().contains("bytes in the last window"), m.failure().getMessage());
      assertBetween(500, 1_500, m.elapsedMillis());
    }
  }

  @Test
  void aTrickleAboveTheMinimumRateCompletes() throws Exception {
    byte[] body = HttpFetcherTest.randomBytes(3_000, 12);
    // 300 bytes every 50 ms is 6000 bytes/s against a floor of 1000 bytes/s.
    try (RawSocketServer server =
            RawSocketServer.start(RawSocketServer.trickle(body, 300, Duration.ofMillis(50)));
        HttpFetcher guarded =
            TestFetchers.fast().minimumRate(1000, Duration.ofMillis(200)).build()) {
      assertArrayEquals(body, guarded.fetchBytes(server.uri("/x"), body.length));
    }
  }

  @Test
  void aStallMidBodyIsSlowRetrievalAfterTheReadTimeout() {
    byte[] body = new byte[10_000];
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (RawSocketServer server = RawSocketServer.start(RawSocketServer.stallAfter(body, 4_000))) {
      Measured<SlowRetrievalException> m =
          Measured.failure(
              "stall after 4000 of 10000 bytes",
              SlowRetrievalException.class,
              () -> fetcher.fetch(server.uri("/x"), body.length, sink));

      assertTrue(m.failure().getMessage().contains("no data for"), m.failure().getMessage());
      assertEquals(4_000, sink.size());
      assertBetween(TestFetchers.READ_TIMEOUT.toMillis(), 2_000, m.elapsedMillis());
    }
  }

  @Test
  void aServerThatNeverAnswersIsSlowRetrieval() {
    try (RawSocketServer server = RawSocketServer.start(RawSocketServer.silent());
        HttpFetcher quick =
            TestFetchers.fast()
                .connectTimeout(Duration.ofMillis(300))
                .readTimeout(Duration.ofMillis(300))
                .build()) {
      Measured<SlowRetrievalException> m =
          Measured.failure(
              "no response at all",
              SlowRetrievalException.class,
              () -> quick.fetchBytes(server.uri("/timestamp.json"), 16384));

      // The server gets connect + read timeout to start its answer, and no retry.
      assertBetween(600, 2_000, m.elapsedMillis());
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void aTlsServerThatNeverFinishesTheHandshakeTimesOut() {
    try (RawSocketServer server = RawSocketServer.start(RawSocketServer.silent());
        HttpFetcher quick =
            TestFetchers.fast()
                .connectTimeout(Duration.ofMillis(300))
                .readTimeout(Duration.ofMillis(300))
                .build()) {
      URI uri = URI.create("https://127.0.0.1:" + server.port() + "/timestamp.json");
      Measured<DownloadException> m =
          Measured.failure(
              "TLS handshake never answered",
              DownloadException.class,
              () -> quick.fetchBytes(uri, 16384));

      assertTrue(
          m.failure() instanceof SlowRetrievalException || m.failure() instanceof NetworkException,
          m.failure().toString());
      // Even if each attempt is retried, three attempts of at most 600 ms stay bounded.
      assertTrue(m.elapsedMillis() < 3_000, m.elapsedMillis() + " ms");
    }
  }

  @Test
  void aConnectionClosedWithoutResponseIsRetriedABoundedNumberOfTimes() {
    try (RawSocketServer server = RawSocketServer.start(RawSocketServer.closeWithoutResponse())) {
      Measured<NetworkException> m =
          Measured.failure(
              "close without response",
              NetworkException.class,
              () -> fetcher.fetchBytes(server.uri("/timestamp.json"), 16384));

      assertTrue(
          m.failure().getMessage().contains("before a complete response"),
          m.failure().getMessage());
      // One fresh connection per attempt: a new connection that closes is no stale pooled one.
      assertEquals(TestFetchers.ATTEMPTS, server.requests().size());
      assertEquals(TestFetchers.ATTEMPTS, server.connectionCount());
    }
  }

  @Test
  void garbageInsteadOfHttpIsANetworkErrorWithoutRetry() {
    try (RawSocketServer server =
        RawSocketServer.start(RawSocketServer.garbage("SSH-2.0-OpenSSH_9.6\r\n\r\n"))) {
      Measured<NetworkException> m =
          Measured.failure(
              "garbage instead of HTTP",
              NetworkException.class,
              () -> fetcher.fetchBytes(server.uri("/x"), 100));

      assertTrue(
          m.failure().getMessage().contains("malformed HTTP response"), m.failure().getMessage());
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void endlessResponseHeadersAreANetworkError() {
    try (RawSocketServer server = RawSocketServer.start(RawSocketServer.endlessHeaders())) {
      Measured<DownloadException> m =
          Measured.failure(
              "endless response headers",
              DownloadException.class,
              () -> fetcher.fetchBytes(server.uri("/x"), 100));

      // The head is capped at 64 KiB (ResponseHead.MAX_HEAD_BYTES), else the response timeout ends it.
      assertTrue(
          m.failure() instanceof NetworkException || m.failure() instanceof SlowRetrievalException,
          m.failure().toString());
      assertTrue(server.bytesWritten() < 64L << 20, "written " + server.bytesWritten());
    }
  }

  @Test
  void aHugeErrorBodyIsNotRead() {
    RawSocketServer.Script endless404 =
        exchange -> {
          exchange.write(RawSocketServer.head(404));
          byte[] zeros = new byte[16 * 1024];
          for (long sent = 0; sent < RawSocketServer.ENDLESS_LIMIT; sent += zeros.length) {
            exchange.write(zeros);
          }
        };
    try (RawSocketServer server = RawSocketServer.start(endless404)) {
      Measured<HttpStatusException> m =
          Measured.failure(
              "404 with an endless body",
              HttpStatusException.class,
              () -> fetcher.fetchBytes(server.uri("/3.root.json"), 512_000));

      assertTrue(m.failure().isNotFound());
      assertTrue(server.bytesWritten() < 8L << 20, "written " + server.bytesWritten());
      assertTrue(m.elapsedMillis() < 1_000, m.elapsedMillis() + " ms");
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void aServerErrorWithAStalledBodyIsStillRetriedPromptly() {
    // 503 that declares a small body and never sends it: the body wait is short, then retry.
    try (RawSocketServer server =
        RawSocketServer.start(
            exchange -> {
              exchange.write(RawSocketServer.head(503, "Content-Length: 100"));
              exchange.holdOpen();
            })) {
      Measured<HttpStatusException> m =
          Measured.failure(
              "503 with a stalled small body",
              HttpStatusException.class,
              () -> fetcher.fetchBytes(server.uri("/timestamp.json"), 16384));

      assertEquals(503, m.failure().status());
      assertEquals(TestFetchers.ATTEMPTS, server.requests().size());
      // Each attempt waits at most half a second for the promised error body.
      assertTrue(m.elapsedMillis() < 5_000, m.elapsedMillis() + " ms");
    }
  }

  @Test
  void aTrickledErrorBodyDoesNotHoldTheFetch() {
    byte[] errorBody = new byte[4000];
    RawSocketServer.Script slow404 =
        exchange -> {
          exchange.write(RawSocketServer.head(404, "Content-Length: " + errorBody.length));
          for (int i = 0; i < errorBody.length && exchange.pause(Duration.ofMillis(50)); i++) {
            exchange.write(errorBody, i, 1);
          }
        };
    try (RawSocketServer server = RawSocketServer.start(slow404)) {
      Measured<HttpStatusException> m =
          Measured.failure(
              "404 whose small body trickles",
              HttpStatusException.class,
              () -> fetcher.fetchBytes(server.uri("/3.root.json"), 512_000));

      assertTrue(m.failure().isNotFound());
      assertTrue(m.elapsedMillis() < 2_000, m.elapsedMillis() + " ms");
    }
  }

  @Test
  void aGzipBombIsCappedAfterDecoding() {
    int cap = 16 * 1024;
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (RawSocketServer server = RawSocketServer.start(RawSocketServer.gzipBomb(1L << 30))) {
      Measured<LengthExceededException> m =
          Measured.failure(
              "gzip bomb 1 GiB of zeros, cap 16 KiB",
              LengthExceededException.class,
              () -> fetcher.fetch(server.uri("/timestamp.json"), cap, sink));

      assertEquals(cap, m.failure().limit());
      assertTrue(sink.size() <= cap, "sink got " + sink.size());
      System.out.println("MEASURE gzip bomb: server wrote " + server.bytesWritten() + " bytes");
      assertTrue(m.allocatedBytes() < 4L << 20, "allocated " + m.allocatedBytes());
      assertTrue(m.elapsedMillis() < 2_000, m.elapsedMillis() + " ms");
    }
  }

  @Test
  void aGzipStreamOfNothingIsCappedOnCompressedBytes() {
    // Empty stored deflate blocks decode to nothing: only the compressed-size cap ends this.
    byte[] emptyStoredBlock = {0x00, 0x00, 0x00, (byte) 0xff, (byte) 0xff};
    RawSocketServer.Script script =
        exchange -> {
          exchange.write(RawSocketServer.head(200, "Content-Encoding: gzip"));
          exchange.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
          byte[] chunk = new byte[emptyStoredBlock.length * 1000];
          for (int i = 0; i < 1000; i++) {
            System.arraycopy(
                emptyStoredBlock, 0, chunk, i * emptyStoredBlock.length, emptyStoredBlock.length);
          }
          for (long sent = 0; sent < RawSocketServer.ENDLESS_LIMIT; sent += chunk.length) {
            exchange.write(chunk);
          }
        };
    try (RawSocketServer server = RawSocketServer.start(script)) {
      Measured<LengthExceededException> m =
          Measured.failure(
              "gzip of endless empty blocks, cap 16 KiB",
              LengthExceededException.class,
              () -> fetcher.fetchBytes(server.uri("/timestamp.json"), 16384));

      assertTrue(server.bytesWritten() < 8L << 20, "written " + server.bytesWritten());
      assertTrue(m.elapsedMillis() < 2_000, m.elapsedMillis() + " ms");
    }
  }

  @Test
  void aCorruptGzipBodyIsANetworkError() {
    RawSocketServer.Script script =
        exchange -> {
          exchange.write(RawSocketServer.head(200, "Content-Encoding: gzip", "Content-Length: 20"));
          exchange.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
          exchange.write(new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3, 4, 5, 6, 7, 8});
        };
    try (RawSocketServer server = RawSocketServer.start(script)) {
      Measured<NetworkException> m =
          Measured.failure(
              "corrupt gzip",
              NetworkException.class,
              () -> fetcher.fetchBytes(server.uri("/x"), 1000));
      assertTrue(m.failure().getMessage().contains("invalid gzip body"), m.failure().getMessage());
    }
  }

  @Test
  void aRefusedConnectionIsANetworkError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + port + "/timestamp.json");
    Measured<NetworkException> m =
        Measured.failure(
            "connection refused", NetworkException.class, () -> fetcher.fetchBytes(nowhere, 16384));
    assertTrue(m.elapsedMillis() < 5_000, m.elapsedMillis() + " ms");
  }

  private static void assertBetween(long min, long max, long actual) {
    assertTrue(actual >= min && actual <= max, actual + " not in [" + min + ", " + max + "]");
  }
}
