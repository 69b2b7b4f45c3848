package dev.tuf4j.client.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.LengthExceededException;
import dev.tuf4j.NetworkException;
import dev.tuf4j.SlowRetrievalException;
import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.testing.RawSocketServer;
import dev.tuf4j.testing.RawSocketServer.RawRequest;
import dev.tuf4j.testing.TestCa;
import dev.tuf4j.testing.TestServer;
import dev.tuf4j.testing.TunnelProxy;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HttpFetcher's own HTTP/1.1: message framing (RFC 9112, section 6), connection reuse (section
 * 9.3), proxies and TLS, each against a server that shows what the client sent and on which
 * connection.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpFetcherWireTest {
  private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

  /** An HTTP/1.1 response that leaves the connection open for the next request. */
  private static String keepAliveHead(int status, String... lines) {
    StringBuilder sb = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
    for (String line : lines) {
      sb.append(line).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }

  /** Answers every request on a connection with its path as the body, keeping it alive. */
  private static RawSocketServer.Script echoPathKeepAlive() {
    return exchange -> {
      RawRequest request = exchange.request();
      while (request != null) {
        byte[] body = request.path().getBytes(StandardCharsets.US_ASCII);
        exchange.write(keepAliveHead(200, "Content-Length: " + body.length));
        exchange.write(body);
        request = exchange.nextRequest();
      }
    };
  }

  private static HttpFetcher fetcher() {
    return TestFetchers.fast().build();
  }

  // ---- Framing. ----

  @Test
  void decodesAChunkedBodyWithExtensionsAndTrailers() throws Exception {
    RawSocketServer.Script chunked =
        exchange -> {
          exchange.write(keepAliveHead(200, "Transfer-Encoding: chunked"));
          exchange.write("3;name=value\r\nhel\r\n");
          exchange.write("2\r\nlo\r\n");
          exchange.write("0\r\nDigest: whatever\r\n\r\n");
        };
    try (RawSocketServer server = RawSocketServer.start(chunked);
        HttpFetcher fetcher = fetcher()) {
      assertArrayEquals(HELLO, fetcher.fetchBytes(server.uri("/x"), 5));
    }
  }

  @Test
  void aChunkedBodyOverTheCapIsRefusedAtTheCap() {
    RawSocketServer.Script endlessChunks =
        exchange -> {
          exchange.write(keepAliveHead(200, "Transfer-Encoding: chunked"));
          byte[] chunk = ("4000\r\n" + "z".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
          for (long sent = 0; sent < RawSocketServer.ENDLESS_LIMIT; sent += chunk.length) {
            exchange.write(chunk);
          }
        };
    try (RawSocketServer server = RawSocketServer.start(endlessChunks);
        HttpFetcher fetcher = fetcher()) {
      assertThrows(LengthExceededException.class, () -> fetcher.fetchBytes(server.uri("/x"), 100_000));
      assertTrue(server.bytesWritten() < 64L << 20, "written " + server.bytesWritten());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "zz\r\nhello\r\n0\r\n\r\n", // not hexadecimal
        "\r\nhello\r\n0\r\n\r\n", // no size at all
        "fffffffffffffffff\r\n", // more than 15 hex digits
        "3\r\nhello\r\n0\r\n\r\n", // chunk data longer than its size
        "\u001b[2J5\r\nhello\r\n0\r\n\r\n", // a terminal escape where the size goes
        "\u000b5\r\nhello\r\n0\r\n\r\n", // a control character before the size
        "5\u001f\r\nhello\r\n0\r\n\r\n", // and after it
        " 5\r\nhello\r\n0\r\n\r\n", // a blank before it: only between size and extension
      })
  void aMalformedChunkedBodyIsANetworkErrorWithoutRetry(String body) {
    try (RawSocketServer server =
            RawSocketServer.start(
                exchange -> {
                  exchange.write(keepAliveHead(200, "Transfer-Encoding: chunked"));
                  exchange.write(body);
                });
        HttpFetcher fetcher = fetcher()) {
      NetworkException e =
          assertThrows(NetworkException.class, () -> fetcher.fetchBytes(server.uri("/x"), 1000));
      assertTrue(e.getMessage().contains("malformed chunked body"), e.getMessage());
      // One clear line: the server's bytes are quoted with control characters escaped.
      assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c != 0x7f), e.getMessage());
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void blanksAroundValuesAndBeforeAChunkExtensionAreAllowed() throws Exception {
    try (RawSocketServer server =
            RawSocketServer.start(
                exchange -> {
                  exchange.write(keepAliveHead(200, "Transfer-Encoding: \tchunked \t"));
                  exchange.write("5 \t;name=value\r\nhello\r\n0\r\n\r\n");
                });
        HttpFetcher fetcher = fetcher()) {
      assertArrayEquals(HELLO, fetcher.fetchBytes(server.uri("/x"), 1000));
    }
  }

  /**
   * The server's words in an error line are escaped, C1 controls (U+0080 to U+009F: 0x9b starts a
   * terminal escape) and tabs included: the error stays one printable line.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/1.1 200 OK\r\nContent-Encoding: br\u009b2J\u0085\r\nContent-Length: 1\r\n\r\nx",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: br\u009b2J\r\n\r\n",
        "HTTP/1.1 302 Found\r\nLocation: /a\u009b2Jb\tc\r\nContent-Length: 0\r\n\r\n",
      })
  void aServersControlCharactersAreEscapedInTheError(String response) {
    try (RawSocketServer server = RawSocketServer.start(exchange -> exchange.write(response));
        HttpFetcher fetcher = fetcher()) {
      NetworkException e =
          assertThrows(NetworkException.class, () -> fetcher.fetchBytes(server.uri("/x"), 1000));
      assertTrue(e.getMessage().contains("\\x9b"), e.getMessage());
      assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), e.getMessage());
    }
  }

  @Test
  void chunkFramingThatOutweighsItsDataIsRefused() {
    // One byte of data per 4 KB chunk extension: framing must not be an endless-data loophole.
    RawSocketServer.Script framing =
        exchange -> {
          exchange.write(keepAliveHead(200, "Transfer-Encoding: chunked"));
          byte[] chunk = ("1;" + "e".repeat(4000) + "\r\nA\r\n").getBytes(StandardCharsets.US_ASCII);
          for (int i = 0; i < 10_000; i++) {
            exchange.write(chunk);
          }
        };
    try (RawSocketServer server = RawSocketServer.start(framing);
        HttpFetcher fetcher = fetcher()) {
      NetworkException e =
          assertThrows(
              NetworkException.class, () -> fetcher.fetchBytes(server.uri("/x"), 1_000_000));
      assertTrue(e.getMessage().contains("more framing than data"), e.getMessage());
      assertTrue(server.bytesWritten() < 1L << 20, "written " + server.bytesWritten());
    }
  }

  @Test
  void aChunkedBodyCutShortIsANetworkError() {
    try (RawSocketServer server =
            RawSocketServer.start(
                exchange -> {
                  exchange.write(keepAliveHead(200, "Transfer-Encoding: chunked"));
                  exchange.write("a\r\nhel");
                });
        HttpFetcher fetcher = fetcher()) {
      NetworkException e =
          assertThrows(NetworkException.class, () -> fetcher.fetchBytes(server.uri("/x"), 1000));
      assertTrue(e.getMessage().contains("closed while receiving the body"), e.getMessage());
    }
  }

  @Test
  void informationalResponsesBeforeTheAnswerAreSkipped() throws Exception {
    try (RawSocketServer server =
            RawSocketServer.start(
                exchange -> {
                  exchange.write("HTTP/1.1 100 Continue\r\n\r\n");
                  exchange.write("HTTP/1.1 103 Early Hints\r\nLink: </x>; rel=preload\r\n\r\n");
                  exchange.write(RawSocketServer.head(200, "Content-Length: 5"));
                  exchange.write(HELLO);
                });
        HttpFetcher fetcher = fetcher()) {
      assertArrayEquals(HELLO, fetcher.fetchBytes(server.uri("/x"), 5));
    }
  }

  @Test
  void identicalRepeatedContentLengthsAreOneLength() throws Exception {
    try (RawSocketServer server =
            RawSocketServer.start(
                exchange -> {
                  exchange.write(RawSocketServer.head(200, "Content-Length: 5, 5", "Content-Length: 05"));
                  exchange.write(HELLO);
                });
        HttpFetcher fetcher = fetcher()) {
      assertArrayEquals(HELLO, fetcher.fetchBytes(server.uri("/x"), 5));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Content-Length: 5\r\nContent-Length: 6", // conflicting lengths
        "Content-Length: 5, 6",
        "Content-Length: -5",
        "Content-Length: 5x",
        "Content-Length: 99999999999999999999", // overflows a long
        "Transfer-Encoding: gzip, chunked", // a transfer coding we do not decode
        "Transfer-Encoding: identity",
        "X-Folded: one\r\n two", // obsolete line folding
        "Bad Name: value", // a space in a field name
        "NoColon",
        "X-Control: a\u0000b",
        // Control characters at a value's edges are refused, not trimmed away as whitespace.
        "Content-Length:\u000b5\u001f",
        "Content-Length: 5\u000c",
        "Transfer-Encoding:\u001c",
      })
  void anAmbiguousOrMalformedHeadIsANetworkErrorWithoutRetry(String fields) {
    try (RawSocketServer server =
            RawSocketServer.start(
                exchange -> {
                  exchange.write("HTTP/1.1 200 OK\r\n" + fields + "\r\n\r\n");
                  exchange.write(HELLO);
                });
        HttpFetcher fetcher = fetcher()) {
      NetworkException e =
          assertThrows(NetworkException.class, () -> fetcher.fetchBytes(server.uri("/x"), 100));
      assertTrue(e.getMessage().contains("malformed HTTP response"), e.getMessage());
      assertEquals(1, server.requests().size());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/1.1 20 OK", // two digits
        "HTTP/1.1 2000 OK",
        "HTTP/2 200 OK",
        "HTTP/1.1 099 Odd",
        "HTTP/1.1 101 Switching Protocols", // no upgrade was asked for
        "ICY 200 OK",
      })
  void aMalformedStatusLineIsANetworkErrorWithoutRetry(String statusLine) {
    try (RawSocketServer server =
            RawSocketServer.start(exchange -> exchange.write(statusLine + "\r\n\r\n"));
        HttpFetcher fetcher = fetcher()) {
      NetworkException e =
          assertThrows(NetworkException.class, () -> fetcher.fetchBytes(server.uri("/x"), 100));
      assertTrue(e.getMessage().contains("malformed HTTP response"), e.getMessage());
      assertEquals(1, server.requests().size());
    }
  }

  // ---- The request. ----

  @Test
  void sendsExactlyOneRequestHeadWithHostAgentAndEncoding() throws Exception {
    try (RawSocketServer server = RawSocketServer.start(echoPathKeepAlive());
        HttpFetcher fetcher = TestFetchers.fast().userAgent("agent/1").build()) {
      fetcher.fetchBytes(server.uri("/a%20b/c.json?x=1&y=%2F"), 100);
      fetcher.withGzip(false).fetchBytes(server.uri("/t"), 100);

      RawRequest first = server.requests().get(0);
      assertEquals("GET /a%20b/c.json?x=1&y=%2F HTTP/1.1", first.line() + " " + first.version());
      assertEquals("127.0.0.1:" + server.port(), first.header("Host"));
      assertEquals("agent/1", first.header("User-Agent"));
      assertEquals("gzip", first.header("Accept-Encoding"));
      assertEquals(
          List.of("accept-encoding", "host", "user-agent"), List.copyOf(first.headers().keySet()));
      assertEquals("identity", server.requests().get(1).header("Accept-Encoding"));
    }
  }

  // ---- Connection reuse. ----

  @Test
  void sequentialFetchesReuseOneConnection() throws Exception {
    try (RawSocketServer server = RawSocketServer.start(echoPathKeepAlive());
        HttpFetcher fetcher = fetcher()) {
      for (int i = 0; i < 5; i++) {
        assertArrayEquals(
            ("/f" + i).getBytes(StandardCharsets.US_ASCII),
            fetcher.fetchBytes(server.uri("/f" + i), 100));
      }
      assertEquals(1, server.connectionCount());
      assertTrue(server.requests().stream().allMatch(r -> r.connection() == 0));
    }
  }

  @Test
  void theIdentityAndGzipViewsShareConnections() throws Exception {
    try (RawSocketServer server = RawSocketServer.start(echoPathKeepAlive());
        HttpFetcher fetcher = fetcher()) {
      fetcher.fetchBytes(server.uri("/m"), 100);
      fetcher.withGzip(false).fetchBytes(server.uri("/t"), 100);
      assertEquals(1, server.connectionCount());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP/1.1 200 OK\r\nConnection: close", "HTTP/1.0 200 OK"})
  void aConnectionTheServerWillCloseIsNotReused(String statusAndFields) throws Exception {
    // The server keeps every connection open and would answer a second request with "wrong".
    RawSocketServer.Script script =
        exchange -> {
          exchange.write(statusAndFields + "\r\nContent-Length: 5\r\n\r\nhello");
          if (exchange.nextRequest() != null) {
            exchange.write(keepAliveHead(200, "Content-Length: 5") + "wrong");
          }
        };
    try (RawSocketServer server = RawSocketServer.start(script);
        HttpFetcher fetcher = fetcher()) {
      assertArrayEquals(HELLO, fetcher.fetchBytes(server.uri("/1"), 100));
      assertArrayEquals(HELLO, fetcher.fetchBytes(server.uri("/2"), 100));
      assertEquals(2, server.connectionCount());
    }
  }

  @Test
  void anErrorWithASmallBodyKeepsTheConnection() throws Exception {
    RawSocketServer.Script script =
        exchange -> {
          exchange.write(keepAliveHead(404, "Content-Length: 9") + "not found");
          if (exchange.nextRequest() != null) {
            exchange.write(keepAliveHead(200, "Content-Length: 5") + "hello");
          }
        };
    try (RawSocketServer server = RawSocketServer.start(script);
        HttpFetcher fetcher = fetcher()) {
      assertThrows(dev.tuf4j.HttpStatusException.class, () -> fetcher.fetchBytes(server.uri("/1"), 100));
      assertArrayEquals(HELLO, fetcher.fetchBytes(server.uri("/2"), 100));
      assertEquals(1, server.connectionCount());
    }
  }

  @Test
  void anIdleConnectionTheServerDroppedIsReplacedWithoutCountingAnAttempt() throws Exception {
    // Connection 0 answers once, then reads the next request and closes without an answer: the
    // race between a server's idle timeout and the client's next request.
    RawSocketServer.Script script =
        exchange -> {
          exchange.write(keepAliveHead(200, "Content-Length: 5") + "hello");
          if (exchange.request().connection() == 0) {
            exchange.nextRequest();
          }
        };
    try (RawSocketServer server = RawSocketServer.start(script);
        HttpFetcher fetcher = TestFetchers.fast().retries(1, Duration.ZERO).build()) {
      assertArrayEquals(HELLO, fetcher.fetchBytes(server.uri("/1"), 100));
      assertArrayEquals(HELLO, fetcher.fetchBytes(server.uri("/2"), 100));

      List<RawRequest> requests = server.requests();
      assertEquals(List.of(0, 0, 1), requests.stream().map(RawRequest::connection).toList());
      assertEquals("GET /2", requests.get(2).line());
    }
  }

  @Test
  void aConnectionClosedWhileIdleIsNotUsedAgain() throws Exception {
    // RawSocketServer closes every connection after its script, although the response did not
    // say so: by the next fetch the client can see the close, and must not send on it.
    try (RawSocketServer server =
            RawSocketServer.start(exchange -> exchange.write(keepAliveHead(200, "Content-Length: 5") + "hello"));
        HttpFetcher fetcher = TestFetchers.fast().retries(1, Duration.ZERO).build()) {
      assertArrayEquals(HELLO, fetcher.fetchBytes(server.uri("/1"), 100));
      assertTrue(server.awaitConnectionsClosed(1));
      assertArrayEquals(HELLO, fetcher.fetchBytes(server.uri("/2"), 100));
      assertEquals(2, server.requests().size());
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void bytesNoRequestAskedForMakeAConnectionUnusable(boolean inTheSameWrite) throws Exception {
    // After its answer, connection 0 sends a second, unasked-for response. Reusing the connection
    // would hand "evil" over as the answer to the next request.
    String extra = keepAliveHead(200, "Content-Length: 4") + "evil";
    CountDownLatch extraSent = new CountDownLatch(1);
    RawSocketServer.Script script =
        exchange -> {
          if (exchange.request().connection() == 0) {
            String first = keepAliveHead(200, "Content-Length: 5") + "hello";
            if (inTheSameWrite) {
              exchange.write(first + extra);
            } else {
              exchange.write(first);
              exchange.write(extra);
            }
            extraSent.countDown();
            exchange.holdOpen();
          } else {
            exchange.write(keepAliveHead(200, "Content-Length: 5") + "right");
          }
        };
    try (RawSocketServer server = RawSocketServer.start(script);
        HttpFetcher fetcher = fetcher()) {
      assertArrayEquals(HELLO, fetcher.fetchBytes(server.uri("/1"), 100));
      assertTrue(extraSent.await(10, TimeUnit.SECONDS));

      assertArrayEquals(
          "right".getBytes(StandardCharsets.US_ASCII), fetcher.fetchBytes(server.uri("/2"), 100));
      assertEquals(2, server.connectionCount());
    }
  }

  @Test
  void closingTheFetcherClosesItsIdleConnections() throws Exception {
    CountDownLatch clientClosed = new CountDownLatch(1);
    RawSocketServer.Script script =
        exchange -> {
          exchange.write(keepAliveHead(200, "Content-Length: 5") + "hello");
          if (exchange.nextRequest() == null) {
            clientClosed.countDown();
          }
        };
    try (RawSocketServer server = RawSocketServer.start(script)) {
      HttpFetcher fetcher = fetcher();
      fetcher.fetchBytes(server.uri("/1"), 100);

      fetcher.close();

      assertTrue(clientClosed.await(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void fetchingStartsNoThread() throws Exception {
    try (RawSocketServer server = RawSocketServer.start(echoPathKeepAlive())) {
      java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
      try (HttpFetcher fetcher = fetcher()) {
        for (int i = 0; i < 3; i++) {
          fetcher.fetchBytes(server.uri("/f" + i), 100);
        }
        List<String> started =
            Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && !t.getName().startsWith("raw-server-"))
                .map(Thread::getName)
                .toList();
        assertEquals(List.of(), started, "the fetches ran on the calling thread alone");
      }
    }
  }

  // ---- HTTPS: interrupts, stalls and tunnels. ----

  @Test
  void interruptingAThreadReadingAnHttpsBodyAbortsTheFetch() throws Exception {
    TestCa ca = TestCa.create();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstBytes = new CountDownLatch(1);
    try (TestServer server = TestServer.https(ca.serverSslContext());
        HttpFetcher fetcher =
            TestFetchers.fast()
                .readTimeout(Duration.ofSeconds(20))
                .sslContext(ca.clientSslContext())
                .build()) {
      server.override("/stall", stallAfter(1000, 100_000, release));
      OutputStream sink = TestFetchers.signalling(firstBytes);

      TestFetchers.Interrupted ended =
          TestFetchers.interruptedOnce(
              firstBytes, () -> fetcher.fetch(server.uri("/stall"), 100_000, sink));
      release.countDown();

      assertInstanceOf(NetworkException.class, ended.failure());
      assertTrue(ended.failure().getMessage().contains("interrupted"), ended.failure().getMessage());
      assertTrue(ended.stillInterrupted(), "the interrupt status must be kept");
    }
  }

  @Test
  void theRateFloorEndsAStalledHttpsBody() throws Exception {
    TestCa ca = TestCa.create();
    CountDownLatch release = new CountDownLatch(1);
    try (TestServer server = TestServer.https(ca.serverSslContext());
        HttpFetcher fetcher =
            TestFetchers.fast()
                .readTimeout(Duration.ofSeconds(20))
                .minimumRate(10_000, Duration.ofMillis(300))
                .sslContext(ca.clientSslContext())
                .build()) {
      server.override("/stall", stallAfter(1000, 100_000, release));
      long start = System.nanoTime();
      SlowRetrievalException e =
          assertThrows(
              SlowRetrievalException.class,
              () -> fetcher.fetch(server.uri("/stall"), 100_000, OutputStream.nullOutputStream()));
      long ms = (System.nanoTime() - start) / 1_000_000;
      release.countDown();

      assertTrue(e.getMessage().contains("bytes in the last window"), e.getMessage());
      assertTrue(ms < 5_000, "ended after " + ms + " ms, not by the 300 ms rate window");
    }
  }

  @Test
  void httpsGoesThroughAProxyTunnel() throws Exception {
    TestCa ca = TestCa.create();
    byte[] body = HttpFetcherTest.randomBytes(20_000, 5);
    try (TestServer server = TestServer.https(ca.serverSslContext());
        TunnelProxy proxy = TunnelProxy.to(server.port());
        HttpFetcher fetcher =
            TestFetchers.fast().proxy(proxy.selector()).sslContext(ca.clientSslContext()).build()) {
      server.put("/1.root.json", body);

      assertArrayEquals(body, fetcher.fetchBytes(server.uri("/1.root.json"), 100_000));
      assertArrayEquals(body, fetcher.fetchBytes(server.uri("/1.root.json"), 100_000));

      String authority = "127.0.0.1:" + server.port();
      // One tunnel for both fetches; the origin sees the real requests inside it.
      assertEquals(1, proxy.heads().size());
      assertTrue(
          proxy.heads().get(0).startsWith("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority),
          proxy.heads().get(0));
      assertEquals(List.of("GET /1.root.json", "GET /1.root.json"), server.requestLines());
    }
  }

  @Test
  void aProxyRefusingTheTunnelIsANetworkErrorWithoutRetry() {
    try (TunnelProxy proxy = TunnelProxy.refusing(407);
        HttpFetcher fetcher = TestFetchers.fast().proxy(proxy.selector()).build()) {
      NetworkException e =
          assertThrows(
              NetworkException.class,
              () -> fetcher.fetchBytes(java.net.URI.create("https://repo.example.invalid/x"), 100));
      assertTrue(e.getMessage().contains("407"), e.getMessage());
      assertEquals(1, proxy.heads().size());
    }
  }

  /** Sends the head and {@code sent} of {@code declared} bytes, then waits for {@code release}. */
  private static com.sun.net.httpserver.HttpHandler stallAfter(
      int sent, int declared, CountDownLatch release) {
    return exchange -> {
      exchange.sendResponseHeaders(200, declared);
      OutputStream out = exchange.getResponseBody();
      out.write(new byte[sent]);
      out.flush();
      try {
        release.await(TestServer.MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    };
  }
}
