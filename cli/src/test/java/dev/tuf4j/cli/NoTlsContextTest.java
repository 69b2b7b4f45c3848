package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tuf4j.DownloadException;
import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.testing.TestCa;
import dev.tuf4j.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The TLS context of plain-http runs: plain HTTP works, and TLS fails closed, never unchecked. */
@Timeout(30)
class NoTlsContextTest {
  private static HttpFetcher fetcher() {
    return HttpFetcher.builder().sslContext(new NoTlsContext()).retries(1, Duration.ZERO).build();
  }

  @Test
  void plainHttpWorks() throws Exception {
    byte[] body = "plain".getBytes(StandardCharsets.UTF_8);
    try (TestServer server = TestServer.http(); HttpFetcher f = fetcher()) {
      server.put("/x", body);
      assertArrayEquals(body, f.fetchBytes(server.uri("/x"), 100));
    }
  }

  @Test
  void anHttpsUrlFailsWithoutAnyRequestReachingTheServer() {
    try (TestServer server = TestServer.https(TestCa.create("no-tls test CA").serverSslContext());
        HttpFetcher f = fetcher()) {
      server.put("/x", new byte[] {1});
      assertThrows(DownloadException.class, () -> f.fetchBytes(server.uri("/x"), 100));
      assertEquals(List.of(), server.requestLines());
    }
  }

  @Test
  void aRedirectFromHttpToHttpsIsNotFollowed() {
    try (TestServer server = TestServer.http(); HttpFetcher f = fetcher()) {
      server.override("/x", TestServer.redirect(302, "https://127.0.0.1:" + server.port() + "/y"));
      assertThrows(DownloadException.class, () -> f.fetchBytes(server.uri("/x"), 100));
      assertEquals(List.of("GET /x"), server.requestLines());
    }
  }
}
