package dev.tuf4j.client.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.HttpStatusException;
import dev.tuf4j.NetworkException;
import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.testing.RawSocketServer;
import dev.tuf4j.testing.TestCa;
import dev.tuf4j.testing.TestServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Redirects: followed within the origin, refused across origins unless allowed, bounded. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpFetcherRedirectTest {
  private TestServer server;
  private TestServer other;
  private HttpFetcher fetcher;

  @BeforeEach
  void start() {
    server = TestServer.http();
    other = TestServer.http(); // another port: another origin
    fetcher = TestFetchers.fast().build();
  }

  @AfterEach
  void stop() {
    fetcher.close();
    server.close();
    other.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void followsARedirectWithinTheOrigin(int status) throws Exception {
    byte[] body = HttpFetcherTest.randomBytes(1000, status);
    server.put("/new/root.json", body);
    server.override("/root.json", TestServer.redirect(status, "/new/root.json"));

    assertArrayEquals(body, fetcher.fetchBytes(server.uri("/root.json"), 10_000));
    assertEquals(List.of("GET /root.json", "GET /new/root.json"), server.requestLines());
  }

  @Test
  void resolvesARelativeLocationAgainstTheRequest() throws Exception {
    server.put("/a/c.json", new byte[] {1});
    server.override("/a/b.json", TestServer.redirect(302, "c.json"));

    assertArrayEquals(new byte[] {1}, fetcher.fetchBytes(server.uri("/a/b.json"), 10));
  }

  @Test
  void followsAnAbsoluteLocationWithinTheOrigin() throws Exception {
    server.put("/there", new byte[] {2});
    server.override("/here", TestServer.redirect(301, server.uri("/there").toString()));

    assertArrayEquals(new byte[] {2}, fetcher.fetchBytes(server.uri("/here"), 10));
  }

  @Test
  void refusesARedirectToAnotherOriginByDefault() {
    other.put("/evil.json", new byte[] {3});
    server.override("/root.json", TestServer.redirect(302, other.uri("/evil.json").toString()));

    NetworkException e =
        assertThrows(
            NetworkException.class, () -> fetcher.fetchBytes(server.uri("/root.json"), 10));

    assertTrue(e.getMessage().contains("another origin"), e.getMessage());
    assertEquals(0, other.requests().size());
    assertEquals(1, server.requests().size());
  }

  @Test
  void followsARedirectToAnotherOriginWhenAllowed() throws Exception {
    other.put("/mirror/root.json", new byte[] {4});
    server.override(
        "/root.json", TestServer.redirect(302, other.uri("/mirror/root.json").toString()));

    try (HttpFetcher open = TestFetchers.fast().allowCrossOriginRedirects(true).build()) {
      assertArrayEquals(new byte[] {4}, open.fetchBytes(server.uri("/root.json"), 10));
    }
    assertEquals(List.of("GET /mirror/root.json"), other.requestLines());
  }

  @Test
  void neverFollowsHttpsToPlainHttpEvenWhenCrossOriginIsAllowed() {
    TestCa ca = TestCa.create();
    other.put("/root.json", new byte[] {5});
    try (TestServer secure = TestServer.https(ca.serverSslContext());
        HttpFetcher open =
            TestFetchers.fast()
                .allowCrossOriginRedirects(true)
                .sslContext(ca.clientSslContext())
                .build()) {
      secure.override("/root.json", TestServer.redirect(302, other.uri("/root.json").toString()));

      NetworkException e =
          assertThrows(NetworkException.class, () -> open.fetchBytes(secure.uri("/root.json"), 10));

      assertTrue(e.getMessage().contains("HTTPS to plain HTTP"), e.getMessage());
      assertEquals(1, secure.requests().size());
    }
    assertEquals(0, other.requests().size());
  }

  @Test
  void detectsARedirectLoop() {
    server.override("/a", TestServer.redirect(302, "/b"));
    server.override("/b", TestServer.redirect(302, "/a"));

    NetworkException e =
        assertThrows(NetworkException.class, () -> fetcher.fetchBytes(server.uri("/a"), 10));

    assertTrue(e.getMessage().contains("redirect loop"), e.getMessage());
    assertEquals(List.of("GET /a", "GET /b"), server.requestLines());
  }

  @Test
  void stopsAfterTheRedirectLimit() {
    for (int i = 0; i < 10; i++) {
      server.override("/r" + i, TestServer.redirect(307, "/r" + (i + 1)));
    }
    try (HttpFetcher limited = TestFetchers.fast().maxRedirects(3).build()) {
      NetworkException e =
          assertThrows(NetworkException.class, () -> limited.fetchBytes(server.uri("/r0"), 10));
      assertTrue(e.getMessage().contains("too many redirects"), e.getMessage());
    }
    assertEquals(List.of("GET /r0", "GET /r1", "GET /r2", "GET /r3"), server.requestLines());
  }

  @Test
  void followsNoRedirectWhenTheLimitIsZero() {
    server.put("/b", new byte[1]);
    server.override("/a", TestServer.redirect(302, "/b"));
    try (HttpFetcher none = TestFetchers.fast().maxRedirects(0).build()) {
      assertThrows(NetworkException.class, () -> none.fetchBytes(server.uri("/a"), 10));
    }
    assertEquals(List.of("GET /a"), server.requestLines());
  }

  @Test
  void aRedirectWithoutLocationIsAStatusError() {
    server.override("/a", TestServer.status(302));

    HttpStatusException e =
        assertThrows(HttpStatusException.class, () -> fetcher.fetchBytes(server.uri("/a"), 10));
    assertEquals(302, e.status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:99999/x", "http://127.0.0.1:0/x", "http://127.0.0.1:65536/x"})
  void aRedirectToAPortNoConnectionCanHaveIsRefused(String location) {
    try (RawSocketServer raw = RawSocketServer.start(RawSocketServer.redirect(302, location));
        HttpFetcher crossOrigin = TestFetchers.fast().allowCrossOriginRedirects(true).build()) {
      NetworkException e =
          assertThrows(NetworkException.class, () -> crossOrigin.fetchBytes(raw.uri("/a"), 100));
      assertTrue(e.getMessage().contains("unsupported location"), e.getMessage());
      assertEquals(1, raw.requests().size());
    }
  }

  @Test
  void aRedirectToAnotherSchemeIsRefused() {
    server.override("/a", TestServer.redirect(302, "ftp://127.0.0.1/a"));

    NetworkException e =
        assertThrows(NetworkException.class, () -> fetcher.fetchBytes(server.uri("/a"), 10));
    assertTrue(e.getMessage().contains("unsupported location"), e.getMessage());
  }

  @Test
  void aStatusAfterARedirectNamesTheUriThatAnswered() {
    server.override("/2.root.json", TestServer.redirect(302, "/moved/2.root.json"));

    HttpStatusException e =
        assertThrows(
            HttpStatusException.class, () -> fetcher.fetchBytes(server.uri("/2.root.json"), 10));

    assertTrue(e.isNotFound());
    assertEquals(server.uri("/moved/2.root.json"), e.uri());
  }

  @Test
  void aRawRedirectToItselfIsALoop() {
    try (RawSocketServer raw = RawSocketServer.start(RawSocketServer.redirect(301, "/x"))) {
      NetworkException e =
          assertThrows(NetworkException.class, () -> fetcher.fetchBytes(raw.uri("/x"), 10));
      assertTrue(e.getMessage().contains("redirect loop"), e.getMessage());
      assertEquals(1, raw.requests().size());
    }
  }
}
