package dev.tuf4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.testing.RepositorySimulator;
import dev.tuf4j.testing.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An updater given no fetcher makes one HTTP client of its own, and close() releases it. */
@Timeout(60)
class UpdaterOwnFetcherTest {
  private static final byte[] WHEEL = "a wheel".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;
  private TestServer server;
  private RepositorySimulator repo;

  @BeforeEach
  void start() {
    server = TestServer.http();
    repo = new RepositorySimulator();
    repo.addTarget("targets", "packages/a.whl", WHEEL);
    repo.updateTargets("targets");
    repo.publishTo(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Updater.Builder builder() throws Exception {
    Path md = Files.createDirectories(tmp.resolve("md"));
    Files.write(md.resolve("root.json"), repo.signedRoots.get(0));
    return Updater.builder()
        .metadataBaseUrl(URI.create(server.baseUri() + "metadata/"))
        .targetBaseUrl(URI.create(server.baseUri() + "targets/"))
        .metadataDir(md)
        .targetDir(tmp.resolve("td"));
  }

  @Test
  void metadataIsFetchedWithGzipAndTargetsWithout() throws Exception {
    try (Updater u = builder().build()) {
      TargetFile info = u.targetInfo("packages/a.whl").orElseThrow();
      assertArrayEquals(WHEEL, Files.readAllBytes(u.download(info)));
    }
    List<TestServer.RecordedRequest> requests = server.requests();
    for (TestServer.RecordedRequest r : requests) {
      assertEquals(r.path().startsWith("/targets/") ? "identity" : "gzip", r.header("Accept-Encoding"), r.line());
    }
    assertEquals("/targets/", requests.get(requests.size() - 1).path().substring(0, "/targets/".length()));
  }

  @Test
  void aClosedUpdaterFetchesNothingMore() throws Exception {
    Updater u = builder().build();
    u.refresh();
    u.close();
    u.close(); // idempotent
    server.clearRequests();
    assertThrows(IllegalStateException.class, u::refresh);
    assertEquals(List.of(), server.requests());
  }

  @Test
  void closingAnUpdaterLeavesAGivenFetcherOpen() throws Exception {
    try (HttpFetcher mine = HttpFetcher.create()) {
      Updater u = builder().fetcher(mine).build();
      u.close();
      byte[] timestamp = mine.fetchBytes(URI.create(server.baseUri() + "metadata/timestamp.json"), 100_000);
      assertEquals(repo.metadataBytes("timestamp").length, timestamp.length);
    }
  }
}
