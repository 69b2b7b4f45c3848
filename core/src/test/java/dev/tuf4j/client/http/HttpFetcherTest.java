package dev.tuf4j.client.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.HttpStatusException;
import dev.tuf4j.LengthExceededException;
import dev.tuf4j.NetworkException;
import dev.tuf4j.StorageException;
import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.testing.RawSocketServer;
import dev.tuf4j.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HttpFetcher against a well-behaved server: bodies, statuses, retries, headers, gzip. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpFetcherTest {
  private TestServer server;
  private HttpFetcher fetcher;

  @BeforeEach
  void start() {
    server = TestServer.http();
    fetcher = TestFetchers.fast().build();
  }

  @AfterEach
  void stop() {
    fetcher.close();
    server.close();
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void servesTheBodyByteForByte() throws Exception {
    byte[] body = randomBytes(300_000, 1);
    server.put("/targets/file.bin", body);

    assertArrayEquals(body, fetcher.fetchBytes(server.uri("/targets/file.bin"), body.length));
    assertEquals(List.of("GET /targets/file.bin"), server.requestLines());
  }

  @Test
  void streamsTheBodyIntoTheSink() throws Exception {
    byte[] body = randomBytes(1_000_000, 2);
    server.put("/big", body);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    fetcher.fetch(server.uri("/big"), 5_000_000, sink);

    assertArrayEquals(body, sink.toByteArray());
  }

  @Test
  void servesAnEmptyBody() throws Exception {
    server.put("/empty", new byte[0]);

    assertEquals(0, fetcher.fetchBytes(server.uri("/empty"), 10).length);
  }

  @Test
  void acceptsABodyOfExactlyTheCap() throws Exception {
    byte[] body = randomBytes(16384, 3);
    server.put("/timestamp.json", body);

    assertArrayEquals(body, fetcher.fetchBytes(server.uri("/timestamp.json"), 16384));
  }

  @Test
  void rejectsABodyOneByteOverTheCap() {
    server.put("/timestamp.json", randomBytes(16385, 4));

    LengthExceededException e =
        assertThrows(
            LengthExceededException.class,
            () -> fetcher.fetchBytes(server.uri("/timestamp.json"), 16384));
    assertEquals(16384, e.limit());
  }

  @Test
  void readsAnHttp10BodyWithoutContentLengthUntilTheServerCloses() throws Exception {
    byte[] body = randomBytes(100_000, 5);
    try (RawSocketServer raw = RawSocketServer.start(RawSocketServer.http10(body))) {
      assertArrayEquals(body, fetcher.fetchBytes(raw.uri("/1.root.json"), 512_000));
      assertEquals("HTTP/1.1", raw.requests().get(0).version());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {404, 403})
  void notFoundAndForbiddenAreReportedAndNeverRetried(int status) {
    server.override("/2.root.json", TestServer.status(status));

    HttpStatusException e =
        assertThrows(
            HttpStatusException.class, () -> fetcher.fetchBytes(server.uri("/2.root.json"), 100));

    assertEquals(status, e.status());
    assertTrue(e.isNotFound());
    assertEquals(server.uri("/2.root.json"), e.uri());
    assertEquals(List.of("GET /2.root.json"), server.requestLines());
  }

  @Test
  void aMissingFileIs404() {
    HttpStatusException e =
        assertThrows(
            HttpStatusException.class, () -> fetcher.fetchBytes(server.uri("/nothing"), 100));
    assertEquals(404, e.status());
    assertEquals(1, server.requestCount("/nothing"));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 410, 429, 204, 206, 304})
  void otherStatusesFailWithoutRetry(int status) {
    server.override("/x", TestServer.status(status));

    HttpStatusException e =
        assertThrows(HttpStatusException.class, () -> fetcher.fetchBytes(server.uri("/x"), 100));

    assertEquals(status, e.status());
    assertFalse(e.isNotFound());
    assertEquals(1, server.requestCount("/x"));
  }

  @Test
  void aServerErrorIsRetriedAndThenSucceeds() throws Exception {
    byte[] body = randomBytes(1000, 6);
    server.put("/timestamp.json", body);
    server.failTimes("/timestamp.json", 500, 2);

    assertArrayEquals(body, fetcher.fetchBytes(server.uri("/timestamp.json"), 16384));
    assertEquals(3, server.requestCount("/timestamp.json"));
  }

  @Test
  void aServerErrorIsRetriedUntilTheAttemptsRunOut() {
    server.put("/timestamp.json", new byte[10]);
    server.failTimes("/timestamp.json", 503, 100);

    HttpStatusException e =
        assertThrows(
            HttpStatusException.class,
            () -> fetcher.fetchBytes(server.uri("/timestamp.json"), 16384));

    assertEquals(503, e.status());
    assertEquals(TestFetchers.ATTEMPTS, server.requestCount("/timestamp.json"));
  }

  @Test
  void oneAttemptMeansNoRetry() {
    server.failTimes("/x", 502, 100);
    try (HttpFetcher once = TestFetchers.fast().retries(1, Duration.ZERO).build()) {
      assertThrows(HttpStatusException.class, () -> once.fetchBytes(server.uri("/x"), 100));
    }
    assertEquals(1, server.requestCount("/x"));
  }

  @Test
  void retriesWaitTheBackoffDoublingEachTime() {
    server.failTimes("/x", 500, 100);
    try (HttpFetcher slow = TestFetchers.fast().retries(3, Duration.ofMillis(100)).build()) {
      long start = System.nanoTime();
      assertThrows(HttpStatusException.class, () -> slow.fetchBytes(server.uri("/x"), 100));
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      // Waits of 100 and 200 ms between the three attempts.
      assertTrue(elapsedMs >= 300, "elapsed " + elapsedMs + " ms");
    }
    assertEquals(3, server.requestCount("/x"));
  }

  @Test
  void sendsUserAgentAndAcceptEncoding() throws Exception {
    server.put("/x", new byte[1]);

    fetcher.fetchBytes(server.uri("/x"), 1);

    TestServer.RecordedRequest request = server.requests().get(0);
    assertTrue(request.header("User-Agent").startsWith("tuf4j/"), request.header("User-Agent"));
    assertEquals(fetcher.userAgent(), request.header("User-Agent"));
    assertEquals("gzip", request.header("Accept-Encoding"));
  }

  @Test
  void sendsAConfiguredUserAgent() throws Exception {
    server.put("/x", new byte[1]);
    try (HttpFetcher custom = TestFetchers.fast().userAgent("pip/25.0 tuf4j").build()) {
      custom.fetchBytes(server.uri("/x"), 1);
    }
    assertEquals("pip/25.0 tuf4j", server.requests().get(0).header("User-Agent"));
  }

  @Test
  void usesTheUriExactlyAsGiven() throws Exception {
    String path = "/metadata/a%2Fb%20c+d%25e%3F.json?x=%2F";
    server.put(path, new byte[] {42});

    assertArrayEquals(
        new byte[] {42}, fetcher.fetchBytes(URI.create(server.baseUri() + path.substring(1)), 1));
    assertEquals(List.of("GET " + path), server.requestLines());
  }

  @Test
  void goesThroughAConfiguredProxy() throws Exception {
    byte[] body = randomBytes(500, 10);
    try (RawSocketServer proxy = RawSocketServer.start(RawSocketServer.http10(body))) {
      ProxySelector selector =
          new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
              return List.of(
                  new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
          };
      try (HttpFetcher proxied = TestFetchers.fast().proxy(selector).build()) {
        // The origin is never contacted (nor resolved): only the proxy on 127.0.0.1 is.
        assertArrayEquals(
            body, proxied.fetchBytes(URI.create("http://repo.example.invalid/x.json"), 1000));
      }
      assertEquals("GET http://repo.example.invalid/x.json", proxy.requests().get(0).line());
    }
  }

  @Test
  void decodesAGzipBody() throws Exception {
    byte[] body = randomBytes(50_000, 7);
    server.override("/snapshot.json", TestServer.gzipped(body));

    assertArrayEquals(body, fetcher.fetchBytes(server.uri("/snapshot.json"), 2_000_000));
  }

  @Test
  void capsAGzipBodyAfterDecoding() {
    // 200 KB of zeros compresses to a few hundred bytes; the cap is on what it decodes to.
    server.override("/snapshot.json", TestServer.gzipped(new byte[200_000]));

    LengthExceededException e =
        assertThrows(
            LengthExceededException.class,
            () -> fetcher.fetchBytes(server.uri("/snapshot.json"), 100_000));
    assertEquals(100_000, e.limit());
  }

  @Test
  void withoutGzipAsksForIdentityAndPassesTheBodyThroughUndecoded() throws Exception {
    byte[] body = randomBytes(5_000, 8);
    server.override("/pkg.tar.gz", TestServer.gzipped(body));
    try (HttpFetcher identity = TestFetchers.fast().gzip(false).build()) {
      byte[] got = identity.fetchBytes(server.uri("/pkg.tar.gz"), 100_000);
      assertArrayEquals(TestServer.gzip(body), got);
    }
    assertEquals("identity", server.requests().get(0).header("Accept-Encoding"));
  }

  @Test
  void aWithoutGzipViewAsksForIdentityWhileTheOriginalStillDecodes() throws Exception {
    byte[] body = randomBytes(5_000, 9);
    server.override("/pkg.tar.gz", TestServer.gzipped(body));
    HttpFetcher identity = fetcher.withGzip(false);
    assertArrayEquals(TestServer.gzip(body), identity.fetchBytes(server.uri("/pkg.tar.gz"), 100_000));
    assertArrayEquals(body, fetcher.fetchBytes(server.uri("/pkg.tar.gz"), 100_000));
    assertEquals("identity", server.requests().get(0).header("Accept-Encoding"));
    assertEquals("gzip", server.requests().get(1).header("Accept-Encoding"));
    assertSame(fetcher, fetcher.withGzip(true));
  }

  @Test
  void closingAWithoutGzipViewClosesTheFetcherItCameFrom() {
    fetcher.withGzip(false).close();
    assertThrows(IllegalStateException.class, () -> fetcher.fetchBytes(server.uri("/x"), 10));
  }

  @Test
  void aBodyWithADeclaredLengthArrivesWhole() throws Exception {
    // Served with Content-Length; larger than one HTTP buffer and than 512 KB.
    byte[] body = randomBytes(600_000, 10);
    server.put("/snapshot.json", body);
    assertArrayEquals(body, fetcher.fetchBytes(server.uri("/snapshot.json"), body.length));
  }

  @Test
  void rejectsAnUnknownContentEncoding() {
    server.override(
        "/x",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Encoding", "br");
          TestServer.ok(new byte[10]).handle(exchange);
        });

    NetworkException e =
        assertThrows(NetworkException.class, () -> fetcher.fetchBytes(server.uri("/x"), 100));
    assertTrue(e.getMessage().contains("Content-Encoding"), e.getMessage());
  }

  @Test
  void aFailingSinkIsAStorageError() {
    server.put("/x", randomBytes(100_000, 9));
    IOException diskFull = new IOException("disk full");
    OutputStream failing =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw diskFull;
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            throw diskFull;
          }
        };

    StorageException e =
        assertThrows(
            StorageException.class, () -> fetcher.fetch(server.uri("/x"), 200_000, failing));
    assertSame(diskFull, e.getCause());
    assertEquals(1, server.requestCount("/x"));
  }

  @Test
  void aSlowSinkIsNotBlamedOnTheServer() throws Exception {
    byte[] body = randomBytes(200_000, 13);
    server.put("/big", body);
    CountDownLatch never = new CountDownLatch(1);
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    OutputStream slowDisk =
        new OutputStream() {
          boolean first = true;

          @Override
          public void write(int b) {
            received.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            if (first) {
              first = false;
              try {
                // A disk that stalls longer than the read timeout and the rate window.
                never.await(600, TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            received.write(b, off, len);
          }
        };
    try (HttpFetcher strict =
        TestFetchers.fast()
            .readTimeout(Duration.ofMillis(300))
            .minimumRate(100_000, Duration.ofMillis(200))
            .build()) {
      strict.fetch(server.uri("/big"), body.length, slowDisk);
    }
    assertArrayEquals(body, received.toByteArray());
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> fetcher.fetchBytes(server.uri("/x"), -1));
    assertThrows(
        IllegalArgumentException.class,
        () -> fetcher.fetchBytes(URI.create("file:///etc/passwd"), 10));
    assertThrows(
        IllegalArgumentException.class, () -> fetcher.fetchBytes(URI.create("/relative"), 10));
    for (String port : new String[] {"0", "65536", "99999"}) {
      URI bad = URI.create("http://127.0.0.1:" + port + "/x");
      assertThrows(IllegalArgumentException.class, () -> fetcher.fetchBytes(bad, 10), port);
    }
    assertEquals(0, server.requests().size());
  }

  @Test
  void aClosedFetcherRefusesToFetch() {
    fetcher.close();
    assertThrows(IllegalStateException.class, () -> fetcher.fetchBytes(server.uri("/x"), 10));
  }

  @Test
  void builderRejectsNonsense() {
    HttpFetcher.Builder b = HttpFetcher.builder();
    assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.readTimeout(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.retries(0, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.maxRedirects(-1));
    assertThrows(IllegalArgumentException.class, () -> b.minimumRate(-1, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> b.readTimeout(Duration.ofDays(2)));
    assertThrows(IllegalArgumentException.class, () -> b.retries(3, Duration.ofDays(2)));
    assertThrows(IllegalArgumentException.class, () -> b.userAgent("bad\r\nX-Injected: 1"));
  }
}
