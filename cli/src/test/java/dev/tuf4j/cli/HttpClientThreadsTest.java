package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tuf4j.client.HttpFetcher;
import dev.tuf4j.testing.TestServer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HttpClientThreadsTest {
  @Test
  void theSelectorThreadOfANewHttpClientIsFoundAndStopped() throws Exception {
    Set<Thread> before = HttpClientThreads.selectors();
    try (TestServer server = TestServer.http();
        HttpFetcher fetcher = HttpFetcher.builder().sslContext(new NoTlsContext()).build()) {
      Set<Thread> created = new HashSet<>(HttpClientThreads.selectors());
      created.removeAll(before);
      assertEquals(1, created.size(), "one selector thread per HTTP client: " + created);
      server.put("/x", new byte[] {7});
      assertArrayEquals(new byte[] {7}, fetcher.fetchBytes(server.uri("/x"), 10));

      HttpClientThreads.stop(created);
      for (Thread t : created) {
        assertFalse(t.isAlive(), t.getName() + " still runs");
      }
    }
  }

  @Test
  void anotherClientKeepsWorkingWhenOneClientsThreadIsStopped() throws Exception {
    try (TestServer server = TestServer.http();
        HttpFetcher other = HttpFetcher.builder().sslContext(new NoTlsContext()).build()) {
      server.put("/x", new byte[] {7});
      Set<Thread> before = HttpClientThreads.selectors();
      try (HttpFetcher mine = HttpFetcher.builder().sslContext(new NoTlsContext()).build()) {
        Set<Thread> created = new HashSet<>(HttpClientThreads.selectors());
        created.removeAll(before);
        HttpClientThreads.stop(created);
      }
      assertArrayEquals(new byte[] {7}, other.fetchBytes(server.uri("/x"), 10));
    }
  }
}
